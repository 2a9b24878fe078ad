package org.slaplatform.policy.calendar;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

/**
 * Generated test cases that can be replayed: case {@code i} of a property draws everything it needs
 * from a {@link SplittableRandom} seeded with {@code seed(i)}, so a failure names one number that
 * reproduces it exactly, on any machine.
 *
 * <p>The run is fixed by default (the same cases in every build). Two system properties change it:
 * {@code -Dproperties.seed=N} starts the cases from another base seed (a larger or different run),
 * {@code -Dproperties.tries=N} sets how many cases each property gets, and
 * {@code -Dproperties.case=S} replays the single case whose seed is {@code S}, as printed by a failure.
 */
final class SeededCases {

    static final long DEFAULT_BASE_SEED = 20_261_206L;

    private SeededCases() {
    }

    /** {@code tries} cases of {@code property}, each a DynamicTest named by its seed. */
    static Stream<DynamicTest> of(String property, int tries, Consumer<SplittableRandom> check) {
        String replay = System.getProperty("properties.case");
        LongStream seeds;
        if (replay != null && !replay.isBlank()) {
            seeds = LongStream.of(Long.parseLong(replay.trim()));
        } else {
            long base = Long.getLong("properties.seed", DEFAULT_BASE_SEED);
            int n = Integer.getInteger("properties.tries", tries);
            // Each case's seed is derived from the base by SplittableRandom's own mixing, so cases
            // are independent streams rather than neighbouring seeds of one generator.
            SplittableRandom seedSource = new SplittableRandom(base);
            seeds = LongStream.generate(seedSource::nextLong).limit(n);
        }
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest(property + " seed=" + seed, () -> run(property, seed, check)));
    }

    private static void run(String property, long seed, Consumer<SplittableRandom> check) {
        try {
            check.accept(new SplittableRandom(seed));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(property + " failed for the case with seed " + seed
                    + "; replay it alone with -Dproperties.case=" + seed + "\n" + e.getMessage(), e);
        }
    }

    /** One of {@code options}, each weighted by the number before it: {@code weighted(r, 6, a, 1, b)}. */
    @SafeVarargs
    static <T> T weighted(SplittableRandom random, Weighted<T>... options) {
        int total = 0;
        for (Weighted<T> option : options) {
            total += option.weight();
        }
        int pick = random.nextInt(total);
        for (Weighted<T> option : options) {
            pick -= option.weight();
            if (pick < 0) {
                return option.value().get();
            }
        }
        throw new IllegalStateException("unreachable");
    }

    record Weighted<T>(int weight, java.util.function.Supplier<T> value) {
    }

    static <T> Weighted<T> weight(int weight, java.util.function.Supplier<T> value) {
        return new Weighted<>(weight, value);
    }

    static <T> T oneOf(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A long in [from, to], both inclusive. */
    static long between(SplittableRandom random, long from, long to) {
        return random.nextLong(from, to + 1);
    }

    /** An int in [from, to], both inclusive. */
    static int between(SplittableRandom random, int from, int to) {
        return random.nextInt(from, to + 1);
    }
}
