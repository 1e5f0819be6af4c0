package io.headroom.design.cluster;

import io.headroom.yaml.FieldError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Kubernetes cluster the design's services with a {@code pod:} block run on: named {@code node-pools}, the
 * {@code scheduler}'s scoring, the node {@code autoscaler} and an optional {@code overprovisioning} buffer of
 * placeholder pods, and how a node's pods share its CPU ({@code cpu-sharing}, {@link CpuSharing}). See docs/kubernetes.md.
 */
public record ClusterSpec(Map<String, NodePoolSpec> nodePools, SchedulerSpec scheduler, AutoscalerSpec autoscaler,
                          OverprovisioningSpec overprovisioning, CpuSharing cpuSharing) {
    public ClusterSpec {
        if (nodePools == null || nodePools.isEmpty()) {
            throw new FieldError("node-pools", "name at least one node pool, e.g. node-pools: {general: {instance: {type: m6i.xlarge},"
                    + " nodes: {initial: 3, min: 2, max: 20}, provisioning: {dist: constant, value: 90s}}}");
        }
        for (Map.Entry<String, NodePoolSpec> e : nodePools.entrySet()) {
            if (e.getValue() == null) {
                throw new FieldError("node-pools." + e.getKey(), "node pool '" + e.getKey() + "' is empty: give it an instance and nodes");
            }
        }
        nodePools = new LinkedHashMap<>(nodePools);
        scheduler = scheduler == null ? SchedulerSpec.DEFAULT : scheduler;
        autoscaler = autoscaler == null ? AutoscalerSpec.DEFAULT : autoscaler;
        cpuSharing = cpuSharing == null ? CpuSharing.REQUEST : cpuSharing;
    }

    /** This cluster with {@code pools} as its node pools. */
    public ClusterSpec withNodePools(Map<String, NodePoolSpec> pools) {
        return new ClusterSpec(pools, scheduler, autoscaler, overprovisioning, cpuSharing);
    }

    /**
     * The pool a pod naming {@code pool} runs on: that one, or the only pool when {@code pool} is null; null if there is
     * no such pool, or when {@code pool} is null and there are several (the pod may then run on any).
     */
    public String poolFor(String pool) {
        if (pool != null) {
            return nodePools.containsKey(pool) ? pool : null;
        }
        return nodePools.size() == 1 ? nodePools.keySet().iterator().next() : null;
    }
}
