package io.headroom.load;

import io.headroom.load.arrival.ArrivalStream;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.random.RandomStreams;
import io.headroom.random.StreamRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/**
 * Statistics of {@code randomized} steps: a Poisson process whose rate follows the step. The total
 * count N is checked against the integral of the rate, within 4 sqrt(integral) (a Poisson count's
 * standard deviation is sqrt of its mean; a count fixed at the integral, as Gatling 3.15 draws it,
 * passes too). Given N, the times of a Poisson process are independent with density proportional to
 * the rate, so counts per bucket are multinomial with the bucket's share of the integral as
 * probability (chi-square against N times those shares), and gaps are asymptotically exponential.
 *
 * <p>Every test uses fixed seeds, so it is deterministic; its bounds are set where a correct
 * generator would fail with probability about 1e-6 (chi-square quantiles at 1e-6 and 1 - 1e-6)
 * or less (5 standard errors, two-sided 5.7e-7 per check), so they are not tuned to the seeds.
 */
class RandomizedArrivalsTest {
    private static final double ALPHA = 1e-6;

    private static long[] drain(ArrivalStream s) {
        List<Long> out = new ArrayList<>();
        for (long t = s.next(); t != ArrivalStream.END; t = s.next()) {
            out.add(t);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] times(OpenStep step, long seed) {
        return drain(step.arrivals(0, new StreamRandom(seed)));
    }

    private static void assertSortedWithin(long[] t, double seconds) {
        for (int i = 0; i < t.length; i++) {
            assertTrue(t[i] >= 0 && t[i] <= Math.round(seconds * 1e9), "time " + t[i] + " outside the step");
            assertTrue(i == 0 || t[i] >= t[i - 1], "times go back at user " + i);
        }
    }

    /** Chi-square of bucket counts against expected counts, checked two-sided at ALPHA. */
    private static void assertChiSquare(long[] observed, double[] expected, String what) {
        double chi2 = 0;
        for (int j = 0; j < observed.length; j++) {
            chi2 += (observed[j] - expected[j]) * (observed[j] - expected[j]) / expected[j];
        }
        ChiSquaredDistribution d = new ChiSquaredDistribution(observed.length - 1);
        double lo = d.inverseCumulativeProbability(ALPHA);
        double hi = d.inverseCumulativeProbability(1 - ALPHA);
        assertTrue(chi2 > lo && chi2 < hi, what + ": chi-square " + chi2 + " with " + (observed.length - 1)
                + " degrees of freedom, outside [" + lo + ", " + hi + "]");
    }

    @Test
    void constantRateCountIsGatlingsAndTimesAreUniform() {
        double rate = 50;
        long seconds = 2000;
        long[] t = times(new OpenStep.ConstantUsersPerSec(rate, Duration.ofSeconds(seconds), true), 11);
        double mean = rate * seconds; // 100 000
        assertEquals(mean, t.length, 4 * Math.sqrt(mean), "count within 4 sqrt(N) = 1265 of N");
        long n = t.length;
        assertSortedWithin(t, seconds);

        // one-second buckets, 50 expected each: multinomial, chi-square with 1999 degrees of freedom.
        // Two-sided: a regular (not random) schedule would give chi-square 0 and fail.
        long[] counts = new long[(int) seconds];
        for (long x : t) {
            counts[(int) Math.min(seconds - 1, x / 1_000_000_000L)]++;
        }
        double[] expected = new double[counts.length];
        java.util.Arrays.fill(expected, (double) n / seconds);
        assertChiSquare(counts, expected, "constant 50/s");

        // gaps: mean 1/rate, coefficient of variation 1 (exponential). For n exponential gaps the
        // sample CV has standard error 1/sqrt(n) (delta method: Var(CV^2) = 4/n), so 5/sqrt(n) = 0.0158.
        double sum = 0;
        double sumSq = 0;
        int gaps = t.length - 1;
        for (int i = 1; i < t.length; i++) {
            double g = (t[i] - t[i - 1]) / 1e9;
            sum += g;
            sumSq += g * g;
        }
        double meanGap = sum / gaps;
        double cv = Math.sqrt(sumSq / gaps - meanGap * meanGap) / meanGap;
        assertEquals((double) seconds / n, meanGap, 5 * ((double) seconds / n) / Math.sqrt(gaps), "mean gap");
        assertEquals(1.0, cv, 5 / Math.sqrt(gaps), "coefficient of variation of the gaps");
    }

    @Test
    void regularScheduleFailsTheRandomnessCheck() {
        // the same check on the non-randomized step must fail: its counts per second are exact
        long[] t = times(new OpenStep.ConstantUsersPerSec(50.0, Duration.ofSeconds(200), false), 11);
        long[] counts = new long[200];
        for (long x : t) {
            counts[(int) (x / 1_000_000_000L)]++;
        }
        double[] expected = new double[200];
        java.util.Arrays.fill(expected, 50);
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> assertChiSquare(counts, expected, "regular"));
    }

    /** Integral of a rate ramping from {@code from} to {@code to} over {@code d} seconds, from 0 to t. */
    private static double integral(double from, double to, double d, double t) {
        return from * t + (to - from) * t * t / (2 * d);
    }

    private static void checkRamp(double from, double to, long seconds, int buckets, long seed) {
        long[] t = times(new OpenStep.RampUsersPerSec(from, to, Duration.ofSeconds(seconds), true), seed);
        double total = integral(from, to, seconds, seconds);
        assertEquals(total, t.length, 4 * Math.sqrt(total), "count against the integral of the rate");
        assertSortedWithin(t, seconds);

        double width = (double) seconds / buckets;
        long[] counts = new long[buckets];
        for (long x : t) {
            counts[(int) Math.min(buckets - 1, x / 1e9 / width)]++;
        }
        double[] expected = new double[buckets];
        for (int j = 0; j < buckets; j++) {
            double p = (integral(from, to, seconds, (j + 1) * width) - integral(from, to, seconds, j * width)) / total;
            expected[j] = p * t.length;
            // each bucket on its own: binomial, within 5 standard deviations
            double sd = Math.sqrt(t.length * p * (1 - p));
            assertEquals(expected[j], counts[j], 5 * sd, "bucket " + j + " of ramp " + from + " -> " + to);
        }
        assertChiSquare(counts, expected, "ramp " + from + " -> " + to);
    }

    @Test
    void rampUpCountsPerSegmentFollowTheIntegralOfTheRate() {
        checkRamp(0, 100, 600, 60, 5); // 30 000 users, expected 50 to 2 950 per bucket
    }

    @Test
    void rampDownCountsPerSegmentFollowTheIntegralOfTheRate() {
        checkRamp(100, 20, 300, 30, 6); // 18 000 users
    }

    @Test
    void fractionalRampCountsPerSegmentFollowTheIntegralOfTheRate() {
        checkRamp(1.5, 7.25, 3000, 20, 7); // 13 125 users
    }

    @Test
    void sameSeedSameTimesDifferentSeedDifferentTimes() {
        LoadProfile p = new LoadProfile("p", null, Map.of(), null, List.of(
                new OpenStep.ConstantUsersPerSec(20.0, Duration.ofSeconds(30), true),
                new OpenStep.RampUsersPerSec(20.0, 5.0, Duration.ofSeconds(30), true)));
        long[] a = drain(p.arrivals(new RandomStreams(1)));
        long[] b = drain(p.arrivals(new RandomStreams(1)));
        long[] c = drain(p.arrivals(new RandomStreams(2)));
        assertArrayEquals(a, b);
        assertEquals(600 + 375, a.length, 4 * Math.sqrt(975));
        int same = 0;
        for (int i = 0; i < Math.min(a.length, c.length); i++) {
            same += a[i] == c[i] ? 1 : 0;
        }
        assertTrue(same < a.length / 100, same + " of " + a.length + " times equal across seeds");
        // the times come from the run's "load:arrivals" stream, the steps drawing from it in turn
        StreamRandom rng = new RandomStreams(1).stream("load:arrivals");
        long[] first = drain(p.injection().get(0).arrivals(0, rng));
        long[] second = drain(p.injection().get(1).arrivals(30_000_000_000L, rng));
        assertArrayEquals(a, java.util.stream.LongStream.concat(
                java.util.Arrays.stream(first), java.util.Arrays.stream(second)).toArray());
        assertFalse(java.util.Arrays.equals(first, drain(p.injection().get(0).arrivals(0,
                new RandomStreams(1).stream("load:other")))));
    }

    @Test
    void randomizedUsesWholeSecondsOnly() {
        // 400/s during 2.9 s: Gatling injects over the 2 whole seconds only
        long[] t = times(new OpenStep.ConstantUsersPerSec(400.0, Duration.ofMillis(2900), true), 3);
        assertEquals(800, t.length, 4 * Math.sqrt(800));
        assertSortedWithin(t, 2);
        assertEquals(0, times(new OpenStep.ConstantUsersPerSec(40.0, Duration.ofMillis(999), true), 3).length);
        assertEquals(0, times(new OpenStep.RampUsersPerSec(0.0, 0.0, Duration.ofSeconds(10), true), 3).length);
    }
}
