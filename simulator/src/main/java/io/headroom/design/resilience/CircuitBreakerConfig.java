package io.headroom.design.resilience;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.Durations;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;
import java.time.Duration;

/**
 * A circuit breaker's settings, in Resilience4j's terms and with its defaults
 * ({@code io.github.resilience4j.circuitbreaker.CircuitBreakerConfig}; https://resilience4j.readme.io/docs/circuitbreaker),
 * so that a configuration copied from a Spring Boot {@code application.yml} behaves here as it does there. Only the
 * count-based sliding window is modelled; a threshold is a fraction where Resilience4j takes a percentage.
 *
 * <p>YAML: {@code circuit-breaker: {failure-rate-threshold: 0.5, sliding-window: 20, minimum-calls: 10,
 * open-duration: 30s, half-open-calls: 3}}; every key is optional ({@code circuit-breaker: {}} is Resilience4j's
 * default breaker).
 *
 * @param failureRateThreshold the breaker opens when the failure rate over the window is at or above this fraction;
 *                             default 0.5 (Resilience4j's {@code failureRateThreshold} 50 %); in (0, 1]
 * @param slidingWindow        how many of the latest calls the closed breaker judges by (a count-based window);
 *                             default 100 ({@code slidingWindowSize})
 * @param minimumCalls         calls recorded before the failure rate counts at all: 9 failures out of 9 do not open a
 *                             breaker that needs 10; default {@code min(100, sliding-window)}
 *                             ({@code minimumNumberOfCalls} 100, which Resilience4j caps at the window size); at most
 *                             {@code sliding-window}
 * @param openDuration         how long an open breaker fails every call fast before it lets probes through;
 *                             default 60s ({@code waitDurationInOpenState})
 * @param halfOpenCalls        probe calls permitted in the half-open state; their outcome closes or reopens the breaker;
 *                             default 10 ({@code permittedNumberOfCallsInHalfOpenState})
 */
public record CircuitBreakerConfig(@AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) @JsonDeserialize(using = Fraction.Deserializer.class) Double failureRateThreshold, @AtMost(value = Limits.BREAKER_CALLS, why = Limits.BREAKER_CALLS_WHY) Integer slidingWindow, @AtMost(value = Limits.BREAKER_CALLS, why = Limits.BREAKER_CALLS_WHY) Integer minimumCalls,
                                   Duration openDuration, @AtMost(value = Limits.BREAKER_CALLS, why = Limits.BREAKER_CALLS_WHY) Integer halfOpenCalls) {

    /** Resilience4j's default breaker: 50 %, the last 100 calls, at least 100 of them, 60 s open, 10 probes. */
    public static final CircuitBreakerConfig DEFAULTS = new CircuitBreakerConfig(null, null, null, null, null);

    public CircuitBreakerConfig {
        failureRateThreshold = failureRateThreshold == null ? 0.5 : failureRateThreshold;
        if (!(failureRateThreshold > 0 && failureRateThreshold <= 1)) {
            String hint = failureRateThreshold > 1 && failureRateThreshold <= 100
                    ? " (Resilience4j's " + FieldError.number(failureRateThreshold) + " % is a fraction here" + Fraction.hint(failureRateThreshold) + ")"
                    : "";
            throw new FieldError("failure-rate-threshold", "must be a fraction above 0 and at most 1, got "
                    + FieldError.number(failureRateThreshold) + hint);
        }
        slidingWindow = slidingWindow == null ? 100 : slidingWindow;
        if (slidingWindow < 1) {
            throw new FieldError("sliding-window", "must be at least 1 call, got " + slidingWindow);
        }
        if (minimumCalls == null) {
            minimumCalls = Math.min(100, slidingWindow);
        } else if (minimumCalls < 1) {
            throw new FieldError("minimum-calls", "must be at least 1, got " + minimumCalls);
        } else if (minimumCalls > slidingWindow) {
            throw new FieldError("minimum-calls", "minimum-calls (" + minimumCalls + ") is above sliding-window ("
                    + slidingWindow + "): a window of " + slidingWindow + " calls never holds " + minimumCalls);
        }
        openDuration = openDuration == null ? Duration.ofSeconds(60) : FieldError.positive(openDuration, "open-duration");
        halfOpenCalls = halfOpenCalls == null ? 10 : halfOpenCalls;
        if (halfOpenCalls < 1) {
            throw new FieldError("half-open-calls", "must be at least 1, got " + halfOpenCalls);
        }
    }

    /**
     * How many half-open results decide between closing and reopening: {@code min(minimum-calls, half-open-calls)}.
     * Resilience4j judges the half-open probes with the same minimum-calls rule, capped at the number of probes.
     */
    public int halfOpenDecisionCalls() {
        return Math.min(minimumCalls, halfOpenCalls);
    }

    /** {@code open-duration} in nanoseconds. */
    public long openDurationNs() {
        return openDuration.toNanos();
    }

    @Override
    public String toString() {
        return "circuit-breaker {failure-rate-threshold: " + FieldError.number(failureRateThreshold) + ", sliding-window: "
                + slidingWindow + ", minimum-calls: " + minimumCalls + ", open-duration: " + Durations.format(openDuration)
                + ", half-open-calls: " + halfOpenCalls + "}";
    }
}
