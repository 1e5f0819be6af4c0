package io.headroom.cluster;

/**
 * The kube-scheduler's {@code NodeResourcesBalancedAllocation} plugin: favours the node whose CPU and memory
 * requests become more alike in proportion once the pod is there, so that neither resource is stranded.
 * Unlike {@code NodeResourcesFit} it counts the <em>actual</em> requests (no non-zero defaults), and a pod
 * requesting neither CPU nor memory skips the plugin (every node scores 0).
 *
 * <p>Ported from kubernetes {@code pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go}
 * (and {@code resource_allocation.go} with {@code useRequested} true) as changed by kubernetes PR #135573
 * (merged early 2026): a node's balance is {@code int64((1 - std) * 100)} with {@code std = |f_cpu - f_mem| / 2}
 * (the two-resource case of the standard deviation, each fraction capped at 1), computed with and without the
 * pod, and the score is {@code 50 + (50 + withPod - withoutPod) / 2} in int64: 75 when the pod leaves the
 * balance as it was, towards 100 when it improves it, towards 50 when it spoils it. No NormalizeScore.
 */
final class BalancedAllocationScore {
    private static final long MAX = ResourceFitScore.MAX_NODE_SCORE;

    private BalancedAllocationScore() {
    }

    /** Upstream's PreScore Skip: a best-effort pod (no CPU and no memory request) is not scored by this plugin. */
    static boolean skips(Pod pod) {
        return pod.cpuMilli() == 0 && pod.memoryBytes() == 0;
    }

    /** The plugin's score of {@code node} for {@code pod}, 50..100 (0 for a pod the plugin skips). */
    static long score(Pod pod, Node node) {
        if (skips(pod)) {
            return 0;
        }
        NodeShape a = node.allocatable();
        long cpu = node.requestedCpuMilli();
        long memory = node.requestedMemoryBytes();
        long withPod = balance(cpu + pod.cpuMilli(), a.cpuMilli(), memory + pod.memoryBytes(), a.memoryBytes());
        long withoutPod = balance(cpu, a.cpuMilli(), memory, a.memoryBytes());
        return change(withPod, withoutPod);
    }

    /** How the with-pod and without-pod balances combine into the score. */
    static long change(long withPod, long withoutPod) {
        return MAX / 2 + (MAX / 2 + withPod - withoutPod) / 2;
    }

    /** {@code balancedResourceScore} for CPU and memory: {@code (1 - |f_cpu - f_mem| / 2) * 100} truncated, 50..100. */
    static long balance(long requestedCpu, long allocatableCpu, long requestedMemory, long allocatableMemory) {
        double cpu = Math.min(1.0, (double) requestedCpu / (double) allocatableCpu);
        double memory = Math.min(1.0, (double) requestedMemory / (double) allocatableMemory);
        double std = Math.abs((cpu - memory) / 2);
        return (long) ((1 - std) * (double) MAX);
    }
}
