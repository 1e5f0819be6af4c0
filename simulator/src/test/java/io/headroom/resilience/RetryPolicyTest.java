package io.headroom.resilience;

import io.headroom.design.resilience.RetryPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.random.StreamRandom;
import io.headroom.design.resilience.RetryPolicy.Backoff;
import io.headroom.design.resilience.RetryPolicy.Jitter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Backoff delays (exact without jitter, the AWS blog's distributions with it) and retry amplification. */
class RetryPolicyTest {
    private static final long MS = 1_000_000L;

    private static RetryPolicy policy(int count, long baseMs, double multiplier, Long capMs, Jitter jitter) {
        return new RetryPolicy(count, new Backoff(Duration.ofMillis(baseMs), multiplier,
                capMs == null ? null : Duration.ofMillis(capMs)), jitter);
    }

    @Test
    void withoutJitterTheDelaysAreCappedExponentialBackoffExactly() {
        RetryPolicy p = policy(7, 50, 2, 1000L, Jitter.NONE);
        long[] expected = {50, 100, 200, 400, 800, 1000, 1000};
        for (int n = 1; n <= 7; n++) {
            // no random draw without jitter: a null generator is never touched
            assertEquals(expected[n - 1] * MS, p.delayNs(n, null), "retry " + n);
        }
        RetryPolicy fractional = policy(4, 10, 1.5, null, Jitter.NONE);
        assertEquals(10_000_000L, fractional.delayNs(1, null));
        assertEquals(15_000_000L, fractional.delayNs(2, null));
        assertEquals(22_500_000L, fractional.delayNs(3, null));
        assertEquals(33_750_000L, fractional.delayNs(4, null));
        RetryPolicy constant = policy(3, 200, 1, null, Jitter.NONE);
        assertEquals(200 * MS, constant.delayNs(3, null));
    }

    @Test
    void aCountAloneRetriesAtOnce() {
        RetryPolicy p = RetryPolicy.immediate(3);
        assertEquals(4, p.maxAttempts());
        for (int n = 1; n <= 3; n++) {
            assertEquals(0, p.delayNs(n, null));
        }
        assertEquals(1, RetryPolicy.NONE.maxAttempts());
    }

    @Test
    void anUncappedBackoffSaturatesInsteadOfOverflowing() {
        RetryPolicy p = policy(400, 1000, 2, null, Jitter.NONE);
        assertEquals(1000 * MS << 20, p.delayNs(21, null));
        assertEquals(RetryPolicy.MAX_DELAY_NS, p.delayNs(400, null));
        assertTrue(p.delayNs(400, null) + p.delayNs(400, null) > 0, "two maximal delays still add up without overflow");
    }

    @Test
    void retriesOutsideTheCountAreABug() {
        RetryPolicy p = policy(2, 50, 2, 1000L, Jitter.NONE);
        assertThrows(IllegalArgumentException.class, () -> p.delayNs(0, null));
        assertThrows(IllegalArgumentException.class, () -> p.delayNs(3, null));
    }

    @Test
    void jitterDrawsOneUniformFromTheGivenStream() {
        // the delay is a function of exactly one nextDouble(): the caller's stream advances by one draw per retry
        long d = 200 * MS;
        StreamRandom a = new StreamRandom(11);
        StreamRandom b = new StreamRandom(11);
        RetryPolicy full = policy(3, 50, 2, null, Jitter.FULL);
        RetryPolicy equal = policy(3, 50, 2, null, Jitter.EQUAL);
        for (int i = 0; i < 1000; i++) {
            assertEquals((long) (b.nextDouble() * d), full.delayNs(3, a));
            double u = b.nextDouble();
            assertEquals((long) (d / 2.0 + u * (d / 2.0)), equal.delayNs(3, a));
        }
    }

    /** Uniform on [lo, hi): every draw inside, the mean within 4σ/√n of (lo + hi)/2, and the range filled. */
    @ParameterizedTest(name = "{0} jitter, retry {1}")
    @CsvSource({"FULL, 1", "FULL, 3", "FULL, 6", "EQUAL, 1", "EQUAL, 3", "EQUAL, 6"})
    void jitteredDelaysAreUniformOnTheBlogsInterval(Jitter jitter, int retry) {
        RetryPolicy p = policy(6, 50, 2, 1000L, jitter);
        long d = p.backoffNs(retry);
        double lo = jitter == Jitter.FULL ? 0 : d / 2.0;
        double hi = d;
        StreamRandom rng = new StreamRandom(20150304L + retry);
        int n = 400_000;
        double sum = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long x = p.delayNs(retry, rng);
            assertTrue(x >= lo && x < hi, x + " outside [" + lo + ", " + hi + ")");
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double mean = sum / n;
        double sigma = (hi - lo) / Math.sqrt(12);
        assertEquals(p.meanDelayNs(retry), (lo + hi) / 2, 1e-6);
        // truncation to whole nanoseconds lowers the mean by half a nanosecond
        assertEquals((lo + hi) / 2 - 0.5, mean, 4 * sigma / Math.sqrt(n), jitter + " mean of " + n + " delays");
        assertTrue(min - lo < (hi - lo) * 1e-3 && hi - max < (hi - lo) * 1e-3, "range [" + min + ", " + max + "]");
    }

    @Test
    void amplificationInClosedForm() {
        assertEquals(1.0, RetryPolicy.expectedAttempts(0, 5));
        assertEquals(6.0, RetryPolicy.expectedAttempts(1, 5));
        assertEquals(1.0, RetryPolicy.expectedAttempts(0.7, 0));
        assertEquals(1 + 0.3 + 0.09, RetryPolicy.expectedAttempts(0.3, 2), 1e-15);
        assertEquals(1.75, RetryPolicy.immediate(2).expectedAttempts(0.5));
        assertEquals(0.125, RetryPolicy.failureProbability(0.5, 2));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.expectedAttempts(1.5, 2));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.expectedAttempts(0.5, -1));
    }

    /**
     * A Monte Carlo of calls against a dependency whose attempts fail independently with probability q: attempts per
     * call within 4 standard errors of 1 + q + … + q^retries, and calls failing after every attempt within 4 standard
     * errors of q^(retries+1).
     */
    @ParameterizedTest(name = "q = {0}, retries = {1}")
    @CsvSource({"0.1, 2", "0.3, 2", "0.5, 1", "0.5, 3", "0.9, 3", "0.9, 10", "0.02, 5"})
    void amplificationAgainstAMonteCarlo(double q, int retries) {
        StreamRandom rng = new StreamRandom(Double.doubleToLongBits(q) ^ retries);
        int calls = 300_000;
        double sum = 0;
        double sumSq = 0;
        int failed = 0;
        for (int c = 0; c < calls; c++) {
            int attempts = 0;
            boolean ok = false;
            while (!ok && attempts <= retries) {
                attempts++;
                ok = rng.nextDouble() >= q;
            }
            failed += ok ? 0 : 1;
            sum += attempts;
            sumSq += (double) attempts * attempts;
        }
        double mean = sum / calls;
        double se = Math.sqrt((sumSq / calls - mean * mean) / calls);
        assertEquals(RetryPolicy.expectedAttempts(q, retries), mean, 4 * se + 1e-12, "attempts per call");
        double pf = RetryPolicy.failureProbability(q, retries);
        assertEquals(pf, (double) failed / calls, 4 * Math.sqrt(pf * (1 - pf) / calls) + 1e-12, "calls failed");
    }
}
