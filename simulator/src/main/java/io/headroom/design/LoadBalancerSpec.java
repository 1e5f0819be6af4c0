package io.headroom.design;

import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.util.List;

/**
 * A load balancer: a router in front of a service that holds no worker; it adds its {@code latency}
 * to each request and picks one of the target's instances by {@code strategy} (the same strategies
 * as a service's {@code dispatch}; {@code weighted} takes one weight per instance).
 */
public record LoadBalancerSpec(String description, DispatchStrategy strategy, DistributionSpec latency, String target,
                               @AtMost(value = Limits.FACTOR, why = Limits.FACTOR_WHY) List<Double> weights) implements ComponentSpec {
    public LoadBalancerSpec {
        strategy = strategy == null ? DispatchStrategy.ROUND_ROBIN : strategy;
        FieldError.require(target, "target");
        if (strategy == DispatchStrategy.WEIGHTED) {
            if (weights == null || weights.isEmpty()) {
                throw new FieldError("weights", "strategy weighted needs weights: one per instance of the target, e.g. [3, 1]");
            }
            for (int i = 0; i < weights.size(); i++) {
                if (weights.get(i) == null || !(weights.get(i) >= 0) || weights.get(i).isInfinite()) {
                    throw new FieldError("weights[" + i + "]", "a weight is zero or positive, got " + weights.get(i));
                }
            }
            if (weights.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                throw new FieldError("weights", "at least one weight must be positive");
            }
            weights = List.copyOf(weights);
        } else if (weights != null) {
            throw new FieldError("weights", "weights apply to strategy weighted only");
        }
    }

    /** This balancer in front of {@code t} instead. */
    public LoadBalancerSpec withTarget(String t) {
        return new LoadBalancerSpec(description, strategy, latency, t, weights);
    }
}
