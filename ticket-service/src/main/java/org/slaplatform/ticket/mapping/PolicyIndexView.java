package org.slaplatform.ticket.mapping;

import java.time.LocalDate;
import java.util.List;

/**
 * Every policy and version the platform knows (POL-1, POL-3), as of {@code on}: the published terms a
 * contract may name.
 *
 * @param on       the day (UTC) {@code inForce} is judged on
 * @param policies every version of every policy, in catalog order, oldest version first
 */
public record PolicyIndexView(LocalDate on, List<Entry> policies) {

    /**
     * One version of one policy.
     *
     * @param inForce whether this is the version new contracts and new work start under on {@code on}
     */
    public record Entry(String name, int version, String title, LocalDate effectiveFrom, String source, boolean inForce) {
    }
}
