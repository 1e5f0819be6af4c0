package io.headroom.cluster;

/**
 * What owns pods and keeps their number — a Deployment's ReplicaSet (a service's fleet) or the overprovisioning
 * buffer. The cluster tells it when a pod of its is bound to a node, and when one is evicted (a scale-down drain, a
 * preemption): the owner then ends that pod and creates a replacement, which goes through Pending again.
 */
public interface PodOwner {
    /** {@code pod} was bound to its node at {@code now}: its container starts. */
    void bound(Pod pod, long now);

    /** {@code pod} is evicted at {@code now}: the owner terminates it ({@link Cluster#ended} when it has) and replaces it. */
    void evicted(Pod pod, long now);

    /** Bound {@code pod}'s CPU request was resized in place at {@code now} (a VPA's InPlaceOrRecreate). */
    default void resized(Pod pod, long now) {
    }

    /** Its PodDisruptionBudget's {@code disruptionsAllowed} now; {@link Integer#MAX_VALUE} without one. */
    default int disruptionsAllowed() {
        return Integer.MAX_VALUE;
    }
}
