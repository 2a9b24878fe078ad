package org.slaplatform.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The registry behind /q/health/live: which loop or consumer did not turn within its bound, and why. */
class HeartbeatsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final Map<String, Duration> loopBounds = new HashMap<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Heartbeats heartbeats = new Heartbeats(config(), meters, now::get);

    private HealthConfig config() {
        return new HealthConfig() {
            @Override
            public Duration loopBound() {
                return Duration.ofSeconds(60);
            }

            @Override
            public Map<String, Duration> loopBounds() {
                return loopBounds;
            }

            @Override
            public Duration consumerPollBound() {
                return Duration.ofSeconds(60);
            }

            @Override
            public Duration consumerHandlingBound() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration consumerLagInterval() {
                return Duration.ofSeconds(15);
            }
        };
    }

    private void pass(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    private Heartbeats.Verdict verdict(String name) {
        return heartbeats.verdicts().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("a loop that turns within its bound is up; one silent for longer than its bound is down, naming how long and the bound")
    void aSilentLoopIsDownWithItsAgeAndBound() {
        Heartbeats.Heartbeat relay = heartbeats.loop("outbox-relay", Duration.ofSeconds(1));
        pass(Duration.ofSeconds(59));
        relay.beat();
        pass(Duration.ofSeconds(30));
        assertThat(verdict("loop outbox-relay").up()).isTrue();

        pass(Duration.ofSeconds(45));
        Heartbeats.Verdict down = verdict("loop outbox-relay");
        assertThat(down.up()).isFalse();
        assertThat(down.state()).isEqualTo("no successful turn for 75 s (bound 60 s)");

        relay.beat();
        assertThat(verdict("loop outbox-relay").up()).isTrue();
    }

    @Test
    @DisplayName("a loop's bound is three of its intervals when that is longer than the least bound, and configuration overrides it by name")
    void boundsFollowTheIntervalAndTheConfiguration() {
        assertThat(heartbeats.loop("delivery-dispatcher", Duration.ofMillis(200)).bound()).isEqualTo(Duration.ofSeconds(60));
        assertThat(heartbeats.loop("lifecycle-notices", Duration.ofMinutes(1)).bound()).isEqualTo(Duration.ofMinutes(3));
        loopBounds.put("month-close", Duration.ofMinutes(30));
        assertThat(heartbeats.job("month-close", Duration.ofMinutes(13)).bound()).isEqualTo(Duration.ofMinutes(30));
        assertThat(heartbeats.job("support-mailbox", Duration.ofMinutes(13)).bound()).isEqualTo(Duration.ofMinutes(13));
    }

    @Test
    @DisplayName("a scheduled job's bound is three schedules plus its longest run; a schedule turned off is not watched")
    void scheduledJobsAreBoundByTheirSchedule() {
        assertThat(heartbeats.scheduledJob("month-close", "60s", Duration.ofMinutes(10)).orElseThrow().bound())
                .isEqualTo(Duration.ofMinutes(13));
        assertThat(heartbeats.scheduledJob("support-mailbox", "PT30S", Duration.ofMinutes(1)).orElseThrow().bound())
                .isEqualTo(Duration.ofSeconds(150));
        assertThat(heartbeats.scheduledJob("nightly", "1d", Duration.ZERO).orElseThrow().bound())
                .isEqualTo(Duration.ofDays(3));
        assertThat(heartbeats.scheduledJob("month-close-off", "off", Duration.ofMinutes(10))).isEmpty();
        assertThat(heartbeats.verdicts()).extracting(Heartbeats.Verdict::name).doesNotContain("loop month-close-off");
    }

    @Test
    @DisplayName("a loop stopped on purpose is no longer watched; started again, its bound counts from the new start")
    void aStoppedLoopIsNotWatched() {
        Heartbeats.Heartbeat firing = heartbeats.loop("sla-timer-firing", Duration.ofSeconds(1));
        firing.stop();
        pass(Duration.ofMinutes(10));
        assertThat(heartbeats.verdicts()).extracting(Heartbeats.Verdict::name).doesNotContain("loop sla-timer-firing");

        heartbeats.loop("sla-timer-firing", Duration.ofSeconds(1));
        pass(Duration.ofSeconds(10));
        assertThat(verdict("loop sla-timer-firing").up()).isTrue();
    }

    @Test
    @DisplayName("a consumer whose client stops polling is down after the poll bound; an idle consumer that polls is up")
    void aConsumerThatStopsPollingIsDown() {
        heartbeats.observePoll("contract-events", "client-1", 0);
        pass(Duration.ofMinutes(30));
        heartbeats.observePoll("contract-events", "client-1", 1);
        assertThat(verdict("consumer contract-events").up()).as("idle, polling").isTrue();

        pass(Duration.ofSeconds(61));
        heartbeats.observePoll("contract-events", "client-1", 62);
        Heartbeats.Verdict down = verdict("consumer contract-events");
        assertThat(down.up()).isFalse();
        assertThat(down.state()).startsWith("no poll for 62 s (bound 60 s)");
    }

    @Test
    @DisplayName("a client closed under the consumer (its metrics gone) counts as not polling from its last known poll")
    void aClosedClientIsNotPolling() {
        heartbeats.observePoll("ticket-events$1", "client-1", 0);
        heartbeats.observePoll("ticket-events$2", "client-2", 0);
        pass(Duration.ofSeconds(90));
        heartbeats.observePoll("ticket-events$1", "client-1", 0);
        heartbeats.observePoll("ticket-events$2", "client-2", -1);
        Heartbeats.Verdict down = verdict("consumer ticket-events");
        assertThat(down.up()).isFalse();
        assertThat(down.state()).startsWith("no poll for 90 s");
    }

    @Test
    @DisplayName("a record held in hand past the handling bound makes the consumer down; once handled it is up again")
    void aRecordStuckInHandIsDown() {
        heartbeats.observePoll("contract-events", "client-1", 0);
        Heartbeats.InHand record = heartbeats.inHand("contract-events");
        pass(Duration.ofMinutes(4));
        heartbeats.observePoll("contract-events", "client-1", 0);
        assertThat(verdict("consumer contract-events").up()).isTrue();

        pass(Duration.ofMinutes(2));
        heartbeats.observePoll("contract-events", "client-1", 0);
        Heartbeats.Verdict down = verdict("consumer contract-events");
        assertThat(down.up()).isFalse();
        assertThat(down.state()).startsWith("a record or batch in hand for 360 s (bound 300 s)");

        record.handled();
        record.release();
        assertThat(verdict("consumer contract-events").up()).isTrue();
    }

    @Test
    @DisplayName("records waiting on the broker while none is handled for the handling bound make the consumer down, even though it polls")
    void aBacklogThatDoesNotMoveIsDown() {
        heartbeats.observePoll("notice-events", "client-1", 0);
        heartbeats.inHand("notice-events").handled();
        pass(Duration.ofMinutes(6));
        heartbeats.observeLag("notice-events", 42);
        heartbeats.observePoll("notice-events", "client-1", 0);
        Heartbeats.Verdict down = verdict("consumer notice-events");
        assertThat(down.up()).isFalse();
        assertThat(down.state()).isEqualTo("42 records waiting and none handled for 360 s (bound 300 s); lag 42");

        heartbeats.inHand("notice-events").handled();
        assertThat(verdict("consumer notice-events").up()).as("a handled batch is progress").isTrue();
    }

    @Test
    @DisplayName("the gauges carry the loop's age and bound, and each consumer's poll age, oldest record in hand and lag, by bounded labels")
    void gaugesCarryAgesLagsAndBounds() {
        Heartbeats.Heartbeat relay = heartbeats.loop("outbox-relay", Duration.ofSeconds(1));
        heartbeats.observePoll("contract-events", "client-1", 3);
        heartbeats.observeLag("contract-events", 7);
        heartbeats.inHand("contract-events");
        pass(Duration.ofSeconds(12));

        assertThat(meters.get("platform.loop.last.success.age").tag("loop", "outbox-relay").gauge().value()).isEqualTo(12.0);
        assertThat(meters.get("platform.loop.bound").tag("loop", "outbox-relay").gauge().value()).isEqualTo(60.0);
        assertThat(meters.get("platform.consumer.last.poll.age").tag("channel", "contract-events").gauge().value())
                .isEqualTo(15.0);
        assertThat(meters.get("platform.consumer.in.hand.age").tag("channel", "contract-events").gauge().value())
                .isEqualTo(12.0);
        assertThat(meters.get("platform.consumer.lag").tag("channel", "contract-events").gauge().value()).isEqualTo(7.0);
        assertThat(meters.get("platform.consumer.poll.bound").tag("channel", "contract-events").gauge().value())
                .isEqualTo(60.0);
        assertThat(meters.get("platform.consumer.in.hand.bound").tag("channel", "contract-events").gauge().value())
                .isEqualTo(300.0);
        relay.stop();
        assertThat(meters.get("platform.loop.last.success.age").tag("loop", "outbox-relay").gauge().value()).isNaN();
    }
}
