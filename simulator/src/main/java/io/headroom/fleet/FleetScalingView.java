package io.headroom.fleet;

import io.headroom.autoscale.ScalingView;
import io.headroom.design.autoscaling.Metric;
import io.headroom.engine.Simulation;
import io.headroom.service.ServiceStation;
import java.util.Arrays;

/**
 * What a fleet's autoscaler sees at a decision: the instances that are not being removed
 * (starting, ready or down), numbered in slot order, with their launch and readiness times and
 * their sampled metrics ({@link FleetMetrics}). Fleet-wide values average over the ready
 * instances that have a sample. The pod list is rebuilt at most once per event.
 */
final class FleetScalingView implements ScalingView {
    private final Simulation sim;
    private final ServiceStation station;
    private final ReplicaSet replicas;
    private final InstanceTimers timers;
    private final FleetMetrics metrics;
    private final long startupNs;
    private final int minReplicas;
    private final int maxReplicas;
    private int[] pods = new int[0];
    private int podCount;
    private long builtAt = -1;
    private long builtEvents = -1;

    /** @param startupNs from launch to ready: startup plus readiness delay */
    FleetScalingView(Simulation sim, ServiceStation station, ReplicaSet replicas, InstanceTimers timers, FleetMetrics metrics,
                     long startupNs, int minReplicas, int maxReplicas) {
        this.sim = sim;
        this.station = station;
        this.replicas = replicas;
        this.timers = timers;
        this.metrics = metrics;
        this.startupNs = startupNs;
        this.minReplicas = minReplicas;
        this.maxReplicas = maxReplicas;
    }

    private void build() {
        long now = sim.now();
        if (builtAt == now && builtEvents == sim.processed()) {
            return;
        }
        pods = Arrays.copyOf(pods, Math.max(pods.length, station.slotCount()));
        podCount = 0;
        for (int i = 0; i < station.slotCount(); i++) {
            if (replicas.isActive(i)) {
                pods[podCount++] = i;
            }
        }
        builtAt = now;
        builtEvents = sim.processed();
    }

    @Override
    public long nowNs() {
        return sim.now();
    }

    @Override
    public int desired() {
        return replicas.desired();
    }

    @Override
    public int minReplicas() {
        return minReplicas;
    }

    @Override
    public int maxReplicas() {
        return maxReplicas;
    }

    /** The fleet's pods: its active instances, then (on a cluster) its Pending pods, which are not ready and have no metrics. */
    @Override
    public int pods() {
        build();
        return podCount + pendingPods();
    }

    private int pendingPods() {
        return replicas.pods() == null ? 0 : replicas.pods().pending();
    }

    @Override
    public boolean ready(int pod) {
        build();
        return pod < podCount && station.state(pods[pod]) == ServiceStation.READY;
    }

    @Override
    public long startedNs(int pod) {
        build();
        return pod < podCount ? timers.launchedAt(pods[pod]) : replicas.pods().pendingCreatedAt(pod - podCount);
    }

    @Override
    public long readySinceNs(int pod) {
        build();
        return pod < podCount && station.state(pods[pod]) == ServiceStation.READY ? timers.readyAt(pods[pod]) : -1;
    }

    @Override
    public double podValue(Metric metric, int pod, long intervalNs, long windowNs, long lagNs) {
        build();
        if (metric == Metric.LATENCY_P95 || metric == Metric.RPS_TOTAL) {
            return fleetValue(metric, intervalNs, windowNs, lagNs);
        }
        if (pod >= podCount) {
            return Double.NaN;
        }
        return metrics.podValue(metric, pods[pod], sim.now(), intervalNs, windowNs, lagNs);
    }

    @Override
    public double fleetValue(Metric metric, long intervalNs, long windowNs, long lagNs) {
        build();
        long now = sim.now();
        if (metric == Metric.LATENCY_P95) {
            return metrics.latencyP95Ms(now, intervalNs, windowNs, lagNs);
        }
        if (metric == Metric.RPS_TOTAL) {
            return metrics.totalRate(now, intervalNs, windowNs, lagNs);
        }
        double sum = 0;
        int n = 0;
        for (int k = 0; k < podCount; k++) {
            int i = pods[k];
            if (station.state(i) != ServiceStation.READY) {
                continue;
            }
            double v = metrics.podValue(metric, i, now, intervalNs, windowNs, lagNs);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    @Override
    public long startupNs() {
        return startupNs;
    }
}
