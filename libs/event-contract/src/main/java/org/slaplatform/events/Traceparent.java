package org.slaplatform.events;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} (https://www.w3.org/TR/trace-context/, version {@code 00}):
 * {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}. The platform carries it from an HTTP
 * request through the outbox to Kafka (the CloudEvents distributed-tracing extension, header
 * {@code ce_traceparent}) and on to the consumers, their outbox rows and the webhooks they send.
 *
 * @param traceId 32 lower-case hex digits, not all zero
 * @param spanId  16 lower-case hex digits, not all zero: the span of whoever sends this value
 * @param flags   2 lower-case hex digits ({@code 01}: sampled)
 */
public record Traceparent(String traceId, String spanId, String flags) {

    /** The HTTP header and the CloudEvents extension attribute. */
    public static final String HEADER = "traceparent";

    // Version 00 exactly; a higher version may carry more fields after the flags (spec 3.2.4).
    private static final Pattern VALUE = Pattern.compile(
            "([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();

    public Traceparent {
        if (!isHex(traceId, 32) || traceId.equals(ZERO_TRACE)) {
            throw new IllegalArgumentException("trace id must be 32 lower-case hex digits, not all zero: " + traceId);
        }
        if (!isHex(spanId, 16) || spanId.equals(ZERO_SPAN)) {
            throw new IllegalArgumentException("span id must be 16 lower-case hex digits, not all zero: " + spanId);
        }
        if (!isHex(flags, 2)) {
            throw new IllegalArgumentException("flags must be 2 lower-case hex digits: " + flags);
        }
    }

    /**
     * Reads a header value. Empty when it is absent or invalid (the spec: a receiver that cannot parse
     * it starts a new trace), when its version is {@code ff}, or when a version-00 value has more fields.
     */
    public static Optional<Traceparent> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        var m = VALUE.matcher(value.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String version = m.group(1);
        if (version.equals("ff") || (version.equals("00") && m.group(5) != null)) {
            return Optional.empty();
        }
        String traceId = m.group(2);
        String spanId = m.group(3);
        if (traceId.equals(ZERO_TRACE) || spanId.equals(ZERO_SPAN)) {
            return Optional.empty();
        }
        // a future version is read as version 00 (spec 4.3), and only its known flag bits are kept
        String flags = version.equals("00") ? m.group(4) : (Integer.parseInt(m.group(4), 16) & 1) == 1 ? "01" : "00";
        return Optional.of(new Traceparent(traceId, spanId, flags));
    }

    /** A new trace: random trace id and span id, sampled (nothing here samples traces away). */
    public static Traceparent newTrace() {
        return new Traceparent(randomHex(16), randomHex(8), "01");
    }

    /** The span that continues this trace in the next hop: same trace id and flags, a new span id. */
    public Traceparent child() {
        return new Traceparent(traceId, randomHex(8), flags);
    }

    /** Whether the caller recorded the trace (flag bit 0). */
    public boolean sampled() {
        return (Integer.parseInt(flags, 16) & 1) == 1;
    }

    /** The header value. */
    @Override
    public String toString() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        String hex;
        do {
            RANDOM.nextBytes(b);
            hex = HexFormat.of().formatHex(b);
        } while (hex.chars().allMatch(c -> c == '0'));
        return hex;
    }

    private static boolean isHex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
