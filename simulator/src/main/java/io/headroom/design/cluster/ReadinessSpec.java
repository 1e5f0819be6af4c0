package io.headroom.design.cluster;

import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.time.Duration;

/**
 * A pod's readiness probe: the first probe {@code initial-delay} after the container starts, then one every
 * {@code period}; the pod is Ready at the first success and leaves its Service's endpoints after
 * {@code failure-threshold} failures in a row. Kubernetes' defaults: 0 s, 10 s, 3.
 */
public record ReadinessSpec(Duration initialDelay, Duration period,
                            @AtMost(value = Limits.COUNT, why = Limits.COUNT_WHY) Integer failureThreshold) {
    public static final ReadinessSpec DEFAULT = new ReadinessSpec(null, null, null);

    public ReadinessSpec {
        initialDelay = initialDelay == null ? Duration.ZERO : initialDelay;
        if (initialDelay.isNegative()) {
            throw new FieldError("initial-delay", "must not be negative");
        }
        period = period == null ? Duration.ofSeconds(10) : FieldError.positive(period, "period");
        failureThreshold = failureThreshold == null ? 3 : FieldError.positive(failureThreshold, "failure-threshold");
    }
}
