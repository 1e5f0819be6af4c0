package io.headroom.autoscale;

import io.headroom.design.autoscaling.Alarm;
import io.headroom.design.autoscaling.AwsTerms;
import io.headroom.design.autoscaling.Metric;
import io.headroom.design.autoscaling.MetricCollection;

/**
 * The Auto Scaling group's aggregated metric as CloudWatch datapoints. Datapoint k (0 the latest) is
 * the metric averaged over one {@code metric-window} ending {@code lag + k × interval} before the
 * decision. For per-instance metrics it is the mean over instances that are ready and out of their
 * warm-up at the end of that datapoint (AWS leaves warming instances out of the aggregated metrics);
 * {@code latency-p95} is the component's value. NaN when no instance reports (CloudWatch's missing
 * data, which never breaches).
 */
final class CloudWatch {
    private CloudWatch() {
    }

    static double datapoint(ScalingView v, Metric metric, MetricCollection c, int k, long warmupNs) {
        long lag = c.lagNs() + k * c.intervalNs();
        if (!metric.perInstance()) {
            return v.fleetValue(metric, c.intervalNs(), c.windowNs(), lag);
        }
        long end = v.nowNs() - lag;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < v.pods(); i++) {
            if (!v.ready(i) || v.startedNs(i) + warmupNs > end) {
                continue;
            }
            double x = v.podValue(metric, i, c.intervalNs(), c.windowNs(), lag);
            if (!Double.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** How many of the last {@code periods} datapoints breach; the latest value is left in {@code latest[0]} (NaN if none). */
    static int breaching(ScalingView v, Metric metric, MetricCollection c, long warmupNs, int periods,
                         AwsTerms.Comparison comparison, double threshold, double[] latest) {
        int count = 0;
        latest[0] = Double.NaN;
        for (int k = 0; k < periods; k++) {
            double x = datapoint(v, metric, c, k, warmupNs);
            if (Double.isNaN(x)) {
                continue;
            }
            if (Double.isNaN(latest[0])) {
                latest[0] = x;
            }
            if (comparison.breaches(x, threshold)) {
                count++;
            }
        }
        return count;
    }

    /** Whether {@code alarm} is in ALARM: at least its datapoints-to-alarm of its evaluation periods breach (latest value as in {@link #breaching}). */
    static boolean inAlarm(ScalingView v, Alarm alarm, long warmupNs, double[] latest) {
        return breaching(v, alarm.metric(), alarm.collection(), warmupNs, alarm.evaluationPeriods(), alarm.comparison(),
                alarm.threshold(), latest) >= alarm.datapointsToAlarm();
    }

    /** Instances launched less than {@code warmupNs} ago (starting or warming up): capacity already on its way. */
    static int warming(ScalingView v, long warmupNs) {
        int n = 0;
        for (int i = 0; i < v.pods(); i++) {
            if (v.startedNs(i) + warmupNs > v.nowNs()) {
                n++;
            }
        }
        return n;
    }

    static int readyCount(ScalingView v) {
        int n = 0;
        for (int i = 0; i < v.pods(); i++) {
            if (v.ready(i)) {
                n++;
            }
        }
        return n;
    }
}
