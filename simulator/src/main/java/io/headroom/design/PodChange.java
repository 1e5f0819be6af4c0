package io.headroom.design;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.QuantityDeserializers;

/**
 * What a new version changes in its pods: {@code cpu-request}, {@code memory-request} and {@code startup} (what it
 * does not name stays as {@code pod:} has it). A larger request may not fit where the old pods ran.
 */
public record PodChange(@AtMost(value = Limits.CPUS, why = Limits.CPUS_WHY) @JsonDeserialize(using = QuantityDeserializers.Cpu.class) Double cpuRequest,
                        @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) @JsonDeserialize(using = QuantityDeserializers.Bytes.class) Long memoryRequest,
                        DistributionSpec startup) {
    public PodChange {
        if (cpuRequest != null) {
            FieldError.positive(cpuRequest, "cpu-request");
        }
        if (memoryRequest != null && memoryRequest < 0) {
            throw new FieldError("memory-request", "a memory request cannot be negative");
        }
    }
}
