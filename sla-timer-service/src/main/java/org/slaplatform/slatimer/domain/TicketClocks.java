package org.slaplatform.slatimer.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slaplatform.policy.TargetKind;
import org.slaplatform.policy.TicketState;

/**
 * Every SLA clock of one ticket, derived from its event history by {@link SlaClocks#derive}.
 *
 * @param policy        the policy the ticket is judged under (POL-3), from its events
 * @param policyVersion its version
 * @param severity      the current severity level
 * @param state         the current TKT-4 state
 * @param clocks        one per target the policy sets for the severity
 */
public record TicketClocks(UUID ticketId, String accountId, String policy, int policyVersion, int severity,
        TicketState state, List<TargetClock> clocks) {

    public Optional<TargetClock> clock(TargetKind kind) {
        return clocks.stream().filter(c -> c.kind() == kind).findFirst();
    }
}
