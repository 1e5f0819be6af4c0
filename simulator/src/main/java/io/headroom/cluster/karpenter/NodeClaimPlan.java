package io.headroom.cluster.karpenter;

import io.headroom.cluster.Pod;
import java.util.List;

/**
 * A NodeClaim the provisioner (or a consolidation's replacement) would create: the pods packed onto it, the
 * offerings that still fit all of them (cheapest first) and the one launched.
 *
 * <p>{@code launch} is the cheapest of {@code options}. That is exact for on-demand (EC2 Fleet's
 * {@code lowest-price} strategy, which Karpenter's AWS provider uses); for spot, Karpenter asks for
 * {@code price-capacity-optimized}, which may pick a pricier pool with deeper capacity: here the cheapest
 * spot offering is launched, as if every spot pool had capacity.
 */
public record NodeClaimPlan(List<Pod> pods, List<InstanceOption> options, InstanceOption launch) {
    public NodeClaimPlan {
        pods = List.copyOf(pods);
        options = List.copyOf(options);
    }
}
