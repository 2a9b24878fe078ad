package org.slaplatform.policy;

/**
 * ITC-TKT-6: how many tickets a contract year includes.
 *
 * @param tickets  included per contract year
 * @param counts   which tickets use up the quota
 * @param rollover unused tickets are added to the next contract year
 * @param beyond   what happens to a ticket beyond the quota
 */
public record TicketQuota(Integer tickets, Counts counts, Boolean rollover, Beyond beyond) {

    public TicketQuota {
        rollover = Boolean.TRUE.equals(rollover);
    }

    public enum Counts { RESOLVED, OPENED }

    public enum Beyond { REFUSE, ACCEPT_WITH_FLAG, CHARGEABLE }
}
