package io.headroom.design.cluster;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.QuantityDeserializers;

/**
 * An overprovisioning buffer, as the Cluster Autoscaler FAQ sets one up: a Deployment of {@code replicas} (0: no
 * buffer, a point of a sweep) placeholder (pause) pods, each requesting {@code cpu-request} and {@code memory-request}, at a low
 * {@code priority} (default -1) on {@code node-pool}. Real pods preempt them at once; the evicted placeholders go
 * Pending and make the autoscaler add a node before real pods need it. A placeholder's pause container exits on
 * SIGTERM, so its requests leave the node at once.
 */
public record OverprovisioningSpec(@AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer replicas,
                                   @AtMost(value = Limits.CPUS, why = Limits.CPUS_WHY) @JsonDeserialize(using = QuantityDeserializers.Cpu.class) Double cpuRequest,
                                   @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) @JsonDeserialize(using = QuantityDeserializers.Bytes.class) Long memoryRequest,
                                   @AtMost(value = Limits.PRIORITY, why = Limits.PRIORITY_WHY) Integer priority, String nodePool) {
    public OverprovisioningSpec {
        FieldError.require(replicas, "replicas");
        if (replicas < 0) {
            throw new FieldError("replicas", "must be zero (no buffer) or more, got " + replicas);
        }
        if (cpuRequest == null) {
            throw new FieldError("cpu-request", "give each placeholder pod's CPU request, e.g. cpu-request: 1");
        }
        memoryRequest = memoryRequest == null ? 0L : memoryRequest;
        priority = priority == null ? -1 : priority;
    }

    public long cpuMilli() {
        return (long) Math.ceil(cpuRequest * 1000 - 1e-9);
    }
}
