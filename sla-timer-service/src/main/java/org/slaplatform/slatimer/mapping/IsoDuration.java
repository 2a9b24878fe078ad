package org.slaplatform.slatimer.mapping;

import java.io.IOException;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * SLA-6: business time in the SLA view as an ISO-8601 duration ({@code PT1H30M}), the format the API
 * documents. A negative duration (time remaining once breached) carries one leading sign,
 * {@code -PT1H30M} (ISO 8601-2), not Java's {@code PT-1H-30M}; {@link Duration#parse} reads both.
 */
public final class IsoDuration {

    private IsoDuration() {
    }

    public static String format(Duration d) {
        return d.isNegative() ? "-" + d.negated() : d.toString();
    }

    public static final class Serializer extends StdSerializer<Duration> {

        private static final long serialVersionUID = 1L;

        public Serializer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }
}
