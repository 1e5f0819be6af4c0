package io.headroom.cluster;

/**
 * The Cluster Autoscaler's flags that drive its decisions, under the names and with the defaults of
 * kubernetes/autoscaler {@code cluster-autoscaler/config/flags/flags.go} (and the {@code Default*}
 * constants of {@code config/const.go}). Durations are in nanoseconds.
 *
 * <p>The autoscaler runs one loop every {@code scan-interval}: {@code frequent-loops-enabled} is off, as
 * by default, so no loop is triggered early by a pod becoming unschedulable. Flags for features not
 * modelled (GPU thresholds, unready-node scale-down, balancing similar groups, resource totals such as
 * {@code cores-total}) are left out.
 *
 * @param scanIntervalNs                    {@code scan-interval}: how often the cluster is re-evaluated (10 s)
 * @param expander                          {@code expander}: which node group a scale-up grows ({@code least-waste})
 * @param maxNodeProvisionTimeNs            {@code max-node-provision-time}: a launched node not Ready by then is a
 *                                          failed scale-up, and its group backs off (15 m)
 * @param initialNodeGroupBackoffNs         {@code initial-node-group-backoff-duration} (5 m)
 * @param maxNodeGroupBackoffNs             {@code max-node-group-backoff-duration} (30 m)
 * @param nodeGroupBackoffResetTimeoutNs    {@code node-group-backoff-reset-timeout}: a group's back-off is
 *                                          forgotten this long after its last failure (3 h)
 * @param expendablePodsPriorityCutoff      {@code expendable-pods-priority-cutoff}: pods of a lower priority
 *                                          trigger no scale-up and are ignored by scale-down (-10)
 * @param newPodScaleUpDelayNs              {@code new-pod-scale-up-delay}: pods younger than this are not
 *                                          considered for a scale-up (0)
 * @param maxNodesTotal                     {@code max-nodes-total}: at most this many nodes in all groups; 0 is
 *                                          no limit (0)
 * @param maxNodesPerScaleUp                {@code max-nodes-per-scaleup}: a binpacking estimate stops at this
 *                                          many nodes (1000)
 * @param scaleDownUtilizationThreshold     {@code scale-down-utilization-threshold}: a node whose larger of CPU
 *                                          and memory requests over allocatable is below this may be removed (0.5)
 * @param scaleDownUnneededTimeNs           {@code scale-down-unneeded-time}: how long a node must stay unneeded
 *                                          before it is removed (10 m)
 * @param scaleDownDelayAfterAddNs          {@code scale-down-delay-after-add}: no removal this soon after a
 *                                          scale-up (10 m)
 * @param scaleDownDelayAfterDeleteNs       {@code scale-down-delay-after-delete}: no removal this soon after a
 *                                          removal started (0; with loops every scan-interval, 0 and the
 *                                          documented "defaults to scan-interval" act alike)
 * @param scaleDownDelayAfterFailureNs      {@code scale-down-delay-after-failure} (3 m)
 * @param maxScaleDownParallelism           {@code max-scale-down-parallelism}: nodes, empty or drained, deleted
 *                                          at once (10)
 * @param maxDrainParallelism               {@code max-drain-parallelism}: nodes needing a drain deleted at once (1)
 * @param unremovableNodeRecheckTimeoutNs   {@code unremovable-node-recheck-timeout}: a node whose pods could not
 *                                          be moved is not simulated again for this long (5 m)
 * @param maxPodEvictionTimeNs              {@code max-pod-eviction-time}: how long a drain keeps retrying an
 *                                          eviction (a PodDisruptionBudget refusing it) before giving up (2 m)
 * @param nodeDeleteDelayAfterTaintNs       {@code node-delete-delay-after-taint}: the wait between tainting a
 *                                          node and deleting it (5 s)
 */
public record AutoscalerSettings(
        long scanIntervalNs,
        Expander expander,
        long maxNodeProvisionTimeNs,
        long initialNodeGroupBackoffNs,
        long maxNodeGroupBackoffNs,
        long nodeGroupBackoffResetTimeoutNs,
        int expendablePodsPriorityCutoff,
        long newPodScaleUpDelayNs,
        int maxNodesTotal,
        int maxNodesPerScaleUp,
        double scaleDownUtilizationThreshold,
        long scaleDownUnneededTimeNs,
        long scaleDownDelayAfterAddNs,
        long scaleDownDelayAfterDeleteNs,
        long scaleDownDelayAfterFailureNs,
        int maxScaleDownParallelism,
        int maxDrainParallelism,
        long unremovableNodeRecheckTimeoutNs,
        long maxPodEvictionTimeNs,
        long nodeDeleteDelayAfterTaintNs) {

    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

    /**
     * How long before its start the autoscaler's last scale-up, deletion and failure are taken to be, so
     * that it does not start in cool-down ({@code initialScaleTime := time.Now().Add(-time.Hour)} in
     * {@code core/static_autoscaler.go}).
     */
    public static final long INITIAL_SCALE_TIME_OFFSET_NS = 60 * MINUTE;

    /** The flags' defaults. */
    public static final AutoscalerSettings DEFAULTS = new AutoscalerSettings(
            10 * SECOND, Expander.LEAST_WASTE, 15 * MINUTE, 5 * MINUTE, 30 * MINUTE, 180 * MINUTE,
            -10, 0, 0, 1000,
            0.5, 10 * MINUTE, 10 * MINUTE, 0, 3 * MINUTE, 10, 1,
            5 * MINUTE, 2 * MINUTE, 5 * SECOND);

    public AutoscalerSettings {
        if (scanIntervalNs <= 0) {
            throw new IllegalArgumentException("scan-interval must be positive: " + scanIntervalNs + " ns");
        }
        if (expander == null) {
            throw new IllegalArgumentException("an expander is required");
        }
        if (maxNodeProvisionTimeNs <= 0 || initialNodeGroupBackoffNs <= 0 || maxNodeGroupBackoffNs < initialNodeGroupBackoffNs
                || nodeGroupBackoffResetTimeoutNs <= 0) {
            throw new IllegalArgumentException("max-node-provision-time and the back-off durations must be positive, "
                    + "max-node-group-backoff-duration at least the initial one");
        }
        if (newPodScaleUpDelayNs < 0 || scaleDownUnneededTimeNs < 0 || scaleDownDelayAfterAddNs < 0
                || scaleDownDelayAfterDeleteNs < 0 || scaleDownDelayAfterFailureNs < 0
                || unremovableNodeRecheckTimeoutNs < 0 || maxPodEvictionTimeNs < 0 || nodeDeleteDelayAfterTaintNs < 0) {
            throw new IllegalArgumentException("the autoscaler's delays cannot be negative");
        }
        if (maxNodesTotal < 0 || maxNodesPerScaleUp < 0 || maxScaleDownParallelism < 1 || maxDrainParallelism < 0) {
            throw new IllegalArgumentException("max-nodes-total and max-nodes-per-scaleup cannot be negative, "
                    + "max-scale-down-parallelism must be at least 1 and max-drain-parallelism at least 0");
        }
        if (!(scaleDownUtilizationThreshold >= 0 && scaleDownUtilizationThreshold <= 1)) {
            throw new IllegalArgumentException("scale-down-utilization-threshold must be in [0, 1]: "
                    + scaleDownUtilizationThreshold);
        }
    }

    /** These settings with another expander. */
    public AutoscalerSettings withExpander(Expander e) {
        return new AutoscalerSettings(scanIntervalNs, e, maxNodeProvisionTimeNs, initialNodeGroupBackoffNs,
                maxNodeGroupBackoffNs, nodeGroupBackoffResetTimeoutNs, expendablePodsPriorityCutoff, newPodScaleUpDelayNs,
                maxNodesTotal, maxNodesPerScaleUp, scaleDownUtilizationThreshold, scaleDownUnneededTimeNs,
                scaleDownDelayAfterAddNs, scaleDownDelayAfterDeleteNs, scaleDownDelayAfterFailureNs, maxScaleDownParallelism,
                maxDrainParallelism, unremovableNodeRecheckTimeoutNs, maxPodEvictionTimeNs, nodeDeleteDelayAfterTaintNs);
    }

    /** Whether {@code p} is expendable: below the cutoff, it triggers no scale-up and never blocks a scale-down. */
    public boolean expendable(Pod p) {
        return p.priority() < expendablePodsPriorityCutoff;
    }
}
