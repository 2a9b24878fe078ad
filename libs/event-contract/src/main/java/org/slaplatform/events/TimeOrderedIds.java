package org.slaplatform.events;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Ids of the rows the platform writes at the highest rates (tickets, events, notification deliveries): UUID
 * version 7 (RFC 9562), whose first 48 bits are the Unix time in milliseconds and the rest random (a
 * {@code SecureRandom}; ids made in the same millisecond by this process still ascend). An id made later
 * sorts later, so a B-tree keyed by it (the tickets' primary key, sla-timer's tables keyed by the ticket,
 * every inbox keyed by the event) takes each insert on its newest pages, which stay in the cache, where a
 * random id touches a page anywhere in an index that grows past the cache (benchmarks/results/cost-curves.md).
 * The time in an id is no secret: the rows carry their creation time anyway, and no id grants access.
 */
public final class TimeOrderedIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private TimeOrderedIds() {
    }

    /** A new id: version 7, later than every id this process made before. */
    public static UUID next() {
        return GENERATOR.generate();
    }
}
