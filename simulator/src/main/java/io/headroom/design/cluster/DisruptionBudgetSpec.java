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
        if (maxUnavailable == null && minAvailable == null) {
            throw new FieldError("", "give one of max-unavailable or min-available (a count or a percentage)");
        }
        if (maxUnavailable != null && minAvailable != null) {
            throw new FieldError("min-available", "a PodDisruptionBudget takes one of max-unavailable or min-available:"
                    + " remove one");
        }
        atMostAll(maxUnavailable, "max-unavailable");
        atMostAll(minAvailable, "min-available");
    }

    /** The API server refuses a budget's percentage over 100 ({@code IsNotMoreThan100Percent}). */
    private static void atMostAll(CountOrPercent v, String field) {
        if (v != null && v.isPercent() && v.percent() > 100) {
            throw new FieldError(field, "a percentage of the pods, at most 100%, got " + v);
        }
    }

    /** {@code status.disruptionsAllowed} with {@code healthy} ready pods of {@code expected}. */
    public int allowed(int healthy, int expected) {
        int desiredHealthy = minAvailable != null ? minAvailable.scaled(expected, true)
                : Math.max(0, expected - maxUnavailable.scaled(expected, true));
        return Math.max(0, healthy - desiredHealthy);
    }
}
