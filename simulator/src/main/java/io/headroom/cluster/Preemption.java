package io.headroom.cluster;

import java.util.List;

/**
 * The scheduler's preemption decision for a pending pod: the node it is nominated to and the lower-priority
 * pods to evict from it (most important first), after whose termination the pod fits there. A victim may
 * already be terminating from an earlier decision; evicting it again changes nothing.
 */
public record Preemption(Node node, List<Pod> victims) {
    public Preemption {
        victims = List.copyOf(victims);
    }
}
