package io.headroom.design.autoscaling;

import io.headroom.design.autoscaling.AwsTerms.AdjustmentType;
import io.headroom.yaml.Durations;
import io.headroom.yaml.FieldError;
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

    /** Policies scale on a per-instance rate; the fleet's total rate is for forecasting only. */
    static void notTotal(Metric m, String field) {
        if (m == Metric.RPS_TOTAL) {
            throw new FieldError(field, "policies scale on rps (per instance); rps-total is the fleet's load that predictive forecasts");
        }
    }
}
