package io.headroom.function;

import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventHandler;
import io.headroom.engine.Simulation;
import io.headroom.metrics.TimeIntegral;
import io.headroom.pricing.FunctionMeter;
import io.headroom.request.Component;
import io.headroom.request.ErrorCause;
import io.headroom.request.Requests;

/**
 * A serverless function at run time, as AWS Lambda runs one. Each execution environment serves one
 * request at a time. A request that finds a warm idle environment starts at once in the one that
 * went idle last (so the least recently used ones age out); otherwise, while fewer than the
 * concurrency limit are running, a new environment starts and the request waits for its cold start
 * first; otherwise it is throttled at once (a {@code rejected} error, Lambda's HTTP 429). An
 * environment idle for {@code keep-warm} is reclaimed. With the limit {@code c}, Poisson arrivals and
 * no cold starts this is the Erlang loss system M/G/c/c.
 *
 * <p>Each finished invocation is billed by its {@link FunctionMeter}: its duration, cold start
 * included (Lambda bills the INIT phase since 2025-08-01), rounded up to the millisecond.
 */
public final class FunctionStation implements Component {
    private final String name;
    private final Simulation sim;
    private final Requests req;
    private final int limit;
    private final long keepWarmNs;
    private final DurationSampler coldStart;
    private final DurationSampler[] demand;
    private final DurationSampler[] offCpu;
    private final FunctionMeter meter;
    private final double gbPerInvocationMs;

    // idle environments, a ring: the bottom (head) went idle first, the top last
    private final int[] idle;
    private int idleHead;
    private int idleCount;
    private final long[] idleSince;
    private final int[] freeIds;
    private int freeCount;
    private int live;
    private int busy;
    private final int reclaimTimer;

    private final EventHandler done = this::done;

    private long invocations;
    private long coldStarts;
    private long throttles;
    private long billedMs;
    private int busyPeak;
    private int environmentsPeak;
    private final TimeIntegral busyArea;
    private final long areaStart;

    /**
     * @param demand  per endpoint (by local index), its CPU time sampler, or null
     * @param offCpu  per endpoint, its off-CPU time sampler, or null
     * @param meter   the bill to charge each invocation to, or null for none
     */
    public FunctionStation(String name, Simulation sim, Requests req, int memoryMb, int concurrency, long keepWarmNs,
                           DurationSampler coldStart, DurationSampler[] demand, DurationSampler[] offCpu, FunctionMeter meter) {
        this.name = name;
        this.sim = sim;
        this.req = req;
        this.limit = concurrency;
        this.keepWarmNs = keepWarmNs;
        this.coldStart = coldStart;
        this.demand = demand;
        this.offCpu = offCpu;
        this.meter = meter;
        this.gbPerInvocationMs = memoryMb / 1024.0 / 1000.0;
        int cap = Math.min(concurrency, 1 << 16);
        this.idle = new int[cap];
        this.idleSince = new long[cap];
        this.freeIds = new int[cap];
        for (int i = 0; i < cap; i++) {
            freeIds[i] = cap - 1 - i;
        }
        this.freeCount = cap;
        this.reclaimTimer = sim.events().timer(this::reclaim, 0);
        this.areaStart = sim.now();
        this.busyArea = new TimeIntegral(sim.now());
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
        int env;
        long startup = 0;
        if (idleCount > 0) {
            int top = idleHead + idleCount - 1;
            if (top >= idle.length) {
                top -= idle.length;
            }
            env = idle[top];
            idleCount--;
            if (idleCount == 0) {
                sim.events().cancel(reclaimTimer);
            }
        } else if (busy < limit && freeCount > 0) {
            env = freeIds[--freeCount];
            live++;
            environmentsPeak = Math.max(environmentsPeak, live);
            startup = coldStart == null ? 0 : coldStart.sampleNanos();
            if (req.counted[r]) {
                coldStarts++;
            }
        } else {
            if (req.counted[r]) {
                throttles++;
            }
            req.ownerOf(r).failed(r, ErrorCause.REJECTED, now);
            return;
        }
        account(now);
        busy++;
        busyPeak = Math.max(busyPeak, busy);
        int e = req.localEndpoint[r];
        long work = startup + (demand[e] == null ? 0 : demand[e].sampleNanos()) + (offCpu[e] == null ? 0 : offCpu[e].sampleNanos());
        req.instance[r] = env;
        req.stationArrival[r] = now;
        sim.events().once(done, r, now + work);
    }

    private void done(int r) {
        long now = sim.now();
        account(now);
        busy--;
        int env = req.instance[r];
        int top = idleHead + idleCount;
        if (top >= idle.length) {
            top -= idle.length;
        }
        idle[top] = env;
        idleSince[env] = now;
        idleCount++;
        if (idleCount == 1) {
            sim.events().schedule(reclaimTimer, now + keepWarmNs);
        }
        long ms = FunctionMeter.billedMillis(now - req.stationArrival[r]);
        billedMs += ms;
        if (meter != null) {
            meter.invoked(ms);
        }
        if (req.counted[r]) {
            invocations++;
        }
        req.ownerOf(r).completed(r, now);
    }

    /** Reclaims the environments idle for keep-warm or longer, oldest first. */
    private void reclaim(int unused) {
        long now = sim.now();
        while (idleCount > 0 && idleSince[idle[idleHead]] + keepWarmNs <= now) {
            freeIds[freeCount++] = idle[idleHead];
            idleHead = idleHead + 1 == idle.length ? 0 : idleHead + 1;
            idleCount--;
            live--;
        }
        if (idleCount > 0) {
            sim.events().schedule(reclaimTimer, idleSince[idle[idleHead]] + keepWarmNs);
        }
    }

    private void account(long now) {
        busyArea.update(now, busy);
    }

    /** Counted invocations that finished. */
    public long invocations() {
        return invocations;
    }

    /** Counted requests that had to wait for a new environment. */
    public long coldStarts() {
        return coldStarts;
    }

    /** Counted requests refused at the concurrency limit. */
    public long throttles() {
        return throttles;
    }

    /** The most requests running at once. */
    public int concurrencyPeak() {
        return busyPeak;
    }

    /** The most environments alive at once (running or warm). */
    public int environmentsPeak() {
        return environmentsPeak;
    }

    /** Environments alive now (running or warm). */
    public int environments() {
        return live;
    }

    /** Requests running now. */
    public int running() {
        return busy;
    }

    /** Time-averaged number of requests running, from the start to {@code now}. */
    public double meanConcurrency(long now) {
        account(now);
        return now > areaStart ? busyArea.sum() / (now - areaStart) : 0;
    }

    /** Memory GB times billed seconds of every finished invocation (warm-up included: it is billed). */
    public double gbSeconds() {
        return billedMs * gbPerInvocationMs;
    }

    /** The meter that bills this function, or null. */
    public FunctionMeter meter() {
        return meter;
    }

    /** This function's statistics now. */
    public FunctionStats stats() {
        return new FunctionStats(invocations, coldStarts, throttles, busyPeak, gbSeconds(), meter == null ? 0 : meter.usd());
    }

    /**
     * A function over the run: counted invocations, cold starts and throttles, the most requests
     * running at once, GB-seconds billed and what the function cost (USD).
     */
    public record FunctionStats(long invocations, long coldStarts, long throttles, int concurrencyPeak, double gbSeconds, double costUsd) {
    }
}
