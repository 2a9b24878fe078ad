package org.slaplatform.policy;

import java.util.List;

/** IS-SLA-3: while a ticket is in one of {@code whileStates}, the listed targets' clocks stand still. */
public record PauseRule(List<TargetKind> targets, List<TicketState> whileStates, String rule) {

    public PauseRule {
        targets = targets == null ? List.of() : List.copyOf(targets);
        whileStates = whileStates == null ? List.of() : List.copyOf(whileStates);
    }
}
