package org.slaplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void metricNamesAreWhatIsLeftOfFunctionsLabelsAndRanges() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(sla_timer_firing_lag_seconds_bucket{job=~\"sla.*\"}[5m])))"))
                .containsExactly("sla_timer_firing_lag_seconds_bucket");
        assertThat(PromQl.metricNames("sum by (policy, currency, kind) (increase(credits_issued_total[$__range]))"))
                .containsExactly("credits_issued_total");
        assertThat(PromQl.metricNames("bottomk(10, availability_monthly_uptime_percent)"))
                .containsExactly("availability_monthly_uptime_percent");
        assertThat(PromQl.metricNames("a_total / on (job) group_left (x) b_total > bool 0 or c offset 5m"))
                .containsExactly("a_total", "b_total", "c");
        assertThat(PromQl.metricNames("{__name__=\"x\"}")).isEmpty();
    }
}
