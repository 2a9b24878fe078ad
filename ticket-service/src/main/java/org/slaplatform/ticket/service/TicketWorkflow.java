package org.slaplatform.ticket.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.ticket.FeatureRequestAnswered;
import org.slaplatform.events.ticket.TicketEscalated;
import org.slaplatform.events.ticket.TicketSeverityChanged;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.runtime.problem.Problem;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.ticket.config.ServiceName;
import org.slaplatform.ticket.domain.Category;
import org.slaplatform.ticket.domain.EscalationLevel;
import org.slaplatform.ticket.domain.IntakeRules;
import org.slaplatform.ticket.domain.IntakeRulesCatalog;
import org.slaplatform.ticket.domain.TicketLifecycle;
import org.slaplatform.ticket.mapping.FeatureAnswerRequest;
import org.slaplatform.ticket.repository.ContractRepository;
import org.slaplatform.ticket.repository.Ticket;
import org.slaplatform.ticket.repository.TicketHistoryEntry;
import org.slaplatform.ticket.repository.TicketHistoryRepository;
import org.slaplatform.ticket.repository.TicketRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Everything that happens to a ticket after intake: TKT-4 transitions, severity changes (IS-TKT-2),
 * escalation (INF-TKT-7), feature-request answers (IS-TKT-9). Each change locks the ticket's row,
 * writes an audit line and publishes an event in the same transaction, so the event history on
 * tickets.v1 is exactly the audit trail, in order (key = ticket id).
 */
@ApplicationScoped
public class TicketWorkflow {

    private final TicketRepository tickets;
    private final TicketHistoryRepository history;
    private final ContractRepository contracts;
    private final IntakeRulesCatalog rules;
    private final AccountScope scope;
    private final Outbox outbox;
    private final Clock clock;
    private final QuotaLedger quota;

    TicketWorkflow(TicketRepository tickets, TicketHistoryRepository history, ContractRepository contracts,
            IntakeRulesCatalog rules, AccountScope scope, Outbox outbox, Clock clock, QuotaLedger quota) {
        this.quota = quota;
        this.tickets = tickets;
        this.history = history;
        this.contracts = contracts;
        this.rules = rules;
        this.scope = scope;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** TKT-4: an illegal move is a 409 naming the current state; a customer's support-only move is a 403. */
    public Uni<Ticket> transition(UUID id, TicketLifecycle target, String note, Caller caller) {
        return Panache.withTransaction(() -> locked(id, caller).chain(ticket -> {
            TicketLifecycle from = ticket.state;
            if (!from.mayMoveTo(target)) {
                throw new ProblemException(Problem.of("illegal-transition", "Illegal transition", 409,
                        "ticket " + id + " is in state " + from + "; it cannot move to " + target + " (allowed: "
                                + from.next() + ")"));
            }
            if (!caller.actsForAnyAccount() && !from.customerMayMoveTo(target)) {
                throw ProblemException.forbidden("only support may move a ticket from " + from + " to " + target);
            }
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            ticket.state = target;
            ticket.updatedAt = now;
            TicketStateChanged event = new TicketStateChanged(ticket.id, ticket.accountId, ticket.policy,
                    ticket.policyVersion, from.name(), target.name(), from.isFinished() && !target.isFinished(),
                    ticket.severity, now, caller.name(), note);
            Uni<String> counted = target == TicketLifecycle.RESOLVED ? countResolution(ticket, now)
                    : Uni.createFrom().nullItem();
            return counted.chain(quotaNote -> record(ticket, now, caller, TicketHistoryEntry.Kind.STATE, from.name(),
                    target.name(), quotaNote == null ? note : note == null ? quotaNote : note + "; " + quotaNote,
                    EventEnvelope.of(EventTypes.TICKET_STATE_CHANGED, ServiceName.VALUE, ticket.id.toString(), now, event)));
        }));
    }

    /**
     * ITC-TKT-6 "Basic Support Plan includes resolving of up to 40 Tickets per year": under a quota that
     * {@code counts: resolved}, a ticket's first resolution takes a unit of the contract year holding
     * that day (in the ticket's time zone), in this transaction; beyond the quota the ticket is flagged
     * as the policy says (CHARGEABLE). A reopened ticket resolved again is not counted twice; credit
     * claims are not support requests and are never counted. Judged under the ticket's policy version
     * and plan (POL-3). Returns the audit note, or null when nothing was counted.
     */
    private Uni<String> countResolution(Ticket ticket, Instant now) {
        List<String> flags = ticket.flagList();
        if (ticket.category == Category.CREDIT_CLAIM || ticket.quotaYear != null || flags.contains(EntitlementChecks.CHARGEABLE)
                || flags.contains(EntitlementChecks.QUOTA_EXCEEDED)) {
            return Uni.createFrom().nullItem();
        }
        IntakeRules.Quota plan = rules.get(ticket.policy, ticket.policyVersion).plan(ticket.plan)
                .map(IntakeRules.PlanRules::quota).orElse(null);
        if (plan == null || plan.atIntake()) {
            return Uni.createFrom().nullItem();
        }
        LocalDate day = LocalDate.ofInstant(now, ZoneId.of(ticket.timeZone));
        return contracts.findById(ticket.accountId).chain(contract -> Panache.getSession().chain(session -> quota
                .take(session, contract, plan, day).chain(taken -> {
                    LocalDate year = contract.contractYearStart(day);
                    String note;
                    if (taken) {
                        ticket.quotaYear = year;
                        note = "counted against the quota of the contract year from " + year;
                    } else {
                        String flag = plan.beyond() == IntakeRules.Quota.Beyond.FLAG ? EntitlementChecks.QUOTA_EXCEEDED
                                : EntitlementChecks.CHARGEABLE;
                        List<String> more = new ArrayList<>(flags);
                        more.add(flag);
                        ticket.flags = String.join(",", more);
                        note = "beyond the " + plan.tickets() + " resolved tickets of the contract year from " + year
                                + " (with any carried over): " + flag;
                    }
                    // written by statement: after the ledger's native statements the session does not see these
                    // two fields change (the entity was flushed before them)
                    return tickets.writeQuotaYearAndFlags(session, ticket).replaceWith(note);
                })));
    }

    /** IS-TKT-2: support may change the severity, saying why; the clocks recompute (SLA-4). */
    public Uni<Ticket> changeSeverity(UUID id, int severity, String reason, Caller caller) {
        return Panache.withTransaction(() -> locked(id, caller).chain(ticket -> {
            if (ticket.state.isFinished()) {
                throw ProblemException.conflict("ticket " + id + " is in state " + ticket.state
                        + "; its severity can no longer change");
            }
            // IS-TKT-2 on the scale of the policy version the ticket was filed under (POL-3)
            String refusal = rules.get(ticket.policy, ticket.policyVersion).severities().refusal(severity);
            if (refusal != null) {
                throw ProblemException.badRequest("severity", refusal + " (policy " + ticket.policy + " version "
                        + ticket.policyVersion + ")");
            }
            if (ticket.severity == severity) {
                return Uni.createFrom().item(ticket);
            }
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            int from = ticket.severity;
            ticket.severity = (short) severity;
            ticket.updatedAt = now;
            TicketSeverityChanged event = new TicketSeverityChanged(ticket.id, ticket.accountId, ticket.policy,
                    ticket.policyVersion, from, severity, ticket.state.name(), now, caller.name(), reason);
            String chargeNote = rejudgeExtendedSupportCharge(ticket, severity);
            String note = chargeNote == null ? reason : reason == null ? chargeNote : reason + "; " + chargeNote;
            Uni<Void> flagsWritten = chargeNote == null ? Uni.createFrom().voidItem()
                    : Panache.getSession().chain(session -> tickets.writeFlags(session, ticket));
            return flagsWritten.chain(() -> record(ticket, now, caller, TicketHistoryEntry.Kind.SEVERITY, String.valueOf(from),
                    String.valueOf(severity), note,
                    EventEnvelope.of(EventTypes.TICKET_SEVERITY_CHANGED, ServiceName.VALUE, ticket.id.toString(), now, event)));
        }));
    }

    /**
     * ITC-LIFE-3: a defect filed in extended support is chargeable unless its severity is fixed free; a
     * severity change decides again (support raising a bug to critical makes its fix free). Changes
     * {@code ticket.flags} and returns the audit note, or null when the charge does not change.
     */
    private String rejudgeExtendedSupportCharge(Ticket ticket, int severity) {
        List<String> flags = new ArrayList<>(ticket.flagList());
        if (ticket.category != Category.DEFECT || !flags.contains(EntitlementChecks.EXTENDED_SUPPORT)) {
            return null;
        }
        IntakeRules policy = rules.get(ticket.policy, ticket.policyVersion);
        boolean chargeable = !policy.fixedFreeInExtendedSupport(severity);
        if (chargeable == flags.contains(EntitlementChecks.EXTENDED_SUPPORT_CHARGEABLE)) {
            return null;
        }
        if (chargeable) {
            flags.add(EntitlementChecks.EXTENDED_SUPPORT_CHARGEABLE);
        } else {
            flags.remove(EntitlementChecks.EXTENDED_SUPPORT_CHARGEABLE);
        }
        ticket.flags = String.join(",", flags);
        return chargeable ? "ITC-LIFE-3: severity " + severity + " is not fixed free in extended support (free: "
                + policy.extendedSupportFree() + "): " + EntitlementChecks.EXTENDED_SUPPORT_CHARGEABLE
                : "ITC-LIFE-3: severity " + severity + " is fixed free in extended support: no longer "
                        + EntitlementChecks.EXTENDED_SUPPORT_CHARGEABLE;
    }

    /** INF-TKT-7: one tier up the policy's chain, naming the contract's contact for that tier. */
    public Uni<Ticket> escalate(UUID id, String reason, Caller caller) {
        return Panache.withTransaction(() -> locked(id, caller).chain(ticket -> {
            if (ticket.state.isFinished()) {
                throw ProblemException.conflict("ticket " + id + " is in state " + ticket.state + "; reopen it first");
            }
            IntakeRules policy = rules.get(ticket.policy, ticket.policyVersion);
            int at = policy.escalation().indexOf(ticket.escalationLevel.name());
            if (at + 1 >= policy.escalation().size()) {
                throw ProblemException.conflict("ticket " + id + " is already escalated to " + ticket.escalationLevel
                        + ", the last tier of policy " + ticket.policy);
            }
            EscalationLevel from = ticket.escalationLevel;
            EscalationLevel to = EscalationLevel.valueOf(policy.escalation().get(at + 1));
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            ticket.escalationLevel = to;
            ticket.updatedAt = now;
            return contracts.findById(ticket.accountId).chain(contract -> {
                ContractChanged.Contact contact = contract == null ? null
                        : AccountService.termsOf(contract).contact(to).orElse(null);
                TicketEscalated event = new TicketEscalated(ticket.id, ticket.accountId, from.name(), to.name(),
                        contact == null ? null : contact.name(), contact == null ? null : contact.email(), now,
                        caller.name(), reason);
                return record(ticket, now, caller, TicketHistoryEntry.Kind.ESCALATION, from.name(), to.name(), reason,
                        EventEnvelope.of(EventTypes.TICKET_ESCALATED, ServiceName.VALUE, ticket.id.toString(), now, event));
            });
        }));
    }

    /**
     * IS-TKT-9: one of the policy's answers, with what the policy requires for it (its
     * {@code timelineRequiredFor} and {@code reasonRequiredFor}; InfoStretch: a timeline for
     * ADDED_TO_ROADMAP, a reason for DENIED), judged under the policy the ticket was filed under (POL-3).
     */
    public Uni<Ticket> answerFeatureRequest(UUID id, FeatureAnswerRequest answer, Caller caller) {
        return Panache.withTransaction(() -> locked(id, caller).chain(ticket -> {
            if (ticket.category != Category.FEATURE_REQUEST) {
                throw ProblemException.conflict("ticket " + id + " is a " + ticket.category + ", not a feature request");
            }
            IntakeRules policy = rules.get(ticket.policy, ticket.policyVersion);
            if (!policy.featureAnswers().contains(answer.answer().name())) {
                throw ProblemException.badRequest("answer", "policy " + ticket.policy + " answers with "
                        + policy.featureAnswers());
            }
            String missing = policy.missingForAnswer(answer.answer().name(), answer.timeline(), answer.reason());
            if (missing != null) {
                throw ProblemException.badRequest(missing, "is required for the answer " + answer.answer()
                        + " under policy " + ticket.policy);
            }
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            String from = ticket.featureAnswer == null ? null : ticket.featureAnswer.name();
            ticket.featureAnswer = answer.answer();
            ticket.featureTimeline = answer.timeline();
            ticket.featureReason = answer.reason();
            ticket.updatedAt = now;
            FeatureRequestAnswered event = new FeatureRequestAnswered(ticket.id, ticket.accountId, answer.answer().name(),
                    answer.timeline(), answer.reason(), now, caller.name());
            String note = blank(answer.reason()) ? answer.timeline() : blank(answer.timeline()) ? answer.reason()
                    : answer.timeline() + "; " + answer.reason();
            return record(ticket, now, caller, TicketHistoryEntry.Kind.FEATURE_ANSWER, from, answer.answer().name(), note,
                    EventEnvelope.of(EventTypes.FEATURE_REQUEST_ANSWERED, ServiceName.VALUE, ticket.id.toString(), now, event));
        }));
    }

    /** The ticket's row, locked for this transaction; a 404 when the caller may not see it. */
    private Uni<Ticket> locked(UUID id, Caller caller) {
        return tickets.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(ticket -> ticket == null ? Uni.createFrom().<Ticket>failure(ProblemException.notFound("ticket " + id))
                        : scope.maySee(caller, ticket.accountId).map(may -> {
                            if (!may) {
                                throw ProblemException.notFound("ticket " + id);
                            }
                            return ticket;
                        }));
    }

    private Uni<Ticket> record(Ticket ticket, Instant now, Caller caller, TicketHistoryEntry.Kind kind, String from,
            String to, String note, EventEnvelope<?> event) {
        return history.persist(TicketHistoryEntry.of(ticket.id, now, caller.name(), kind, from, to, note))
                .call(() -> outbox.append(event))
                .replaceWith(ticket);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
