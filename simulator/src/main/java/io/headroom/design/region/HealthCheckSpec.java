package io.headroom.design.region;

import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import java.time.Duration;

/**
 * A Route 53 health check of each record's region: a check every {@code interval} (Route 53's {@code RequestInterval}:
 * 10 s or 30 s, default 30 s); a record becomes unhealthy after {@code failure-threshold} consecutive failed checks and
 * healthy again after as many passed ones (Route 53's {@code FailureThreshold}: 1 to 10, default 3).
 */
public record HealthCheckSpec(Duration interval, @AtMost(value = "10", why = "Route 53 accepts a failure threshold of 1 to 10") Integer failureThreshold) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;

    public HealthCheckSpec {
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        if (!interval.equals(Duration.ofSeconds(10)) && !interval.equals(Duration.ofSeconds(30))) {
            throw new FieldError("interval", "Route 53 checks every 10s or 30s, got " + io.headroom.yaml.Durations.format(interval));
        }
        failureThreshold = failureThreshold == null ? DEFAULT_FAILURE_THRESHOLD : failureThreshold;
        if (failureThreshold < 1 || failureThreshold > 10) {
            throw new FieldError("failure-threshold", "Route 53 accepts 1 to 10 consecutive checks, got " + failureThreshold);
        }
    }

    /** Route 53's defaults: every 30 s, unhealthy after 3 failures. */
    public static HealthCheckSpec defaults() {
        return new HealthCheckSpec(null, null);
    }
}
