package org.slaplatform.credit.service;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.credit.domain.ClaimJudge;
import org.slaplatform.credit.domain.ClaimRefusal;
import org.slaplatform.credit.domain.CreditDecision;
import org.slaplatform.credit.repository.AccountRow;
import org.slaplatform.credit.repository.CreditStore;
import org.slaplatform.credit.repository.CreditStore.ClaimRow;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.events.credit.CreditClaimDecided;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyBook;

import io.smallrye.mutiny.Uni;

/**
 * QNT-CRD-2: receives claims (as tickets through credit-claims.v1, or through the API), admits or
 * disqualifies them with the reason, and confirms them against the measured month of their instance,
 * never the customer's word. Every state is an event on credits.v1 through the outbox.
 */
@ApplicationScoped
public class ClaimDesk {

    public static final String RECEIVED = "RECEIVED";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String DISQUALIFIED = "DISQUALIFIED";
    public static final String CREDITED = "CREDITED";

    private final CreditStore store;
    private final PolicyBook policies;
    private final AccountMonthCredits credits;
    private final Events events;
    private final Clock clock;

    ClaimDesk(CreditStore store, PolicyBook policies, AccountMonthCredits credits, Events events, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.credits = credits;
        this.events = events;
        this.clock = clock;
    }

    /** Receives one claim in the caller's transaction; the stored claim comes back in its first decided state. */
    public Uni<ClaimRow> receive(UUID claimId, ClaimJudge.ClaimInput input, String source) {
        return store.claim(claimId).chain(existing -> existing.isPresent() ? Uni.createFrom().item(existing.get())
                : store.account(input.accountId()).chain(account -> account.isEmpty()
                        ? record(claimId, input, source, null, (ClaimJudge.Verdict) null,
                                ClaimRefusal.UNKNOWN_ACCOUNT, "account " + input.accountId() + " has no contract")
                        : judge(claimId, input, source, account.get())));
    }

    private Uni<ClaimRow> judge(UUID claimId, ClaimJudge.ClaimInput input, String source, AccountRow account) {
        // POL-3: a claim is judged under the version of the account's policy in force on the day it arrived.
        Policy policy = policies.inForce(account.policy(), input.receivedAt().atZone(account.zone()).toLocalDate());
        String named = input.instanceId();
        Uni<Optional<String>> owner = named == null || named.isBlank() ? Uni.createFrom().item(Optional.empty())
                : store.ownerOf(named.strip());
        return owner.chain(o -> {
            ClaimJudge.Verdict verdict = ClaimJudge.admit(policy.claims(), input, new ClaimJudge.AccountView(
                    account.accountId(), account.zone(), account.cycle(), account.instances()), id -> o);
            if (!verdict.isAdmitted()) {
                return record(claimId, input, source, account, verdict, verdict.refusal(), verdict.detail());
            }
            ClaimJudge.Admitted admitted = verdict.admitted();
            Instant start = admitted.incidents().stream().map(ClaimJudge.Incident::start).min(Comparator.naturalOrder())
                    .orElseThrow();
            return store.liveClaim(account.accountId(), admitted.instanceId(), start).chain(duplicate -> duplicate.isPresent()
                    ? record(claimId, input, source, account, verdict, ClaimRefusal.DUPLICATE, "claim " + duplicate.get()
                            + " already names instance " + admitted.instanceId() + " and the incident of " + start)
                    : record(claimId, input, source, account, verdict, null, null)
                            // A duplicate that committed meanwhile comes back DISQUALIFIED: nothing to confirm.
                            .chain(claim -> !RECEIVED.equals(claim.state()) ? Uni.createFrom().item(claim)
                                    : store.latestMonth(admitted.instanceId(), admitted.month().toString())
                                    .chain(month -> month.isEmpty() ? Uni.createFrom().item(claim)
                                            // POL-3: the claim's rules are the version in force when it arrived,
                                            // but the month it claims is priced under the version it closed under
                                            : credits.lockAndEvaluate(account, policies.version(month.get().policy(),
                                                    month.get().policyVersion()), month.get().month())
                                                    .chain(evaluation -> confirm(claim, month.get(), evaluation, account))
                                                    .chain(() -> store.claim(claimId)).map(Optional::orElseThrow))));
        });
    }

    private Uni<ClaimRow> record(UUID claimId, ClaimJudge.ClaimInput input, String source, AccountRow account,
            ClaimJudge.Verdict verdict, ClaimRefusal refusal, String detail) {
        Instant now = clock.instant();
        ClaimJudge.Admitted admitted = verdict == null ? null : verdict.admitted();
        List<ClaimJudge.Incident> incidents = admitted != null ? admitted.incidents()
                : input.incidents() == null ? List.of() : input.incidents();
        Instant start = incidents.stream().map(ClaimJudge.Incident::start).min(Comparator.naturalOrder()).orElse(null);
        String instance = admitted != null ? admitted.instanceId() : input.instanceId();
        String month = admitted != null ? admitted.month().toString()
                : start == null || account == null ? null : YearMonth.from(start.atZone(account.zone())).toString();
        String state = refusal == null ? RECEIVED : DISQUALIFIED;
        ClaimRow row = new ClaimRow(claimId, input.accountId(), instance, month, state,
                refusal == null ? null : refusal.name(), detail, json(incidents), input.subject(), source,
                input.receivedAt().toString(), null);
        CreditClaimDecided received = new CreditClaimDecided(claimId, input.accountId(), instance, month, RECEIVED, null,
                "received through " + source, null, now);
        CreditClaimDecided disqualified = refusal == null ? null : new CreditClaimDecided(claimId, input.accountId(),
                instance, month, DISQUALIFIED, refusal.name(), detail, null, now);
        // Only a live claim takes the incident's slot, so a disqualified one never blocks a corrected claim.
        return store.insertClaim(row, refusal == null ? start : null).chain(inserted -> inserted
                ? published(input, now, received, disqualified, row)
                : lostRace(claimId, input, source, account, verdict, refusal, start, instance));
    }

    /**
     * The insert found a row already there although the checks before it found none: a claim with
     * the same id (a redelivery), or another transaction's claim for the same instance and incident
     * that committed in between (two duplicates filed at once). The first is returned as stored; the
     * second is a duplicate like any other, never a half-written claim or a 500.
     */
    private Uni<ClaimRow> lostRace(UUID claimId, ClaimJudge.ClaimInput input, String source, AccountRow account,
            ClaimJudge.Verdict verdict, ClaimRefusal refusal, Instant start, String instance) {
        return store.claim(claimId).chain(same -> {
            if (same.isPresent()) {
                return Uni.createFrom().item(same.get());
            }
            if (refusal != null || start == null) {
                throw new IllegalStateException("claim " + claimId + " was neither inserted nor found");
            }
            return store.liveClaim(input.accountId(), instance, start).chain(other -> record(claimId, input, source,
                    account, verdict, ClaimRefusal.DUPLICATE, "claim " + other.map(UUID::toString).orElse("filed at the same time")
                            + " already names instance " + instance + " and the incident of " + start));
        });
    }

    private Uni<ClaimRow> published(ClaimJudge.ClaimInput input, Instant now, CreditClaimDecided received,
            CreditClaimDecided disqualified, ClaimRow row) {
        return events.publish(EventTypes.CREDIT_CLAIM_DECIDED, input.accountId(), now, received)
                .chain(() -> disqualified == null ? Uni.createFrom().voidItem()
                        : events.publish(EventTypes.CREDIT_CLAIM_DECIDED, input.accountId(), now, disqualified))
                .replaceWith(row);
    }

    /**
     * QNT-CRD-2: judges a waiting claim against the measured month of its instance: the incidents are
     * matched on that instance's Unavailable minutes, and the account's month (all its instances,
     * {@code evaluation}) must earn a credit. Confirmed, the account month's one credit is decided (or
     * re-evaluated, when another claim decided it before); otherwise the claim is disqualified with the
     * measured figures.
     */
    public Uni<Void> confirm(ClaimRow claim, MonthlyAvailability measured, AccountMonthCredits.Evaluation evaluation,
            AccountRow account) {
        Instant now = clock.instant();
        CreditDecision decision = evaluation.decision();
        ClaimJudge.Confirmation confirmation = ClaimJudge.confirmation(measured, incidents(claim), decision);
        if (!confirmation.confirmed()) {
            return store.setClaimState(claim.claimId(), DISQUALIFIED, ClaimRefusal.NOT_SHOWN_BY_MEASUREMENT.name(),
                    confirmation.detail(), null)
                    .chain(() -> events.publish(EventTypes.CREDIT_CLAIM_DECIDED, claim.accountId(), now,
                            new CreditClaimDecided(claim.claimId(), claim.accountId(), claim.instanceId(), claim.month(),
                                    DISQUALIFIED, ClaimRefusal.NOT_SHOWN_BY_MEASUREMENT.name(), confirmation.detail(), null,
                                    now)));
        }
        return credits.record(evaluation, account, claim.claimId()).chain(outcome -> {
            String detail = confirmation.detail() + "; "
                    + (outcome == AccountMonthCredits.Outcome.CREDIT ? ""
                            : "the month's credit was already decided under another claim; ")
                    + decision.explanation().text();
            return store.setClaimState(claim.claimId(), CONFIRMED, null, detail, null)
                    .chain(() -> events.publish(EventTypes.CREDIT_CLAIM_DECIDED, claim.accountId(), now,
                            new CreditClaimDecided(claim.claimId(), claim.accountId(), claim.instanceId(), claim.month(),
                                    CONFIRMED, null, detail, null, now)));
        });
    }

    /** The incidents stored with the claim (QNT-CRD-2), as admitted. */
    private static List<ClaimJudge.Incident> incidents(ClaimRow claim) {
        try {
            return List.of(CloudEventCodec.mapper().readValue(claim.incidents(), ClaimJudge.Incident[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("claim " + claim.claimId() + " holds unreadable incidents", e);
        }
    }

    private static String json(Object value) {
        try {
            return CloudEventCodec.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
