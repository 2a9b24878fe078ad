package org.slaplatform.ticket.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.runtime.problem.Problem;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.ticket.domain.Category;
import org.slaplatform.ticket.domain.ContractTerms;
import org.slaplatform.ticket.domain.IntakeRules;
import org.slaplatform.ticket.domain.Release;
import org.slaplatform.ticket.domain.ReleaseSupport;
import org.slaplatform.ticket.domain.VersionSupportStatus;
import org.slaplatform.ticket.repository.Contract;
import org.slaplatform.ticket.repository.ProductRelease;
import org.slaplatform.ticket.repository.ProductReleaseRepository;
import org.slaplatform.ticket.repository.ProductRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The checks of IS-TKT-5, ITC-TKT-6 and IS-TKT-9 at intake, in this order: a valid agreement, a
 * plan that accepts feature requests, a licensed and supported version, then the quota (last, so
 * that a ticket refused for another reason never takes a unit). Each finding is handled as the
 * policy says: accepted, accepted with a flag, or refused with a 422 naming the reason.
 */
@ApplicationScoped
public class EntitlementChecks {

    /** Flags a ticket may be accepted with. */
    public static final String NO_VALID_AGREEMENT = "NO_VALID_AGREEMENT";
    public static final String UNSUPPORTED_VERSION = "UNSUPPORTED_VERSION";
    public static final String UPGRADE_REQUIRED = "UPGRADE_REQUIRED";
    public static final String EXTENDED_SUPPORT = "EXTENDED_SUPPORT";
    public static final String CHARGEABLE = "CHARGEABLE";
    public static final String QUOTA_EXCEEDED = "QUOTA_EXCEEDED";
    public static final String UNSUPPORTED_PLATFORM = "UNSUPPORTED_PLATFORM";
    /** IS-TKT-5 not included in support: NOT_COVERED_THIRD_PARTY_APPLICATION, _NON_ENGLISH_LANGUAGE, _PROFESSIONAL_SERVICES. */
    public static final String NOT_COVERED = "NOT_COVERED_";
    /** ITC-LIFE-3: a defect in extended support that is not fixed free (not a vulnerability or critical bug). */
    public static final String EXTENDED_SUPPORT_CHARGEABLE = "EXTENDED_SUPPORT_CHARGEABLE";

    private final ProductReleaseRepository releases;
    private final ProductRepository products;
    private final QuotaLedger quota;

    EntitlementChecks(ProductReleaseRepository releases, ProductRepository products, QuotaLedger quota) {
        this.releases = releases;
        this.products = products;
        this.quota = quota;
    }

    /**
     * What intake decided: the flags to carry, the contract year whose unit was taken, and the reasons
     * worth a line in the audit trail (e.g. why a fix is chargeable).
     */
    public record Decision(List<String> flags, LocalDate quotaYear, List<String> reasons) {
        public Decision {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }

        public Decision(List<String> flags, LocalDate quotaYear) {
            this(flags, quotaYear, List.of());
        }
    }

    /** Runs on the connection of the intake's transaction. */
    public Uni<Decision> decide(SqlConnection connection, Contract contract, IntakeRules rules, Intake intake, LocalDate today) {
        List<String> flags = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        if (intake.category() == Category.CREDIT_CLAIM) {
            // QNT-CRD-2 is judged by credit-service; a claim is not a support request and takes no unit
            return Uni.createFrom().item(new Decision(flags, null, reasons));
        }
        if (!contract.validOn(today)) {
            handle(rules.withoutValidAgreement(), NO_VALID_AGREEMENT, flags, "no-valid-agreement",
                    "account " + contract.accountId + " has no maintenance agreement valid on " + today + " (agreement "
                            + contract.startsOn + " to " + (contract.endsOn == null ? "open" : contract.endsOn) + ")");
        }
        IntakeRules.PlanRules plan = rules.plan(contract.plan).orElseThrow(
                () -> new IllegalStateException("plan " + contract.plan + " is not in policy " + rules.policy()));
        if (intake.category() == Category.FEATURE_REQUEST && !plan.featureRequests()) {
            throw refusal("feature-requests-not-on-plan", "plan " + contract.plan + " of policy " + rules.policy()
                    + " does not accept feature requests");
        }
        // IS-TKT-5 "Support Does Not Include: ... Third-party application support; Non-English language support;
        // Items covered by Professional Services": flagged (or refused) as the policy's notCovered says
        for (String topic : intake.topics()) {
            handle(rules.notCovered(topic), NOT_COVERED + topic.toUpperCase(java.util.Locale.ROOT).replace('-', '_'),
                    flags, "not-covered", "support under policy " + rules.policy() + " does not include " + topic.replace('-', ' ')
                            + " (IS-TKT-5)");
        }
        Uni<Void> versionChecked = Uni.createFrom().voidItem();
        if (intake.productId() != null) {
            versionChecked = checkVersion(connection, contract, rules, intake, today, flags, reasons);
            if (intake.platform() != null) {
                versionChecked = versionChecked.chain(() -> checkPlatform(connection, rules, intake, flags));
            }
        }
        return versionChecked.chain(() -> {
            if (plan.quota() == null || !plan.quota().atIntake()) {
                // ITC-TKT-6 counts resolved tickets: the unit is taken at resolution (TicketWorkflow)
                return Uni.createFrom().item(new Decision(flags, null, reasons));
            }
            return quota.take(connection, contract, plan.quota(), today).map(taken -> {
                if (taken) {
                    return new Decision(flags, contract.contractYearStart(today), reasons);
                }
                if (plan.quota().beyond() == IntakeRules.Quota.Beyond.REFUSE) {
                    throw refusal("quota-spent", "the " + plan.quota().tickets() + " tickets of the contract year from "
                            + contract.contractYearStart(today) + " (with any carried over) are used up");
                }
                flags.add(plan.quota().beyond() == IntakeRules.Quota.Beyond.CHARGEABLE ? CHARGEABLE : QUOTA_EXCEEDED);
                return new Decision(flags, null, reasons);
            });
        });
    }

    private Uni<Void> checkVersion(SqlConnection connection, Contract contract, IntakeRules rules, Intake intake, LocalDate today,
            List<String> flags, List<String> reasons) {
        ContractTerms terms = AccountService.termsOf(contract);
        if (!terms.licenses(intake.productId(), intake.version())) {
            throw refusal("not-licensed", "the contract of " + contract.accountId + " does not license "
                    + intake.productId() + (intake.version() == null ? "" : " " + intake.version()));
        }
        if (intake.version() == null) {
            return Uni.createFrom().voidItem();
        }
        String refusal = rules.versionSupport() == null ? null : rules.versionSupport().schemeRefusal(intake.version());
        if (refusal != null && intake.instanceId() == null) {
            throw ProblemException.badRequest("version", refusal + " (policy " + rules.policy() + ")");
        }
        return releases.ofProduct(connection, intake.productId()).invoke(rows -> {
            List<Release> history = rows.stream().map(ProductRelease::toRelease).toList();
            Release release = history.stream().filter(r -> r.version().equals(intake.version())).findFirst()
                    .orElse(null);
            if (release == null) {
                if (intake.instanceId() != null) {
                    // attached from the contract, not claimed by the caller: an unrecorded release cannot be judged
                    return;
                }
                throw ProblemException.badRequest("version", "not a release of product " + intake.productId());
            }
            ReleaseSupport.Judged judged = ReleaseSupport.judge(release, history, rules.versionSupport(), today);
            if (judged.status().outOfSupport()) {
                String flag = rules.unsupportedVersion() == IntakeRules.Handling.REQUIRE_UPGRADE ? UPGRADE_REQUIRED
                        : UNSUPPORTED_VERSION;
                handle(rules.unsupportedVersion(), flag, flags, "unsupported-version", intake.productId() + " "
                        + intake.version() + " is out of support on " + today + " (" + judged.status() + ")");
            } else if (judged.status() == VersionSupportStatus.EXTENDED) {
                handle(rules.extendedSupport(), EXTENDED_SUPPORT, flags, "extended-support", intake.productId() + " "
                        + intake.version() + " is in extended support: only vulnerabilities and critical bugs are fixed");
                // ITC-LIFE-3: "Other bugs can be fixed only under additional agreements and are subject to payment
                // regardless of the chosen Support Plan"; the seed names no amount, so the ticket is flagged with the reason
                if (intake.category() == Category.DEFECT && !rules.fixedFreeInExtendedSupport(intake.severity())) {
                    flags.add(EXTENDED_SUPPORT_CHARGEABLE);
                    reasons.add("ITC-LIFE-3: " + intake.productId() + " " + intake.version() + " is in extended support,"
                            + " where only severities " + rules.extendedSupportFree() + " are fixed free; a severity "
                            + intake.severity() + " defect is fixed only under an additional agreement and is chargeable"
                            + " (the policy sets no amount)");
                }
            }
        }).replaceWithVoid();
    }

    /**
     * IS-TKT-5 unsupported platforms, as the policy says ({@code unsupportedPlatform}: InfoStretch
     * refuses, Infotecs flags). Judged only where the product records the platforms it supports.
     */
    private Uni<Void> checkPlatform(SqlConnection connection, IntakeRules rules, Intake intake, List<String> flags) {
        return products.supportedPlatforms(connection, intake.productId()).invoke(supported -> {
            if (!supported.isEmpty() && !supported.contains(intake.platform())) {
                IntakeRules.Handling handling = rules.unsupportedPlatform() == IntakeRules.Handling.REQUIRE_UPGRADE
                        ? IntakeRules.Handling.FLAG : rules.unsupportedPlatform();
                handle(handling, UNSUPPORTED_PLATFORM, flags, "unsupported-platform", intake.productId()
                        + " is not supported on platform " + intake.platform() + " (supported: "
                        + String.join(", ", supported) + ")");
            }
        }).replaceWithVoid();
    }

    private static void handle(IntakeRules.Handling handling, String flag, List<String> flags, String reason,
            String detail) {
        switch (handling) {
            case ACCEPT -> { }
            case FLAG, REQUIRE_UPGRADE -> flags.add(flag);
            case REFUSE -> throw refusal(reason, detail);
        }
    }

    /** 422: the request is well-formed but the account is not entitled; the type names the reason. */
    public static ProblemException refusal(String reason, String detail) {
        return new ProblemException(Problem.of("not-entitled/" + reason, "Not entitled", 422, detail));
    }
}
