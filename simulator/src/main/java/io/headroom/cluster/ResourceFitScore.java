package io.headroom.cluster;

/**
 * The score half of the kube-scheduler's {@code NodeResourcesFit} plugin: how full a node would be with the
 * pod on it, over CPU and memory, each weighted 1. {@code LeastAllocated} (the default) favours the emptiest
 * node and so spreads pods; {@code MostAllocated} favours the fullest and so packs them, which lets the Cluster
 * Autoscaler empty nodes. Both count the node's <em>non-zero</em> requests plus the incoming pod's (a pod
 * without a request counts as 100m and 200 MiB), as upstream does for this plugin.
 *
 * <p>Ported from kubernetes {@code pkg/scheduler/framework/plugins/noderesources}: {@code least_allocated.go}
 * ({@code leastResourceScorer}, {@code leastRequestedScore}), {@code most_allocated.go}
 * ({@code mostResourceScorer}, {@code mostRequestedScore}) and {@code resource_allocation.go}
 * ({@code calculateResourceAllocatableRequest} with {@code useRequested} false). Integer arithmetic as
 * upstream's int64. The plugin has no NormalizeScore.
 */
final class ResourceFitScore {
    /** {@code framework.MaxNodeScore}. */
    static final long MAX_NODE_SCORE = 100;

    private ResourceFitScore() {
    }

    /** The plugin's score of {@code node} for {@code pod}, 0..100. */
    static long score(Scheduler.Scoring scoring, Pod pod, Node node) {
        long cpu = node.nonZeroRequestedCpuMilli() + pod.nonZeroCpuMilli();
        long memory = node.nonZeroRequestedMemoryBytes() + pod.nonZeroMemoryBytes();
        NodeShape a = node.allocatable();
        return scoring == Scheduler.Scoring.MOST_ALLOCATED
                ? mostAllocated(cpu, a.cpuMilli(), memory, a.memoryBytes())
                : leastAllocated(cpu, a.cpuMilli(), memory, a.memoryBytes());
    }

    /** {@code leastResourceScorer} over CPU and memory, weights 1: the mean of the unrequested shares. */
    static long leastAllocated(long requestedCpu, long allocatableCpu, long requestedMemory, long allocatableMemory) {
        return (leastRequested(requestedCpu, allocatableCpu) + leastRequested(requestedMemory, allocatableMemory)) / 2;
    }

    /** {@code mostResourceScorer} over CPU and memory, weights 1: the mean of the requested shares. */
    static long mostAllocated(long requestedCpu, long allocatableCpu, long requestedMemory, long allocatableMemory) {
        return (mostRequested(requestedCpu, allocatableCpu) + mostRequested(requestedMemory, allocatableMemory)) / 2;
    }

    /** {@code leastRequestedScore}: 0 once requests exceed capacity (possible through the non-zero defaults). */
    static long leastRequested(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) {
            return 0;
        }
        return (capacity - requested) * MAX_NODE_SCORE / capacity;
    }

    /** {@code mostRequestedScore}: requests beyond capacity count as capacity. */
    static long mostRequested(long requested, long capacity) {
        if (capacity == 0) {
            return 0;
        }
        return Math.min(requested, capacity) * MAX_NODE_SCORE / capacity;
    }
}
