package io.headroom.design.cluster;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.QuantityDeserializers;
import java.time.Duration;

/**
 * A service's {@code pod:} block: the service runs as a Deployment on the design's cluster. Each pod requests
 * {@code cpu-request} (required) and {@code memory-request} (default 0) as Kubernetes quantities, runs on
 * {@code node-pool} (its node selector; without it, any pool's nodes) at {@code priority} (a PriorityClass value,
 * default 0), starts after {@code startup} (image pull and container start, a distribution, default 0) and is
 * Ready by its {@code readiness} probe. Memory requests drive placement only: memory use is not modelled.
 *
 * <p>{@code cpu-limit} (a CPU quantity, at least the request, as the API server requires) is enforced as the kernel's
 * CFS bandwidth control does: a quota of limit × {@code cfs-period} of CPU time per period (the kubelet's
 * {@code --cpu-cfs-quota-period}, default 100 ms; Linux allows 1 ms to 1 s), the pod's computations stalled from the
 * moment it is spent to the period's end.
 */
public record PodSpec(@AtMost(value = Limits.CPUS, why = Limits.CPUS_WHY) @JsonDeserialize(using = QuantityDeserializers.Cpu.class) Double cpuRequest,
                      @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) @JsonDeserialize(using = QuantityDeserializers.Bytes.class) Long memoryRequest,
                      @AtMost(value = Limits.CPUS, why = Limits.CPUS_WHY) @JsonDeserialize(using = QuantityDeserializers.Cpu.class) Double cpuLimit,
                      Duration cfsPeriod, String nodePool, @AtMost(value = Limits.PRIORITY, why = Limits.PRIORITY_WHY) Integer priority, DistributionSpec startup, ReadinessSpec readiness) {
    public PodSpec {
        if (cpuRequest == null) {
            throw new FieldError("cpu-request", "give the pod's CPU request, e.g. cpu-request: 500m");
        }
        if (cpuLimit != null && milli(cpuLimit) < milli(cpuRequest)) {
            throw new FieldError("cpu-limit", "a CPU limit of " + milli(cpuLimit) + "m is below the request of " + milli(cpuRequest)
                    + "m: the API server refuses a limit below the request; raise cpu-limit or remove it");
        }
        if (cfsPeriod != null) {
            if (cpuLimit == null) {
                throw new FieldError("cfs-period", "cfs-period is the period of a CPU limit's quota: give cpu-limit too, or remove cfs-period");
            }
            if (cfsPeriod.compareTo(MIN_CFS_PERIOD) < 0 || cfsPeriod.compareTo(MAX_CFS_PERIOD) > 0) {
                throw new FieldError("cfs-period", "must lie between 1ms and 1s (the kernel's cpu.cfs_period_us range), e.g. 100ms");
            }
        }
        cfsPeriod = cfsPeriod == null ? DEFAULT_CFS_PERIOD : cfsPeriod;
        memoryRequest = memoryRequest == null ? 0L : memoryRequest;
        priority = priority == null ? 0 : priority;
        readiness = readiness == null ? ReadinessSpec.DEFAULT : readiness;
    }

    /** The kubelet's default CFS period ({@code --cpu-cfs-quota-period}). */
    public static final Duration DEFAULT_CFS_PERIOD = Duration.ofMillis(100);
    private static final Duration MIN_CFS_PERIOD = Duration.ofMillis(1);
    private static final Duration MAX_CFS_PERIOD = Duration.ofSeconds(1);

    /** The CPU request in millicores ({@code Quantity.MilliValue}: rounded up). */
    public long cpuMilli() {
        return milli(cpuRequest);
    }

    /** The CPU limit in millicores (rounded up, as the request); 0 without a limit. */
    public long cpuLimitMilli() {
        return cpuLimit == null ? 0 : milli(cpuLimit);
    }

    /** Cores as millicores, rounded up ({@code Quantity.MilliValue}). */
    public static long milli(double cores) {
        return (long) Math.ceil(cores * 1000 - 1e-9);
    }
}
