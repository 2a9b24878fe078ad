package org.slaplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Ids of the high-rate rows are UUID version 7: unique, ascending, and carrying the time they were made. */
class TimeOrderedIdsTest {

    @Test
    void idsAreVersion7UniqueAndEachLaterOneSortsLaterAsTextAndAsPostgresComparesUuids() {
        long before = System.currentTimeMillis();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(TimeOrderedIds.next());
        }
        long after = System.currentTimeMillis();

        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            UUID id = ids.get(i);
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2); // RFC 9562
            long millis = id.getMostSignificantBits() >>> 16;
            assertThat(millis).isBetween(before, after);
            if (i > 0) {
                // PostgreSQL orders uuid values by their bytes, unsigned, as the text form orders
                assertThat(id.toString()).isGreaterThan(ids.get(i - 1).toString());
            }
        }
    }
}
