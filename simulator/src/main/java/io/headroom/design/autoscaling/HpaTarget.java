package io.headroom.design.autoscaling;

import io.headroom.yaml.FieldError;

/**
 * One metric of an HPA and its target, in the terms of the controller's metric sources:
 * a Resource {@code averageUtilization} (cpu, whole percent of the request), a Pods metric's
 * {@code averageValue} (milli-value per pod), or an Object/External metric's {@code value} or
 * {@code averageValue} (milli-value for the whole component).
 *
 * @param target percent for {@link Kind#RESOURCE_UTILIZATION}, a milli-value otherwise
 */
public record HpaTarget(Metric metric, Kind kind, long target) {
    /** Which replica-calculator path the metric takes. */
    public enum Kind {
        RESOURCE_UTILIZATION, PODS_AVERAGE_VALUE, OBJECT_VALUE, OBJECT_AVERAGE_VALUE
    }

    public HpaTarget {
        if (target <= 0) {
            throw new IllegalArgumentException("target must be positive");
        }
    }

    /**
     * The target of an inline {@code {metric, target}}: cpu as a fraction of cpu-request (0.6 is 60 %), utilisation
     * as a fraction of workers, queue-length and rps per instance, latency-p95 in milliseconds.
     */
    public static HpaTarget inline(Metric metric, double target, String field) {
        if (!(target > 0) || Double.isInfinite(target)) {
            throw new FieldError(field, "must be a positive number, got " + FieldError.number(target));
        }
        return switch (metric) {
            case CPU -> {
                long pct = Math.round(target * 100);
                if (Math.abs(pct - target * 100) > 1e-9 || pct < 1) {
                    throw new FieldError(field, "an HPA's cpu target is a whole percent of the cpu-request (0.6 is 60 %), got "
                            + FieldError.number(target));
                }
                yield new HpaTarget(metric, Kind.RESOURCE_UTILIZATION, pct);
            }
            case UTILISATION, QUEUE_LENGTH, RPS -> new HpaTarget(metric, Kind.PODS_AVERAGE_VALUE, milli(target, field));
            case LATENCY_P95, RPS_TOTAL -> new HpaTarget(metric, Kind.OBJECT_VALUE, milli(target, field));
        };
    }

    private static long milli(double value, String field) {
        long m = (long) Math.ceil(value * 1000 - 1e-9);
        if (m < 1) {
            throw new FieldError(field, "is below the smallest Kubernetes quantity (1m), got " + FieldError.number(value));
        }
        return m;
    }
}
