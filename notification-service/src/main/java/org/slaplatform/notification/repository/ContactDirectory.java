package org.slaplatform.notification.repository;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.runtime.db.SessionSql;
import org.slaplatform.runtime.time.Instants;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The contacts view: who the support, account-manager and executive contacts of each account are. */
@ApplicationScoped
public class ContactDirectory {

    /** Email addresses of the account's contacts in these roles. Runs in the caller's session. */
    public Uni<List<String>> emails(String accountId, Collection<String> roles) {
        if (roles.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(session -> SessionSql.column(session,
                "select email from account_contacts where account_id = $1 and role = any($2::text[]) order by role, email",
                String.class, accountId, roles.toArray(String[]::new)));
    }

    /** Whether {@code email} (lower case) is a contact of the account in any role. Runs in the caller's session. */
    public Uni<Boolean> isContact(String accountId, String email) {
        return Panache.getSession().chain(session -> SessionSql.anyCounted(session,
                "select count(*) from account_contacts where account_id = $1 and email = $2", accountId, email));
    }

    /** One contact of an account: its role and email address. */
    public record Contact(String accountId, String role, String email) {
    }

    /** Every contact of these accounts, ordered by account, role and email. Runs in the caller's session. */
    public Uni<List<Contact>> contactsOf(Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select account_id, role, email from account_contacts where account_id in (:accounts)"
                        + " order by account_id, role, email", Tuple.class)
                .setParameter("accounts", accountIds)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new Contact(r.get("account_id", String.class),
                        r.get("role", String.class), r.get("email", String.class))).toList());
    }

    /**
     * Applies one contract revision to the account's contacts. The contacts, this service's contract
     * view, are replaced only by a strictly newer revision; an older revision or the same one again
     * changes nothing (DESIGN-2). Runs in the consumer's transaction; the row lock of the upsert orders
     * concurrent revisions of one account.
     */
    public Uni<Boolean> apply(ContractChanged contract) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into account_contracts (account_id, revision, changed_at)"
                        + " values (:account, :revision, :changedAt)"
                        + " on conflict (account_id) do update set revision = excluded.revision,"
                        + " changed_at = excluded.changed_at where account_contracts.revision < excluded.revision")
                .setParameter("account", contract.accountId())
                .setParameter("revision", contract.revision())
                .setParameter("changedAt", Instants.utc(contract.changedAt()))
                .executeUpdate()
                .chain(updated -> updated == 0 ? Uni.createFrom().item(false)
                        : session.createNativeQuery("delete from account_contacts where account_id = :account")
                                .setParameter("account", contract.accountId()).executeUpdate()
                                .chain(() -> Multi.createFrom().iterable(contract.contacts())
                                        .filter(c -> c.email() != null && !c.email().isBlank() && c.role() != null)
                                        .onItem().transformToUniAndConcatenate(c -> session.createNativeQuery(
                                                "insert into account_contacts (account_id, role, name, email)"
                                                        + " values (:account, :role, :name, :email) on conflict do nothing")
                                                .setParameter("account", contract.accountId())
                                                .setParameter("role", c.role().toUpperCase(Locale.ROOT))
                                                .setParameter("name", c.name())
                                                .setParameter("email", c.email().trim().toLowerCase(Locale.ROOT))
                                                .executeUpdate())
                                        .collect().asList())
                                // Becoming a contact vouches for an address as confirming does (double
                                // opt-in): a subscription made before the contract arrived stops waiting.
                                .chain(() -> session.createNativeQuery("update subscriptions set confirmed_at = :at,"
                                        + " confirm_token_hash = null, confirm_expires_at = null"
                                        + " where account_id = :account and channel = 'EMAIL' and confirmed_at is null"
                                        + " and lower(address) in (select email from account_contacts where account_id = :account)")
                                        .setParameter("at", Instants.utc(contract.changedAt()))
                                        .setParameter("account", contract.accountId()).executeUpdate())
                                .replaceWith(true)));
    }
}
