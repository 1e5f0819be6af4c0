package io.headroom.cluster.karpenter;

/**
 * What a NodePool may still launch under its {@code spec.limits}: CPU (millicores) and memory (bytes) of
 * instance capacity, the limits less the capacity of the pool's nodes. {@link Long#MAX_VALUE} for a resource
 * without a limit.
 */
public record Limits(long cpuMilli, long memoryBytes) {
    /** No limits. */
    public static final Limits NONE = new Limits(Long.MAX_VALUE, Long.MAX_VALUE);

    /**
     * Whether launching {@code o} stays within these, as upstream's {@code filterByRemainingResources}: an
     * instance type whose capacity exceeds what remains of any limited resource is left out.
     */
    public boolean admits(InstanceOption o) {
        return o.cpuCapacityMilli() <= cpuMilli && o.memoryBytes() <= memoryBytes;
    }

    /**
     * What remains after a NodeClaim that may launch any of {@code options}, as upstream's {@code subtractMax}:
     * pessimistically the largest CPU and the largest memory among them. Unlimited resources stay unlimited.
     */
    public Limits lessMax(Iterable<InstanceOption> options) {
        long cpu = 0;
        long memory = 0;
        for (InstanceOption o : options) {
            cpu = Math.max(cpu, o.cpuCapacityMilli());
            memory = Math.max(memory, o.memoryBytes());
        }
        return new Limits(cpuMilli == Long.MAX_VALUE ? cpuMilli : cpuMilli - cpu,
                memoryBytes == Long.MAX_VALUE ? memoryBytes : memoryBytes - memory);
    }
}
