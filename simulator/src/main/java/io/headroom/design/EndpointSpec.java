package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.FieldError;

/**
 * What serving one kind of request costs an instance: {@code demand}, CPU time (shared with the
 * other computing workers when they outnumber the cores), then {@code wait}, off-CPU time that still
 * holds the worker (I/O, a lock, a sleep; YAML key {@code wait}). At least one of them is given.
 */
public record EndpointSpec(DistributionSpec demand, @JsonProperty("wait") DistributionSpec offCpu) {
    public EndpointSpec {
        if (demand == null && offCpu == null) {
            throw new FieldError("demand", "an endpoint needs a 'demand' (CPU time) or a 'wait' (off-CPU time), e.g. "
                    + "demand: {dist: exponential, mean: 10ms}");
        }
    }
}
