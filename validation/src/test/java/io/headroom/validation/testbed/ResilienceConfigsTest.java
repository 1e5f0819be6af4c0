package io.headroom.validation.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.headroom.design.resilience.BulkheadConfig;
import io.headroom.design.resilience.CircuitBreakerConfig;
import io.headroom.design.resilience.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The design's resilience settings as Resilience4j configuration, and the simulator's breaker against Resilience4j's. */
class ResilienceConfigsTest {

    @Test
    void breakerSettingsMapOntoResilience4j() {
        var r4j = ResilienceConfigs.breaker(new CircuitBreakerConfig(0.3, 20, 8, Duration.ofMillis(1500), 4));
        assertEquals(io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType.COUNT_BASED, r4j.getSlidingWindowType());
        assertEquals(20, r4j.getSlidingWindowSize());
        assertEquals(8, r4j.getMinimumNumberOfCalls());
        assertEquals(30f, r4j.getFailureRateThreshold());
        assertEquals(1500L, r4j.getWaitIntervalFunctionInOpenState().apply(1));
        assertEquals(4, r4j.getPermittedNumberOfCallsInHalfOpenState());
        assertFalse(r4j.isAutomaticTransitionFromOpenToHalfOpenEnabled());
        assertTrue(r4j.getRecordResultPredicate().test(500));
        assertTrue(r4j.getRecordResultPredicate().test(504));
        assertFalse(r4j.getRecordResultPredicate().test(200));
        assertTrue(r4j.getRecordExceptionPredicate().test(new TimeoutException()));
    }

    @Test
    void theSimulatorsDefaultsAreResilience4jsDefaults() {
        var ours = ResilienceConfigs.breaker(CircuitBreakerConfig.DEFAULTS);
        var theirs = io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.ofDefaults();
        assertEquals(theirs.getSlidingWindowType(), ours.getSlidingWindowType());
        assertEquals(theirs.getSlidingWindowSize(), ours.getSlidingWindowSize());
        assertEquals(theirs.getMinimumNumberOfCalls(), ours.getMinimumNumberOfCalls());
        assertEquals(theirs.getFailureRateThreshold(), ours.getFailureRateThreshold());
        assertEquals(theirs.getWaitIntervalFunctionInOpenState().apply(1), ours.getWaitIntervalFunctionInOpenState().apply(1));
        assertEquals(theirs.getPermittedNumberOfCallsInHalfOpenState(), ours.getPermittedNumberOfCallsInHalfOpenState());
        assertEquals(theirs.getSlowCallRateThreshold(), ours.getSlowCallRateThreshold());
        assertEquals(theirs.getSlowCallDurationThreshold(), ours.getSlowCallDurationThreshold());
        var bulkhead = ResilienceConfigs.bulkhead(BulkheadConfig.DEFAULTS);
        var r4jBulkhead = io.github.resilience4j.bulkhead.BulkheadConfig.ofDefaults();
        assertEquals(r4jBulkhead.getMaxConcurrentCalls(), bulkhead.getMaxConcurrentCalls());
        assertEquals(r4jBulkhead.getMaxWaitDuration(), bulkhead.getMaxWaitDuration());
    }

    @Test
    void bulkheadAndTimeout() {
        var b = ResilienceConfigs.bulkhead(BulkheadConfig.of(7));
        assertEquals(7, b.getMaxConcurrentCalls());
        assertEquals(Duration.ZERO, b.getMaxWaitDuration());
        var t = ResilienceConfigs.timeLimiter(Duration.ofMillis(80));
        assertEquals(Duration.ofMillis(80), t.getTimeoutDuration());
        assertTrue(t.shouldCancelRunningFuture());
    }

    @Test
    void retriesAreCountPlusOneAttemptsAndRetryEveryFailure() {
        RetryConfig r = ResilienceConfigs.retry(new RetryPolicy(2, null, null), new MersenneTwister(1));
        assertEquals(3, r.getMaxAttempts());
        assertEquals(0L, r.getIntervalFunction().apply(1));
        assertEquals(0L, r.getIntervalFunction().apply(2));
        assertTrue(r.<Integer>getResultPredicate().test(500));
        assertTrue(r.<Integer>getResultPredicate().test(502));
        assertFalse(r.<Integer>getResultPredicate().test(200));
        assertTrue(r.getExceptionPredicate().test(CallNotPermittedException.createCallNotPermittedException(
                CircuitBreaker.ofDefaults("x"))));
        assertTrue(r.getExceptionPredicate().test(new TimeoutException()));
    }

    @Test
    void backoffWithoutJitterIsResilience4jsExponentialBackoff() {
        RetryPolicy p = new RetryPolicy(5, new RetryPolicy.Backoff(Duration.ofMillis(10), 3.0, Duration.ofMillis(500)), null);
        IntervalFunction f = ResilienceConfigs.interval(p, null);
        IntervalFunction theirs = IntervalFunction.ofExponentialBackoff(Duration.ofMillis(10), 3.0, Duration.ofMillis(500));
        long[] expected = {10, 30, 90, 270, 500};
        for (int n = 1; n <= 5; n++) {
            assertEquals(expected[n - 1], f.apply(n));
            assertEquals(theirs.apply(n), f.apply(n));
            assertEquals(p.delayNs(n, null) / ResilienceConfigs.MS, f.apply(n));
        }
    }

    @Test
    void jitteredBackoffIsTheSimulatorsDrawInWholeMilliseconds() {
        for (RetryPolicy.Jitter j : new RetryPolicy.Jitter[] {RetryPolicy.Jitter.FULL, RetryPolicy.Jitter.EQUAL}) {
            RetryPolicy p = new RetryPolicy(3, new RetryPolicy.Backoff(Duration.ofMillis(10), 2.0, null), j);
            IntervalFunction f = ResilienceConfigs.interval(p, new MersenneTwister(42));
            RandomGenerator same = new MersenneTwister(42);
            for (int k = 0; k < 300; k++) {
                int n = 1 + k % 3;
                assertEquals(Math.round(p.delayNs(n, same) / 1e6), f.apply(n), j + " retry " + n);
            }
        }
    }

    /**
     * A scripted history of calls — bursts of failures, recoveries, calls finishing after the breaker opened — through
     * the simulator's breaker and through Resilience4j's, configured by the mapping: both permit and refuse exactly
     * the same calls at the same times.
     */
    @Test
    void theSimulatorsBreakerPermitsExactlyTheCallsResilience4jPermits() {
        for (CircuitBreakerConfig c : List.of(new CircuitBreakerConfig(0.5, 10, 10, Duration.ofMillis(1000), 3),
                new CircuitBreakerConfig(0.3, 20, 5, Duration.ofMillis(300), 7), new CircuitBreakerConfig(1.0, 4, 4, Duration.ofMillis(50), 1))) {
            MutableClock clock = new MutableClock();
            CircuitBreaker theirs = CircuitBreaker.of("x", io.github.resilience4j.circuitbreaker.CircuitBreakerConfig
                    .from(ResilienceConfigs.breaker(c)).clock(clock).build());
            io.headroom.resilience.CircuitBreaker ours = new io.headroom.resilience.CircuitBreaker(c);
            RandomGenerator rng = new MersenneTwister(7);
            List<long[]> inFlight = new ArrayList<>(); // {end ns, failed}
            long now = 0;
            long permitted = 0;
            long refused = 0;
            for (int step = 0; step < 20_000; step++) {
                now += 1 + rng.nextInt(5_000_000); // up to 5 ms between events
                clock.nanos = now;
                final long t = now;
                List<long[]> done = inFlight.stream().filter(a -> a[0] <= t).sorted((a, b) -> Long.compare(a[0], b[0])).toList();
                inFlight.removeAll(done);
                for (long[] a : done) {
                    clock.nanos = a[0];
                    if (a[1] == 1) {
                        ours.onFailure(a[0]);
                        theirs.onError(0, TimeUnit.NANOSECONDS, new RuntimeException());
                    } else {
                        ours.onSuccess(a[0]);
                        theirs.onSuccess(0, TimeUnit.NANOSECONDS);
                    }
                }
                clock.nanos = now;
                boolean a = ours.tryAcquire(now);
                boolean b = theirs.tryAcquirePermission();
                assertEquals(b, a, c + " at step " + step + " (" + theirs.getState() + ")");
                if (a) {
                    permitted++;
                    double failP = (step / 2000) % 2 == 0 ? 0.2 : 0.7; // phases of health and of trouble
                    inFlight.add(new long[] {now + rng.nextInt(30_000_000), rng.nextDouble() < failP ? 1 : 0});
                } else {
                    refused++;
                }
            }
            assertTrue(refused > 1000 && permitted > 1000, c + ": permitted " + permitted + ", refused " + refused);
            assertEquals(refused, ours.notPermitted());
        }
    }

    /** A clock the test moves, in nanoseconds. */
    private static final class MutableClock extends Clock {
        long nanos;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(0, nanos);
        }
    }
}
