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
                             Map<String, Vpa> vpa, java.util.List<ClusterEvent> events, Map<String, KarpenterPool> karpenter,
                             Map<String, Throttling> throttling) {
    /**
     * What Karpenter did to one NodePool: NodeClaims launched (for pending pods, at the start and as replacements),
     * consolidation actions by kind (empty nodes deleted, underutilised nodes deleted, nodes replaced by a cheaper one),
     * the nodes consolidation removed, nodes drained at their {@code expireAfter}, and node-hours per offering
     * ({@code type/capacity-type}).
     */
    public record KarpenterPool(double nodeClaims, double emptyDeletes, double underutilizedDeletes, double replaces,
                                double nodesConsolidated, double expired, Map<String, Double> nodeHoursByOffering) {
    }

    /**
     * A Vertical Pod Autoscaler at the end of the billed period: its CPU recommendation (millicores; NaN before there
     * was one), the history it rests on (days: upstream's confidence) and whether that is {@link #ENOUGH_HISTORY_DAYS}
     * or more; the pods its updater evicted, those it resized in place, and those evicted because their resize failed
     * (Infeasible, or Deferred too long).
     */
    public record Vpa(double targetMilli, double lowerMilli, double upperMilli, double historyDays, boolean enoughHistory,
                      double evictions, double resizes, double resizeFallbacks) {
        /**
         * The history a recommendation needs to be trusted, in days: one {@code --confidence-interval-cpu} (24 h), the
         * unit of upstream's confidence, below which the upper bound is more than twice its estimate. Upstream defines a
         * {@code LowConfidence} condition but sets it nowhere, so it gives no threshold of its own.
         */
        public static final double ENOUGH_HISTORY_DAYS = 1.0;

        /** With {@code enoughHistory} judged from {@code historyDays}. */
        public Vpa(double targetMilli, double lowerMilli, double upperMilli, double historyDays, double evictions, double resizes,
                   double resizeFallbacks) {
            this(targetMilli, lowerMilli, upperMilli, historyDays, historyDays >= ENOUGH_HISTORY_DAYS, evictions, resizes,
                    resizeFallbacks);
        }
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
        karpenter = karpenter == null ? Map.of() : karpenter;
        throttling = throttling == null ? Map.of() : throttling;
    }

    /** Figures without throttling (no service has a CPU limit). */
    public ClusterFigures(Map<String, Pool> pools, double podsPendingPeak, PendingTimes pendingS, double preemptions,
                          double evictions, double spotInterruptions, Map<String, Double> allocatedCostUsd,
                          Map<String, Vpa> vpa, java.util.List<ClusterEvent> events) {
        this(pools, podsPendingPeak, pendingS, preemptions, evictions, spotInterruptions, allocatedCostUsd, vpa, events, null, null);
    }

    /** These figures with {@code throttling} per service. */
    public ClusterFigures withThrottling(Map<String, Throttling> perService) {
        return new ClusterFigures(pools, podsPendingPeak, pendingS, preemptions, evictions, spotInterruptions, allocatedCostUsd, vpa,
                events, karpenter, perService);
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
