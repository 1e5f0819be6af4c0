package io.headroom.vpa;

import io.headroom.cluster.Cluster;
import java.util.Map;

/**
 * Whether the VPA updater in {@code InPlaceOrRecreate} mode resizes a running pod in place now, leaves it for a later
 * pass, or gives up on the resize and evicts it. An in-place resize (the pod's {@code resize} subresource, Kubernetes
 * 1.33+) does not restart the pod and does not go through the eviction API, so no PodDisruptionBudget is asked; it
 * still counts against the updater's own tolerance, as an eviction would: a resize is asked for while more than
 * {@code configured - tolerance} pods of the group run neither evicted nor resized in this pass. A pod whose last
 * resize waits on its kubelet is not resized again: it is evicted instead — subject to the tolerance, and then to the
 * PodDisruptionBudget as any eviction — once the kubelet has reported the resize Infeasible (the node can never hold
 * the new request), or Deferred (no room beside the other pods yet) for more than 5 minutes
 * ({@link #DEFERRED_RESIZE_TIMEOUT_NS}) since the updater first saw it waiting.
 *
 * <p>Ported from kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/updater/restriction/pods_inplace_restriction.go}
 * ({@code CanInPlaceUpdate} for {@code InPlaceOrRecreate}, {@code CanEvictInPlacingPod}, {@code InPlaceUpdate}'s count,
 * {@code DeferredResizeUpdateTimeout}, {@code InProgressResizeUpdateTimeout}) and {@code pods_restriction_factory.go}
 * ({@code lastInPlaceAttemptTimeMap}, kept across passes and never cleared, as upstream). Simplified: a resize the
 * kubelet admits is done at once, so a resize is never In Progress (the 1 h timeout never runs out); no CPU startup
 * boost; {@code --in-place-skip-disruption-budget} is off, as upstream's default.
 */
public final class InPlaceRestriction {
    /** {@code DeferredResizeUpdateTimeout}: a resize Deferred longer than this falls back to eviction. */
    public static final long DEFERRED_RESIZE_TIMEOUT_NS = 5 * 60_000_000_000L;
    /** {@code InProgressResizeUpdateTimeout}: a resize In Progress longer than this falls back to eviction. */
    public static final long IN_PROGRESS_RESIZE_TIMEOUT_NS = 60 * 60_000_000_000L;

    /** {@code InPlaceDecision}, as {@code InPlaceOrRecreate} can meet it. */
    public enum Decision { APPROVED, DEFERRED, EVICT }

    private final EvictionRestriction group;
    private final Map<Integer, Long> lastAttempt;

    /**
     * The restriction for one pass over one owner's pods.
     *
     * @param group       the pass's eviction restriction, whose counts in-place resizes share
     * @param lastAttempt when the updater first saw each pod (by id) with a resize waiting; the caller keeps it
     *                    across passes
     */
    public InPlaceRestriction(EvictionRestriction group, Map<Integer, Long> lastAttempt) {
        this.group = group;
        this.lastAttempt = lastAttempt;
    }

    /**
     * {@code CanInPlaceUpdate} for a pod of the group: {@code podPending} (not yet running), {@code waiting} the
     * reason its last resize waits (null when none does).
     */
    public Decision canInPlaceUpdate(int podId, boolean podPending, Cluster.Resize waiting, long nowNs) {
        if (!group.inGroup() || podPending) {
            return Decision.DEFERRED;
        }
        if (waiting != null) {
            return canEvictInPlacingPod(podId, waiting, nowNs) ? Decision.EVICT : Decision.DEFERRED;
        }
        return group.podDisruptable() ? Decision.APPROVED : Decision.DEFERRED;
    }

    /**
     * {@code CanEvictInPlacingPod}: whether a pod whose resize waits ({@code waiting}) may be evicted now. The first
     * call for a pod records when the updater saw it waiting.
     */
    public boolean canEvictInPlacingPod(int podId, Cluster.Resize waiting, long nowNs) {
        if (waiting == null || waiting == Cluster.Resize.DONE) {
            return false;
        }
        Long last = lastAttempt.get(podId);
        if (last == null) {
            last = nowNs;
            lastAttempt.put(podId, last);
        }
        if (!group.podDisruptable()) {
            return false; // would be able to evict, but already resizing
        }
        return waiting == Cluster.Resize.INFEASIBLE || nowNs - last > DEFERRED_RESIZE_TIMEOUT_NS;
    }

    /** {@code InPlaceUpdate} was sent: the resize counts against the group's tolerance for the rest of the pass. */
    public void inPlaceUpdated() {
        group.inPlaceInitiated();
    }
}
