package io.headroom.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * Node groups the Cluster Autoscaler will not grow for a while because a scale-up of theirs failed
 * (kubernetes/autoscaler {@code cluster-autoscaler/utils/backoff/exponential_backoff.go},
 * {@code exponentialBackoff}). The first failure backs a group off for {@code initial-node-group-backoff-duration}
 * (5 m); a failure after that back-off has run out doubles it, up to {@code max-node-group-backoff-duration}
 * (30 m); a failure while still backed off keeps the duration (concurrent failures do not compound); and
 * {@code node-group-backoff-reset-timeout} (3 h) after its last failure a group's history is forgotten
 * ({@code RemoveStaleBackoffData}).
 *
 * <p>A scale-up fails ({@code clusterstate/clusterstate.go}, {@code updateScaleRequests}) when a loop at
 * {@code now} finds the group still has launched nodes that are not Ready and its last increase plus
 * {@code max-node-provision-time} is before {@code now} (strictly): the run-time cluster then calls
 * {@link #backoff} (and upstream removes those unregistered nodes, lowering the target). A group whose
 * launched nodes are all Ready has no scale-up request left; its back-off is not reset by that (current
 * upstream), only by the reset timeout. {@link ScaleUp} skips groups {@link #isBackedOff backed off}.
 */
public final class Backoff {
    private record Entry(long durationNs, long untilNs, long lastFailedNs) {
    }

    private final AutoscalerSettings settings;
    private final Map<Integer, Entry> entries = new HashMap<>();

    public Backoff(AutoscalerSettings settings) {
        this.settings = settings;
    }

    /** Backs group {@code group} off after a failed scale-up at {@code now}; returns when the back-off ends. */
    public long backoff(int group, long now) {
        removeStale(now);
        long duration = settings.initialNodeGroupBackoffNs();
        Entry e = entries.get(group);
        if (e != null) {
            duration = e.durationNs;
            if (e.untilNs < now) {
                duration = Math.min(2 * e.durationNs, settings.maxNodeGroupBackoffNs());
            }
        }
        long until = now + duration;
        entries.put(group, new Entry(duration, until, now));
        return until;
    }

    /** Whether group {@code group} is backed off at {@code now}. */
    public boolean isBackedOff(int group, long now) {
        Entry e = entries.get(group);
        return e != null && e.untilNs > now;
    }

    /** Forgets group {@code group}'s back-off ({@code RemoveBackoff}). */
    public void removeBackoff(int group) {
        entries.remove(group);
    }

    /** Forgets the groups whose last failure is more than the reset timeout before {@code now}. */
    public void removeStale(long now) {
        entries.values().removeIf(e -> e.lastFailedNs + settings.nodeGroupBackoffResetTimeoutNs() < now);
    }
}
