package io.headroom.validation.testbed;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.headroom.design.resilience.RetryPolicy;
import java.time.Duration;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A call's resilience settings as written in a design, translated into the Resilience4j configuration that
 * means the same thing, so the testbed's calls are guarded by the library the simulator's state machines model:
 *
 * <ul>
 *   <li>{@code circuit-breaker} → a count-based {@link CircuitBreakerConfig}: {@code failure-rate-threshold} as a
 *       percentage, {@code sliding-window} → {@code slidingWindowSize}, {@code minimum-calls} →
 *       {@code minimumNumberOfCalls}, {@code open-duration} → {@code waitDurationInOpenState}, {@code half-open-calls}
 *       → {@code permittedNumberOfCallsInHalfOpenState}; no automatic transition (the open → half-open step is taken
 *       by the first call after the open duration, as the simulator applies it); every exception and every answer
 *       other than 200 recorded as a failure. Slow calls keep Resilience4j's defaults (100 % above 60 s), which the
 *       simulator does not model and no testbed call reaches.
 *   <li>{@code retries} → {@link RetryConfig}: {@code maxAttempts} = count + 1, every exception retried (a refusal
 *       by the breaker or the bulkhead and an attempt timeout too, as in the simulator), every answer other than 200
 *       retried, and the last answer returned when attempts run out. The wait before retry n is the simulator's own
 *       {@link RetryPolicy#delayNs} in whole milliseconds (Resilience4j waits in milliseconds): without jitter that is
 *       exactly Resilience4j's {@code IntervalFunction.ofExponentialBackoff(base, multiplier, cap)}; the AWS full and
 *       equal jitter have no Resilience4j counterpart (its randomised backoff is uniform on d·(1 ± factor)), so they
 *       are an {@link IntervalFunction} of their own.
 *   <li>{@code bulkhead} → a semaphore {@link BulkheadConfig}: {@code maxConcurrentCalls}, {@code maxWaitDuration} 0.
 *   <li>{@code timeout} → {@link TimeLimiterConfig#getTimeoutDuration()}: per attempt; the running attempt is
 *       abandoned, not the callee's work (the simulator's {@code cancel-on-timeout: false}).
 * </ul>
 */
final class ResilienceConfigs {
    /** Resilience4j's retry waits are whole milliseconds. */
    static final long MS = 1_000_000L;

    private ResilienceConfigs() {
    }

    static CircuitBreakerConfig breaker(io.headroom.design.resilience.CircuitBreakerConfig c) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(c.slidingWindow())
                .minimumNumberOfCalls(c.minimumCalls())
                .failureRateThreshold((float) (c.failureRateThreshold() * 100))
                .waitDurationInOpenState(c.openDuration())
                .permittedNumberOfCallsInHalfOpenState(c.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(t -> true)
                .recordResult(r -> !(r instanceof Integer s && s == Http.OK))
                .build();
    }

    /**
     * @param jitter draws the jitter of the waits (used under a lock: Resilience4j may ask from several workers at once);
     *               unused without jitter
     */
    static RetryConfig retry(RetryPolicy p, RandomGenerator jitter) {
        return RetryConfig.<Integer>custom()
                .maxAttempts(p.maxAttempts())
                .intervalFunction(interval(p, jitter))
                .retryOnException(t -> true)
                .retryOnResult(s -> s != Http.OK)
                .failAfterMaxAttempts(false)
                .build();
    }

    /** The wait before retry n (1-based), in milliseconds. */
    static IntervalFunction interval(RetryPolicy p, RandomGenerator jitter) {
        RetryPolicy.Backoff b = p.backoff();
        if (b == null) {
            return n -> 0L;
        }
        if (p.jitter() == RetryPolicy.Jitter.NONE && b.base().toNanos() % MS == 0 && (b.cap() == null || b.cap().toNanos() % MS == 0)) {
            return b.cap() == null ? IntervalFunction.ofExponentialBackoff(b.base(), b.multiplier(), Duration.ofNanos(b.capNs()))
                    : IntervalFunction.ofExponentialBackoff(b.base(), b.multiplier(), b.cap());
        }
        return n -> {
            long ns;
            synchronized (jitter) {
                ns = p.delayNs(n, jitter);
            }
            return Math.round(ns / (double) MS);
        };
    }

    static BulkheadConfig bulkhead(io.headroom.design.resilience.BulkheadConfig c) {
        return BulkheadConfig.custom().maxConcurrentCalls(c.maxConcurrent()).maxWaitDuration(Duration.ZERO).build();
    }

    static TimeLimiterConfig timeLimiter(Duration timeout) {
        return TimeLimiterConfig.custom().timeoutDuration(timeout).cancelRunningFuture(true).build();
    }
}
