package org.slaplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.events.availability.MonthlyAvailability.UnavailableInterval;

/** QNT-CRD-2: unavailableIntervals is an additive field of month-closed.v1; absent or null reads as empty. */
class MonthlyAvailabilityIntervalsTest {

    private static MonthlyAvailability month(List<UnavailableInterval> intervals) {
        return new MonthlyAvailability("i-1", "acme", "2026-11", "UTC", 1, "quantive", 1, "Enterprise",
                new BigDecimal("99.95"), new BigDecimal("99.9976"), 43_200, 1, 30, Map.of("FORCE_MAJEURE", 30L), false,
                Instant.parse("2026-12-03T00:00:00Z"), intervals);
    }

    @Test
    void QNT_CRD_2_a_month_written_before_the_field_existed_reads_with_no_intervals_and_says_they_are_incomplete()
            throws Exception {
        String old = CloudEventCodec.dataJson(month(null)).replace(",\"unavailableIntervals\":[]", "");
        assertThat(old).doesNotContain("unavailableIntervals");
        MonthlyAvailability read = CloudEventCodec.mapper().readValue(old, MonthlyAvailability.class);
        assertThat(read.unavailableIntervals()).isEmpty();
        assertThat(read.intervalsComplete()).isFalse(); // 1 + 30 minutes, no interval
        MonthlyAvailability nulled = CloudEventCodec.mapper().readValue(
                old.replaceFirst("}$", ",\"unavailableIntervals\":null}"), MonthlyAvailability.class);
        assertThat(nulled.unavailableIntervals()).isEmpty();
    }

    @Test
    void QNT_CRD_2_intervals_of_1_counted_and_30_excluded_minutes_survive_the_round_trip_and_add_up() throws Exception {
        MonthlyAvailability m = month(List.of(
                new UnavailableInterval(Instant.parse("2026-11-12T00:00:00Z"), Instant.parse("2026-11-12T00:30:00Z"),
                        MonthlyAvailability.OUTAGE, "FORCE_MAJEURE", true, "FORCE_MAJEURE"),
                new UnavailableInterval(Instant.parse("2026-11-12T00:30:00Z"), Instant.parse("2026-11-12T00:31:00Z"),
                        MonthlyAvailability.PROBES, null, false, null)));
        String json = CloudEventCodec.dataJson(m);
        assertThat(json).contains("\"unavailableIntervals\":[{\"start\":\"2026-11-12T00:00:00Z\",\"end\":\"2026-11-12T00:30:00Z\","
                + "\"source\":\"OUTAGE\",\"cause\":\"FORCE_MAJEURE\",\"excluded\":true,\"exclusion\":\"FORCE_MAJEURE\"}");
        MonthlyAvailability back = CloudEventCodec.mapper().readValue(json, MonthlyAvailability.class);
        assertThat(back).isEqualTo(m);
        assertThat(back.intervalMinutes()).isEqualTo(31);
        assertThat(back.intervalsComplete()).isTrue();
    }

    @Test
    void a_later_additive_field_does_not_make_this_version_fail() throws Exception {
        String json = CloudEventCodec.dataJson(month(List.of())).replaceFirst("}$", ",\"somethingNew\":1}");
        assertThat(CloudEventCodec.mapper().readValue(json, MonthlyAvailability.class).instanceId()).isEqualTo("i-1");
    }
}
