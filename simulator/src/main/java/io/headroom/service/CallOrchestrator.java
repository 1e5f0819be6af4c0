package io.headroom.service;

import io.headroom.design.resilience.RetryPolicy;
import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.request.Component;
import io.headroom.request.ErrorCause;
import io.headroom.request.Requests;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The calls a service's endpoint makes for a request once its own work is done: in order (each
 * after the previous one succeeded), or in parallel (all at once, done when a quorum of them
 * succeeded, failed when a quorum can no longer be reached); holding the request's worker, or
 * (async) not. Each call may be skipped by its probability.
 *
 * <p>A call is made as one or more attempts, each a request slot of its own sent to the callee:
 * through its guards ({@link Guards}), with its network time, its timeout (the caller gives up;
 * the callee may go on working), and retried after a backoff while attempts remain. An attempt
 * answered or given up on ends its calls phase's share; answers to a phase that is over (a quorum
 * reached, the caller failed or lost) are recognised by the caller's generation and call epoch
 * and dropped. Every step reaches others by events, so no chain of instant answers nests calls.
 *
 * <p>A calls phase runs the plan of its endpoint as the version of the instance that started it has it (its
 * versioned endpoint, {@link StationVersions}), and each attempt carries that versioned endpoint as its
 * {@code callerEndpoint}: a retry, a timeout or a late answer finds its plan and its guards even after the instance
 * is gone and its slot runs another version. Each version draws from a stream of its own.
 *
 * <p>A call naming a pool takes a connection of its caller instance's {@link ConnectionPool} after its guards let it
 * go, waiting for one if none is free; its timeout starts once it has one (as a JDBC query timeout counts from the
 * statement's execution), and it gives the connection back when the attempt ends. A wait that reaches the pool's
 * timeout fails the attempt as {@code pool_timeout}, the caller's own failure as a bulkhead's refusal is: the breaker
 * counts it, a retry asks the pool again, and a call out of attempts fails its caller's request as
 * {@code pool_timeout}.
 */
final class CallOrchestrator {
    private final ServiceStation station;
    private final Simulation sim;
    private final EventQueue events;
    private final Requests req;
    private final int ownerId;
    private final Guards guards;
    private final ZoneNetwork network;
    private long[][] regionSent;
    private java.util.function.LongConsumer regionOut;
    private long[][] regionBack;
    private java.util.function.LongConsumer[][] regionBackMeters;
    private final TailCalls tails;
    private ConnectionPools pools; // null: no call of the service draws on a pool
    private final int endpoints;
    private Component[] components = new Component[0];
    private CallPlan[] plans; // per versioned endpoint
    private RandomGenerator rng; // version 0's
    private RandomGenerator[] rngs = new RandomGenerator[1]; // per version

    private final EventHandler deliver = this::deliver;
    private final EventHandler launch = this::launch;
    private final EventHandler attemptTimeout = this::attemptTimeout;
    private final EventHandler answerArrives = this::answerArrives;

    CallOrchestrator(ServiceStation station, Simulation sim, Requests req, int ownerId, int endpoints, Guards guards,
                     ZoneNetwork network, TailCalls tails) {
        this.station = station;
        this.sim = sim;
        this.events = sim.events();
        this.req = req;
        this.ownerId = ownerId;
        this.guards = guards;
        this.network = network;
        this.tails = tails;
        this.endpoints = endpoints;
        this.plans = new CallPlan[endpoints];
        Arrays.fill(plans, CallPlan.NONE);
    }

    /** The components calls reach and version 0's plans (per endpoint) and stream. */
    void configure(Component[] components, CallPlan[] plans, RandomGenerator rng) {
        this.components = components;
        System.arraycopy(plans, 0, this.plans, 0, endpoints);
        this.rng = rng;
        rngs[0] = rng;
    }

    /** A new version's plans, per endpoint, and its stream. */
    void addVersion(CallPlan[] plans, RandomGenerator rng) {
        this.plans = StationVersions.append(this.plans, plans);
        rngs = StationVersions.append(rngs, new RandomGenerator[] {rng});
    }

    /** The service's connection pools (a design with none keeps null: nothing is looked up per call). */
    void usePools(ConnectionPools pools) {
        this.pools = pools.any() ? pools : null;
    }

    Component[] components() {
        return components;
    }

    /** Every versioned endpoint's plan. */
    CallPlan[] plans() {
        return plans;
    }

    CallPlan plan(int ve) {
        return plans[ve];
    }

    /** The stream the calls' probabilities, retries' jitter and endpoints' error rates of versioned endpoint {@code ve} draw from. */
    RandomGenerator rng(int ve) {
        return ve < endpoints ? rng : rngs[ve / endpoints];
    }

    /** Request {@code r} makes the calls of versioned endpoint {@code ve}, from now. */
    void begin(int r, int ve, long now) {
        CallPlan plan = plans[ve];
        Requests q = req;
        q.callEpoch[r]++;
        q.pending[r] = 0;
        q.succeeded[r] = 0;
        q.failedCalls[r] = 0;
        q.nextCall[r] = 0;
        if (plan.parallel()) {
            for (int c = 0; c < plan.size(); c++) {
                if (skip(plan, ve, c)) {
                    q.succeeded[r]++; // a call not made cannot fail the quorum
                } else if (!send(r, ve, plan, c, 1, now, now)) {
                    return;
                }
            }
            if (q.pending[r] == 0 || q.succeeded[r] >= plan.needed()) {
                callsDone(r, ve, plan, true, now); // calls still out are answers to a phase that is over
            }
        } else {
            nextCall(r, ve, plan, now);
        }
    }

    /** Whether call {@code child} still belongs to its caller's current calls phase. */
    private boolean current(int child) {
        Requests q = req;
        int r = q.parent[child];
        return q.generation[r] == q.parentGeneration[child] && q.callEpoch[r] == q.parentEpoch[child];
    }

    private boolean skip(CallPlan plan, int ve, int c) {
        double p = plan.probabilities()[c];
        return p < 1.0 && rng(ve).nextDouble() >= p;
    }

    /** In-order calls: makes the next one that is due, or ends the calls phase. */
    private void nextCall(int r, int ve, CallPlan plan, long now) {
        Requests q = req;
        while (q.nextCall[r] < plan.size()) {
            int c = q.nextCall[r]++;
            if (!skip(plan, ve, c)) {
                if (tails.applies(r, ve, plan, c, network.zones())) {
                    tails.handOn(r, plan, c, now);
                } else {
                    send(r, ve, plan, c, 1, now, now);
                }
                return;
            }
        }
        callsDone(r, ve, plan, true, now);
    }

    /**
     * Prepares attempt {@code attempt} of call {@code c} of request {@code r}, to be launched at
     * {@code at} (now, or after a retry's backoff).
     */
    private boolean send(int r, int ve, CallPlan plan, int c, int attempt, long now, long at) {
        Requests q = req;
        int child = q.allocateChild(r, ownerId, plan.targets()[c], plan.targetEndpoints()[c], now);
        if (child == Requests.FULL) {
            sim.stop();
            return false;
        }
        q.parentEpoch[child] = q.callEpoch[r];
        q.callerEndpoint[child] = ve;
        q.callerInstance[child] = q.instance[r];
        q.callIndex[child] = c;
        q.attempt[child] = attempt;
        if (attempt == 1) {
            q.pending[r]++;
        }
        if (at > now) {
            events.once(launch, child, at);
        } else {
            launch(child);
        }
        return true;
    }

    /** An attempt leaves: through its breaker and bulkhead, with its timeout armed. */
    private void launch(int child) {
        long now = sim.now();
        Requests q = req;
        if (!current(child)) {
            q.release(child); // a retry whose caller has concluded: never sent
            return;
        }
        int e = q.callerEndpoint[child];
        int c = q.callIndex[child];
        CallPlan plan = plans[e];
        q.arrival[child] = now;
        if (q.counted[child]) {
            q.countCallAttempt(q.endpoint[child]);
        }
        ErrorCause refused = guards.acquire(e, c, q.callerInstance[child], now);
        if (refused != null) {
            q.failedEarly[child] = refused.ordinal() + 1;
            events.once(deliver, child, now);
            return;
        }
        if (pools != null) {
            ConnectionPool pool = pools.poolOf(e, c);
            if (pool != null && !pool.acquire(child, q.callerInstance[child], now)) {
                return; // it waits for a connection
            }
        }
        leave(child, plan, c, now);
    }

    /** An attempt that may go goes: its timeout armed, it crosses the network to its callee. */
    private void leave(int child, CallPlan plan, int c, long now) {
        Requests q = req;
        long timeout = plan.timeouts()[c];
        if (timeout > 0) {
            q.callDeadline[child] = now + timeout;
            q.callDeadlineGeneration[child] = q.generation[child];
            events.once(attemptTimeout, child, now + timeout);
        }
        DurationSampler latency = plan.latencies()[c];
        events.once(deliver, child, latency == null ? now : now + latency.sampleNanos());
    }

    /** Attempt {@code child}, waiting in its pool, has a connection now: it goes. */
    void connected(int child, long now) {
        int c = req.callIndex[child];
        leave(child, plans[req.callerEndpoint[child]], c, now);
    }

    /** Whether attempt {@code child}, waiting in its pool, is still wanted by its caller's calls phase. */
    boolean stillWanted(int child) {
        return current(child);
    }

    /** Attempt {@code child} leaves its pool's queue unsent (its caller is gone or has moved on): its bulkhead permit goes back. */
    void dropWaiting(int child) {
        Requests q = req;
        guards.abandon(q.callerEndpoint[child], q.callIndex[child], q.callerInstance[child]);
        q.release(child);
    }

    /** Attempt {@code child}, still wanted, waited the pool's timeout for a connection: it fails as {@code pool_timeout}, never sent. */
    void poolTimedOut(int child, long now) {
        Requests q = req;
        guards.release(q.callerEndpoint[child], q.callIndex[child], q.callerInstance[child], false, now);
        q.failedEarly[child] = ErrorCause.POOL_TIMEOUT.ordinal() + 1;
        attemptAnswered(child, false, ErrorCause.POOL_TIMEOUT, now, false);
    }

    /** An attempt reaches its callee — or, if it failed before leaving, comes back failed. */
    private void deliver(int call) {
        Requests q = req;
        if (q.failedEarly[call] != 0) {
            attemptAnswered(call, false, ErrorCause.all()[q.failedEarly[call] - 1], sim.now(), network.zones() >= 1);
        } else if (q.abandoned[call] && q.cancelled[call]) {
            attemptAnswered(call, false, ErrorCause.TIMEOUT, sim.now(), network.zones() >= 1);
        } else {
            components[q.target[call]].accept(call);
        }
    }

    /** The caller's timeout for an attempt: it gives up (the callee may still be working on it). */
    private void attemptTimeout(int child) {
        long now = sim.now();
        Requests q = req;
        if (q.callDeadlineGeneration[child] != q.generation[child] || q.callDeadline[child] != now || q.abandoned[child]) {
            return; // answered in time, or the slot is another request's now
        }
        station.touch(now);
        int r = q.parent[child];
        int ve = q.callerEndpoint[child];
        int c = q.callIndex[child];
        q.abandoned[child] = true;
        q.cancelled[child] = plans[ve].cancelOnTimeout()[c];
        endAttempt(child, false, now);
        if (current(child)) {
            attemptEnded(r, ve, c, q.attempt[child], false, ErrorCause.TIMEOUT, true, now);
        }
    }

    /** Gives back what an attempt held: its bulkhead slot, its outcome to the breaker, and its pooled connection. */
    private void endAttempt(int child, boolean ok, long now) {
        Requests q = req;
        if (q.failedEarly[child] != 0) {
            return; // it never held anything
        }
        guards.release(q.callerEndpoint[child], q.callIndex[child], q.callerInstance[child], ok, now);
        if (pools != null) {
            pools.release(child, now);
        }
    }

    private void answerArrives(int child) {
        Requests q = req;
        attemptAnswered(child, q.failedEarly[child] == 0 && q.lastCallFailure[child] == -1, q.lastCallFailure[child] < 0 ? null
                : ErrorCause.all()[q.lastCallFailure[child]], sim.now(), false);
    }

    /**
     * A call of this service was answered now ({@code cause} null: success): an attempt, whose
     * answer first crosses the network with zones, or a request handed on as a tail call, whose
     * answer goes to whoever had it before (any failure as {@code dependency}).
     */
    void answered(int child, boolean ok, ErrorCause cause, long now) {
        if (tails.isTailCall(child)) {
            tails.answered(child);
            station.touch(now); // as an answered call does: the integrals split where they would be
            if (ok) {
                req.ownerOf(child).completed(child, now);
            } else {
                req.ownerOf(child).failed(child, ErrorCause.DEPENDENCY, now);
            }
            return;
        }
        attemptAnswered(child, ok, cause, now, network.zones() >= 1);
    }

    /**
     * Bills the bytes of calls answered across regions, each to the region it leaves: {@code sent[versioned endpoint][call]}
     * (the request) to {@code out}, {@code back[e][c]} (the answer) to {@code backMeters[e][c]}, the callee's region; 0 for
     * a call in its region.
     */
    void meterInterRegion(long[][] sent, java.util.function.LongConsumer out, long[][] back,
                          java.util.function.LongConsumer[][] backMeters) {
        this.regionSent = sent;
        this.regionOut = out;
        this.regionBack = back;
        this.regionBackMeters = backMeters;
    }

    /** Attempt {@code child} was answered now; with {@code crossNetwork}, the answer first crosses the zone network. */
    private void attemptAnswered(int child, boolean ok, ErrorCause cause, long now, boolean crossNetwork) {
        Requests q = req;
        if (regionSent != null && (crossNetwork || network.zones() < 1) && q.failedEarly[child] == 0 && !q.abandoned[child]) {
            int e = q.callerEndpoint[child]; // billed once: before the answer crosses the zones, not again when it arrives
            int c = q.callIndex[child];
            if (regionSent[e][c] > 0) {
                regionOut.accept(regionSent[e][c]);
            }
            if (regionBack[e][c] > 0) {
                regionBackMeters[e][c].accept(regionBack[e][c]);
            }
        }
        if (crossNetwork && q.failedEarly[child] == 0 && !q.abandoned[child] && q.instance[child] >= 0) {
            long delay = network.answerDelay(q.callerInstance[child], q.instance[child], q.callerEndpoint[child], q.callIndex[child]);
            if (delay > 0) {
                q.lastCallFailure[child] = ok ? -1 : cause.ordinal(); // the answer, carried by the event
                events.once(answerArrives, child, now + delay);
                return;
            }
        }
        int r = q.parent[child];
        if (q.abandoned[child]) {
            q.release(child); // its caller gave up on it already (and accounted for it)
            return;
        }
        boolean current = current(child);
        endAttempt(child, ok, now);
        int c = q.callIndex[child];
        int attempt = q.attempt[child];
        int e = q.callerEndpoint[child];
        boolean early = q.failedEarly[child] != 0;
        q.release(child);
        if (!current) {
            return; // the caller has moved on (a quorum was reached, or it failed)
        }
        station.touch(now);
        attemptEnded(r, e, c, attempt, ok, cause, early, now);
    }

    /**
     * An attempt of call {@code c} ended. A failure is retried while retries remain; otherwise the
     * call is over and the caller's calls phase goes on.
     *
     * @param own whether the failure is the caller's own (its timeout, breaker or bulkhead) rather than the callee's
     */
    private void attemptEnded(int r, int ve, int c, int attempt, boolean ok, ErrorCause cause, boolean own, long now) {
        Requests q = req;
        CallPlan plan = plans[ve];
        RetryPolicy retries = plan.retries()[c];
        if (!ok && attempt < retries.maxAttempts()) {
            send(r, ve, plan, c, attempt + 1, now, now + retries.delayNs(attempt, rng(ve)));
            return;
        }
        q.pending[r]--;
        if (ok) {
            q.succeeded[r]++;
        } else {
            q.failedCalls[r]++;
            q.lastCallFailure[r] = (own ? cause : ErrorCause.DEPENDENCY).ordinal();
        }
        if (plan.parallel()) {
            if (q.succeeded[r] >= plan.needed()) {
                callsDone(r, ve, plan, true, now);
            } else if (q.failedCalls[r] > plan.size() - plan.needed()) {
                callsDone(r, ve, plan, false, now);
            }
        } else if (!ok) {
            callsDone(r, ve, plan, false, now);
        } else {
            nextCall(r, ve, plan, now);
        }
    }

    private void callsDone(int r, int ve, CallPlan plan, boolean ok, long now) {
        req.callEpoch[r]++; // answers still out belong to a phase that is over
        ErrorCause cause = ok ? null : ErrorCause.all()[req.lastCallFailure[r]];
        if (plan.async()) {
            station.passedOnEnded(r, ve, ok, now);
            if (ok) {
                req.ownerOf(r).completed(r, now);
            } else {
                req.ownerOf(r).failed(r, cause, now);
            }
        } else {
            station.callsFinished(r, cause, now);
        }
    }
}
