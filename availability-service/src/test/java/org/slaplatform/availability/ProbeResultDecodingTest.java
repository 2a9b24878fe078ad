package org.slaplatform.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.availability.mapping.IsoInstant;
import org.slaplatform.availability.mapping.ProbeBatch;
import org.slaplatform.availability.mapping.ProbeResult;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** AVL-1 probe results read by the streaming deserializer exactly as Jackson's record deserializer read them. */
class ProbeResultDecodingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static ProbeResult one(String json) throws Exception {
        return MAPPER.readValue("{\"results\":[" + json + "]}", ProbeBatch.class).results().get(0);
    }

    @Test
    @DisplayName("AVL-1 every time form Jackson accepts gives the same instant: Z with and without fractions, offsets, epoch seconds")
    void timeForms() throws Exception {
        for (String time : List.of("\"2026-11-04T00:00:05Z\"", "\"2026-11-04T23:59:59.5Z\"", "\"2026-11-04T00:00:05.123456789Z\"",
                "\"2024-02-29T12:00:00Z\"", "\"2026-11-04T02:00:05+02:00\"", "\"2026-11-04T00:00:05.120Z\"", "\"2026-11-04T24:00:00Z\"", "1762214405",
                "1762214405.25")) {
            ProbeResult r = one("{\"instanceId\":\"i\",\"location\":\"l\",\"time\":" + time + ",\"up\":true}");
            assertThat(r.time()).as(time).isEqualTo(MAPPER.readValue(time, Instant.class));
        }
    }

    @Test
    @DisplayName("AVL-1 all fields read; unknown fields ignored as before; absent fields stay null for the 400 that names them")
    void fields() throws Exception {
        assertThat(one("{\"instanceId\":\"qnt-1\",\"location\":\"frankfurt\",\"time\":\"2026-11-04T00:00:05Z\",\"up\":false,"
                + "\"latencyMs\":87,\"extra\":{\"a\":[1,2]}}"))
                .isEqualTo(new ProbeResult("qnt-1", "frankfurt", Instant.parse("2026-11-04T00:00:05Z"), false, 87));
        assertThat(one("{\"instanceId\":null,\"up\":true}"))
                .isEqualTo(new ProbeResult(null, null, null, true, null));
    }

    @Test
    @DisplayName("AVL-1 a value of the wrong type or format is refused with the path results[i].field")
    void wrongValues() {
        List<String> paths = new java.util.ArrayList<>();
        List<String> expected = new java.util.ArrayList<>();
        for (String[] bad : List.of(new String[] { "\"time\":\"2026-02-30T00:00:00Z\"", "results[1].time" },
                new String[] { "\"time\":\"yesterday\"", "results[1].time" },
                new String[] { "\"up\":\"maybe\"", "results[1].up" },
                new String[] { "\"latencyMs\":\"fast\"", "results[1].latencyMs" },
                new String[] { "\"latencyMs\":99999999999", "results[1].latencyMs" })) {
            String json = "{\"results\":[{\"up\":true},{" + bad[0] + "}]}";
            expected.add(bad[0] + " -> " + bad[1]);
            try {
                MAPPER.readValue(json, ProbeBatch.class);
                paths.add(bad[0] + " -> accepted");
            } catch (JsonMappingException e) {
                paths.add(bad[0] + " -> " + path(e));
            } catch (Exception e) {
                paths.add(bad[0] + " -> " + e);
            }
        }
        assertThat(paths).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("QNT-AVL-2 explanation instants are written exactly as Instant.toString writes them")
    void instantsWritten() {
        java.util.Random random = new java.util.Random(42);
        List<Instant> samples = new java.util.ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-10-25T01:00:00Z"),
                Instant.parse("0001-01-01T00:00:00.000000001Z"), Instant.parse("9999-12-31T23:59:59.999Z"),
                Instant.parse("2026-11-04T00:00:05.120Z"), Instant.parse("2026-11-04T00:00:05.000120Z"),
                Instant.ofEpochSecond(-62_200_000_000L), Instant.ofEpochSecond(253_402_400_000L)));
        for (int i = 0; i < 10_000; i++) {
            long second = random.nextLong(-62_000_000_000L, 253_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            samples.add(Instant.ofEpochSecond(second, nanos));
        }
        for (Instant t : samples) {
            assertThat(IsoInstant.format(t)).isEqualTo(t.toString());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return path.toString();
    }
}
