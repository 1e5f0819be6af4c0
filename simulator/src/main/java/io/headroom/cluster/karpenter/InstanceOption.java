package io.headroom.cluster.karpenter;

import io.headroom.cluster.NodeShape;
import io.headroom.design.cluster.InstanceLabels;
import java.util.Comparator;

/**
 * One offering Karpenter may launch: an EC2 instance type in one capacity type ({@code on-demand} or
 * {@code spot}), with its well-known labels as aws/karpenter-provider-aws sets them
 * ({@code karpenter.k8s.aws/instance-family}, {@code -category}, {@code -generation}, {@code -cpu},
 * {@code -memory}), its price and what it offers pods ({@code allocatable}: capacity less kube-reserved,
 * system-reserved and DaemonSets). Upstream's {@code InstanceType} holds several offerings (capacity type ×
 * zone); here each (type, capacity type) pair is its own option and zones do not change the price.
 */
public record InstanceOption(String type, String family, String category, int generation, int vcpu, long memoryBytes,
                             String capacityType, double usdPerHour, NodeShape allocatable)
        implements InstanceLabels {
    public static final String ON_DEMAND = "on-demand";
    public static final String SPOT = "spot";

    /**
     * Cheapest first, as upstream's {@code InstanceTypes.OrderByPrice} (ties by name); on-demand before spot at
     * one price, so the order never depends on the input's.
     */
    public static final Comparator<InstanceOption> BY_PRICE = Comparator.comparingDouble(InstanceOption::usdPerHour)
            .thenComparing(InstanceOption::type).thenComparing(InstanceOption::capacityType);

    public InstanceOption {
        if (!ON_DEMAND.equals(capacityType) && !SPOT.equals(capacityType)) {
            throw new IllegalArgumentException("capacity type is on-demand or spot: " + capacityType);
        }
    }

    /** The instance's CPU capacity in millicores (what NodePool {@code limits} count). */
    public long cpuCapacityMilli() {
        return vcpu * 1000L;
    }

    /** The {@code karpenter.k8s.aws/instance-memory} label: memory in MiB. */
    public long memoryMib() {
        return memoryBytes >> 20;
    }

    /** {@code type/capacity-type}, e.g. {@code c6i.large/on-demand}: how results name an offering. */
    public String key() {
        return type + "/" + capacityType;
    }

    public boolean spot() {
        return SPOT.equals(capacityType);
    }

    /** {@code kubernetes.io/arch}: {@code arm64} for Graviton families, {@code amd64} otherwise. */
    public String arch() {
        return InstanceLabels.arm64(family) ? "arm64" : "amd64";
    }

    @Override
    public String label(String key) {
        return InstanceLabels.of(key, type, vcpu, memoryMib(), capacityType);
    }

    @Override
    public String toString() {
        return type + " (" + capacityType + ", " + usdPerHour + " USD/h)";
    }
}
