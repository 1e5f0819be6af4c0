package io.headroom.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * {@link SlidingPercentile} against what it replaces: a ring of {@code Histogram(3)} per step merged into a window's
 * histogram by {@code add} and {@code subtract}. Every percentile of every step and every window must be the
 * library's {@code getValueAtPercentile}, to the nanosecond.
 */
class SlidingPercentileTest {
    private static final double[] PERCENTS = {0, 1, 50, 90, 95, 99, 99.9, 99.99, 100};

    @Test
    void bucketsAreTheLibrarys() {
        Histogram h = new Histogram(3);
        List<Long> values = new ArrayList<>(List.of(0L, 1L, 2L, 1023L, 1024L, 2046L, 2047L, 2048L, 2049L, 4095L, 4096L, 4097L,
                1L << 40, (1L << 40) - 1, (1L << 40) + 1, Long.MAX_VALUE / 4));
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            values.add((long) Math.floor(Math.pow(2, rng.nextDouble() * 50))); // log-uniform up to 2^50 ns (13 days)
        }
        values.sort(null);
        int previous = -1;
        long previousValue = -1;
        for (long v : values) {
            int i = SlidingPercentile.index(v);
            assertEquals(h.lowestEquivalentValue(v), SlidingPercentile.valueAt(i), "the lowest value of " + v + "'s bucket");
            assertTrue(i >= previous, "buckets in the order of values at " + v);
            if (previousValue >= 0) {
                boolean sameBucket = h.highestEquivalentValue(previousValue) == h.highestEquivalentValue(v);
                assertEquals(sameBucket, i == previous, previousValue + " and " + v);
            }
            previous = i;
            previousValue = v;
        }
    }

    @Test
    void aNegativeLatencyIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new SlidingPercentile(2).record(0, -1));
    }

    @Test
    void stepsAndWindowsAnswerAsMergedHistograms() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int k : new int[] {1, 2, 5, 30}) {
            for (int trial = 0; trial < 3; trial++) {
                compare(k, rng);
            }
        }
    }

    /**
     * Steps of 0 to 400 latencies (lognormal around 1-100 ms, some tails of seconds, a few under 3 µs and a few of
     * hours), a few dropped (not judged).
     */
    private static void compare(int k, SplittableRandom rng) {
        int ring = k + 1;
        Histogram[] steps = new Histogram[ring];
        for (int i = 0; i < ring; i++) {
            steps[i] = new Histogram(3);
        }
        Histogram total = new Histogram(3);
        SlidingPercentile sliding = new SlidingPercentile(ring);
        int cur = 0;
        int judged = 0;
        for (int s = 0; s < 300; s++) {
            int n = rng.nextInt(8) == 0 ? 0 : rng.nextInt(rng.nextBoolean() ? 3 : 400);
            double median = 1e6 * Math.pow(100, rng.nextDouble());
            for (int j = 0; j < n; j++) {
                int kind = rng.nextInt(40);
                long v = kind == 0 ? rng.nextLong(3_000) // the first bucket's 2,048 unit-wide sub-buckets, and just past them
                        : kind == 1 ? rng.nextLong(1L << 45) // up to 9.8 hours: the counts grow far past their first size
                        : (long) (median * Math.exp(rng.nextDouble() * 2 - 1 + (rng.nextInt(50) == 0 ? 5 : 0)));
                steps[cur].recordValue(v);
                sliding.record(cur, v);
            }
            if (rng.nextInt(10) == 0) { // a step of the warm-up or the drain: dropped
                steps[cur].reset();
                sliding.empty(cur);
                continue;
            }
            if (n > 0) {
                for (double p : PERCENTS) {
                    assertEquals(steps[cur].getValueAtPercentile(p), sliding.stepPercentile(cur, p), "step " + s + " p" + p);
                }
            }
            total.add(steps[cur]);
            sliding.enter(cur);
            judged++;
            int next = (cur + 1) % ring;
            if (judged > k) {
                total.subtract(steps[next]);
                sliding.leave(next);
            }
            if (judged >= k && total.getTotalCount() > 0) {
                for (double p : PERCENTS) {
                    assertEquals(total.getValueAtPercentile(p), sliding.windowPercentile(p), "k " + k + " window at step " + s + " p" + p);
                }
            }
            steps[next].reset();
            sliding.empty(next);
            cur = next;
        }
    }
}
