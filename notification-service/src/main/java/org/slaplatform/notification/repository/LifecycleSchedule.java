package org.slaplatform.notification.repository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.product.ProductChanged;
import org.slaplatform.notification.config.NotificationConfig;
import org.slaplatform.notification.domain.NoticeLead;
import org.slaplatform.policy.PolicyBook;
import org.slaplatform.runtime.time.Instants;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * ITC-LIFE-4: keeps the lifecycle notices' schedule in step with the products' dates (products.v1)
 * and the versions each account licenses (contracts.v1). Runs in the consumer's transaction. After
 * every change of a product or of an account's licences the schedule of that product or account is
 * reconciled: every future EOS, EOMS and EOL date of a licensed version has one SCHEDULED row due
 * the account's notice lead before it: the {@code noticeLead} of the policy version its contract names
 * (Infotecs: six months), else the service's {@code ahead} (six months). A scheduled row whose date is no
 * longer wanted (moved, or the version no longer licensed) is cancelled; one whose lead changed (a new
 * policy version) moves. Rows already PLANNED (sent) are never touched.
 */
@ApplicationScoped
public class LifecycleSchedule {

    private static final String WANTED = """
            select ap.account_id, pr.product_id, pr.version, m.milestone, m.on_date, ac.notice_lead
              from account_products ap
              join account_contracts ac on ac.account_id = ap.account_id
              join product_releases pr on pr.product_id = ap.product_id and (ap.version = '*' or ap.version = pr.version)
              cross join lateral (values ('EOS', pr.end_of_sales), ('EOMS', pr.end_of_mainstream_support),
                                         ('EOL', pr.end_of_life)) as m (milestone, on_date)
             where m.on_date is not null and m.on_date > :today and %s = :scope
            """;

    private final Clock clock;
    private final NotificationConfig config;
    private final PolicyBook policies;

    LifecycleSchedule(Clock clock, NotificationConfig config, PolicyBook policies) {
        this.clock = clock;
        this.config = config;
        this.policies = policies;
    }

    /**
     * A newer revision of a product replaces its releases; then its notices are rescheduled. As with
     * contracts, an older revision or the same one again changes nothing (DESIGN-2).
     */
    public Uni<Void> apply(ProductChanged product) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into products (product_id, name, revision) values (:product, :name, :revision)"
                        + " on conflict (product_id) do update set name = excluded.name, revision = excluded.revision"
                        + " where products.revision < excluded.revision")
                .setParameter("product", product.productId())
                .setParameter("name", product.name())
                .setParameter("revision", product.revision())
                .executeUpdate()
                .chain(updated -> updated == 0 ? Uni.createFrom().voidItem()
                        : session.createNativeQuery("delete from product_releases where product_id = :product")
                                .setParameter("product", product.productId()).executeUpdate()
                                .chain(() -> Multi.createFrom().iterable(product.releases())
                                        .filter(r -> r.version() != null)
                                        .onItem().transformToUniAndConcatenate(r -> session.createNativeQuery(
                                                "insert into product_releases (product_id, version, end_of_sales,"
                                                        + " end_of_mainstream_support, end_of_life)"
                                                        + " values (:product, :version, :eos, :eoms, :eol)"
                                                        + " on conflict do nothing")
                                                .setParameter("product", product.productId())
                                                .setParameter("version", r.version())
                                                .setParameter("eos", r.endOfSales())
                                                .setParameter("eoms", r.endOfMainstreamSupport())
                                                .setParameter("eol", r.endOfLife())
                                                .executeUpdate())
                                        .collect().asList())
                                .chain(() -> reconcile("pr.product_id", "product_id", product.productId()))));
    }

    /** One licensed product version of an account; {@code *} for every version. */
    private record Licence(String productId, String version) {
    }

    /**
     * The licensed products of a contract revision the contacts view took (a newer one); then the
     * account's notices are rescheduled. No version listed = every version of the product.
     */
    public Uni<Void> apply(ContractChanged contract) {
        // ITC-LIFE-4: the lead of the policy version the contract names (POL-3); none: the service's own
        Optional<Period> lead = NoticeLead.of(policies, contract.policy(), contract.policyVersion());
        return Panache.getSession().chain(session -> (lead.isPresent()
                ? session.createNativeQuery("update account_contracts set notice_lead = make_interval(0, :months, 0, :days)"
                        + " where account_id = :account")
                        .setParameter("months", (int) lead.get().toTotalMonths())
                        .setParameter("days", lead.get().getDays())
                : session.createNativeQuery("update account_contracts set notice_lead = null where account_id = :account"))
                .setParameter("account", contract.accountId()).executeUpdate()
                .chain(() -> session.createNativeQuery("delete from account_products where account_id = :account")
                        .setParameter("account", contract.accountId()).executeUpdate())
                .chain(() -> Multi.createFrom().iterable(contract.products())
                        .filter(p -> p.productId() != null)
                        .onItem().transformToMultiAndConcatenate(p -> Multi.createFrom().iterable(
                                p.versions() == null || p.versions().isEmpty() ? java.util.List.of("*") : p.versions())
                                .map(version -> new Licence(p.productId(), version)))
                        .onItem().transformToUniAndConcatenate(licence -> session.createNativeQuery(
                                "insert into account_products (account_id, product_id, version)"
                                        + " values (:account, :product, :version) on conflict do nothing")
                                .setParameter("account", contract.accountId())
                                .setParameter("product", licence.productId())
                                .setParameter("version", licence.version())
                                .executeUpdate())
                        .collect().asList())
                .chain(() -> reconcile("ap.account_id", "account_id", contract.accountId())));
    }

    private Uni<Void> reconcile(String wantedScope, String noticeScope, String scope) {
        LocalDate today = Instants.utc(clock.instant()).toLocalDate();
        String wanted = WANTED.formatted(wantedScope);
        String cancel = "update lifecycle_notices n set state = 'CANCELLED' where n.state = 'SCHEDULED' and n."
                + noticeScope + " = :scope and not exists (select 1 from (" + wanted + ") w"
                + " where w.account_id = n.account_id and w.product_id = n.product_id and w.version = n.version"
                + " and w.milestone = n.milestone and w.on_date = n.milestone_date)";
        // due at 00:00 UTC of the day the lead (six months) before the date: never less than the lead ahead
        String schedule = "insert into lifecycle_notices (id, account_id, product_id, version, milestone, milestone_date,"
                + " due_at) select gen_random_uuid(), w.account_id, w.product_id, w.version, w.milestone, w.on_date,"
                + " (w.on_date - coalesce(w.notice_lead, make_interval(0, :months, 0, :days))) at time zone 'UTC'"
                + " from (" + wanted + ") w"
                + " on conflict (account_id, product_id, version, milestone, milestone_date)"
                + " do update set state = 'SCHEDULED', due_at = excluded.due_at where lifecycle_notices.state <> 'PLANNED'";
        java.time.Period ahead = config.lifecycle().ahead();
        return Panache.getSession().chain(session -> session.createNativeQuery(cancel)
                .setParameter("today", today)
                .setParameter("scope", scope)
                .executeUpdate()
                .chain(() -> session.createNativeQuery(schedule)
                        .setParameter("today", today)
                        .setParameter("scope", scope)
                        .setParameter("months", (int) ahead.toTotalMonths())
                        .setParameter("days", ahead.getDays())
                        .executeUpdate()))
                .replaceWithVoid();
    }
}
