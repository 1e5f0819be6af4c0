package io.headroom.autoscale;

import io.headroom.design.autoscaling.Metric;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted {@link ScalingView}: pods with launch/ready times and per-metric values, and fleet values given
 * as functions of the sampled span. Tests move {@link #now} and change values between decisions.
 */
final class FakeView implements ScalingView {
    /** A value as a function of the span [fromNs, toNs] it averages. */
    interface Span {
        double value(long fromNs, long toNs);
    }

    static final class Pod {
        boolean ready = true;
        long startedNs = -3_600_000_000_000L;
        long readySinceNs = -3_500_000_000_000L;
        final Map<Metric, Span> values = new EnumMap<>(Metric.class);

        Pod set(Metric m, double v) {
            values.put(m, (a, b) -> v);
            return this;
        }
    }

    long now;
    int desired;
    int min = 1;
    int max = 1000;
    long startupNs = 60_000_000_000L;
    final List<Pod> pods = new ArrayList<>();
    final Map<Metric, Span> fleet = new EnumMap<>(Metric.class);

    FakeView(int desired) {
        this.desired = desired;
    }

    /** {@code n} ready pods reporting {@code value} of {@code metric}. */
    static FakeView ofPods(int n, Metric metric, double value) {
        FakeView v = new FakeView(n);
        for (int i = 0; i < n; i++) {
            v.pods.add(new Pod().set(metric, value));
        }
        return v;
    }

    /** Sets every pod's value of {@code metric}. */
    FakeView all(Metric metric, double value) {
        for (Pod p : pods) {
            p.set(metric, value);
        }
        return this;
    }

    FakeView fleet(Metric m, double value) {
        fleet.put(m, (a, b) -> value);
        return this;
    }

    FakeView at(long nowNs) {
        this.now = nowNs;
        return this;
    }

    /** Makes the pod count follow {@code desired} (ready pods at once, copying the first pod's values). */
    void follow(int newDesired) {
        desired = newDesired;
        while (pods.size() > newDesired) {
            pods.remove(pods.size() - 1);
        }
        while (pods.size() < newDesired) {
            Pod p = new Pod();
            p.values.putAll(pods.get(0).values);
            pods.add(p);
        }
    }

    public long nowNs() {
        return now;
    }

    public int desired() {
        return desired;
    }

    public int minReplicas() {
        return min;
    }

    public int maxReplicas() {
        return max;
    }

    public int pods() {
        return pods.size();
    }

    public boolean ready(int pod) {
        return pods.get(pod).ready;
    }

    public long startedNs(int pod) {
        return pods.get(pod).startedNs;
    }

    public long readySinceNs(int pod) {
        return pods.get(pod).ready ? pods.get(pod).readySinceNs : -1;
    }

    public double podValue(Metric metric, int pod, long intervalNs, long windowNs, long lagNs) {
        Span s = pods.get(pod).values.get(metric);
        return s == null ? Double.NaN : s.value(now - lagNs - windowNs, now - lagNs);
    }

    public double fleetValue(Metric metric, long intervalNs, long windowNs, long lagNs) {
        Span s = fleet.get(metric);
        if (s != null) {
            return s.value(now - lagNs - windowNs, now - lagNs);
        }
        if (!metric.perInstance()) {
            return Double.NaN;
        }
        double sum = 0;
        int n = 0;
        for (int i = 0; i < pods.size(); i++) {
            double x = ready(i) ? podValue(metric, i, intervalNs, windowNs, lagNs) : Double.NaN;
            if (!Double.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    public long startupNs() {
        return startupNs;
    }
}
