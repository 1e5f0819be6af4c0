package io.headroom.autoscale;

import io.headroom.design.autoscaling.Predictive;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.Metric;
import io.headroom.design.autoscaling.MetricCollection;

/**
 * Predictive scaling from the run's own history. Every metric interval (default 5 min) it records the
 * component's load — total requests per second for {@code rps}, otherwise the per-instance metric times
 * the ready instances — and feeds a seasonal {@link HoltWinters} (season default 1 day). Once a full
 * season is seen it asks for the capacity the highest forecast needs over the time a decision takes
 * to bear fruit: from now until startup + one interval (+ the metric lag) ahead, each instance carrying
 * {@code target}. Before that it has no opinion. Combined by {@link Autoscaler} as a floor under the
 * reactive policies: it never lowers what they ask.
 */
public final class PredictivePolicy implements ScalingPolicy {
    private final Predictive spec;
    private final HoltWinters model;
    private double lastPeak = Double.NaN;

    public PredictivePolicy(Predictive spec) {
        this.spec = spec;
        MetricCollection c = spec.collection();
        this.model = new HoltWinters((int) (spec.season().toNanos() / c.intervalNs()), spec.alpha(), spec.beta(), spec.gamma());
    }

    @Override
    public boolean floor() {
        return true;
    }

    public long periodNs() {
        return spec.collection().intervalNs();
    }

    @Override
    public long historyNs() {
        return spec.collection().historyNs(1);
    }

    /** The model (for tests and reports). */
    public HoltWinters model() {
        return model;
    }

    /** The highest forecast load of the last decision (NaN before a full season). */
    public double lastPeakForecast() {
        return lastPeak;
    }

    public int decide(ScalingView v) {
        MetricCollection c = spec.collection();
        double load = load(v, c);
        if (Double.isNaN(load)) {
            load = model.ready() ? model.forecast(1) : 0; // keep the season aligned through a gap
        }
        model.add(load);
        if (!model.ready()) {
            lastPeak = Double.NaN;
            return -1;
        }
        long lead = v.startupNs() + c.intervalNs() + c.lagNs();
        int steps = (int) Math.max(1, (lead + c.intervalNs() - 1) / c.intervalNs());
        double peak = 0;
        for (int h = 1; h <= steps; h++) {
            peak = Math.max(peak, model.forecast(h));
        }
        lastPeak = peak;
        return (int) Math.ceil(peak / spec.target() - 1e-9);
    }

    private double load(ScalingView v, MetricCollection c) {
        if (spec.metric() == Metric.RPS) {
            return v.fleetValue(Metric.RPS_TOTAL, c.intervalNs(), c.windowNs(), c.lagNs());
        }
        double perInstance = v.fleetValue(spec.metric(), c.intervalNs(), c.windowNs(), c.lagNs());
        return perInstance * CloudWatch.readyCount(v);
    }
}
