package org.slaplatform.slatimer.mapping;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.slaplatform.slatimer.domain.TargetClock;
import org.slaplatform.slatimer.domain.TicketClocks;
import org.slaplatform.slatimer.repository.TrackedTicket;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * SLA-6: what this service knows of a ticket's SLA, each target with its due time, business time
 * elapsed and remaining, state and the calendar that counts it, as of {@code asOf}.
 */
public record TicketSlaView(UUID ticketId, String accountId, int severity, Instant openedAt, Instant trackedAt,
        String policy, Integer policyVersion, String state, Instant asOf, List<TargetView> targets) {

    /**
     * One target. {@code dueAt} is null while paused (the deadline moves with the pause);
     * {@code remaining} is negative once breached. Business time is answered as ISO-8601 durations.
     */
    public record TargetView(String target, int cycle, int severity, String calendar, String calendarZone,
            Instant filedAt, Instant startedAt,
            @Schema(implementation = String.class, format = "duration", examples = "PT2H",
                    description = "The business time the target allows, ISO-8601 (a Sev2 IS workaround of 2 business days: PT18H)")
            @JsonSerialize(using = IsoDuration.Serializer.class) Duration allowance,
            Instant dueAt,
            @Schema(implementation = String.class, format = "duration", examples = "PT1H30M",
                    description = "Business time counted so far (to the meeting or the pause if any), ISO-8601")
            @JsonSerialize(using = IsoDuration.Serializer.class) Duration elapsed,
            @Schema(implementation = String.class, format = "duration", examples = { "PT30M", "-PT1H15M" },
                    description = "Business time left before the breach, ISO-8601; negative (one leading minus) once breached")
            @JsonSerialize(using = IsoDuration.Serializer.class) Duration remaining,
            String state, Instant metAt, Instant pausedSince) {

        static TargetView of(TargetClock clock, Instant now) {
            return new TargetView(clock.kind().name(), clock.cycle(), clock.severity(), clock.calendarId(),
                    clock.calendar().zone().getId(), clock.filedAt(), clock.startedAt(), clock.allowance(),
                    clock.pausedSince() != null && clock.metAt() == null ? null : clock.dueAt(),
                    clock.elapsedAt(now), clock.remainingAt(now), clock.stateAt(now).name().toLowerCase(),
                    clock.metAt(), clock.metAt() == null ? clock.pausedSince() : null);
        }
    }

    public static TicketSlaView of(TrackedTicket ticket, TicketClocks clocks, Instant now) {
        if (clocks == null) {
            return new TicketSlaView(ticket.ticketId, ticket.accountId, ticket.severity, ticket.openedAt,
                    ticket.recordedAt, null, null, null, now, List.of());
        }
        return new TicketSlaView(ticket.ticketId, ticket.accountId, clocks.severity(), ticket.openedAt,
                ticket.recordedAt, clocks.policy(), clocks.policyVersion(), clocks.state().name(), now,
                clocks.clocks().stream().map(c -> TargetView.of(c, now)).toList());
    }
}
