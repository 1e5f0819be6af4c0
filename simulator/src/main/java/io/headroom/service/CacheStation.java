package io.headroom.service;

import io.headroom.cache.HashRing;
import io.headroom.cache.KeyCache;
import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventHandler;
import io.headroom.engine.Simulation;
import io.headroom.request.Component;
import io.headroom.request.ErrorCause;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;

/**
 * A cache at run time. A request's key is looked up in the cache of the instance it reaches (or the
 * shared one): a hit answers after the hit latency; a miss is sent on to the miss component as a
 * request of the cache's own, and its answer fills the cache before the original is answered. A
 * failed miss fails the request as {@code dependency}. Hits and lookups are counted per window.
 *
 * <p>A write (a call with {@code write: true}, endpoint {@link #WRITE}) is not looked up: it passes on to the
 * miss target's write endpoint and, once answered, invalidates or stores its key in the cache of the node it
 * reached (the one cache when shared; only that instance's own when per-instance, as in-process caches without
 * a message bus are). Writes are counted, and the invalidations that dropped a cached key.
 *
 * <p>A shared cache of several nodes is a cluster: each node holds its share of the capacity and the keys
 * {@link HashRing} gives it. A crashed node's keys go to the next node on the ring (cold there); repaired, it
 * takes its keys back, empty.
 */
public final class CacheStation implements Component, RequestListener {
    /** The endpoint of a lookup (a read). */
    public static final int LOOKUP = 0;
    /** The endpoint of a write through the cache. */
    public static final int WRITE = 1;

    private final String name;
    private final Simulation sim;
    private final Requests req;
    private final KeyCache[] caches;
    private final DurationSampler hitLatency;
    private final int missTarget;
    private final int missEndpoint;
    private final int ownerId;
    private Component[] components;
    private int next;
    private long lookups;
    private long hits;
    private long windowLookups;
    private long windowHits;
    private final EventHandler hitDone = this::hitDone;
    private boolean[] down;
    private int[] failureTimer;
    private DurationSampler timeBetweenFailures;
    private DurationSampler timeToRepair;
    private long crashes;
    private long bypassed;
    private final EventHandler deliver = this::deliver;
    private HashRing ring; // null: a request takes the next node in turn
    private int writeEndpoint = -1; // -1: the cache takes no writes
    private boolean invalidate;
    private long writes;
    private long invalidations;
    private boolean entry; // the design's entry: the load's requests (no parent) are lookups carrying their endpoint
    private int entryMissEndpoint = -1; // an entry's misses: the miss target's endpoint, or -1 for the request's own

    private void deliver(int miss) {
        components[req.target[miss]].accept(miss);
    }

    public CacheStation(String name, Simulation sim, Requests req, KeyCache[] caches, DurationSampler hitLatency, int missTarget,
                        int missEndpoint) {
        this.name = name;
        this.sim = sim;
        this.req = req;
        this.caches = caches;
        this.hitLatency = hitLatency;
        this.missTarget = missTarget;
        this.missEndpoint = missEndpoint;
        this.ownerId = req.register(this);
    }

    public void wire(Component[] components) {
        this.components = components;
    }

    /**
     * Places keys on the nodes by consistent hashing ({@code scope: shared} over several nodes, each holding its
     * share): a key's lookups and writes go to its node, or, while that node is down, to the next one up on the
     * ring.
     */
    public void hashKeys(HashRing ring) {
        this.ring = ring;
    }

    /**
     * Takes writes: each goes on to the miss target's local endpoint {@code endpoint} and, answered, drops its
     * key from the cache ({@code invalidate}) or stores it (write-through).
     */
    public void writes(int endpoint, boolean invalidate) {
        this.writeEndpoint = endpoint;
        this.invalidate = invalidate;
    }

    /**
     * Makes the cache the design's entry: the load's requests (those without a parent) are lookups whatever their
     * endpoint, which is one of the service's behind it; a miss goes on to the miss target's {@code missEndpoint}, or,
     * with {@code -1}, to the request's own endpoint there (a URL path passed on to the origin).
     */
    public void entry(int missEndpoint) {
        this.entry = true;
        this.entryMissEndpoint = missEndpoint;
    }

    /** Whether {@code r} is a write through the cache (never a load's request to an entry cache). */
    private boolean isWrite(int r) {
        return req.localEndpoint[r] == WRITE && writeEndpoint >= 0 && !(entry && req.parent[r] < 0);
    }

    /** Whether the cache takes writes ({@code writes:} in its design). */
    public boolean takesWrites() {
        return writeEndpoint >= 0;
    }

    /** Counted writes that passed through the cache. */
    public long writes() {
        return writes;
    }

    /** Counted writes that dropped a cached key. */
    public long invalidations() {
        return invalidations;
    }

    /**
     * Crashes cache nodes: each fails after a {@code timeBetween} sample, takes no lookups for a
     * {@code timeToRepair} sample, and comes back empty (cold); then its next failure is drawn.
     */
    public void fail(DurationSampler timeBetween, DurationSampler timeToRepair) {
        this.timeBetweenFailures = timeBetween;
        this.timeToRepair = timeToRepair;
        down = new boolean[caches.length];
        failureTimer = new int[caches.length];
        for (int i = 0; i < caches.length; i++) {
            failureTimer[i] = sim.events().timer(this::onFailureTimer, i);
            sim.events().schedule(failureTimer[i], Math.max(1, timeBetween.sampleNanos()));
        }
    }

    /** Node {@code i}'s timer: it crashes if up, or is repaired (empty) if down. */
    private void onFailureTimer(int i) {
        long now = sim.now();
        if (!down[i]) {
            down[i] = true;
            crashes++;
            caches[i].clear(); // what it held is gone
            sim.events().schedule(failureTimer[i], now + Math.max(0, timeToRepair.sampleNanos()));
        } else {
            down[i] = false;
            sim.events().schedule(failureTimer[i], now + Math.max(1, timeBetweenFailures.sampleNanos()));
        }
    }

    /** Cache nodes that crashed. */
    public long crashes() {
        return crashes;
    }

    /** Lookups that found no node up and went straight to the miss target. */
    public long bypassed() {
        return bypassed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void accept(int r) {
        long now = sim.now();
        if (req.failIfCancelled(r, now)) {
            return;
        }
        int i;
        if (ring != null) {
            i = ring.nodeOf(req.key[r], down);
        } else {
            i = next++;
            if (next == caches.length) {
                next = 0;
            }
            if (down != null && down[i]) {
                i = nextUp(i);
            }
        }
        if (isWrite(r)) {
            req.instance[r] = i < 0 ? caches.length : i;
            if (req.counted[r]) {
                writes++;
            }
            send(r, writeEndpoint, now);
            return;
        }
        boolean hit = i >= 0 && caches[i].lookup(req.key[r], now);
        if (i < 0) {
            i = caches.length; // no node: past the last, so nothing is filled (and zones stay non-negative)
            if (req.counted[r]) {
                bypassed++;
            }
        }
        req.instance[r] = i;
        windowLookups++;
        if (req.counted[r]) {
            lookups++;
        }
        if (hit) {
            windowHits++;
            if (req.counted[r]) {
                hits++;
            }
            long d = hitLatency == null ? 0 : hitLatency.sampleNanos();
            sim.events().once(hitDone, r, now + d);
            return;
        }
        send(r, !entry || req.parent[r] >= 0 ? missEndpoint : entryMissEndpoint >= 0 ? entryMissEndpoint : req.localEndpoint[r], now);
    }

    /** Sends {@code r} on to the miss target's {@code endpoint} as a request of the cache's own. */
    private void send(int r, int endpoint, long now) {
        int child = req.allocateChild(r, ownerId, missTarget, endpoint, now);
        if (child == Requests.FULL) {
            sim.stop();
            return;
        }
        req.arrival[child] = now;
        sim.events().once(deliver, child, now);
    }

    /** The next node after {@code i} that is up, or -1 if none is. */
    private int nextUp(int i) {
        for (int k = 1; k < caches.length; k++) {
            int j = (i + k) % caches.length;
            if (!down[j]) {
                return j;
            }
        }
        return -1;
    }

    private void hitDone(int r) {
        req.ownerOf(r).completed(r, sim.now());
    }

    @Override
    public void completed(int child, long now) {
        int r = req.releaseChild(child);
        if (r >= 0) {
            int i = req.instance[r];
            if (i < caches.length && (down == null || !down[i])) {
                if (!isWrite(r) || !invalidate) {
                    caches[i].fill(req.key[r], now);
                } else {
                    int before = caches[i].size();
                    caches[i].invalidate(req.key[r]);
                    if (caches[i].size() < before && req.counted[r]) {
                        invalidations++;
                    }
                }
            }
            req.ownerOf(r).completed(r, now);
        }
    }

    @Override
    public void failed(int child, ErrorCause cause, long now) {
        int r = req.releaseChild(child);
        if (r >= 0) {
            req.ownerOf(r).failed(r, ErrorCause.DEPENDENCY, now);
        }
    }

    /** Hit ratio of counted lookups (NaN without lookups). */
    public double hitRatio() {
        return lookups == 0 ? Double.NaN : (double) hits / lookups;
    }

    public long lookups() {
        return lookups;
    }

    /** The hit ratio since the last call (NaN without lookups), for the time series. */
    public double takeWindowHitRatio() {
        double h = windowLookups == 0 ? Double.NaN : (double) windowHits / windowLookups;
        windowLookups = 0;
        windowHits = 0;
        return h;
    }
}
