package io.headroom.cluster;

import java.util.Map;

/**
 * What a run reports of its cluster ({@code summary.json}'s {@code cluster} object): per pool its nodes and their
 * cost, the CPU its pods requested and used; pending pods' peak and pending times (creation to Running, seconds);
 * preemptions, evictions and spot interruptions of nodes; and per owner (a service, or {@code overprovisioning}) the cost allocated to it as
 * OpenCost allocates it, the rest of each pool's cost being its idle cost; per service with a CPU limit, the throttling
 * its pods met. {@code events} is the run's event log
 * ({@code cluster-events.csv}), kept from one run only: a summary does not carry it.
 */
public record ClusterFigures(Map<String, Pool> pools, double podsPendingPeak, PendingTimes pendingS, double preemptions,
                             double evictions, double spotInterruptions, Map<String, Double> allocatedCostUsd,
                             Map<String, Vpa> vpa, java.util.List<ClusterEvent> events, Map<String, Throttling> throttling) {
    /**
     * A Vertical Pod Autoscaler's CPU recommendation at the end of the billed period (millicores) and the history it
     * rests on (days: upstream's confidence), or NaN throughout before there was one.
     */
    public record Vpa(double targetMilli, double lowerMilli, double upperMilli, double historyDays) {
    }

    /**
     * A service's pods' CPU throttling over the whole run (the drain after the profile included): periods in which a pod's quota ran out (cgroup cpu.stat
     * {@code nr_throttled}, summed over its pods), the request-seconds its computations stalled, and those per request
     * the service received, in milliseconds (the delay throttling added to a request on average).
     */
    public record Throttling(double throttledPeriods, double throttledS, double throttledMsPerRequest) {
    }

    public ClusterFigures {
        events = events == null ? java.util.List.of() : java.util.List.copyOf(events);
        vpa = vpa == null ? Map.of() : vpa;
        throttling = throttling == null ? Map.of() : throttling;
    }

    /** Figures without throttling (no service has a CPU limit). */
    public ClusterFigures(Map<String, Pool> pools, double podsPendingPeak, PendingTimes pendingS, double preemptions,
                          double evictions, double spotInterruptions, Map<String, Double> allocatedCostUsd,
                          Map<String, Vpa> vpa, java.util.List<ClusterEvent> events) {
        this(pools, podsPendingPeak, pendingS, preemptions, evictions, spotInterruptions, allocatedCostUsd, vpa, events, null);
    }

    /** These figures with {@code throttling} per service. */
    public ClusterFigures withThrottling(Map<String, Throttling> perService) {
        return new ClusterFigures(pools, podsPendingPeak, pendingS, preemptions, evictions, spotInterruptions, allocatedCostUsd, vpa,
                events, perService);
    }

    /**
     * One pool over the run: mean and peak nodes, node-hours, what its nodes cost, the CPU requested by pods bound to its
     * ready nodes and the CPU they used (fractions of allocatable), and its idle cost (cost less allocations).
     */
    public record Pool(double nodesMean, double nodesPeak, double nodeHours, double costUsd, double cpuRequested, double cpuUsed,
                       double idleUsd) {
    }

    /** Pending times in seconds of the pods created during the run: median, 95th percentile, maximum, and how many. */
    public record PendingTimes(double p50, double p95, double max, double pods) {
    }
}
