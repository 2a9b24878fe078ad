package org.slaplatform.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CpuAccountingTest {

    @Test
    void theReportSaysWhatEachProcessUsedAndLeavesTheRestToOther() {
        Map<String, Double> before = new LinkedHashMap<>(Map.of("ticket-service", 10.0, "kafka", 5.0));
        Map<String, Double> after = new LinkedHashMap<>();
        after.put("ticket-service", 22.5);
        after.put("kafka", 9.0);
        after.put("postgres", 3.0); // not there before: all of it counts

        String line = CpuAccounting.report(before, after, 4.0, 30.0, 60.0);

        assertThat(line).isEqualTo(String.format(Locale.ROOT,
                "RESULT cpu during the load (60 s wall, machine busy 30.0 of %.1f core-seconds): ticket-service 12.5 s,"
                        + " kafka 4.0 s, postgres 3.0 s, load-tool 4.0 s, other 6.5 s", 60.0 * CpuAccounting.cores()));
    }

    @Test
    void aGivenOptionWinsOverTheDefault() {
        Options options = new Options(Map.of("kafka", "default:1"), new String[] {"load", "--kafka", "given:2"}, 1);

        assertThat(options.get("kafka", "x")).isEqualTo("given:2");
        assertThat(options.withDefault("record", "r.txt").get("record", "x")).isEqualTo("r.txt");
        assertThat(new Options(new String[] {"load", "--record", "mine.txt"}, 1).withDefault("record", "r.txt")
                .get("record", "x")).isEqualTo("mine.txt");
    }
}
