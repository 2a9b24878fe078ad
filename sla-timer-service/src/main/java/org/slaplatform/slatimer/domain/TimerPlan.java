package org.slaplatform.slatimer.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.slaplatform.policy.EscalationStep;
import org.slaplatform.policy.Policy;

/**
 * The timers a clock needs while it runs: one per warning threshold (SLA-5), the breach at 100 %,
 * and one per escalation step after the breach (NTF-1), in firing order. A met or paused clock needs
 * none. Only the first one not yet fired is armed; the rest ride on it and are armed one by one as
 * each fires ({@link #next}).
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
        // firing order: the chain arms each timer when the one before it fires
        timers.sort(Comparator.comparing(Timer::dueAt));
        return timers;
    }

    /**
     * The timer to arm now: the first of the plan whose kind has not fired, with the rest of the plan
     * after it; empty when the clock needs none or every kind has fired. A fired kind never fires again.
     */
    public static Optional<Armed> next(List<Timer> plan, Set<String> firedKinds) {
        for (int i = 0; i < plan.size(); i++) {
            if (!firedKinds.contains(plan.get(i).kind())) {
                List<Timer> following = plan.subList(i + 1, plan.size()).stream()
                        .filter(t -> !firedKinds.contains(t.kind())).toList();
                return Optional.of(new Armed(plan.get(i), following));
            }
        }
        return Optional.empty();
    }

    /** The timer armed for a clock, and the timers that follow it once it fires. */
    public record Armed(Timer timer, List<Timer> following) {
    }
}
