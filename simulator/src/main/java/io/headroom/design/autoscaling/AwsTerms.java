package io.headroom.design.autoscaling;

import com.fasterxml.jackson.annotation.JsonValue;

/** The vocabulary of AWS EC2 Auto Scaling's alarm-driven policies, as YAML spells it. */
public final class AwsTerms {
    private AwsTerms() {
    }

    /** A CloudWatch alarm's {@code ComparisonOperator}. */
    public enum Comparison {
        GREATER_OR_EQUAL("greater-than-or-equal"),
        GREATER("greater-than"),
        LESS("less-than"),
        LESS_OR_EQUAL("less-than-or-equal");

        private final String yamlName;

        Comparison(String yamlName) {
            this.yamlName = yamlName;
        }

        /** The name as written in YAML (and in results). */
        @JsonValue
        public String yamlName() {
            return yamlName;
        }

        public boolean breaches(double value, double threshold) {
            return switch (this) {
                case GREATER_OR_EQUAL -> value >= threshold;
                case GREATER -> value > threshold;
                case LESS -> value < threshold;
                case LESS_OR_EQUAL -> value <= threshold;
            };
        }

        /** True for alarms that fire above the threshold (their steps' lower bounds are inclusive). */
        public boolean above() {
            return this == GREATER_OR_EQUAL || this == GREATER;
        }
    }

    /** A scaling adjustment's {@code AdjustmentType}. */
    public enum AdjustmentType {
        CHANGE_IN_CAPACITY("change-in-capacity"),
        EXACT_CAPACITY("exact-capacity"),
        PERCENT_CHANGE_IN_CAPACITY("percent-change-in-capacity");

        private final String yamlName;

        AdjustmentType(String yamlName) {
            this.yamlName = yamlName;
        }

        /** The name as written in YAML (and in results). */
        @JsonValue
        public String yamlName() {
            return yamlName;
        }
    }

    /**
     * The desired capacity an adjustment asks for from {@code capacity}. A percentage is rounded as AWS documents
     * it: above 1 down (12.7 → 12), between 0 and 1 to 1, between -1 and 0 to -1, below -1 up (-6.67 → -6); then at
     * least {@code minAdjustmentMagnitude} instances are changed (percent adjustments only).
     */
    public static int adjusted(AdjustmentType type, int adjustment, int minAdjustmentMagnitude, int capacity) {
        return switch (type) {
            case EXACT_CAPACITY -> adjustment;
            case CHANGE_IN_CAPACITY -> capacity + adjustment;
            case PERCENT_CHANGE_IN_CAPACITY -> capacity + percentChange(adjustment, minAdjustmentMagnitude, capacity);
        };
    }

    /** The number of instances a percentage adjustment adds (negative: removes), rounded as AWS does. */
    public static int percentChange(int percent, int minAdjustmentMagnitude, int capacity) {
        double raw = capacity * percent / 100.0;
        int change;
        if (raw > 1) {
            change = (int) Math.floor(raw);
        } else if (raw > 0) {
            change = 1;
        } else if (raw == 0) {
            change = 0;
        } else if (raw >= -1) {
            change = -1;
        } else {
            change = (int) Math.ceil(raw);
        }
        if (change != 0 && Math.abs(change) < minAdjustmentMagnitude) {
            change = change > 0 ? minAdjustmentMagnitude : -minAdjustmentMagnitude;
        }
        return change;
    }
}
