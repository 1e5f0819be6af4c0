package io.headroom.cluster;

import java.util.List;

/**
 * What one loop of the Cluster Autoscaler decides about scale-down: the empty nodes to delete and the
 * nodes to drain and then delete. The run-time cluster marks them all Deleting (tainted) at once; a
 * drained node's {@link Drain#evict() pods} are evicted, each when its PodDisruptionBudget allows, and the
 * node is deleted once they have gone. Expendable pods are not listed: they end with their node.
 */
public record ScaleDownPlan(List<Node> empty, List<Drain> drain) {
    /** A node to drain and the pods to evict from it, in the order they are on it. */
    public record Drain(Node node, List<Pod> evict) {
        public Drain {
            evict = List.copyOf(evict);
        }
    }

    /** Nothing to remove. */
    public static final ScaleDownPlan NONE = new ScaleDownPlan(List.of(), List.of());

    public ScaleDownPlan {
        empty = List.copyOf(empty);
        drain = List.copyOf(drain);
    }

    /** Whether the plan removes any node (the loop's last scale-down time is then now). */
    public boolean deletes() {
        return !empty.isEmpty() || !drain.isEmpty();
    }
}
