package io.headroom.cdn;

import io.headroom.cache.KeyCache;
import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventHandler;
import io.headroom.engine.Simulation;
import io.headroom.pricing.CdnMeter;
import io.headroom.request.Component;
import io.headroom.request.ErrorCause;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;

/**
 * A CDN at run time (CloudFront): one edge cache per user population. A request is looked up at the edge of its
 * population ({@link Requests#population}, edge 0 without populations): a hit answers after the edge's hit latency;
 * a miss is sent on to the origin as a request of the CDN's own and, answered, fills that edge; the answer reaches
 * the user after the edge's extra {@code originTripNs} (the round trip from the edge to the origin, when they are
 * far apart). A failed miss fails the request as {@code dependency}. Every request an edge receives is metered with
 * the response size of its endpoint.
 *
 * <p>As the entry, the load's requests (those without a parent) carry an endpoint of the service behind the origin:
 * a miss goes there (or to the fixed {@code entryOriginEndpoint}). Called, every lookup misses to
 * {@code originEndpoint}.
 */
public final class CdnStation implements Component, RequestListener {
    private final String name;
    private final Simulation sim;
    private final Requests req;
    private final KeyCache[] edges;
    private final DurationSampler hitLatency;
    private final int origin;
    private final int originEndpoint;
    private final long[] originTripNs;
    private final long[] responseBytes; // per endpoint of the service behind the origin
    private final CdnMeter meter; // null: not priced
    private final int ownerId;
    private boolean entry;
    private int entryOriginEndpoint = -1;
    private Component[] components;
    private final long[] requests;
    private final long[] hits;
    private long windowLookups;
    private long windowHits;
    private long bytesOut;
    private boolean[] pass; // per endpoint of the load, null: every request is looked up
    private final EventHandler answer = this::answer;
    private final EventHandler deliver = this::deliver;

    /**
     * @param edges          one key cache per edge
     * @param origin         the component misses go to
     * @param originEndpoint the origin's endpoint a called lookup's miss reaches
     * @param originTripNs   per edge, the time added to a miss's answer
     * @param responseBytes  per endpoint of the service behind the origin, its response size (an unknown endpoint: 0)
     */
    public CdnStation(String name, Simulation sim, Requests req, KeyCache[] edges, DurationSampler hitLatency, int origin,
                      int originEndpoint, long[] originTripNs, long[] responseBytes, CdnMeter meter) {
        if (originTripNs.length != edges.length) {
            throw new IllegalArgumentException(originTripNs.length + " origin trips for " + edges.length + " edges");
        }
        this.name = name;
        this.sim = sim;
        this.req = req;
        this.edges = edges;
        this.hitLatency = hitLatency;
        this.origin = origin;
        this.originEndpoint = originEndpoint;
        this.originTripNs = originTripNs.clone();
        this.responseBytes = responseBytes.clone();
        this.meter = meter;
        this.requests = new long[edges.length];
        this.hits = new long[edges.length];
        this.ownerId = req.register(this);
    }

    /** Makes the CDN the design's entry: a load's miss goes to {@code endpoint} of the origin, or with -1 to its own. */
    public void entry(int endpoint) {
        this.entry = true;
        this.entryOriginEndpoint = endpoint;
    }

    /**
     * The load's requests for endpoints {@code pass[e]} are not cached: each goes on to the origin (a CloudFront cache
     * behaviour with caching disabled), billed as any other, not looked up and not counted in the hit ratio.
     */
    public void pass(boolean[] pass) {
        this.pass = pass.clone();
    }

    public void wire(Component[] components) {
        this.components = components;
    }

    @Override
    public String name() {
        return name;
    }

    /** The edge of request {@code r}: its population's, edge 0 without populations (or beyond the edges). */
    private int edgeOf(int r) {
        int[] p = req.population;
        int e = p == null ? 0 : p[r];
        return e >= 0 && e < edges.length ? e : 0;
    }

    /** The origin's endpoint a miss of {@code r} reaches. */
    private int missEndpoint(int r) {
        if (entry && req.parent[r] < 0) {
            return entryOriginEndpoint >= 0 ? entryOriginEndpoint : req.localEndpoint[r];
        }
        return originEndpoint;
    }

    @Override
    public void accept(int r) {
        long now = sim.now();
        if (req.failIfCancelled(r, now)) {
            return;
        }
        int e = edgeOf(r);
        int endpoint = missEndpoint(r);
        if (meter != null) {
            meter.received();
        }
        if (pass != null && req.parent[r] < 0 && pass[req.localEndpoint[r]]) {
            req.instance[r] = -1 - e; // not to be filled
            send(r, endpoint, now);
            return;
        }
        boolean hit = edges[e].lookup(req.key[r], now);
        req.instance[r] = e;
        windowLookups++;
        if (req.counted[r]) {
            requests[e]++;
        }
        if (hit) {
            windowHits++;
            if (req.counted[r]) {
                hits[e]++;
            }
            sim.events().once(answer, r, now + hitLatency.sampleNanos());
            return;
        }
        send(r, endpoint, now);
    }

    /** Sends {@code r} on to the origin's {@code endpoint} as a request of the CDN's own. */
    private void send(int r, int endpoint, long now) {
        int child = req.allocateChild(r, ownerId, origin, endpoint, now);
        if (child == Requests.FULL) {
            sim.stop();
            return;
        }
        req.arrival[child] = now;
        sim.events().once(deliver, child, now);
    }

    private void deliver(int miss) {
        components[req.target[miss]].accept(miss);
    }

    private void answer(int r) {
        answered(r, sim.now());
    }

    /** {@code r}'s answer leaves the edge now: its bytes billed, and the edge forgotten (a caller reads its own instance). */
    private void answered(int r, long now) {
        int endpoint = missEndpoint(r);
        long size = endpoint >= 0 && endpoint < responseBytes.length ? responseBytes[endpoint] : 0;
        if (meter != null) {
            meter.sent(size);
        }
        bytesOut += size;
        req.instance[r] = -1; // the edge is no instance of the caller's: no zone to cross
        req.ownerOf(r).completed(r, now);
    }

    @Override
    public void completed(int child, long now) {
        int r = req.releaseChild(child);
        if (r >= 0) {
            int e = req.instance[r];
            if (e >= 0) {
                edges[e].fill(req.key[r], now);
            } else {
                e = -1 - e; // passed through: nothing to keep
            }
            long trip = originTripNs[e];
            if (trip > 0) {
                sim.events().once(answer, r, now + trip);
            } else {
                answered(r, now);
            }
        }
    }

    @Override
    public void failed(int child, ErrorCause cause, long now) {
        int r = req.releaseChild(child);
        if (r >= 0) {
            req.instance[r] = -1;
            req.ownerOf(r).failed(r, cause, now); // the edge returns the origin's error as it came
        }
    }

    /** Edges, in population order. */
    public int edges() {
        return edges.length;
    }

    /** Counted requests edge {@code e} received. */
    public long requests(int e) {
        return requests[e];
    }

    /** Counted requests that hit at edge {@code e}. */
    public long hits(int e) {
        return hits[e];
    }

    /** Counted requests over the edges. */
    public long requests() {
        long n = 0;
        for (long x : requests) {
            n += x;
        }
        return n;
    }

    /** Counted hits over the edges. */
    public long hits() {
        long n = 0;
        for (long x : hits) {
            n += x;
        }
        return n;
    }

    /** Hit ratio of counted requests over the edges (NaN without requests). */
    public double hitRatio() {
        long n = requests();
        return n == 0 ? Double.NaN : (double) hits() / n;
    }

    /** Bytes the edges sent to the users over the whole run (what is billed). */
    public long bytesOut() {
        return bytesOut;
    }

    /** The hit ratio since the last call (NaN without requests), for the time series. */
    public double takeWindowHitRatio() {
        double h = windowLookups == 0 ? Double.NaN : (double) windowHits / windowLookups;
        windowLookups = 0;
        windowHits = 0;
        return h;
    }
}
