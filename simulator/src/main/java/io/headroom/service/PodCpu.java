package io.headroom.service;

/**
 * The CPU of a service's instances run as pods, where Kubernetes shapes it: a CPU limit, which the kernel enforces
 * as a CFS quota per period (the pod's computations stall once it is spent, until the period ends), and the share of
 * its node's cores a pod gets when the node's pods share them by CPU request. Whoever runs the node sets each pod's
 * capacity ({@link #setCapacity}) and is told when a pod's demand changes. Also the throttling seen: periods
 * throttled and the computation time stalled.
 */
public final class PodCpu {
    private final ServiceStation station;
    private final OwnWork work;
    private final Processors cpu;

    PodCpu(ServiceStation station, OwnWork work) {
        this.station = station;
        this.work = work;
        this.cpu = work.cpu();
    }

    /** Told when an instance's demand for cores changes: it starts or ends a computation, is throttled or unthrottled. */
    public interface DemandListener {
        void demandChanged(int slot, long now);
    }

    /** Each instance gets a CPU limit of {@code limitMilli}: a quota of limit × {@code periodNs} per period. Before the run. */
    public void limit(long limitMilli, long periodNs) {
        work.shape(limitMilli, periodNs);
    }

    /** The instances' capacity is set by their node from now on ({@link #setCapacity}). Before the run. */
    public void shareNode(DemandListener listener) {
        work.shape(0, 0);
        cpu.onDemandChange(listener);
    }

    /** Whether a CPU limit applies. */
    public boolean limited() {
        return cpu.limited();
    }

    /** The cores instance {@code slot} would use if its node had them: its computing requests (a limit bounds time, not parallelism); 0 while throttled. */
    public double demand(int slot) {
        return cpu.demand(slot);
    }

    /** Instance {@code slot} computes on {@code cores} cores of its node from {@code now} on; true if that throttled it (its demand changed). */
    public boolean setCapacity(int slot, double cores, long now) {
        station.touch(now);
        station.touchTracked(slot, now);
        return cpu.setCapacity(slot, cores, now);
    }

    /** Periods in which an instance's quota ran out (cgroup cpu.stat {@code nr_throttled}), over every instance since the start. */
    public long throttledPeriods() {
        return cpu.throttledPeriods();
    }

    /** Request-seconds of computation stalled by throttling since the start, up to {@code now}. */
    public double throttledSeconds(long now) {
        return cpu.stalledNs(now) / 1e9;
    }
}
