package io.headroom.service;

import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.request.Component;
import io.headroom.request.ErrorCause;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;
import io.headroom.resilience.Bulkhead;
import io.headroom.resilience.CircuitBreaker;
import io.headroom.resilience.RetryPolicy;
import io.headroom.routing.Dispatcher;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A service at run time: {@code replicas} instances, each with {@code workers} threads, a FIFO
 * queue in front of them, and {@code cores} CPUs.
 *
 * <p>A request that finds a free worker starts at once; otherwise it waits in its instance's queue
 * (or is rejected if the queue is full) and leaves as a timeout if it waits longer than the queue's
 * timeout. A started request first computes its CPU demand, then spends its off-CPU wait, holding
 * its worker throughout.
 *
 * <p><b>Processor sharing.</b> The {@code n} computing requests of an instance share its {@code k}
 * cores equally: each progresses at rate min(1, k/n). This is tracked with a virtual clock per
 * instance that advances at that rate; a request's CPU work ends when the virtual clock reaches
 * its virtual finish (virtual time at start + demand). Only the smallest virtual finish needs an
 * event, so one timer per instance, rescheduled whenever n changes, serves all its computing
 * requests — without touching the others. With k ≥ n the rate is 1 and this reduces to plain
 * service.
 *
 * <p><b>Timeouts.</b> Deadlines in a FIFO queue with one timeout are in queue order, so one timer
 * per instance (due no later than its head's deadline) expires them all.
 */
public final class ServiceStation implements Dispatcher.Load, Component, RequestListener {
    private static final long NO_TIMEOUT = -1;

    private final String name;
    private final Simulation sim;
    private final EventQueue events;
    private final Requests req;
    private final int replicas;
    private final int workers;
    private final int cores;
    private final int capacity; // -1: unbounded
    private final long timeoutNs;
    private final DurationSampler[] demand;
    private final DurationSampler[] wait;
    private final Dispatcher dispatcher;
    private final int ownerId;
    private Component[] components = new Component[0];
    private CallPlan[] plans;
    private RandomGenerator callRng;
    private CircuitBreaker[][][] breakers = new CircuitBreaker[0][][];   // [endpoint][call][caller instance]
    private Bulkhead[][][] bulkheads = new Bulkhead[0][][];
    private long attempts;
    private double[] errorRates;

    // per instance
    private final int[] busy;
    private final int[] queueHead;
    private final int[] queueTail;
    private final int[] queueLength;
    private final int[] cpuTimer;
    private final int[] timeoutTimer;
    private final double[] virtualTime;
    private final long[] virtualAt;
    private final int[][] cpuHeap; // per instance: computing requests by virtual finish
    private final int[] computing;
    private final long[] entered;

    // totals over instances, and their integrals over time (for averages)
    private int totalBusy;
    private int totalBusyCores;
    private int totalQueued;
    private int inSystem;
    private long lastTouch;
    private double areaBusy;
    private double areaCpu;
    private double areaQueue;
    private double areaInSystem;

    // counted (post-warm-up) flow through this station
    private long arrivals;
    private long departures;
    private long rejected;
    private long timedOut;
    private double sojournSumNs;

    private final EventHandler cpuDone = this::cpuDone;
    private final EventHandler waitDone = this::waitDone;
    private final EventHandler queueTimeout = this::queueTimeout;

    /**
     * @param demand per endpoint, CPU demand sampler (null: no CPU work)
     * @param wait   per endpoint, off-CPU wait sampler (null: no wait)
     */
    public ServiceStation(String name, Simulation sim, Requests req, int replicas, int workers, int cores,
                          int capacity, long timeoutNs, DurationSampler[] demand, DurationSampler[] wait, Dispatcher dispatcher) {
        this.name = name;
        this.sim = sim;
        this.events = sim.events();
        this.req = req;
        this.replicas = replicas;
        this.workers = workers;
        this.cores = cores;
        this.capacity = capacity;
        this.timeoutNs = timeoutNs <= 0 ? NO_TIMEOUT : timeoutNs;
        this.demand = demand;
        this.wait = wait;
        this.dispatcher = dispatcher;
        busy = new int[replicas];
        queueHead = new int[replicas];
        queueTail = new int[replicas];
        queueLength = new int[replicas];
        cpuTimer = new int[replicas];
        timeoutTimer = new int[replicas];
        virtualTime = new double[replicas];
        virtualAt = new long[replicas];
        cpuHeap = new int[replicas][workers];
        errorRates = new double[demand.length];
        plans = new CallPlan[demand.length];
        java.util.Arrays.fill(plans, CallPlan.NONE);
        ownerId = req.register(this);
        computing = new int[replicas];
        entered = new long[replicas];
        for (int i = 0; i < replicas; i++) {
            queueHead[i] = -1;
            queueTail[i] = -1;
            cpuTimer[i] = events.timer(cpuDone, i);
            timeoutTimer[i] = events.timer(queueTimeout, i);
        }
    }

    /**
     * Connects the service to the components its endpoints call (after every component exists).
     *
     * @param plans per endpoint, its calls ({@link CallPlan#NONE} for none)
     */
    public void wire(Component[] components, CallPlan[] plans, RandomGenerator callRng) {
        this.components = components;
        this.plans = plans;
        this.callRng = callRng;
        breakers = new CircuitBreaker[plans.length][][];
        bulkheads = new Bulkhead[plans.length][][];
        for (int e = 0; e < plans.length; e++) {
            int n = plans[e].size();
            breakers[e] = new CircuitBreaker[n][];
            bulkheads[e] = new Bulkhead[n][];
            for (int c = 0; c < n; c++) {
                if (plans[e].breakers()[c] != null) {
                    breakers[e][c] = new CircuitBreaker[replicas];
                    for (int i = 0; i < replicas; i++) {
                        breakers[e][c][i] = new CircuitBreaker(plans[e].breakers()[c]);
                    }
                }
                if (plans[e].bulkheads()[c] != null) {
                    bulkheads[e][c] = new Bulkhead[replicas];
                    for (int i = 0; i < replicas; i++) {
                        bulkheads[e][c][i] = new Bulkhead(plans[e].bulkheads()[c]);
                    }
                }
            }
        }
    }

    /** The fraction of requests each endpoint fails by itself (after its work). */
    public void setErrorRates(double[] rates) {
        this.errorRates = rates.clone();
    }

    /** Calls fast-failed by an open breaker, over every breaker of this service. */
    public long callsNotPermitted() {
        long n = 0;
        for (CircuitBreaker[][] e : breakers) {
            for (CircuitBreaker[] c : e) {
                if (c != null) {
                    for (CircuitBreaker b : c) {
                        n += b.notPermitted();
                    }
                }
            }
        }
        return n;
    }

    public String name() {
        return name;
    }

    // ---- arrivals -------------------------------------------------------------------------

    /** A request arrives at this service now; its own {@code dispatch} picks the instance. */
    @Override
    public void accept(int r) {
        acceptAt(r, dispatcher.pick(this, req.key[r]));
    }

    /** A request arrives now at instance {@code i} (chosen by a load balancer in front). */
    public void acceptAt(int r, int i) {
        long now = sim.now();
        touch(now);
        Requests q = req;
        if (q.cancelled[r]) {
            q.ownerOf(r).failed(r, ErrorCause.TIMEOUT, now); // its caller gave up before it arrived
            return;
        }
        if (q.counted[r]) {
            attempts++;
        }
        q.instance[r] = i;
        if (busy[i] < workers) {
            enter(r, i, now);
            if (start(r, i, now)) {
                ownWorkDone(r, i, now, true);
            }
        } else if (capacity >= 0 && queueLength[i] >= capacity) {
            if (q.counted[r]) {
                rejected++;
            }
            q.ownerOf(r).failed(r, ErrorCause.REJECTED, now);
        } else {
            enter(r, i, now);
            enqueue(r, i, now);
        }
    }

    private void enter(int r, int i, long now) {
        req.stationArrival[r] = now;
        inSystem++;
        if (req.counted[r]) {
            arrivals++;
            entered[i]++;
        }
    }

    private void leave(int r, long now) {
        inSystem--;
        if (req.counted[r]) {
            departures++;
            sojournSumNs += now - req.stationArrival[r];
        }
    }

    // ---- queue ----------------------------------------------------------------------------

    private void enqueue(int r, int i, long now) {
        Requests q = req;
        q.link[r] = -1;
        if (queueTail[i] < 0) {
            queueHead[i] = r;
        } else {
            q.link[queueTail[i]] = r;
        }
        queueTail[i] = r;
        queueLength[i]++;
        totalQueued++;
        if (timeoutNs != NO_TIMEOUT) {
            long deadline = now + timeoutNs;
            q.deadline[r] = deadline;
            if (!events.isScheduled(timeoutTimer[i])) {
                events.schedule(timeoutTimer[i], deadline);
            }
        }
    }

    private int dequeue(int i) {
        int r = queueHead[i];
        int next = req.link[r];
        queueHead[i] = next;
        if (next < 0) {
            queueTail[i] = -1;
        }
        queueLength[i]--;
        totalQueued--;
        return r;
    }

    /** The instance's timer: every waiting request whose deadline has come leaves as a timeout. */
    private void queueTimeout(int i) {
        long now = sim.now();
        touch(now);
        while (queueLength[i] > 0 && req.deadline[queueHead[i]] <= now) {
            int r = dequeue(i);
            if (req.counted[r]) {
                timedOut++;
            }
            leave(r, now);
            req.ownerOf(r).failed(r, ErrorCause.TIMEOUT, now);
        }
        if (queueLength[i] > 0) {
            events.schedule(timeoutTimer[i], req.deadline[queueHead[i]]);
        }
    }

    // ---- service --------------------------------------------------------------------------

    /**
     * Gives request {@code r} a worker. Returns true if it needs no time at all (no demand, no
     * wait) and its own work is done at once: the caller then goes on with {@link #ownWorkDone}.
     * Returning instead keeps a long run of zero-cost requests from nesting calls (a loop in
     * {@link #serveQueue} serves them).
     */
    private boolean start(int r, int i, long now) {
        busy[i]++;
        totalBusy++;
        DurationSampler d = demand[req.localEndpoint[r]];
        long cpu = d == null ? 0 : d.sampleNanos();
        if (cpu > 0) {
            startComputing(r, i, cpu, now);
            return false;
        }
        return afterCpu(r, i, now);
    }

    /** Starts the off-CPU wait; returns true if there is none and the request is done now. */
    private boolean afterCpu(int r, int i, long now) {
        DurationSampler w = wait[req.localEndpoint[r]];
        long off = w == null ? 0 : w.sampleNanos();
        if (off > 0) {
            events.once(waitDone, r, now + off);
            return false;
        }
        return true;
    }

    private void waitDone(int r) {
        long now = sim.now();
        touch(now);
        ownWorkDone(r, req.instance[r], now, true);
    }

    /**
     * Request {@code r}'s own work (demand, wait) is done: it finishes, or goes on to its calls —
     * holding its worker, or, for an async endpoint, leaving the service and freeing the worker.
     *
     * @param serve whether to hand a freed worker to the queue here (false inside {@link #serveQueue})
     */
    private void ownWorkDone(int r, int i, long now, boolean serve) {
        int e = req.localEndpoint[r];
        if (errorRates[e] > 0 && callRng.nextDouble() < errorRates[e]) {
            finish(r, i, now, ErrorCause.FAILED, serve);
            return;
        }
        CallPlan plan = plans[e];
        if (plan.isEmpty()) {
            finish(r, i, now, null, serve);
        } else if (plan.async()) {
            freeWorker(r, i, now);
            beginCalls(r, plan, now);
            if (serve) {
                serveQueue(i, now);
            }
        } else {
            beginCalls(r, plan, now);
        }
    }

    /** Frees request {@code r}'s worker and tells its owner how it went ({@code cause} null: success). */
    private void finish(int r, int i, long now, ErrorCause cause, boolean serve) {
        freeWorker(r, i, now);
        if (cause == null) {
            req.ownerOf(r).completed(r, now);
        } else {
            req.ownerOf(r).failed(r, cause, now);
        }
        if (serve) {
            serveQueue(i, now);
        }
    }

    private void freeWorker(int r, int i, long now) {
        busy[i]--;
        totalBusy--;
        leave(r, now);
    }

    /**
     * Gives freed workers of instance {@code i} to waiting requests, in order. A loop, not a
     * recursion: requests that cost nothing are finished here one after another.
     */
    private void serveQueue(int i, long now) {
        while (queueLength[i] > 0 && busy[i] < workers) {
            int next = dequeue(i);
            if (req.cancelled[next]) {
                leave(next, now); // its caller gave up and cancelled it: dropped unserved
                req.ownerOf(next).failed(next, ErrorCause.TIMEOUT, now);
                continue;
            }
            if (start(next, i, now)) {
                ownWorkDone(next, i, now, false);
            }
        }
    }

    // ---- calls ----------------------------------------------------------------------------

    private final EventHandler deliver = this::deliver;
    private final EventHandler launch = this::launch;
    private final EventHandler attemptTimeout = this::attemptTimeout;

    /** An attempt reaches its callee — or, if it failed before leaving, comes back failed. */
    private void deliver(int call) {
        Requests q = req;
        if (q.failedEarly[call] != 0) {
            callAnswered(call, false, ErrorCause.all()[q.failedEarly[call] - 1], sim.now());
        } else if (q.abandoned[call] && q.cancelled[call]) {
            callAnswered(call, false, ErrorCause.TIMEOUT, sim.now());
        } else {
            components[q.target[call]].accept(call);
        }
    }

    private void beginCalls(int r, CallPlan plan, long now) {
        Requests q = req;
        q.callEpoch[r]++;
        q.pending[r] = 0;
        q.succeeded[r] = 0;
        q.failedCalls[r] = 0;
        q.nextCall[r] = 0;
        if (plan.parallel()) {
            for (int c = 0; c < plan.size(); c++) {
                if (skip(plan, c)) {
                    q.succeeded[r]++; // a call not made cannot fail the quorum
                } else if (!send(r, plan, c, 1, now, now)) {
                    return;
                }
            }
            if (q.pending[r] == 0 || q.succeeded[r] >= plan.needed()) {
                callsDone(r, plan, true, now); // calls still out are answers to a phase that is over
            }
        } else {
            nextCall(r, plan, now);
        }
    }

    /** Whether call {@code child} still belongs to its caller's current calls phase. */
    private boolean current(int child) {
        Requests q = req;
        int r = q.parent[child];
        return q.generation[r] == q.parentGeneration[child] && q.callEpoch[r] == q.parentEpoch[child];
    }

    private boolean skip(CallPlan plan, int c) {
        double p = plan.probabilities()[c];
        return p < 1.0 && callRng.nextDouble() >= p;
    }

    /** In-order calls: makes the next one that is due, or ends the calls phase. */
    private void nextCall(int r, CallPlan plan, long now) {
        Requests q = req;
        while (q.nextCall[r] < plan.size()) {
            int c = q.nextCall[r]++;
            if (!skip(plan, c)) {
                send(r, plan, c, 1, now, now);
                return;
            }
        }
        callsDone(r, plan, true, now);
    }

    /**
     * Prepares attempt {@code attempt} of call {@code c} of request {@code r}, to be launched at
     * {@code at} (now, or after a retry's backoff). Every step reaches others by events, so no
     * chain of instant answers nests calls.
     */
    private boolean send(int r, CallPlan plan, int c, int attempt, long now, long at) {
        Requests q = req;
        int child = q.allocate();
        if (child == Requests.FULL) {
            q.markFull(now);
            sim.stop();
            return false;
        }
        q.endpoint[child] = q.endpoint[r];
        q.localEndpoint[child] = plan.targetEndpoints()[c];
        q.user[child] = -1;
        q.key[child] = q.key[r];
        q.counted[child] = q.counted[r];
        q.owner[child] = ownerId;
        q.parent[child] = r;
        q.parentGeneration[child] = q.generation[r];
        q.parentEpoch[child] = q.callEpoch[r];
        q.callerEndpoint[child] = q.localEndpoint[r];
        q.callerInstance[child] = q.instance[r];
        q.target[child] = plan.targets()[c];
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
        int i = q.callerInstance[child];
        CallPlan plan = plans[e];
        q.arrival[child] = now;
        if (q.counted[child]) {
            q.countCallAttempt(q.endpoint[child]);
        }
        CircuitBreaker[] cb = breakers[e][c];
        Bulkhead[] bh = bulkheads[e][c];
        if (cb != null && !cb[i].tryAcquire(now)) {
            q.failedEarly[child] = ErrorCause.CIRCUIT_OPEN.ordinal() + 1;
        } else if (bh != null && !bh[i].tryAcquire()) {
            q.failedEarly[child] = ErrorCause.BULKHEAD.ordinal() + 1;
            if (cb != null) {
                cb[i].onFailure(now); // the breaker permitted a call that failed
            }
        }
        if (q.failedEarly[child] != 0) {
            events.once(deliver, child, now);
            return;
        }
        long timeout = plan.timeouts()[c];
        if (timeout > 0) {
            q.callDeadline[child] = now + timeout;
            q.callDeadlineGeneration[child] = q.generation[child];
            events.once(attemptTimeout, child, now + timeout);
        }
        DurationSampler latency = plan.latencies()[c];
        events.once(deliver, child, latency == null ? now : now + latency.sampleNanos());
    }

    /** The caller's timeout for an attempt: it gives up (the callee may still be working on it). */
    private void attemptTimeout(int child) {
        long now = sim.now();
        Requests q = req;
        if (q.callDeadlineGeneration[child] != q.generation[child] || q.callDeadline[child] != now || q.abandoned[child]) {
            return; // answered in time, or the slot is another request's now
        }
        touch(now);
        int r = q.parent[child];
        CallPlan plan = plans[q.callerEndpoint[child]];
        int c = q.callIndex[child];
        q.abandoned[child] = true;
        q.cancelled[child] = plan.cancelOnTimeout()[c];
        endAttempt(child, false, now);
        if (current(child)) {
            attemptEnded(r, plan, c, q.attempt[child], false, ErrorCause.TIMEOUT, true, now);
        }
    }

    /** Gives back what an attempt held: its bulkhead slot, and its outcome to the breaker. */
    private void endAttempt(int child, boolean ok, long now) {
        Requests q = req;
        if (q.failedEarly[child] != 0) {
            return; // it never held anything
        }
        int e = q.callerEndpoint[child];
        int c = q.callIndex[child];
        int i = q.callerInstance[child];
        if (bulkheads[e][c] != null) {
            bulkheads[e][c][i].release();
        }
        if (breakers[e][c] != null) {
            if (ok) {
                breakers[e][c][i].onSuccess(now);
            } else {
                breakers[e][c][i].onFailure(now);
            }
        }
    }

    /** A call of ours was answered. */
    @Override
    public void completed(int child, long now) {
        callAnswered(child, true, null, now);
    }

    /** A call of ours failed. */
    @Override
    public void failed(int child, ErrorCause cause, long now) {
        callAnswered(child, false, cause, now);
    }

    /**
     * The network between zones: instance i of every component runs in zone i mod {@code zones};
     * an answer from another instance comes back after the intra- or cross-zone time (the call's
     * whole round trip, added in one piece when the answer arrives).
     */
    public void setZones(int zones, io.headroom.dist.DurationSampler intra, io.headroom.dist.DurationSampler cross) {
        this.zones = zones;
        this.intraZone = intra;
        this.crossZone = cross;
    }

    private int zones;
    private io.headroom.dist.DurationSampler intraZone;
    private io.headroom.dist.DurationSampler crossZone;
    private final EventHandler answerArrives = this::answerArrives;

    private void answerArrives(int child) {
        Requests q = req;
        callAnswered(child, q.failedEarly[child] == 0 && q.lastCallFailure[child] == -1, q.lastCallFailure[child] < 0 ? null
                : ErrorCause.all()[q.lastCallFailure[child]], sim.now(), false);
    }

    private void callAnswered(int child, boolean ok, ErrorCause cause, long now) {
        callAnswered(child, ok, cause, now, zones >= 1);
    }

    private void callAnswered(int child, boolean ok, ErrorCause cause, long now, boolean crossNetwork) {
        Requests q = req;
        if (crossNetwork && q.failedEarly[child] == 0 && !q.abandoned[child]) {
            int callerZone = q.callerInstance[child] % zones;
            int calleeZone = q.instance[child] % zones;
            io.headroom.dist.DurationSampler d = callerZone == calleeZone ? intraZone : crossZone;
            long delay = d == null ? 0 : d.sampleNanos();
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
        touch(now);
        attemptEnded(r, plans[e], c, attempt, ok, cause, early, now);
    }

    /**
     * An attempt of call {@code c} ended. A failure is retried while retries remain; otherwise the
     * call is over and the caller's calls phase goes on.
     *
     * @param own whether the failure is the caller's own (its timeout, breaker or bulkhead) rather than the callee's
     */
    private void attemptEnded(int r, CallPlan plan, int c, int attempt, boolean ok, ErrorCause cause, boolean own, long now) {
        Requests q = req;
        RetryPolicy retries = plan.retries()[c];
        if (!ok && attempt < retries.maxAttempts()) {
            send(r, plan, c, attempt + 1, now, now + retries.delayNs(attempt, callRng));
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
                callsDone(r, plan, true, now);
            } else if (q.failedCalls[r] > plan.size() - plan.needed()) {
                callsDone(r, plan, false, now);
            }
        } else if (!ok) {
            callsDone(r, plan, false, now);
        } else {
            nextCall(r, plan, now);
        }
    }

    private void callsDone(int r, CallPlan plan, boolean ok, long now) {
        req.callEpoch[r]++; // answers still out belong to a phase that is over
        ErrorCause cause = ok ? null : ErrorCause.all()[req.lastCallFailure[r]];
        if (plan.async()) {
            if (ok) {
                req.ownerOf(r).completed(r, now);
            } else {
                req.ownerOf(r).failed(r, cause, now);
            }
        } else {
            finish(r, req.instance[r], now, cause, true);
        }
    }

    // ---- processor sharing ----------------------------------------------------------------

    private double rate(int n) {
        return n <= cores ? 1.0 : (double) cores / n;
    }

    private void advance(int i, long now) {
        int n = computing[i];
        if (n > 0) {
            virtualTime[i] += (now - virtualAt[i]) * rate(n);
        }
        virtualAt[i] = now;
    }

    private void startComputing(int r, int i, long cpuNs, long now) {
        advance(i, now);
        int n = computing[i];
        if (n == 0) {
            virtualTime[i] = 0; // idle: restart the virtual clock so it never loses precision
        }
        req.virtualFinish[r] = virtualTime[i] + cpuNs;
        heapPush(i, r);
        computing[i] = n + 1;
        if (n < cores) {
            totalBusyCores++;
        }
        rescheduleCpu(i, now);
    }

    private void rescheduleCpu(int i, long now) {
        int n = computing[i];
        if (n == 0) {
            events.cancel(cpuTimer[i]);
            return;
        }
        double remaining = req.virtualFinish[cpuHeap[i][0]] - virtualTime[i];
        long dt = remaining <= 0 ? 0 : (long) Math.ceil(remaining / rate(n));
        events.schedule(cpuTimer[i], now + dt);
    }

    /** The instance's CPU timer: the request with the smallest virtual finish is done computing. */
    private void cpuDone(int i) {
        long now = sim.now();
        touch(now);
        advance(i, now);
        int r = heapPop(i);
        int n = --computing[i];
        if (n < cores) {
            totalBusyCores--;
        }
        rescheduleCpu(i, now);
        if (afterCpu(r, i, now)) {
            ownWorkDone(r, i, now, true);
        }
    }

    private void heapPush(int i, int r) {
        int[] h = cpuHeap[i];
        double[] key = req.virtualFinish;
        int p = computing[i];
        double k = key[r];
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            if (key[h[parent]] <= k) {
                break;
            }
            h[p] = h[parent];
            p = parent;
        }
        h[p] = r;
    }

    private int heapPop(int i) {
        int[] h = cpuHeap[i];
        double[] key = req.virtualFinish;
        int top = h[0];
        int size = computing[i] - 1;
        if (size > 0) {
            int last = h[size];
            double k = key[last];
            int p = 0;
            int half = size >>> 1;
            while (p < half) {
                int c = 2 * p + 1;
                if (c + 1 < size && key[h[c + 1]] < key[h[c]]) {
                    c++;
                }
                if (k <= key[h[c]]) {
                    break;
                }
                h[p] = h[c];
                p = c;
            }
            h[p] = last;
        }
        return top;
    }

    // ---- measurement ----------------------------------------------------------------------

    /** Brings the time integrals up to {@code now}; called before any state change. */
    public void touch(long now) {
        long dt = now - lastTouch;
        if (dt > 0) {
            areaBusy += (double) totalBusy * dt;
            areaCpu += (double) totalBusyCores * dt;
            areaQueue += (double) totalQueued * dt;
            areaInSystem += (double) inSystem * dt;
            lastTouch = now;
        }
    }

    /** Integrals (busy workers, busy cores, waiting requests, requests in the service) × ns since time 0. */
    public Areas areas(long now) {
        touch(now);
        return new Areas(areaBusy, areaCpu, areaQueue, areaInSystem);
    }

    /** Time integrals of a service's state, in request·nanoseconds (differences give averages). */
    public record Areas(double busyWorkers, double busyCores, double queued, double inSystem) {
        public Areas minus(Areas o) {
            return new Areas(busyWorkers - o.busyWorkers, busyCores - o.busyCores, queued - o.queued, inSystem - o.inSystem);
        }
    }

    @Override
    public int instances() {
        return replicas;
    }

    @Override
    public int outstanding(int i) {
        return busy[i] + queueLength[i];
    }

    public int replicas() {
        return replicas;
    }

    public int workers() {
        return workers;
    }

    public int cores() {
        return cores;
    }

    public boolean unboundedQueue() {
        return capacity < 0 && timeoutNs == NO_TIMEOUT;
    }

    public int inSystem() {
        return inSystem;
    }

    public int queued() {
        return totalQueued;
    }

    /** Counted (post-warm-up) requests that entered, i.e. were not rejected. */
    public long arrivals() {
        return arrivals;
    }

    /** Counted requests that left (completed or timed out in the queue). */
    public long departures() {
        return departures;
    }

    public long rejected() {
        return rejected;
    }

    public long timedOut() {
        return timedOut;
    }

    /** Counted requests that reached this service, admitted or not: with retries, attempts outnumber requests. */
    public long attempts() {
        return attempts;
    }

    /** Mean time in this service of counted requests that left it, in ns (NaN if none left). */
    public double meanSojournNs() {
        return departures == 0 ? Double.NaN : sojournSumNs / departures;
    }

    /** Counted requests that entered each instance. */
    public long[] enteredPerInstance() {
        return entered.clone();
    }
}
