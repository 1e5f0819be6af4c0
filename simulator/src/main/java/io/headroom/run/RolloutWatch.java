package io.headroom.run;

import io.headroom.fleet.Fleet;
import io.headroom.fleet.RolloutRecord;
import io.headroom.metrics.LatencyStats;
import io.headroom.metrics.RequestObserver;
import io.headroom.request.ErrorCause;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the users saw while each rollout was under way: every request of the load that ends between a rollout's start
 * and its end (or the run's), successful with its latency or failed, is counted against that rollout. Passes each
 * request on to the observer that was there before (the SLO monitor), if any.
 */
final class RolloutWatch implements RequestObserver {
    private final Fleet[] fleets;
    private final RequestObserver next;
    private final Map<RolloutRecord, Seen> seen = new IdentityHashMap<>();
    // per fleet, the rollout the last request ended in and what it has seen: a request looks up nothing else
    private final RolloutRecord[] lastRollout;
    private final Seen[] lastSeen;

    /** The requests seen during one rollout. */
    static final class Seen {
        final LatencyStats latency = new LatencyStats();
        long requests;
        long errors;
    }

    RolloutWatch(List<Fleet> fleets, RequestObserver next) {
        this.fleets = fleets.toArray(new Fleet[0]);
        this.next = next;
        this.lastRollout = new RolloutRecord[this.fleets.length];
        this.lastSeen = new Seen[this.fleets.length];
    }

    /** What fleet {@code k}'s rollout under way has seen (null: none under way). */
    private Seen seenNow(int k) {
        RolloutRecord r = fleets[k].currentRollout();
        if (r == null) {
            return null;
        }
        if (r != lastRollout[k]) {
            lastRollout[k] = r;
            lastSeen[k] = seen.computeIfAbsent(r, x -> new Seen());
        }
        return lastSeen[k];
    }

    @Override
    public void completed(int endpoint, long latencyNs) {
        if (next != null) {
            next.completed(endpoint, latencyNs);
        }
        for (int k = 0; k < fleets.length; k++) {
            Seen s = seenNow(k);
            if (s != null) {
                s.requests++;
                s.latency.record(latencyNs);
            }
        }
    }

    @Override
    public void failed(int endpoint, ErrorCause cause) {
        if (next != null) {
            next.failed(endpoint, cause);
        }
        for (int k = 0; k < fleets.length; k++) {
            Seen s = seenNow(k);
            if (s != null) {
                s.requests++;
                s.errors++;
            }
        }
    }

    /** What was seen during {@code r} (empty if nothing ended then). */
    Seen of(RolloutRecord r) {
        return seen.getOrDefault(r, new Seen());
    }
}
