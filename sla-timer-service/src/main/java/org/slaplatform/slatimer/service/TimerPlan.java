package org.slaplatform.slatimer.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slaplatform.policy.EscalationStep;
import org.slaplatform.policy.Policy;
import org.slaplatform.slatimer.clock.TargetClock;

/**
 * The timers a clock needs while it runs: one per warning threshold (SLA-5), the breach at 100 %,
 * and one per escalation step after the breach (NTF-1). A met or paused clock needs none.
 */
public final class TimerPlan {

    public static final String BREACH = "breach";
    public static final String WARNING_PREFIX = "warning-";
    public static final String ESCALATION_PREFIX = "escalation-";

    /** One timer to arm: its kind and its due instant. */
    public record Timer(String kind, Instant dueAt) {
    }

    private TimerPlan() {
    }

    public static List<Timer> of(Policy policy, TargetClock clock) {
        if (!clock.running()) {
            return List.of();
        }
        List<Timer> timers = new ArrayList<>();
        for (int percent : policy.warningThresholds()) {
            timers.add(new Timer(WARNING_PREFIX + percent, clock.reaches(percent)));
        }
        timers.add(new Timer(BREACH, clock.dueAt()));
        for (EscalationStep step : policy.escalation()) {
            // afterBreach is elapsed time, not business time (EscalationStep)
            timers.add(new Timer(ESCALATION_PREFIX + step.level().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    clock.dueAt().plus(step.afterBreach())));
        }
        return timers;
    }
}
