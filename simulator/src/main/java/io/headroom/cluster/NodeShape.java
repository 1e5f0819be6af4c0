package io.headroom.cluster;

/**
 * What a node offers pods: its allocatable CPU (millicores) and memory (bytes) — the instance type's
 * vCPUs and memory less what kube-reserved, system-reserved and DaemonSets hold — and the most pods
 * it may run.
 */
public record NodeShape(long cpuMilli, long memoryBytes, int maxPods) {
    public NodeShape {
        if (cpuMilli <= 0 || memoryBytes <= 0 || maxPods <= 0) {
            throw new IllegalArgumentException("a node offers positive CPU, memory and pods: " + cpuMilli + "m, "
                    + memoryBytes + " bytes, " + maxPods + " pods");
        }
    }

    /** Whether a pod of these requests fits an empty node of this shape. */
    public boolean admits(long podCpuMilli, long podMemoryBytes) {
        return podCpuMilli <= cpuMilli && podMemoryBytes <= memoryBytes;
    }
}
