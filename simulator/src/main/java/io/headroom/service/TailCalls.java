package io.headroom.service;

import io.headroom.engine.EventHandler;
import io.headroom.engine.Simulation;
import io.headroom.request.Component;
import io.headroom.request.Requests;
import java.util.Arrays;

/**
 * Tail calls: the last call of an async endpoint that has nothing left to do for the request once
 * it makes that call — no network time, no timeout, no retries, no breaker, no bulkhead — so the
 * answer only travels back through it, a success as a success and any failure as
 * {@code dependency}. Such a call hands the request itself on (as a load balancer does) instead of
 * making a call record with its attempt bookkeeping.
 *
 * <p>A slot is still taken for the call and given back when the call would end: it stands for
 * the call (it holds the request's previous owner and is linked to the request through
 * {@code tailCall}), so the requests in flight, the pool's guard and every result are exactly
 * those of a call. Only requests of the load itself are handed on (nothing times out on them or
 * cancels them; nor one drawing on a connection pool), and only without zones (the answer crosses no network); calls made for other
 * requests stay calls. Nor when the service reports what each version served ({@link ServedSink}): a request handed
 * on ends elsewhere, and its outcome would not come back through its calls phase.
 *
 * <p><b>Ordering rule.</b> Whatever happens to several requests at one instant one after another
 * (a lost instance failing everything it holds) happens in the order of the slots of the calls
 * that brought them — for a request handed on, the slot standing for its call
 * ({@link #inCallOrder}) — so that what each failure sets off next (a scenario user's next step,
 * a retry's jittered backoff) draws its random numbers in the same order as with call records.
 */
final class TailCalls {
    private final Simulation sim;
    private final Requests req;
    private final int ownerId;
    private final EventHandler handOn = this::handOn;
    private Component[] components = new Component[0];
    private boolean[] eligible = new boolean[0]; // per versioned endpoint
    private boolean off;

    TailCalls(Simulation sim, Requests req, int ownerId) {
        this.sim = sim;
        this.req = req;
        this.ownerId = ownerId;
    }

    /** Finds, per versioned endpoint of {@code plans}, whether its last call can be a tail call. */
    void configure(Component[] components, CallPlan[] plans) {
        this.components = components;
        eligible = new boolean[plans.length];
        for (int e = 0; e < plans.length; e++) {
            CallPlan plan = plans[e];
            int c = plan.size() - 1;
            eligible[e] = !off && plan.async() && !plan.parallel() && c >= 0 && plan.latencies()[c] == null
                    && plan.timeouts()[c] <= 0 && plan.retries()[c].maxAttempts() == 1 && plan.breakers()[c] == null
                    && plan.bulkheads()[c] == null && plan.poolSizes()[c] == 0;
        }
    }

    /** No call is a tail call from now on. */
    void turnOff() {
        off = true;
        Arrays.fill(eligible, false);
    }

    /** Whether call {@code c} of {@code plan}, made now for request {@code r} at versioned endpoint {@code ve}, is a tail call. */
    boolean applies(int r, int ve, CallPlan plan, int c, int zones) {
        return c == plan.size() - 1 && req.parent[r] < 0 && zones == 0 && eligible[ve];
    }

    /** Whether request {@code r} is here as a tail call (its answer goes through {@link #answered}). */
    boolean isTailCall(int r) {
        return req.tailCall[r] >= 0;
    }

    /** Hands request {@code r} on to call {@code c} of {@code plan}: it reaches the callee at this instant, as a call's delivery does. */
    void handOn(int r, CallPlan plan, int c, long now) {
        Requests q = req;
        int s = q.allocate(); // the slot a call would hold, taken and given back when it would be
        if (s == Requests.FULL) {
            q.markFull(now);
            sim.stop();
            return;
        }
        q.owner[s] = q.owner[r];
        q.link[s] = q.tailCall[r];
        q.parent[s] = r;
        q.counted[s] = false;
        q.station[s] = -1;
        q.tailCall[r] = s;
        q.owner[r] = ownerId;
        if (q.counted[r]) {
            q.countCallAttempt(q.endpoint[r]);
        }
        q.localEndpoint[r] = plan.targetEndpoints()[c];
        q.target[r] = plan.targets()[c];
        sim.events().once(handOn, r, now);
    }

    private void handOn(int r) {
        components[req.target[r]].accept(r);
    }

    /** Request {@code r}, handed on by this service, is answered: it goes back to whoever had it before, and its call's slot is given back. */
    void answered(int r) {
        Requests q = req;
        int s = q.tailCall[r];
        q.tailCall[r] = q.link[s];
        q.owner[r] = q.owner[s];
        q.release(s);
    }

    /**
     * Orders the requests in {@code a[from, to)} by the slot of the call that brought each here: a
     * request handed on as a tail call is ordered by the slot standing for that call, exactly as the
     * call record would have been.
     */
    static void inCallOrder(Requests q, int[] a, int from, int to) {
        long[] keyed = new long[to - from]; // (call slot, request slot): slots are non-negative ints
        for (int k = from; k < to; k++) {
            int r = a[k];
            long key = q.tailCall[r] >= 0 ? q.tailCall[r] : r;
            keyed[k - from] = key << 32 | r;
        }
        Arrays.sort(keyed);
        for (int k = from; k < to; k++) {
            a[k] = (int) keyed[k - from];
        }
    }
}
