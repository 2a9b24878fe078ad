package org.slaplatform.runtime.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants as the database stores them: {@code timestamptz} parameters bound as UTC offsets. */
public final class Instants {

    private Instants() {
    }

    /** The instant at offset UTC, or null for null (an absent timestamp binds as SQL NULL). */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
