package io.headroom.design.cluster;

import io.headroom.yaml.CountOrPercent;
import io.headroom.yaml.FieldError;

/**
 * A PodDisruptionBudget over a service's pods: {@code max-unavailable} or {@code min-available}, a count or a
 * percentage. As the disruption controller computes it, with {@code expected} the Deployment's replicas:
 * desired healthy = {@code min-available} (a percentage of expected rounded up), or expected −
 * {@code max-unavailable} (a percentage rounded up); disruptions allowed = ready pods − desired healthy, at least 0.
 */
public record DisruptionBudgetSpec(CountOrPercent maxUnavailable, CountOrPercent minAvailable) {
    public DisruptionBudgetSpec {
        if ((maxUnavailable == null) == (minAvailable == null)) {
            throw new FieldError("", "give one of max-unavailable or min-available (a count or a percentage)");
        }
    }

    /** {@code status.disruptionsAllowed} with {@code healthy} ready pods of {@code expected}. */
    public int allowed(int healthy, int expected) {
        int desiredHealthy = minAvailable != null ? minAvailable.scaled(expected, true)
                : Math.max(0, expected - maxUnavailable.scaled(expected, true));
        return Math.max(0, healthy - desiredHealthy);
    }
}
