package io.headroom.cluster;

import java.util.List;

/**
 * What one loop of the Cluster Autoscaler decides about scale-up: launch {@code nodeCount} nodes in
 * {@code group} for {@code pods} (those the estimate placed on them), or nothing, and why.
 */
public record ScaleUpPlan(Outcome outcome, NodeGroup group, int nodeCount, List<Pod> pods) {
    /** Why a loop scaled up or not ({@code status.ScaleUpResult}, reduced to what matters here). */
    public enum Outcome {
        /** Grow {@code group} by {@code nodeCount}: the loop's last scale-up time is now. */
        SCALED_UP,
        /** No pending pod needs a new node (none, only expendable ones, or all fit upcoming or existing nodes). */
        NOT_NEEDED,
        /**
         * Every pending pod is less than 2 s old: the loop waits one iteration for more, and scale-down
         * must not act in this loop either ({@code DisableScaleDownForLoop}).
         */
        PODS_TOO_NEW,
        /** {@code max-nodes-total} is reached by the Ready nodes, or leaves no room. */
        MAX_NODES_TOTAL,
        /** No group can help: all backed off, at their maximum, or too small for the pods. */
        NO_OPTIONS
    }

    public ScaleUpPlan {
        pods = List.copyOf(pods);
    }

    static ScaleUpPlan none(Outcome why) {
        return new ScaleUpPlan(why, null, 0, List.of());
    }

    public boolean scaledUp() {
        return outcome == Outcome.SCALED_UP;
    }

    /** Whether this loop's scale-down must not remove nodes ({@link Outcome#PODS_TOO_NEW}). */
    public boolean scaleDownForbidden() {
        return outcome == Outcome.PODS_TOO_NEW;
    }
}
