package io.headroom.design.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.design.autoscaling.AwsTerms.AdjustmentType;
import io.headroom.design.autoscaling.AwsTerms.Comparison;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EC2 Auto Scaling's scaling policies as AWS writes them, read into the policies they are: the JSON of a
 * {@code PutScalingPolicy} request ({@code aws autoscaling put-scaling-policy --cli-input-json}), an item of
 * {@code describe-policies}' {@code ScalingPolicies} (or the whole answer), or a bare {@code TargetTrackingConfiguration}
 * ({@code --target-tracking-configuration file://config.json}); and for step and simple scaling the CloudWatch alarm
 * that triggers them, as a {@code PutMetricAlarm} request or {@code describe-alarms}' {@code MetricAlarms}.
 *
 * <p>Each becomes the record the YAML policy binds to, through the same factory ({@link TargetTracking#bind},
 * {@link Step#bind}, {@link Simple#bind}), so a policy given as AWS JSON and its YAML equivalent are the same policy.
 * AWS's units become Headroom's: {@code ASGAverageCPUUtilization} and {@code CPUUtilization} in percent become
 * {@code cpu} as a fraction; {@code ALBRequestCountPerTarget} and {@code RequestCountPerTarget} (requests a target
 * received in a period, the sum over one minute for target tracking) become {@code rps} per instance;
 * {@code TargetResponseTime} at {@code p95} (seconds) becomes {@code latency-p95} in ms. What Headroom does not
 * model (network bytes, customized metrics, metric math, a minimum or maximum aggregation) is refused with the reason.
 * Errors name AWS's own keys.
 */
final class AwsPolicyJson {
    private static final Set<String> POLICY_KEYS = Set.of("AutoScalingGroupName", "PolicyName", "PolicyARN", "PolicyType",
            "AdjustmentType", "MinAdjustmentStep", "MinAdjustmentMagnitude", "ScalingAdjustment", "Cooldown", "MetricAggregationType",
            "StepAdjustments", "EstimatedInstanceWarmup", "Alarms", "TargetTrackingConfiguration", "Enabled",
            "PredictiveScalingConfiguration");
    private static final Set<String> TARGET_KEYS = Set.of("PredefinedMetricSpecification", "CustomizedMetricSpecification",
            "TargetValue", "DisableScaleIn");
    private static final Set<String> ALARM_KEYS = Set.of("AlarmName", "AlarmArn", "AlarmDescription", "AlarmConfigurationUpdatedTimestamp",
            "ActionsEnabled", "OKActions", "AlarmActions", "InsufficientDataActions", "StateValue", "StateReason", "StateReasonData",
            "StateUpdatedTimestamp", "StateTransitionedTimestamp", "MetricName", "Namespace", "Statistic", "ExtendedStatistic",
            "Dimensions", "Period", "Unit", "EvaluationPeriods", "DatapointsToAlarm", "Threshold", "ComparisonOperator",
            "TreatMissingData", "EvaluateLowSampleCountPercentile", "Metrics", "ThresholdMetricId", "Tags");
    /** Target tracking's predefined metrics are one-minute sums and averages. */
    private static final double TARGET_TRACKING_PERIOD_S = 60;

    private AwsPolicyJson() {
    }

    /** True for a mapping that is AWS's policy JSON rather than a {@code policy:} block. */
    static boolean looksLikeAws(JsonNode n) {
        return n.isObject() && !n.has("policy") && (n.has("PolicyType") || n.has("TargetTrackingConfiguration")
                || n.has("StepAdjustments") || n.has("ScalingPolicies") || n.has("TargetValue") && n.has("PredefinedMetricSpecification"));
    }

    /**
     * A CloudWatch alarm as Headroom reads it: the metric, {@code scale} turning a value in AWS's unit into Headroom's
     * (a division where AWS's unit is the larger, so that 15 % is exactly the 0.15 a YAML file would write), and the
     * alarm's evaluation.
     */
    record AlarmFacts(String name, Metric metric, double threshold, java.util.function.DoubleUnaryOperator scale, Comparison comparison,
                      int evaluationPeriods, Integer datapointsToAlarm, Duration period) {
    }

    /** The alarms of a {@code PutMetricAlarm} request, a {@code MetricAlarms} item or a {@code describe-alarms} answer. */
    static List<AlarmFacts> alarms(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new FieldError("", "expected a CloudWatch alarm: a PutMetricAlarm request (aws cloudwatch put-metric-alarm"
                    + " --cli-input-json) or describe-alarms' answer");
        }
        List<AlarmFacts> out = new ArrayList<>();
        if (n.has("MetricAlarms")) {
            JsonNode list = n.get("MetricAlarms");
            if (!list.isArray() || list.isEmpty()) {
                throw new FieldError("MetricAlarms", "expected a list of at least one alarm");
            }
            for (int i = 0; i < list.size(); i++) {
                out.add(alarm(list.get(i), "MetricAlarms[" + i + "]."));
            }
            return out;
        }
        out.add(alarm(n, ""));
        return out;
    }

    private static AlarmFacts alarm(JsonNode n, String at) {
        keys(n, ALARM_KEYS, at, "a PutMetricAlarm key");
        if (n.has("Metrics") || n.has("ThresholdMetricId")) {
            throw new FieldError(at + (n.has("Metrics") ? "Metrics" : "ThresholdMetricId"), "metric math and anomaly detection"
                    + " alarms are not modelled: give the alarm one MetricName");
        }
        String name = text(n, "MetricName", at, true);
        String namespace = text(n, "Namespace", at, false);
        String statistic = text(n, "Statistic", at, false);
        String extended = text(n, "ExtendedStatistic", at, false);
        double period = number(n, "Period", at, true);
        if (!(period == 10 || period == 30 || period >= 60 && period % 60 == 0)) {
            throw new FieldError(at + "Period", "a CloudWatch period is 10, 30 or a multiple of 60 seconds, got " + FieldError.number(period));
        }
        Metric metric;
        java.util.function.DoubleUnaryOperator scale;
        switch (name) {
            case "CPUUtilization" -> {
                requireNamespace(namespace, "AWS/EC2", at);
                requireStatistic(statistic, extended, "Average", at);
                metric = Metric.CPU;
                scale = v -> v / 100;
            }
            case "RequestCountPerTarget" -> {
                requireNamespace(namespace, "AWS/ApplicationELB", at);
                requireStatistic(statistic, extended, "Sum", at);
                metric = Metric.RPS;
                scale = v -> v / period;
            }
            case "TargetResponseTime" -> {
                requireNamespace(namespace, "AWS/ApplicationELB", at);
                if (!"p95".equals(extended)) {
                    throw new FieldError(at + (extended != null ? "ExtendedStatistic" : "Statistic"), "Headroom alarms on the"
                            + " response time's 95th percentile: give ExtendedStatistic: p95");
                }
                metric = Metric.LATENCY_P95;
                scale = v -> v * 1000;
            }
            default -> throw new FieldError(at + "MetricName", "'" + name + "' is not a metric Headroom simulates: CPUUtilization"
                    + " (AWS/EC2, Average), RequestCountPerTarget (AWS/ApplicationELB, Sum) or TargetResponseTime"
                    + " (AWS/ApplicationELB, ExtendedStatistic p95)");
        }
        double threshold = number(n, "Threshold", at, true);
        String op = text(n, "ComparisonOperator", at, true);
        Comparison comparison = switch (op) {
            case "GreaterThanOrEqualToThreshold" -> Comparison.GREATER_OR_EQUAL;
            case "GreaterThanThreshold" -> Comparison.GREATER;
            case "LessThanThreshold" -> Comparison.LESS;
            case "LessThanOrEqualToThreshold" -> Comparison.LESS_OR_EQUAL;
            default -> throw new FieldError(at + "ComparisonOperator", "'" + op + "': Headroom models GreaterThanOrEqualToThreshold,"
                    + " GreaterThanThreshold, LessThanThreshold and LessThanOrEqualToThreshold (not anomaly-detection bands)");
        };
        int evaluation = whole(n, "EvaluationPeriods", at, true);
        Integer datapoints = n.has("DatapointsToAlarm") ? whole(n, "DatapointsToAlarm", at, true) : null;
        return new AlarmFacts(text(n, "AlarmName", at, false), metric, threshold, scale, comparison, evaluation, datapoints,
                Duration.ofMillis(Math.round(period * 1000)));
    }

    /**
     * The policies {@code n} describes, with {@code alarms} for those that need one (null: none given). Disabled
     * policies ({@code Enabled: false}) are left out.
     */
    static List<AutoscalingSpec> policies(JsonNode n, List<AlarmFacts> alarms) {
        if (n == null || !n.isObject()) {
            throw new FieldError("", "expected a scaling policy: a PutScalingPolicy request (aws autoscaling put-scaling-policy"
                    + " --cli-input-json), describe-policies' answer or a TargetTrackingConfiguration");
        }
        List<AutoscalingSpec> out = new ArrayList<>();
        if (n.has("ScalingPolicies")) {
            JsonNode list = n.get("ScalingPolicies");
            if (!list.isArray() || list.isEmpty()) {
                throw new FieldError("ScalingPolicies", "expected a list of at least one policy");
            }
            for (int i = 0; i < list.size(); i++) {
                AutoscalingSpec p = policy(list.get(i), "ScalingPolicies[" + i + "].", alarms);
                if (p != null) {
                    out.add(p);
                }
            }
        } else if (n.has("TargetValue")) {
            out.add(targetTracking(n, "", null));
        } else {
            AutoscalingSpec p = policy(n, "", alarms);
            if (p != null) {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw new FieldError("", "every policy here is disabled (Enabled: false): nothing would scale the group");
        }
        return out;
    }

    private static AutoscalingSpec policy(JsonNode n, String at, List<AlarmFacts> alarms) {
        if (!n.isObject()) {
            throw new FieldError(at.isEmpty() ? "" : at.substring(0, at.length() - 1), "expected a scaling policy (a mapping)");
        }
        keys(n, POLICY_KEYS, at, "a PutScalingPolicy key");
        if (n.has("Enabled") && !bool(n, "Enabled", at)) {
            return null;
        }
        String type = n.has("PolicyType") ? text(n, "PolicyType", at, true)
                : n.has("TargetTrackingConfiguration") ? "TargetTrackingScaling" : n.has("StepAdjustments") ? "StepScaling" : "SimpleScaling";
        Duration warmup = n.has("EstimatedInstanceWarmup") ? seconds(n, "EstimatedInstanceWarmup", at) : null;
        switch (type) {
            case "TargetTrackingScaling" -> {
                JsonNode c = n.get("TargetTrackingConfiguration");
                if (c == null) {
                    throw new FieldError(at + "TargetTrackingConfiguration", "missing: a TargetTrackingScaling policy needs its"
                            + " TargetTrackingConfiguration");
                }
                return targetTracking(c, at + "TargetTrackingConfiguration.", warmup);
            }
            case "StepScaling" -> {
                AlarmFacts alarm = alarmFor(n, at, alarms);
                JsonNode steps = n.get("StepAdjustments");
                if (steps == null || !steps.isArray() || steps.isEmpty()) {
                    throw new FieldError(at + "StepAdjustments", "a StepScaling policy needs a list of StepAdjustments");
                }
                if (n.has("MetricAggregationType") && !"Average".equals(text(n, "MetricAggregationType", at, false))) {
                    throw new FieldError(at + "MetricAggregationType", "Headroom's metrics are averages over the group: Average");
                }
                List<StepAdjustment> adjustments = new ArrayList<>();
                for (int i = 0; i < steps.size(); i++) {
                    JsonNode s = steps.get(i);
                    String sat = at + "StepAdjustments[" + i + "].";
                    keys(s, Set.of("MetricIntervalLowerBound", "MetricIntervalUpperBound", "ScalingAdjustment"), sat, "a StepAdjustment key");
                    Double lower = s.has("MetricIntervalLowerBound") ? alarm.scale().applyAsDouble(number(s, "MetricIntervalLowerBound", sat, true)) : null;
                    Double upper = s.has("MetricIntervalUpperBound") ? alarm.scale().applyAsDouble(number(s, "MetricIntervalUpperBound", sat, true)) : null;
                    try {
                        adjustments.add(StepAdjustment.bind(lower, upper, whole(s, "ScalingAdjustment", sat, true)));
                    } catch (FieldError e) {
                        throw renamed(e, sat, Map.of("lower", "MetricIntervalLowerBound", "upper", "MetricIntervalUpperBound"));
                    }
                }
                try {
                    return Step.bind(alarm.metric(), threshold(alarm), alarm.comparison(), alarm.evaluationPeriods(),
                            alarm.datapointsToAlarm(), adjustmentType(n, at), minAdjustment(n, at), adjustments, warmup, alarm.period(),
                            null, null);
                } catch (FieldError e) {
                    throw renamed(e, at, Map.of("steps", "StepAdjustments", "min-adjustment-magnitude", "MinAdjustmentMagnitude"));
                }
            }
            case "SimpleScaling" -> {
                AlarmFacts alarm = alarmFor(n, at, alarms);
                if (!n.has("ScalingAdjustment")) {
                    throw new FieldError(at + "ScalingAdjustment", "missing: a SimpleScaling policy needs its ScalingAdjustment");
                }
                Duration cooldown = n.has("Cooldown") ? seconds(n, "Cooldown", at) : null;
                try {
                    return Simple.bind(alarm.metric(), threshold(alarm), alarm.comparison(), alarm.evaluationPeriods(),
                            alarm.datapointsToAlarm(), adjustmentType(n, at), whole(n, "ScalingAdjustment", at, true), minAdjustment(n, at),
                            cooldown, alarm.period(), null, null);
                } catch (FieldError e) {
                    throw renamed(e, at, Map.of("min-adjustment-magnitude", "MinAdjustmentMagnitude", "cooldown", "Cooldown"));
                }
            }
            case "PredictiveScaling" -> throw new FieldError(at + "PolicyType", "write predictive scaling as policy: predictive"
                    + " (docs/autoscaling.md): its forecast settings are Headroom's own");
            default -> throw new FieldError(at + "PolicyType", "'" + type + "': EC2 Auto Scaling's policy types are"
                    + " TargetTrackingScaling, StepScaling, SimpleScaling and PredictiveScaling");
        }
    }

    private static TargetTracking targetTracking(JsonNode c, String at, Duration warmup) {
        if (!c.isObject()) {
            throw new FieldError(at.isEmpty() ? "" : at.substring(0, at.length() - 1), "expected a TargetTrackingConfiguration (a mapping)");
        }
        keys(c, TARGET_KEYS, at, "a TargetTrackingConfiguration key");
        if (c.has("CustomizedMetricSpecification")) {
            throw new FieldError(at + "CustomizedMetricSpecification", "customized metrics are not modelled: use a"
                    + " PredefinedMetricSpecification (ASGAverageCPUUtilization or ALBRequestCountPerTarget)");
        }
        JsonNode spec = c.get("PredefinedMetricSpecification");
        if (spec == null || !spec.isObject()) {
            throw new FieldError(at + "PredefinedMetricSpecification", "missing: the metric to track, e.g."
                    + " {\"PredefinedMetricType\": \"ASGAverageCPUUtilization\"}");
        }
        String sat = at + "PredefinedMetricSpecification.";
        keys(spec, Set.of("PredefinedMetricType", "ResourceLabel"), sat, "a PredefinedMetricSpecification key");
        String type = text(spec, "PredefinedMetricType", sat, true);
        double value = number(c, "TargetValue", at, true);
        if (!(value > 0)) {
            throw new FieldError(at + "TargetValue", "must be a positive number, got " + FieldError.number(value));
        }
        Fraction target = switch (type) {
            // percent of the group's average CPU: Headroom's cpu target is the fraction
            case "ASGAverageCPUUtilization" -> new Fraction(value / 100, true);
            // requests each target received in a minute (the metric's Sum over target tracking's one-minute period)
            case "ALBRequestCountPerTarget" -> new Fraction(value / TARGET_TRACKING_PERIOD_S, false);
            case "ASGAverageNetworkIn", "ASGAverageNetworkOut" -> throw new FieldError(sat + "PredefinedMetricType", "'" + type
                    + "': Headroom does not simulate network bytes; track ASGAverageCPUUtilization or ALBRequestCountPerTarget");
            default -> throw new FieldError(sat + "PredefinedMetricType", "'" + type + "': EC2 Auto Scaling's predefined metrics"
                    + " are ASGAverageCPUUtilization, ASGAverageNetworkIn, ASGAverageNetworkOut and ALBRequestCountPerTarget");
        };
        Metric metric = type.equals("ASGAverageCPUUtilization") ? Metric.CPU : Metric.RPS;
        try {
            return TargetTracking.bind(metric, target, warmup, c.has("DisableScaleIn") ? bool(c, "DisableScaleIn", at) : null,
                    null, null, null);
        } catch (FieldError e) {
            throw renamed(e, at, Map.of("target", "TargetValue", "warmup", "EstimatedInstanceWarmup"));
        }
    }

    private static AlarmFacts alarmFor(JsonNode policy, String at, List<AlarmFacts> alarms) {
        if (alarms == null || alarms.isEmpty()) {
            throw new FieldError(at + "PolicyType", "a step or simple scaling policy acts when its CloudWatch alarm fires: give the"
                    + " alarm as put-metric-alarm (aws cloudwatch put-metric-alarm's JSON) beside put-scaling-policy");
        }
        if (alarms.size() == 1) {
            return alarms.get(0);
        }
        JsonNode named = policy.get("Alarms");
        if (named != null && named.isArray()) {
            for (JsonNode a : named) {
                String name = a.path("AlarmName").asText(null);
                for (AlarmFacts f : alarms) {
                    if (f.name() != null && f.name().equals(name)) {
                        return f;
                    }
                }
            }
        }
        throw new FieldError(at + "Alarms", "several alarms were given: name this policy's among them in Alarms:"
                + " [{\"AlarmName\": ...}] (as describe-policies writes it)");
    }

    private static Fraction threshold(AlarmFacts a) {
        return new Fraction(a.scale().applyAsDouble(a.threshold()), a.metric() == Metric.CPU);
    }

    private static AdjustmentType adjustmentType(JsonNode n, String at) {
        if (!n.has("AdjustmentType")) {
            throw new FieldError(at + "AdjustmentType", "missing: ChangeInCapacity, ExactCapacity or PercentChangeInCapacity");
        }
        String t = text(n, "AdjustmentType", at, true);
        return switch (t) {
            case "ChangeInCapacity" -> AdjustmentType.CHANGE_IN_CAPACITY;
            case "ExactCapacity" -> AdjustmentType.EXACT_CAPACITY;
            case "PercentChangeInCapacity" -> AdjustmentType.PERCENT_CHANGE_IN_CAPACITY;
            default -> throw new FieldError(at + "AdjustmentType", "'" + t + "': ChangeInCapacity, ExactCapacity or PercentChangeInCapacity");
        };
    }

    private static Integer minAdjustment(JsonNode n, String at) {
        if (n.has("MinAdjustmentMagnitude")) {
            return whole(n, "MinAdjustmentMagnitude", at, true);
        }
        return n.has("MinAdjustmentStep") ? whole(n, "MinAdjustmentStep", at, true) : null;
    }

    /** A FieldError of a YAML factory, its YAML key replaced by the AWS key it came from and placed under {@code at}. */
    private static FieldError renamed(FieldError e, String at, Map<String, String> names) {
        String field = e.field();
        for (Map.Entry<String, String> m : names.entrySet()) {
            if (field.equals(m.getKey()) || field.startsWith(m.getKey() + ".") || field.startsWith(m.getKey() + "[")) {
                field = m.getValue() + field.substring(m.getKey().length());
                break;
            }
        }
        String msg = e.getMessage();
        for (Map.Entry<String, String> m : names.entrySet()) {
            msg = msg.replace(m.getKey() + " (", m.getValue() + " (");
        }
        return new FieldError(field.isEmpty() ? (at.isEmpty() ? "" : at.substring(0, at.length() - 1)) : at + field, msg);
    }

    private static void keys(JsonNode n, Set<String> known, String at, String what) {
        Iterator<String> it = n.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new FieldError(at + k, "'" + k + "' is not " + what + " (" + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private static String text(JsonNode n, String key, String at, boolean required) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new FieldError(at + key, "missing required key '" + key + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new FieldError(at + key, "expected a string, got " + v);
        }
        return v.asText();
    }

    private static double number(JsonNode n, String key, String at, boolean required) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new FieldError(at + key, "missing required key '" + key + "'");
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new FieldError(at + key, "expected a number, got " + v);
        }
        return v.asDouble();
    }

    private static int whole(JsonNode n, String key, String at, boolean required) {
        double d = number(n, key, at, required);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new FieldError(at + key, "expected a whole number, got " + FieldError.number(d));
        }
        return (int) d;
    }

    private static boolean bool(JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        if (!v.isBoolean()) {
            throw new FieldError(at + key, "expected true or false, got " + v);
        }
        return v.asBoolean();
    }

    private static Duration seconds(JsonNode n, String key, String at) {
        int s = whole(n, key, at, true);
        if (s < 0) {
            throw new FieldError(at + key, "seconds, zero or more, got " + s);
        }
        return Duration.ofSeconds(s);
    }

    private static void requireNamespace(String namespace, String expected, String at) {
        if (namespace != null && !namespace.equals(expected)) {
            throw new FieldError(at + "Namespace", "this metric is in " + expected + ", got " + namespace);
        }
    }

    private static void requireStatistic(String statistic, String extended, String expected, String at) {
        if (extended != null) {
            throw new FieldError(at + "ExtendedStatistic", "this alarm's statistic is " + expected + ", not a percentile");
        }
        if (statistic != null && !statistic.equals(expected)) {
            throw new FieldError(at + "Statistic", "Headroom's metric is the " + expected + " (got " + statistic + ")");
        }
    }
}
