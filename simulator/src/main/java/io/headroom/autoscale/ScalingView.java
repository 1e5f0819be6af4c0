package io.headroom.autoscale;

import io.headroom.design.autoscaling.Metric;

/**
 * What a policy observes of its component at a decision time; the simulator implements it.
 * Instances are numbered 0..pods()-1 and are those that exist and are not being removed (starting,
 * warming up, ready). Values are averages over [now-lag-window, now-lag] of samples taken every
 * interval.
 */
public interface ScalingView {
    long nowNs();

    /** The count the component is asked to run now (the HPA's spec.replicas / an ASG's desired capacity). */
    int desired();

    int minReplicas();

    int maxReplicas();

    /** Instances that exist and are not being removed (starting, warming up, ready): pods 0..pods()-1. */
    int pods();

    boolean ready(int pod);

    /** When the instance was launched. */
    long startedNs(int pod);

    /** When it became ready, -1 if not ready. */
    long readySinceNs(int pod);

    /** The metric of one pod averaged over [now-lag-window, now-lag] from samples every interval; NaN if it has no sample there (a missing pod). */
    double podValue(Metric metric, int pod, long intervalNs, long windowNs, long lagNs);

    /**
     * Fleet-wide value over the same span: mean over in-service instances for cpu/utilisation/queue-length/rps-per-instance,
     * the component's p95 in ms for latency-p95, and total rps for {@link Metric#RPS_TOTAL}; NaN when there is no sample.
     */
    double fleetValue(Metric metric, long intervalNs, long windowNs, long lagNs);

    /** Nanoseconds from launch to ready (for predictive's lead time). */
    long startupNs();
}
