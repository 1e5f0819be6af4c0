package io.headroom.autoscale;

/** What a policy observes of its component at a decision time; the simulator implements it. */
public interface ScalingView {
    long nowNs();

    int desired();

    int minReplicas();

    int maxReplicas();

    int pods();

    boolean ready(int pod);

    long startedNs(int pod);

    long readySinceNs(int pod);

    double podValue(Metric metric, int pod, long intervalNs, long windowNs, long lagNs);

    double fleetValue(Metric metric, long intervalNs, long windowNs, long lagNs);

    long startupNs();
}
