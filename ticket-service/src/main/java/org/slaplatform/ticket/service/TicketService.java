package org.slaplatform.ticket.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.TimeOrderedIds;
import org.slaplatform.events.claim.CreditClaimFiled;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;
import org.slaplatform.runtime.trace.TraceContext;
import org.slaplatform.ticket.config.ServiceName;
import org.slaplatform.ticket.domain.Category;
import org.slaplatform.ticket.domain.Channel;
import org.slaplatform.ticket.domain.EscalationLevel;
import org.slaplatform.ticket.domain.IntakeRules;
import org.slaplatform.ticket.domain.IntakeRulesCatalog;
import org.slaplatform.ticket.domain.TicketLifecycle;
import org.slaplatform.ticket.mapping.FeedbackRequest;
import org.slaplatform.ticket.mapping.NewTicket;
import org.slaplatform.ticket.repository.Contract;
import org.slaplatform.ticket.repository.ContractRepository;
import org.slaplatform.ticket.repository.Ticket;
import org.slaplatform.ticket.repository.TicketHistoryEntry;
import org.slaplatform.ticket.repository.TicketRepository;
import org.slaplatform.ticket.repository.TicketRepository.NewTicketRows;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Ticket intake from every channel (IS-TKT-1): the account's contract decides the policy the ticket
 * lives under (POL-3) and what it is entitled to (IS-TKT-5, ITC-TKT-6); the ticket, its first audit
 * line, its quota unit and its events are written in one transaction.
 */
@ApplicationScoped
public class TicketService {

    private static final Logger LOG = Logger.getLogger(TicketService.class);

    private final Pool pool;
    private final TicketRepository tickets;
    private final ContractRepository contracts;
    private final IntakeRulesCatalog rules;
    private final EntitlementChecks entitlements;
    private final AccountScope scope;
    private final Clock clock;
    private final GroupCommit groupCommit;

    TicketService(Pool pool, TicketRepository tickets, ContractRepository contracts, IntakeRulesCatalog rules,
            EntitlementChecks entitlements, AccountScope scope, Clock clock, GroupCommit groupCommit) {
        this.pool = pool;
        this.groupCommit = groupCommit;
        this.tickets = tickets;
        this.contracts = contracts;
        this.rules = rules;
        this.entitlements = entitlements;
        this.scope = scope;
        this.clock = clock;
    }

    /** Files a ticket through the API for the caller's account (or the one an agent, admin or partner names). */
    public Uni<Ticket> create(NewTicket request, Caller caller) {
        String createdBy = caller.name();
        return scope.accountForWrite(caller, request.accountId())
                .chain(accountId -> file(new Intake(accountId,
                        request.subject(), request.description(), request.severity(),
                        request.category() == null ? Category.DEFECT : request.category(), request.priority(),
                        request.risk(), request.productId(), request.version(), null, Channel.API, createdBy,
                        request.platform(), caller.actsForAnyAccount(), List.of(), request.notCoveredTopics(),
                        forPartner(caller, accountId))));
    }

    /** IS-TKT-1 Feedback button: the instance's product, version and environment are attached from the contract. */
    public Uni<Ticket> feedback(FeedbackRequest request, Caller caller) {
        String createdBy = caller.name();
        return scope.accountForWrite(caller, request.accountId())
                .chain(accountId -> file(new Intake(accountId,
                        request.subject(), request.description(),
                        request.severity(), Category.DEFECT, null, null, null, null, request.instanceId(),
                        Channel.FEEDBACK, createdBy, null, caller.actsForAnyAccount(), List.of(), List.of(),
                        forPartner(caller, accountId))));
    }

    /** INF-TKT-8: a partner acting for a customer's account that names it, not for its own organisation. */
    private static boolean forPartner(Caller caller, String accountId) {
        return caller.hasRole(Roles.PARTNER) && !caller.actsForAnyAccount()
                && !caller.account().map(accountId::equals).orElse(false);
    }

    /**
     * The severity a mail that names none gets under a policy with no severity scale (no default to
     * take). Under a policy with a scale, email and Feedback take the policy's default level (IS-TKT-2,
     * {@code entitlements.intake.defaultSeverity}, else the least severe); support may change either
     * (SLA-4 recomputes the targets).
     */
    public static final int DEFAULT_SEVERITY = 3;

    /**
     * Files an intake whose account is already known, on {@code connection}, which must hold a
     * transaction: intake runs on the reactive SQL client without a Hibernate session, as a few
     * statements (contract, quota when the plan has one, ticket with its audit line, outbox).
     */
    public Uni<Ticket> file(SqlConnection connection, Intake intake) {
        return contracts.forIntake(connection, intake.accountId())
                .chain(contract -> decide(connection, contract, intake))
                .chain(rows -> tickets.insertNew(connection, rows.ticket(), rows.first(), rows.events())
                        .replaceWith(filed(rows)));
    }

    /**
     * Files an intake of the API or the Feedback button on a connection of its own. Where the plan
     * has a quota, the unit and the ticket are written in one transaction (ITC-TKT-6: a refused or
     * failed intake gives its unit back); otherwise the only write is the one statement of
     * {@link TicketRepository#insertAll}, atomic on its own, and no explicit transaction is needed:
     * the reads before it (contract, releases, platforms) see committed data either way. That write
     * goes through the {@link GroupCommit}, after the reads' connection went back to the pool, so
     * that concurrent intakes share one statement and one commit.
     */
    private Uni<Ticket> file(Intake intake) {
        return pool.withConnection(connection -> contracts.forIntake(connection, intake.accountId()).chain(contract -> {
            if (contract == null || !takesQuotaUnit(contract)) {
                return decide(connection, contract, intake).map(rows -> new Decided(rows, false));
            }
            // deferred, so that a refusal thrown while filing still rolls the transaction back
            return connection.begin().chain(transaction -> Uni.createFrom().deferred(() -> decide(connection, contract, intake))
                    .call(rows -> tickets.insertNew(connection, rows.ticket(), rows.first(), rows.events()))
                    .call(transaction::commit)
                    .onFailure().call(failure -> transaction.rollback().onFailure().recoverWithNull()))
                    .map(rows -> new Decided(rows, true));
        })).chain(decided -> decided.written() ? Uni.createFrom().item(filed(decided.rows()))
                : groupCommit.write(decided.rows()).replaceWith(() -> filed(decided.rows())));
    }

    /** An intake's rows, and whether they are written already (in the quota unit's transaction). */
    private record Decided(NewTicketRows rows, boolean written) {
    }

    private static Ticket filed(NewTicketRows rows) {
        Ticket ticket = rows.ticket();
        LOG.infof("ticket %s filed for account %s, severity %d, by %s, flags %s", ticket.id, ticket.accountId,
                ticket.severity, ticket.channel, ticket.flags);
        return ticket;
    }

    private boolean takesQuotaUnit(Contract contract) {
        IntakeRules policy = policyForNewTicket(contract, clock.instant());
        // a credit claim takes no unit, but whether the intake is one is only known after complete(): it
        // just runs in a transaction it does not need
        return policy.plan(contract.plan).map(plan -> plan.quota() != null && plan.quota().atIntake()).orElse(true);
    }

    /** The entitlement checks (and the quota unit, on the connection's transaction) and the rows to write. */
    private Uni<NewTicketRows> decide(SqlConnection connection, Contract contract, Intake intake) {
        if (contract == null) {
            throw EntitlementChecks.refusal("no-valid-agreement", "account " + intake.accountId() + " has no contract");
        }
        // PostgreSQL keeps microseconds: the API and the event show what is stored.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of(contract.timeZone));
        // POL-3: the ticket lives under the policy version in force when it is filed, for its whole life
        IntakeRules policy = policyForNewTicket(contract, now);
        checkChannel(intake, policy);
        checkPartner(intake, policy);
        Intake effective = complete(intake, contract, policy);
        return entitlements.decide(connection, contract, policy, effective, today)
                .map(decision -> rows(effective, contract, policy.version(), decision, now));
    }

    /**
     * IS-TKT-1: the policy's {@code intake.channels} decide which channels are open. The API serves
     * the portal and the API; a policy that offers phone support but neither lets support (an agent or
     * admin) file the call through the API, not the customer. A policy that names no channels
     * restricts none.
     */
    private static void checkChannel(Intake intake, IntakeRules policy) {
        IntakeRules.Channels channels = policy.channels();
        boolean open = switch (intake.channel()) {
            case API -> channels.offers("api") || channels.offers("portal") || intake.bySupport() && channels.offers("phone");
            case EMAIL -> channels.offers("email");
            case FEEDBACK -> channels.offers("feedback");
        };
        if (!open) {
            throw EntitlementChecks.refusal("channel-not-offered", "policy " + policy.policy() + " version "
                    + policy.version() + " does not offer the " + intake.channel().name().toLowerCase(Locale.ROOT)
                    + " channel" + (intake.channel() == Channel.API ? " to customers" : "") + "; it offers: "
                    + String.join(", ", channels.offered()));
        }
    }

    /**
     * INF-TKT-8 "Can our consultant enter support tickets on our behalf? Yes": a partner the contract names
     * files for the customer only where the policy's {@code entitlements.intake.partnersMayFile} allows it
     * (Inflectra); elsewhere (InfoStretch, Infotecs say no) the partner may follow the tickets but not file.
     */
    private static void checkPartner(Intake intake, IntakeRules policy) {
        if (intake.byPartner() && !policy.partnersMayFile()) {
            throw ProblemException.forbidden("policy " + policy.policy() + " version " + policy.version()
                    + " does not let partners file tickets for a customer (entitlements.intake.partnersMayFile);"
                    + " the customer or support files for account " + intake.accountId());
        }
    }

    /** Applies what the policy and contract decide about the request before any entitlement check. */
    private static Intake complete(Intake in, Contract contract, IntakeRules policy) {
        Category category = in.category();
        String marker = policy.claimSubjectMarker();
        boolean claim = marker != null && in.subject().toLowerCase(Locale.ROOT).contains(marker.toLowerCase(Locale.ROOT));
        if (claim) {
            category = Category.CREDIT_CLAIM; // QNT-TKT-10
        } else if (category == Category.CREDIT_CLAIM) {
            throw ProblemException.badRequest("category", marker == null
                    ? "policy " + policy.policy() + " takes no credit claims as tickets"
                    : "a credit claim's subject must hold \"" + marker + "\"");
        }
        // IS-TKT-2: a level of the policy's own scale; where the channel names none, the policy's default
        Integer severity = in.severity();
        if (severity == null) {
            // an email subject's [Sev2] / [Critical]: the first bracketed word the scale knows; a level off the
            // scale ([Sev4] under a three-level policy) is not refused: the default applies and support may change it
            severity = in.severityMarkers().stream().map(policy.severities()::named).flatMap(Optional::stream)
                    .findFirst().orElse(null);
        }
        if (severity == null && in.channel() == Channel.EMAIL && policy.severities().levels().isEmpty()) {
            severity = DEFAULT_SEVERITY; // no scale, no default: the platform's middle level, as before
        }
        if (severity == null) {
            severity = policy.severities().defaultLevel();
            if (severity == null) {
                throw ProblemException.badRequest("severity", "policy " + policy.policy() + " has no severity scale"
                        + " and so no default: name one");
            }
        }
        String severityRefusal = policy.severities().refusal(severity);
        if (severityRefusal != null) {
            throw ProblemException.badRequest("severity", severityRefusal + " (the scale of policy " + policy.policy()
                    + " version " + policy.version() + ")");
        }
        checkTriage("priority", in.priority(), category, policy);
        checkTriage("risk", in.risk(), category, policy);
        String productId = in.productId();
        String version = in.version();
        String platform = in.platform();
        var terms = AccountService.termsOf(contract);
        if (in.instanceId() != null) {
            // the Feedback button: the instance's product, version and platform, attached from the contract
            var instance = terms.instance(in.instanceId()).orElseThrow(
                    () -> ProblemException.badRequest("instanceId", "not an instance of account " + contract.accountId));
            productId = instance.productId();
            version = instance.version();
            platform = instance.platform();
        }
        if (productId == null && category != Category.CREDIT_CLAIM) {
            // IS-TKT-5: a contract that licenses exactly one product says what an unnamed ticket is about, so
            // licence, version and platform are checked against it (docs/policies.md)
            productId = terms.onlyLicensedProduct().orElse(null);
        }
        if (version != null && productId == null) {
            throw ProblemException.badRequest("productId", "must be given with a version (the contract licenses "
                    + (terms.products().isEmpty() ? "no product" : "several products") + ")");
        }
        if (platform != null && productId == null) {
            // IS-TKT-5: a platform is supported by a product; without one there is nothing to judge it against
            throw ProblemException.badRequest("platform", "must be given with a productId");
        }
        return new Intake(in.accountId(), in.subject().strip(), in.description() == null ? "" : in.description(),
                severity, category, in.priority(), in.risk(), productId, version, in.instanceId(), in.channel(),
                in.createdBy(), platform, in.bySupport(), List.of(), in.topics());
    }

    /** INF-TKT-3: defects only, and only on a scale the policy defines. */
    private static void checkTriage(String scale, String value, Category category, IntakeRules policy) {
        if (value == null) {
            return;
        }
        if (category != Category.DEFECT) {
            throw ProblemException.badRequest(scale, "only defects carry a " + scale);
        }
        List<String> values = policy.triage().get(scale);
        if (values == null) {
            throw ProblemException.badRequest(scale, "policy " + policy.policy() + " rates no " + scale);
        }
        if (!values.contains(value)) {
            throw ProblemException.badRequest(scale, "must be one of " + values);
        }
    }

    /** POL-3: the version a ticket filed at {@code now} begins under (the filing day in the contract's zone). */
    private IntakeRules policyForNewTicket(Contract contract, Instant now) {
        return rules.forNewTicket(contract.policy, contract.policyVersion, contract.plan,
                LocalDate.ofInstant(now, ZoneId.of(contract.timeZone)));
    }

    private static NewTicketRows rows(Intake in, Contract contract, int policyVersion, EntitlementChecks.Decision decision,
            Instant now) {
        Ticket ticket = new Ticket();
        ticket.id = TimeOrderedIds.next();
        ticket.accountId = in.accountId();
        ticket.subject = in.subject();
        ticket.description = in.description();
        ticket.severity = in.severity().shortValue();
        ticket.state = TicketLifecycle.NEW;
        ticket.channel = in.channel();
        ticket.category = in.category();
        ticket.priority = in.priority();
        ticket.risk = in.risk();
        ticket.policy = contract.policy;
        ticket.policyVersion = policyVersion;
        ticket.plan = contract.plan;
        ticket.timeZone = contract.timeZone;
        ticket.productId = in.productId();
        ticket.version = in.version();
        ticket.instanceId = in.instanceId();
        ticket.platform = in.platform();
        if (in.instanceId() != null) {
            ticket.environment = AccountService.termsOf(contract).instance(in.instanceId()).map(i -> i.environment())
                    .orElse(null);
        }
        ticket.flags = String.join(",", decision.flags());
        if (ticket.category == Category.DEFECT && decision.flags().contains(EntitlementChecks.EXTENDED_SUPPORT)) {
            // ITC-LIFE-3: the agreement's price per fix on the day of filing; charged while flagged chargeable
            ticket.fixPrice = AccountService.termsOf(contract).extendedSupportFixPrice();
            ticket.fixCurrency = ticket.fixPrice == null ? null : contract.currency;
        }
        ticket.quotaYear = decision.quotaYear();
        ticket.escalationLevel = EscalationLevel.SUPPORT;
        ticket.createdBy = in.createdBy();
        ticket.createdAt = now;
        ticket.updatedAt = now;
        TicketCreated created = new TicketCreated(ticket.id, ticket.accountId, ticket.severity, ticket.subject,
                ticket.channel.name(), now, ticket.category.name(), ticket.policy, ticket.policyVersion, ticket.plan,
                ticket.timeZone, decision.flags());
        List<EventEnvelope<?>> events = new ArrayList<>();
        events.add(EventEnvelope.of(EventTypes.TICKET_CREATED, ServiceName.VALUE, ticket.id.toString(), now, created));
        if (ticket.category == Category.CREDIT_CLAIM) {
            events.add(EventEnvelope.of(EventTypes.CREDIT_CLAIM_FILED, ServiceName.VALUE, ticket.accountId, now,
                    new CreditClaimFiled(ticket.id, ticket.id, ticket.accountId, ticket.policy, ticket.policyVersion,
                            ticket.subject, ticket.description, ticket.instanceId, ticket.channel.name(), now)));
        }
        // the request's trace, taken here: a group commit writes these rows on another request's context
        events.replaceAll(event -> event.withTraceparent(TraceContext.current()));
        TicketHistoryEntry first = TicketHistoryEntry.of(ticket.id, now, ticket.createdBy,
                TicketHistoryEntry.Kind.CREATED, null, TicketLifecycle.NEW.name(),
                decision.flags().isEmpty() ? null : "accepted with " + decision.flags()
                        + (decision.reasons().isEmpty() ? "" : "; " + String.join("; ", decision.reasons())));
        return new NewTicketRows(ticket, first, events);
    }
}
