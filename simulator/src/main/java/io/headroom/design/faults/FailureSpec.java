package io.headroom.design.faults;

import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.FieldError;

/**
 * Crashes of a component's instances: each ready instance fails after a {@code time-between}
 * sample (e.g. {@code {dist: exponential, mean: 12h}}), losing what it holds, and is repaired
 * (restarted in place, still billed) after a {@code time-to-repair} sample — self-healing as a
 * Kubernetes restart or an Auto Scaling health-check replacement does.
 */
public record FailureSpec(DistributionSpec timeBetween, DistributionSpec timeToRepair) {
    public FailureSpec {
        if (timeBetween == null) {
            throw new FieldError("time-between", "give the time between failures, e.g. {dist: exponential, mean: 12h}");
        }
        if (timeToRepair == null) {
            throw new FieldError("time-to-repair", "give the time to repair, e.g. {dist: constant, value: 30s}");
        }
    }
}
