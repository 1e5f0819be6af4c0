package io.headroom.cluster.karpenter;

/**
 * Karpenter's batching window for pending pods: the provisioner waits until pods stop arriving for the idle
 * duration, but no longer than the max duration after the first, then schedules the whole batch at once (so
 * a Deployment's scale-up lands on a few well-chosen nodes rather than one node per pod).
 *
 * <p>Ported from kubernetes-sigs/karpenter {@code pkg/controllers/provisioning/batcher.go} ({@code Wait}): the
 * first trigger starts a max timer ({@code BATCH_MAX_DURATION}, default 10 s) and an idle timer
 * ({@code BATCH_IDLE_DURATION}, default 1 s); every later trigger resets the idle timer; the batch is ready
 * when either fires.
 */
public final class Batcher {
    /** {@code BATCH_IDLE_DURATION}'s default: 1 s. */
    public static final long DEFAULT_IDLE_NS = 1_000_000_000L;
    /** {@code BATCH_MAX_DURATION}'s default: 10 s. */
    public static final long DEFAULT_MAX_NS = 10_000_000_000L;

    private final long idleNs;
    private final long maxNs;
    private long first = -1;
    private long last = -1;

    public Batcher() {
        this(DEFAULT_IDLE_NS, DEFAULT_MAX_NS);
    }

    public Batcher(long idleNs, long maxNs) {
        if (idleNs <= 0 || maxNs <= 0) {
            throw new IllegalArgumentException("batch durations are positive: idle " + idleNs + " ns, max " + maxNs + " ns");
        }
        this.idleNs = idleNs;
        this.maxNs = maxNs;
    }

    /** A pod became pending (or a pending pod changed) at {@code now}. */
    public void podAdded(long now) {
        if (first < 0) {
            first = now;
        }
        last = now;
    }

    /** Whether a batch is open (a pod arrived since the last {@link #reset}). */
    public boolean open() {
        return first >= 0;
    }

    /** When the open batch is ready: the idle time after the last pod, at most the max time after the first; {@link Long#MAX_VALUE} with none open. */
    public long readyAt() {
        if (first < 0) {
            return Long.MAX_VALUE;
        }
        return Math.min(first + maxNs, last + idleNs);
    }

    /** The batch was scheduled: the next pod opens a new one. */
    public void reset() {
        first = -1;
        last = -1;
    }
}
