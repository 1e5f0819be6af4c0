package io.headroom.design.autoscaling;

import io.headroom.design.autoscaling.AwsTerms.Comparison;
import io.headroom.yaml.FieldError;

/** A CloudWatch alarm on a metric: {@code datapoints-to-alarm} of the last {@code evaluation-periods} datapoints breach. */
public record Alarm(Metric metric, double threshold, Comparison comparison, int evaluationPeriods, int datapointsToAlarm,
             MetricCollection collection) {
    static Alarm of(Metric metric, Double threshold, Comparison comparison, Integer evaluationPeriods, Integer datapointsToAlarm,
                    MetricCollection collection) {
        FieldError.require(metric, "metric");
        SpecChecks.notTotal(metric, "metric");
        FieldError.require(threshold, "threshold");
        int n = evaluationPeriods == null ? 1 : FieldError.positive(evaluationPeriods, "evaluation-periods");
        int m = datapointsToAlarm == null ? n : FieldError.positive(datapointsToAlarm, "datapoints-to-alarm");
        if (m > n) {
            throw new FieldError("datapoints-to-alarm", "datapoints-to-alarm (" + m + ") is above evaluation-periods (" + n + ")");
        }
        return new Alarm(metric, threshold, comparison == null ? Comparison.GREATER_OR_EQUAL : comparison, n, m, collection);
    }
}
