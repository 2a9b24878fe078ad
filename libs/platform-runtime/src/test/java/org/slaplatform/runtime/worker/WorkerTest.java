package org.slaplatform.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.runtime.health.Heartbeats;
import org.slaplatform.runtime.health.TestHeartbeats;
import org.slaplatform.runtime.testing.RuntimeDatabase;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@link Worker} over a real PostgreSQL: woken by NOTIFY on its schema's channel, polling as a safety
 * net, backing off after failed turns, listening again after its connection was killed, beating its
 * heartbeat, stopping cleanly.
 */
class WorkerTest {

    private static RuntimeDatabase db;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Heartbeats heartbeats = TestHeartbeats.of(meters);

    @BeforeAll
    static void database() {
        db = RuntimeDatabase.migrated();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    @DisplayName("a NOTIFY on the worker's channel wakes it long before its poll interval")
    void aNotifyWakesTheWorker() throws Exception {
        Turns job = new Turns();
        Worker worker = worker(WorkerSettings.of("notified", Duration.ofSeconds(60)).listening("jobs"), job);
        worker.start();
        try {
            await(() -> job.count() == 1, Duration.ofSeconds(10));
            Thread.sleep(500);
            assertThat(job.count()).as("idle: waits for a wake-up").isEqualTo(1);
            long sent = System.nanoTime();
            db.execute("notify \"" + RuntimeDatabase.SCHEMA + "_jobs\"");
            await(() -> job.count() == 2, Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(2));
            db.execute("notify \"" + RuntimeDatabase.SCHEMA + "_other\"");
            Thread.sleep(500);
            assertThat(job.count()).as("another channel does not wake it").isEqualTo(2);
        } finally {
            worker.stop();
        }
    }

    @Test
    @DisplayName("without a wake-up the worker turns every poll interval; a turn that says more is waiting is followed at once")
    void pollsAsASafetyNet() throws Exception {
        AtomicInteger backlog = new AtomicInteger(5);
        Turns job = new Turns(() -> backlog.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? Next.now() : Next.idle());
        Worker worker = worker(WorkerSettings.of("polling", Duration.ofMillis(300)).listening("jobs"), job);
        worker.start();
        try {
            await(() -> job.count() >= 6, Duration.ofSeconds(2));
            assertThat(job.gap(1)).as("a backlog is worked off at once").isLessThan(Duration.ofMillis(150));
            await(() -> job.count() >= 9, Duration.ofSeconds(5));
            assertThat(job.gap(7)).as("then one turn per poll interval")
                    .isBetween(Duration.ofMillis(250), Duration.ofMillis(1_000));
        } finally {
            worker.stop();
        }
    }

    @Test
    @DisplayName("a worker without a channel is woken from the JVM, and a deadline shorter than the poll interval is kept")
    void wakeUpAndDeadline() throws Exception {
        Turns job = new Turns(() -> Next.idle());
        Worker worker = worker(WorkerSettings.of("in-jvm", Duration.ofSeconds(60)), job);
        worker.start();
        try {
            await(() -> job.count() == 1, Duration.ofSeconds(5));
            worker.wakeUp();
            await(() -> job.count() == 2, Duration.ofSeconds(2));
        } finally {
            worker.stop();
        }
        Turns timed = new Turns(() -> Next.within(Duration.ofMillis(200)));
        Worker deadline = worker(WorkerSettings.of("deadline", Duration.ofSeconds(60)).listening("jobs"), timed);
        deadline.start();
        try {
            await(() -> timed.count() >= 4, Duration.ofSeconds(3));
        } finally {
            deadline.stop();
        }
    }

    @Test
    @DisplayName("failed turns are retried after a doubling pause up to its cap; the first success resets it and beats the heartbeat")
    void backsOffThenRecovers() throws Exception {
        AtomicInteger failing = new AtomicInteger(4);
        Turns job = new Turns(() -> {
            if (failing.getAndDecrement() > 0) {
                throw new IllegalStateException("database down");
            }
            return Next.idle();
        });
        Worker worker = worker(WorkerSettings.of("backing-off", Duration.ofSeconds(60)).listening("jobs")
                .backoff(Duration.ofMillis(100), Duration.ofMillis(400)), job);
        worker.start();
        try {
            await(() -> job.count() == 5, Duration.ofSeconds(5));
            assertThat(job.gap(1)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
            assertThat(job.gap(2)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(job.gap(3)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(job.gap(4)).as("capped").isGreaterThanOrEqualTo(Duration.ofMillis(400))
                    .isLessThan(Duration.ofMillis(790));
            assertThat(age("backing-off")).as("beaten by the successful turn").isLessThan(1.0);
            long sent = System.nanoTime();
            db.execute("notify \"" + RuntimeDatabase.SCHEMA + "_jobs\"");
            await(() -> job.count() == 6, Duration.ofSeconds(2));
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
        } finally {
            worker.stop();
        }
        assertThat(WorkerSettings.of("x", Duration.ofSeconds(1)).backoff(Duration.ofSeconds(2), Duration.ofSeconds(30))
                .pauseAfter(20)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("the heartbeat is beaten on every successful turn, not on a failed one")
    void heartbeat() throws Exception {
        Turns job = new Turns(() -> Next.idle());
        Worker worker = worker(WorkerSettings.of("beating", Duration.ofMillis(100)).listening("jobs"), job);
        AtomicInteger calls = new AtomicInteger();
        Turns failing = new Turns(() -> {
            if (calls.getAndIncrement() > 0) {
                throw new IllegalStateException("stuck");
            }
            return Next.idle();
        });
        Worker broken = worker(WorkerSettings.of("failing", Duration.ofMillis(100))
                .backoff(Duration.ofMillis(50), Duration.ofMillis(50)), failing);
        worker.start();
        broken.start();
        try {
            Thread.sleep(1_500);
            assertThat(job.count()).isGreaterThanOrEqualTo(8);
            assertThat(age("beating")).isLessThan(0.5);
            assertThat(failing.count()).isGreaterThanOrEqualTo(8);
            assertThat(age("failing")).as("only its first turn succeeded").isGreaterThan(1.0);
            assertThat(heartbeats.verdicts()).extracting(Heartbeats.Verdict::name)
                    .contains("loop beating", "loop failing");
        } finally {
            worker.stop();
            broken.stop();
        }
    }

    @Test
    @DisplayName("a LISTEN connection terminated by the database (an outage) is reopened: NOTIFY wakes the worker again")
    void reconnectsAfterItsConnectionWasKilled() throws Exception {
        Turns job = new Turns();
        Worker worker = worker(WorkerSettings.of("reconnecting", Duration.ofSeconds(60)).listening("jobs")
                .backoff(Duration.ofMillis(100), Duration.ofMillis(400)), job);
        worker.start();
        try {
            await(() -> job.count() == 1 && listeners() == 1, Duration.ofSeconds(10));
            assertThat(db.count("select count(pg_terminate_backend(pid)) from pg_stat_activity where "
                    + LISTENING)).isEqualTo(1);
            await(() -> listeners() == 1 && job.count() >= 2, Duration.ofSeconds(10));
            int before = job.count();
            Thread.sleep(300);
            db.execute("notify \"" + RuntimeDatabase.SCHEMA + "_jobs\"");
            await(() -> job.count() > before, Duration.ofSeconds(3));
        } finally {
            worker.stop();
        }
    }

    @Test
    @DisplayName("stop ends the thread promptly even mid-wait, leaves the channel and the health check; the worker can start again")
    void stopsCleanly() throws Exception {
        Turns job = new Turns();
        Worker worker = worker(WorkerSettings.of("stopping", Duration.ofSeconds(60)).listening("jobs"), job);
        worker.start();
        worker.start();
        await(() -> job.count() == 1 && listeners() == 1, Duration.ofSeconds(10));
        long stopping = System.nanoTime();
        worker.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(2));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("stopping") && t.isAlive());
        assertThat(listeners()).isZero();
        assertThat(heartbeats.verdicts()).extracting(Heartbeats.Verdict::name).doesNotContain("loop stopping");
        db.execute("notify \"" + RuntimeDatabase.SCHEMA + "_jobs\"");
        Thread.sleep(300);
        assertThat(job.count()).isEqualTo(1);

        worker.start();
        try {
            await(() -> job.count() == 2, Duration.ofSeconds(5));
            assertThat(heartbeats.verdicts()).extracting(Heartbeats.Verdict::name).contains("loop stopping");
        } finally {
            worker.stop();
        }
    }

    private static final String LISTENING = "query = 'listen \"" + RuntimeDatabase.SCHEMA + "_jobs\"'";

    private static long listeners() {
        return db.count("select count(*) from pg_stat_activity where " + LISTENING);
    }

    private Worker worker(WorkerSettings settings, Job job) throws Exception {
        return new Worker(settings, db.dataSource(), heartbeats, job);
    }

    private double age(String loop) {
        return meters.get("platform.loop.last.success.age").tag("loop", loop).gauge().value();
    }

    private static void await(BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", atMost).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** A job that records when it turned and answers as told (idle by default). */
    private static final class Turns implements Job {

        private final List<Long> at = new CopyOnWriteArrayList<>();
        private final Job answer;

        Turns() {
            this(Next::idle);
        }

        Turns(Job answer) {
            this.answer = answer;
        }

        @Override
        public Next turn() throws Exception {
            at.add(System.nanoTime());
            return answer.turn();
        }

        int count() {
            return at.size();
        }

        /** The time between turn {@code n} (from 1) and the one before. */
        Duration gap(int n) {
            return Duration.ofNanos(at.get(n) - at.get(n - 1));
        }
    }
}
