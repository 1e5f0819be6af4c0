package io.headroom.design.autoscaling;

import io.headroom.design.autoscaling.AwsTerms.Comparison;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;

/** A CloudWatch alarm on a metric: {@code datapoints-to-alarm} of the last {@code evaluation-periods} datapoints breach. */
public record Alarm(Metric metric, double threshold, Comparison comparison, int evaluationPeriods, int datapointsToAlarm,
             MetricCollection collection) {
    static Alarm of(Metric metric, Fraction threshold, Comparison comparison, Integer evaluationPeriods, Integer datapointsToAlarm,
                    MetricCollection collection) {
        FieldError.require(metric, "metric");
        SpecChecks.notTotal(metric, "metric");
        double t = SpecChecks.target(metric, threshold, "threshold");
        int n = evaluationPeriods == null ? 1 : FieldError.positive(evaluationPeriods, "evaluation-periods");
        int m = datapointsToAlarm == null ? n : FieldError.positive(datapointsToAlarm, "datapoints-to-alarm");
        if (m > n) {
            throw new FieldError("datapoints-to-alarm", "datapoints-to-alarm (" + m + ") is above evaluation-periods (" + n + ")");
        }
        return new Alarm(metric, t, comparison == null ? Comparison.GREATER_OR_EQUAL : comparison, n, m, collection);
    }
}
