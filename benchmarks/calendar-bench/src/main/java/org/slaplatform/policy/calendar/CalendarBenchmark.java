package org.slaplatform.policy.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slaplatform.policy.PolicyLoader;

/**
 * Deadlines per second on the IS standard calendar (CAL-1: 09:00-18:00 Pacific, US + California
 * holidays) for 1 hour, 1 business day and 20 business days, and the same for the minute-stepping
 * reference the property tests trust. Starts are 1,024 random instants in 2025-2027.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class CalendarBenchmark {

    private static final int STARTS = 1024;

    private BusinessCalendar calendar;
    private MinuteSteppingCalendar reference;
    private final Instant[] starts = new Instant[STARTS];
    private int next;

    @Setup
    public void setUp() {
        calendar = PolicyLoader.fromClasspath("infostretch").calendar("standard");
        Set<LocalDate> holidays = new HashSet<>();
        for (int year = 2024; year <= 2029; year++) {
            holidays.addAll(calendar.holidaysOf(year));
        }
        reference = new MinuteSteppingCalendar(calendar.zone(), calendar.hours(), holidays, List.of());
        Random random = new Random(42);
        long from = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond() / 60;
        long to = Instant.parse("2028-01-01T00:00:00Z").getEpochSecond() / 60;
        for (int i = 0; i < STARTS; i++) {
            starts[i] = Instant.ofEpochSecond((from + (long) (random.nextDouble() * (to - from))) * 60);
            // year plans are built on first use; build them before measuring
            calendar.addBusinessDays(starts[i], 20, BusinessDayReading.SAME_CLOCK_TIME);
        }
    }

    private Instant start() {
        return starts[next++ & (STARTS - 1)];
    }

    @Benchmark
    public Instant oneHour() {
        return calendar.addBusinessTime(start(), Duration.ofHours(1));
    }

    @Benchmark
    public Instant oneBusinessDay() {
        return calendar.addBusinessDays(start(), 1, BusinessDayReading.SAME_CLOCK_TIME);
    }

    @Benchmark
    public Instant twentyBusinessDays() {
        return calendar.addBusinessDays(start(), 20, BusinessDayReading.SAME_CLOCK_TIME);
    }

    @Benchmark
    public Instant twentyBusinessDaysAsHours() {
        return calendar.addBusinessTime(start(), Duration.ofHours(180));
    }

    @Benchmark
    public Instant referenceOneHour() {
        return reference.addBusinessTime(start(), Duration.ofHours(1));
    }

    @Benchmark
    public Instant referenceOneBusinessDay() {
        return reference.addBusinessDays(start(), 1, BusinessDayReading.SAME_CLOCK_TIME);
    }

    @Benchmark
    public Instant referenceTwentyBusinessDays() {
        return reference.addBusinessDays(start(), 20, BusinessDayReading.SAME_CLOCK_TIME);
    }
}
