package io.headroom.design.autoscaling;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.QuantityDeserializers;
import java.util.List;

/**
 * An HPA's {@code behavior}, in Kubernetes' own shape and with its defaults
 * ({@code SetDefaults_HorizontalPodAutoscalerBehavior} in pkg/apis/autoscaling/v2/defaults.go): scale-up
 * has no stabilisation window and may add the larger of 4 pods or 100 % per 15 s; scale-down takes the
 * highest recommendation of the last 300 s (the controller's
 * {@code --horizontal-pod-autoscaler-downscale-stabilization}) and may remove up to 100 % per 15 s.
 */
public record HpaBehavior(Rules scaleUp, Rules scaleDown) {
    /** Kubernetes' defaults. */
    public static final HpaBehavior DEFAULT = of(null, null);

    @JsonCreator
    public static HpaBehavior of(@JsonProperty("scaleUp") RulesSpec scaleUp, @JsonProperty("scaleDown") RulesSpec scaleDown) {
        return new HpaBehavior(
                (scaleUp == null ? RulesSpec.NONE : scaleUp).resolve(0, List.of(new Policy(PolicyType.PODS, 4, 15), new Policy(PolicyType.PERCENT, 100, 15))),
                (scaleDown == null ? RulesSpec.NONE : scaleDown).resolve(300, List.of(new Policy(PolicyType.PERCENT, 100, 15))));
    }

    /** {@code selectPolicy}: the policy allowing the largest change (Max), the smallest (Min), or no change at all. */
    public enum Select {
        @JsonProperty("Max") MAX, @JsonProperty("Min") MIN, @JsonProperty("Disabled") DISABLED
    }

    /** A rate policy's {@code type}: a number of pods, or a percentage of the replicas at the start of the period. */
    public enum PolicyType {
        @JsonProperty("Pods") PODS, @JsonProperty("Percent") PERCENT
    }

    /** {@code {type: Pods|Percent, value, periodSeconds}}: at most {@code value} pods (or percent) per {@code periodSeconds}. */
    public record Policy(PolicyType type, int value, int periodSeconds) {
        public Policy {
            FieldError.require(type, "type");
            if (value <= 0) {
                throw new FieldError("value", "must be positive, got " + value);
            }
            if (periodSeconds <= 0 || periodSeconds > 1800) {
                throw new FieldError("periodSeconds", "must be between 1 and 1800 (30 minutes), got " + periodSeconds);
            }
        }

        @JsonCreator
        static Policy bind(@JsonProperty("type") PolicyType type, @JsonProperty("value") @AtMost(value = Limits.COUNT, why = Limits.COUNT_WHY) Integer value,
                           @JsonProperty("periodSeconds") @AtMost(value = Limits.SECONDS, why = Limits.SECONDS_WHY) Integer periodSeconds) {
            return new Policy(FieldError.require(type, "type"), FieldError.require(value, "value"),
                    FieldError.require(periodSeconds, "periodSeconds"));
        }
    }

    /** One direction's rules as written ({@code HPAScalingRules}); null fields take Kubernetes' defaults. */
    public record RulesSpec(Integer stabilizationWindowSeconds, Select selectPolicy, List<Policy> policies, Double tolerance) {
        static final RulesSpec NONE = new RulesSpec(null, null, null, null);

        @JsonCreator
        public RulesSpec(@JsonProperty("stabilizationWindowSeconds") @AtMost(value = Limits.SECONDS, why = Limits.SECONDS_WHY) Integer stabilizationWindowSeconds,
                         @JsonProperty("selectPolicy") Select selectPolicy,
                         @JsonProperty("policies") List<Policy> policies,
                         @JsonProperty("tolerance") @JsonDeserialize(using = QuantityDeserializers.Number.class) @AtMost(value = Limits.FACTOR, why = Limits.FACTOR_WHY) Double tolerance) {
            if (stabilizationWindowSeconds != null && (stabilizationWindowSeconds < 0 || stabilizationWindowSeconds > 3600)) {
                throw new FieldError("stabilizationWindowSeconds", "must be between 0 and 3600, got " + stabilizationWindowSeconds);
            }
            if (policies != null && policies.isEmpty() && selectPolicy != Select.DISABLED) {
                throw new FieldError("policies", "needs at least one policy, e.g. - {type: Percent, value: 100, periodSeconds: 15}");
            }
            if (tolerance != null && !(tolerance >= 0 && tolerance < 1)) {
                throw new FieldError("tolerance", "must be at least 0 and below 1, got " + FieldError.number(tolerance));
            }
            this.stabilizationWindowSeconds = stabilizationWindowSeconds;
            this.selectPolicy = selectPolicy;
            this.policies = policies == null ? null : List.copyOf(policies);
            this.tolerance = tolerance;
        }

        Rules resolve(int defaultWindow, List<Policy> defaultPolicies) {
            return new Rules(stabilizationWindowSeconds == null ? defaultWindow : stabilizationWindowSeconds,
                    selectPolicy == null ? Select.MAX : selectPolicy,
                    policies == null ? defaultPolicies : policies, tolerance);
        }
    }

    /** One direction's rules with the defaults filled in. {@code tolerance} null means the HPA's {@code tolerance}. */
    public record Rules(int stabilizationWindowSeconds, Select selectPolicy, List<Policy> policies, Double tolerance) {
        public Rules {
            policies = List.copyOf(policies);
        }

        /** The longest {@code periodSeconds} of the policies (how long scale events are kept). */
        public int longestPolicyPeriod() {
            int longest = 0;
            for (Policy p : policies) {
                longest = Math.max(longest, p.periodSeconds());
            }
            return longest;
        }
    }
}
