package io.headroom.design.cluster;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.QuantityDeserializers;

/**
 * A service's {@code pod:} block: the service runs as a Deployment on the design's cluster. Each pod requests
 * {@code cpu-request} (required) and {@code memory-request} (default 0) as Kubernetes quantities, runs on
 * {@code node-pool} (its node selector; without it, any pool's nodes) at {@code priority} (a PriorityClass value,
 * default 0), starts after {@code startup} (image pull and container start, a distribution, default 0) and is
 * Ready by its {@code readiness} probe. Memory requests drive placement only: memory use is not modelled.
 * {@code cpu-limit} (CFS throttling) is not modelled yet and is refused.
 */
public record PodSpec(@AtMost(value = Limits.CPUS, why = Limits.CPUS_WHY) @JsonDeserialize(using = QuantityDeserializers.Cpu.class) Double cpuRequest,
                      @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) @JsonDeserialize(using = QuantityDeserializers.Bytes.class) Long memoryRequest,
                      String cpuLimit, String nodePool, @AtMost(value = Limits.PRIORITY, why = Limits.PRIORITY_WHY) Integer priority, DistributionSpec startup, ReadinessSpec readiness) {
    public PodSpec {
        if (cpuLimit != null) {
            throw new FieldError("cpu-limit", "CPU limits (the CFS quota and its throttling) are not modelled yet: remove"
                    + " cpu-limit; a pod without a limit uses the cores the service gives it");
        }
        if (cpuRequest == null) {
            throw new FieldError("cpu-request", "give the pod's CPU request, e.g. cpu-request: 500m");
        }
        memoryRequest = memoryRequest == null ? 0L : memoryRequest;
        priority = priority == null ? 0 : priority;
        readiness = readiness == null ? ReadinessSpec.DEFAULT : readiness;
    }

    /** The CPU request in millicores ({@code Quantity.MilliValue}: rounded up). */
    public long cpuMilli() {
        return (long) Math.ceil(cpuRequest * 1000 - 1e-9);
    }
}
