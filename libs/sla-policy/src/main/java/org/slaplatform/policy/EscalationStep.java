package org.slaplatform.policy;

import java.time.Duration;

/**
 * INF-TKT-7, NTF-1: who is told when a target is breached, and how long after the breach.
 *
 * @param afterBreach elapsed (not business) time after the breach at which this level is told
 */
public record EscalationStep(Level level, Duration afterBreach) {

    public enum Level { SUPPORT, ACCOUNT_MANAGER, EXECUTIVE }
}
