package org.slaplatform.availability.mapping;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * AVL-1: reads a probe result token by token. A batch holds up to 5,000 of them; the generic record
 * deserializer (a property buffer and a creator call per result) and the formatter-based
 * {@code Instant} parser were most of the ingest's CPU (docs/availability-service.md). The usual form
 * of each field takes a short path here; anything else goes to Jackson's own deserializers, so the
 * accepted input and the 400s naming {@code results[i].field} stay what they were.
 */
public final class ProbeResultDeserializer extends StdDeserializer<ProbeResult> {

    public ProbeResultDeserializer() {
        super(ProbeResult.class);
    }

    @Override
    public ProbeResult deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.isExpectedStartObjectToken()) {
            return (ProbeResult) ctxt.handleUnexpectedToken(ProbeResult.class, p);
        }
        String instanceId = null;
        String location = null;
        Instant time = null;
        Boolean up = null;
        Integer latencyMs = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken token = p.nextToken();
            try {
                switch (name) {
                    case "instanceId" -> instanceId = token == JsonToken.VALUE_STRING ? p.getText() : ctxt.readValue(p, String.class);
                    case "location" -> location = token == JsonToken.VALUE_STRING ? p.getText() : ctxt.readValue(p, String.class);
                    case "time" -> time = instant(p, token, ctxt);
                    case "up" -> up = token == JsonToken.VALUE_TRUE ? Boolean.TRUE
                            : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : ctxt.readValue(p, Boolean.class);
                    case "latencyMs" -> latencyMs = token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                            ? Integer.valueOf(p.getIntValue()) : ctxt.readValue(p, Integer.class);
                    default -> handleUnknownProperty(p, ctxt, ProbeResult.class, name);
                }
            } catch (JacksonException e) {
                // As Jackson's bean deserializer does (WRAP_EXCEPTIONS): the 400 then names results[i].field.
                throw JsonMappingException.wrapWithPath(e, ProbeResult.class, name);
            }
        }
        return new ProbeResult(instanceId, location, time, up, latencyMs);
    }

    private static Instant instant(JsonParser p, JsonToken token, DeserializationContext ctxt) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            Instant fast = utc(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (fast != null) {
                return fast;
            }
        }
        return ctxt.readValue(p, Instant.class);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, the form probes send; null for any other form (offsets,
     * epoch numbers, bad values), which Jackson's {@code InstantDeserializer} then reads or refuses.
     */
    static Instant utc(char[] c, int at, int length) {
        if (length < 20 || length > 30 || c[at + 4] != '-' || c[at + 7] != '-' || c[at + 10] != 'T' || c[at + 13] != ':'
                || c[at + 16] != ':' || c[at + length - 1] != 'Z') {
            return null;
        }
        int year = digits(c, at, 4);
        int month = digits(c, at + 5, 2);
        int day = digits(c, at + 8, 2);
        int hour = digits(c, at + 11, 2);
        int minute = digits(c, at + 14, 2);
        int second = digits(c, at + 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        int fraction = length - 21;
        if (fraction != -1) {
            if (c[at + 19] != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(c, at + 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(char[] c, int at, int n) {
        int value = 0;
        for (int i = at; i < at + n; i++) {
            char d = c[i];
            if (d < '0' || d > '9') {
                return -1;
            }
            value = value * 10 + (d - '0');
        }
        return value;
    }
}
