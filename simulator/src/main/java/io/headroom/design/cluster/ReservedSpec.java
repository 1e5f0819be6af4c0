package io.headroom.design.cluster;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.Limits;
import io.headroom.yaml.QuantityDeserializers;

/**
 * What each node of a pool holds back from pods: kube-reserved, system-reserved, the eviction threshold and
 * the DaemonSets' requests, together, as Kubernetes quantities ({@code {cpu: 200m, memory: 1Gi}}). A node's
 * allocatable is its type's vCPUs and memory less this.
 */
public record ReservedSpec(@AtMost(value = Limits.CPUS, why = Limits.CPUS_WHY) @JsonDeserialize(using = QuantityDeserializers.Number.class) Double cpu,
                           @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) @JsonDeserialize(using = QuantityDeserializers.Bytes.class) Long memory) {
    public static final ReservedSpec NONE = new ReservedSpec(0.0, 0L);

    public ReservedSpec {
        cpu = cpu == null ? 0.0 : cpu;
        memory = memory == null ? 0L : memory;
        if (cpu < 0) {
            throw new io.headroom.yaml.FieldError("cpu", "must not be negative, got " + io.headroom.yaml.FieldError.number(cpu));
        }
    }

    /** The CPU held back, in millicores (rounded up, as {@code Quantity.MilliValue}). */
    public long cpuMilli() {
        return (long) Math.ceil(cpu * 1000 - 1e-9);
    }
}
