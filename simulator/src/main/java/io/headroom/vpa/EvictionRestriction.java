package io.headroom.vpa;

import io.headroom.cluster.Disruptions;

/**
 * How many of one controller's pods the VPA updater may evict in a pass. A controller with fewer live pods than
 * {@code minReplicas} (2) is left alone. Otherwise a running pod may go while more than
 * {@code configured - tolerance} pods would still run, where the tolerance is
 * {@code floor(configured * evictionToleranceFraction)} (half the replicas by default); when the tolerance rounds
 * to 0, one pod may still go if all configured replicas run and none was evicted yet. A pending pod may always
 * go, and does not count. Each eviction then goes through the eviction API, which refuses it when the owner's
 * PodDisruptionBudget allows no more disruptions (a pending pod ignores the budget).
 *
 * <p>Ported from kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/updater/restriction/pods_eviction_restriction.go}
 * ({@code CanEvict}, {@code Evict}) and {@code pods_restriction_factory.go} ({@code GetCreatorMaps},
 * {@code isPodDisruptable}), with the API server's PDB check ({@code pkg/registry/core/pod/storage/eviction.go}:
 * {@code canIgnorePDB} for a pending pod, one {@code disruptionsAllowed} used per eviction). In-place resizes asked
 * for in the pass count as disruptions too ({@code inPlaceUpdateInitiated}; {@link InPlaceRestriction}). Not ported:
 * CPU startup boost, the in-place skip of the disruption budget.
 */
public final class EvictionRestriction {
    private final boolean tooFewReplicas;
    private final int configured;
    private final int running;
    private final int evictionTolerance;
    private int evicted;
    private int inPlaceInitiated;
    private long pdbLeft;

    /**
     * The restriction for one pass over one owner's pods.
     *
     * @param owner      the pods' owner, whose budget {@code pdbs} holds
     * @param configured the controller's desired replicas
     * @param livePods   its pods that exist (pending or running)
     * @param pending    how many of them are pending
     */
    public EvictionRestriction(int owner, int configured, int livePods, int pending, UpdaterConfig config,
                               Disruptions pdbs) {
        this.tooFewReplicas = livePods < config.minReplicas();
        this.configured = configured;
        this.running = livePods - pending;
        this.evictionTolerance = (int) ((double) configured * config.evictionToleranceFraction()); // truncated
        this.pdbLeft = pdbs.allowed(owner);
    }

    /** {@code CanEvict}: whether the updater considers evicting a pod (pending or not) now. */
    public boolean canEvict(boolean podPending) {
        if (tooFewReplicas) {
            return false; // the owner is not in the creator maps
        }
        if (podPending) {
            return true;
        }
        return isPodDisruptable();
    }

    /** {@code Evict}: evicts a pod if the restriction and the owner's budget allow; whether it was evicted. */
    public boolean evict(boolean podPending) {
        if (!canEvict(podPending)) {
            return false; // eviction budget exceeded
        }
        if (podPending) {
            return true; // the eviction API ignores budgets for pending pods; the updater does not count them
        }
        if (pdbLeft <= 0) {
            return false; // 429: the PodDisruptionBudget allows no more disruptions
        }
        pdbLeft--;
        evicted++;
        return true;
    }

    /**
     * {@code Evict} of a pod whose in-place resize has failed or stalled ({@code CanEvictInPlacingPod}: the caller
     * judged the resize's status and timeout): as {@link #evict} for a running pod.
     */
    public boolean evictResizing() {
        return evict(false);
    }

    /** Whether the group is in the updater's creator maps: it has at least {@code minReplicas} live pods. */
    public boolean inGroup() {
        return !tooFewReplicas;
    }

    /** Whether a pod of the group may be disrupted now ({@code isPodDisruptable}). */
    public boolean podDisruptable() {
        return !tooFewReplicas && isPodDisruptable();
    }

    /** An in-place resize was asked for in this pass ({@code inPlaceUpdateInitiated}). */
    void inPlaceInitiated() {
        inPlaceInitiated++;
    }

    /** Running pods evicted in this pass. */
    public int evicted() {
        return evicted;
    }

    private boolean isPodDisruptable() {
        int shouldBeAlive = configured - evictionTolerance;
        int actuallyAlive = running - (evicted + inPlaceInitiated);
        return actuallyAlive > shouldBeAlive
                || (configured == running && evictionTolerance == 0 && evicted == 0 && inPlaceInitiated == 0);
    }
}
