package io.headroom.design.autoscaling;

import io.headroom.design.autoscaling.AwsTerms.AdjustmentType;
import io.headroom.yaml.Durations;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import java.time.Duration;

/** Checks the policy records share. */
final class SpecChecks {
    private SpecChecks() {
    }

    /** {@code d}, or {@code dflt} when not given; a negative duration is refused at {@code field}. */
    static Duration nonNegative(Duration d, Duration dflt, String field) {
        if (d == null) {
            return dflt;
        }
        if (d.isNegative()) {
            throw new FieldError(field, "must be zero or positive, got " + Durations.format(d));
        }
        return d;
    }

    /** The adjustment type given, or change-in-capacity when none is. */
    static AdjustmentType adjustmentType(AdjustmentType given) {
        return given == null ? AdjustmentType.CHANGE_IN_CAPACITY : given;
    }

    /** {@code min-adjustment-magnitude} (0 when not given): positive, and only with percent-change-in-capacity. */
    static int minAdjustmentMagnitude(Integer given, AdjustmentType type) {
        if (given == null) {
            return 0;
        }
        if (type != AdjustmentType.PERCENT_CHANGE_IN_CAPACITY) {
            throw new FieldError("min-adjustment-magnitude", "applies to percent-change-in-capacity only");
        }
        return FieldError.positive(given, "min-adjustment-magnitude");
    }

    /**
     * A policy's target or an alarm's threshold on {@code metric}: a percentage ({@code 60%}) only where the metric is a
     * fraction ({@code cpu}, {@code utilisation}); a utilisation above 1 (busy workers / workers never passes 1) is a
     * percentage written as a number, refused with the two ways to write it. A {@code cpu} target's ceiling depends on
     * the service's cores and {@code cpu-request}, so the design reader checks it ({@code CpuTargets}).
     */
    static double target(Metric metric, Fraction written, String field) {
        FieldError.require(written, field);
        double v = written.value();
        if (written.percent() && metric != Metric.CPU && metric != Metric.UTILISATION) {
            throw new FieldError(field, "a percentage is for cpu and utilisation, whose targets are fractions; a " + metric.yamlName()
                    + " target is " + unit(metric) + ", got " + FieldError.number(v * 100) + "%");
        }
        if (metric == Metric.UTILISATION && v > 1) {
            throw new FieldError(field, "utilisation is busy workers / workers, at most 1, so " + FieldError.number(v)
                    + " is never reached" + (v <= 100 ? Fraction.hint(v) : "; write a fraction, e.g. 0.6 or 60%"));
        }
        return v;
    }

    private static String unit(Metric m) {
        return switch (m) {
            case QUEUE_LENGTH -> "requests waiting per instance";
            case RPS -> "requests per second per instance";
            case RPS_TOTAL -> "requests per second";
            case LATENCY_P95 -> "milliseconds";
            case CPU, UTILISATION -> "a fraction";
        };
    }

    /** Policies scale on a per-instance rate; the fleet's total rate is for forecasting only. */
    static void notTotal(Metric m, String field) {
        if (m == Metric.RPS_TOTAL) {
            throw new FieldError(field, "policies scale on rps (per instance); rps-total is the fleet's load that predictive forecasts");
        }
    }
}
