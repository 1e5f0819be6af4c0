package io.headroom.design.cluster;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.design.pricing.InstanceSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;

/**
 * A node pool — a Cluster Autoscaler node group of one instance type: what its nodes are bought as
 * ({@code instance}: type and market, on-demand, spot or mixed as a fleet's), how many it runs
 * ({@code nodes}), the zones it spreads them over (the first {@code zones} of the design's
 * {@code network.zones}, default all), the time from launch to node Ready ({@code provisioning}, a
 * distribution), what each node holds back from pods ({@code reserved}) and the most pods a node runs
 * ({@code max-pods}, the kubelet's default 110).
 *
 * <p>With {@code nodepool} (a Karpenter {@code karpenter.sh/v1 NodePool}, inline or a file) the pool is Karpenter's:
 * its nodes are of the types the NodePool's requirements allow, chosen per batch of pending pods, and there is no
 * {@code instance} or {@code nodes} (see docs/karpenter.md).
 */
public record NodePoolSpec(InstanceSpec instance, NodeCountSpec nodes, @AtMost(value = "64", why = "zones of one region") Integer zones,
                           DistributionSpec provisioning, ReservedSpec reserved,
                           @AtMost(value = "1000", why = "the kubelet's max-pods") Integer maxPods,
                           @JsonDeserialize(using = NodePoolRef.Reader.class) NodePoolRef nodepool) {
    /** The kubelet's default {@code --max-pods}. */
    public static final int DEFAULT_MAX_PODS = 110;

    public NodePoolSpec {
        if (nodepool != null && instance != null) {
            throw new FieldError("instance", "a Karpenter NodePool chooses its instance types from its requirements: remove"
                    + " instance, or write a node.kubernetes.io/instance-type requirement");
        }
        if (nodepool != null && nodes != null) {
            throw new FieldError("nodes", "a Karpenter NodePool launches the nodes its pending pods need: remove nodes (limit it"
                    + " with the NodePool's spec.limits)");
        }
        if (nodepool == null && instance == null) {
            throw new FieldError("instance", "give the nodes' instance type, e.g. instance: {type: m6i.xlarge, market: on-demand}");
        }
        if (nodepool == null && nodes == null) {
            throw new FieldError("nodes", "give the pool's node count, e.g. nodes: {initial: 3, min: 2, max: 20}");
        }
        if (provisioning == null) {
            throw new FieldError("provisioning", "give the time from a node's launch to Ready, e.g."
                    + " provisioning: {dist: lognormal, median: 70s, p99: 150s}");
        }
        if (zones != null) {
            FieldError.positive(zones, "zones");
        }
        reserved = reserved == null ? ReservedSpec.NONE : reserved;
        maxPods = maxPods == null ? DEFAULT_MAX_PODS : FieldError.positive(maxPods, "max-pods");
    }

    /** This pool with {@code ref} as its NodePool. */
    public NodePoolSpec withNodePool(NodePoolRef ref) {
        return new NodePoolSpec(instance, nodes, zones, provisioning, reserved, maxPods, ref);
    }

    /** Whether Karpenter provisions this pool. */
    public boolean karpenter() {
        return nodepool != null;
    }

    /** A node's allocatable CPU in millicores: the type's vCPUs less {@code reserved.cpu}. */
    public long allocatableCpuMilli(io.headroom.design.pricing.InstanceType type) {
        return type.vcpu() * 1000L - reserved.cpuMilli();
    }

    /** A node's allocatable memory in bytes: the type's memory (GiB) less {@code reserved.memory}. */
    public long allocatableMemoryBytes(io.headroom.design.pricing.InstanceType type) {
        return Math.round(type.memoryGib() * (1L << 30)) - reserved.memory();
    }
}
