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
import io.headroom.design.resilience.RetryPolicy;
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
 *
 * <p><b>Instances come and go.</b> Instances live in slots. A slot is free, or holds an instance
 * that is starting (billed, no work yet), ready (takes new work), draining (finishes what it holds,
 * takes nothing new, ends when empty) or down (crashed, waiting to be repaired). Dispatch picks
 * among ready instances only. Losing an instance fails every request it holds with
 * {@code instance_lost}. The lifecycle's clocks (startup, repair, drain timeout) are kept by whoever
 * drives it ({@code io.headroom.fleet.Fleet}); a fixed fleet's instances are ready from time 0.
 */
public final class ServiceStation implements Dispatcher.Load, Component, RequestListener {
    private static final long NO_TIMEOUT = -1;

    private final String name;
    private final Simulation sim;
    private final EventQueue events;
    private final Requests req;
    private final int initialReplicas;
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

    // per instance slot (arrays grow with the slots ever used)
    private int[] busy;
    private int[] queueHead;
    private int[] queueTail;
    private int[] queueLength;
    private int[] cpuTimer;
    private int[] timeoutTimer;
    private double[] virtualTime;
    private long[] virtualAt;
    private int[][] cpuHeap; // per instance: computing requests by virtual finish
    private int[] computing;
    private long[] entered;

    // lifecycle
    public static final byte FREE = 0;
    public static final byte STARTING = 1;
    public static final byte READY = 2;
    public static final byte DRAINING = 3;
    public static final byte DOWN = 4;
    private byte[] state;
    private int slotCount;
    private int[] readyList; // slots taking work, ascending
    private int readyCount;
    private int membership;
    private int present;     // instances in any state but free: what is billed
    private int serving;     // ready or draining: instances whose workers work
    private int peakPresent;
    private long lost;       // counted requests lost with their instance
    private InstanceListener lifecycle = (slot, now) -> { };

    // per-slot time integrals, kept only when a policy reads per-instance metrics
    private boolean trackSlots;
    private double[] slotBusyArea;
    private double[] slotCoreArea;
    private double[] slotQueueArea;
    private long[] slotTouched;
    private long[] slotArrivals;

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
    private double areaPresent;
    private double areaServingWorkers;
    private double areaServingCores;

    // counted (post-warm-up) flow through this station
    private long arrivals;
    private long departures;
    private long rejected;
    private long timedOut;
    private double sojournSumNs;

    private final EventHandler cpuDone = this::cpuDone;
    private final EventHandler ownCpuDone = this::ownCpuDone;
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
        this.workers = workers;
        this.cores = cores;
        this.dedicatedCores = workers <= cores;
        this.capacity = capacity;
        this.timeoutNs = timeoutNs <= 0 ? NO_TIMEOUT : timeoutNs;
        this.demand = demand;
        this.wait = wait;
        this.dispatcher = dispatcher;
        this.initialReplicas = replicas;
        errorRates = new double[demand.length];
        plans = new CallPlan[demand.length];
        java.util.Arrays.fill(plans, CallPlan.NONE);
        ownerId = req.register(this);
        allocateSlots(Math.max(replicas, 1));
        for (int i = 0; i < replicas; i++) {
            int slot = launch(0, 0);
            ready(slot, 0);
        }
    }

    /** Grows every per-slot array to {@code n} slots. */
    private void allocateSlots(int n) {
        int old = busy == null ? 0 : busy.length;
        busy = grow(busy, n);
        queueHead = grow(queueHead, n);
        queueTail = grow(queueTail, n);
        queueLength = grow(queueLength, n);
        cpuTimer = grow(cpuTimer, n);
        timeoutTimer = grow(timeoutTimer, n);
        virtualTime = virtualTime == null ? new double[n] : java.util.Arrays.copyOf(virtualTime, n);
        virtualAt = growLong(virtualAt, n);
        cpuHeap = cpuHeap == null ? new int[n][] : java.util.Arrays.copyOf(cpuHeap, n);
        computing = grow(computing, n);
        entered = growLong(entered, n);
        state = state == null ? new byte[n] : java.util.Arrays.copyOf(state, n);
        readyList = grow(readyList, n);
        slotBusyArea = slotBusyArea == null ? new double[n] : java.util.Arrays.copyOf(slotBusyArea, n);
        slotCoreArea = slotCoreArea == null ? new double[n] : java.util.Arrays.copyOf(slotCoreArea, n);
        slotQueueArea = slotQueueArea == null ? new double[n] : java.util.Arrays.copyOf(slotQueueArea, n);
        slotTouched = growLong(slotTouched, n);
        slotArrivals = growLong(slotArrivals, n);
        for (int i = old; i < n; i++) {
            queueHead[i] = -1;
            queueTail[i] = -1;
            cpuHeap[i] = new int[workers];
            cpuTimer[i] = events.timer(cpuDone, i);
            timeoutTimer[i] = events.timer(queueTimeout, i);
        }
        growResilience(n);
    }

    private static int[] grow(int[] a, int n) {
        return a == null ? new int[n] : java.util.Arrays.copyOf(a, n);
    }

    private static long[] growLong(long[] a, int n) {
        return a == null ? new long[n] : java.util.Arrays.copyOf(a, n);
    }

    /** Gives every caller slot its circuit breakers and bulkheads (kept across incarnations, so late answers balance). */
    private void growResilience(int n) {
        for (int e = 0; e < breakers.length; e++) {
            for (int c = 0; c < breakers[e].length; c++) {
                if (breakers[e][c] != null && breakers[e][c].length < n) {
                    int from = breakers[e][c].length;
                    breakers[e][c] = java.util.Arrays.copyOf(breakers[e][c], n);
                    for (int i = from; i < n; i++) {
                        breakers[e][c][i] = new CircuitBreaker(plans[e].breakers()[c]);
                    }
                }
                if (bulkheads[e][c] != null && bulkheads[e][c].length < n) {
                    int from = bulkheads[e][c].length;
                    bulkheads[e][c] = java.util.Arrays.copyOf(bulkheads[e][c], n);
                    for (int i = from; i < n; i++) {
                        bulkheads[e][c][i] = new Bulkhead(plans[e].bulkheads()[c]);
                    }
                }
            }
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
                    breakers[e][c] = new CircuitBreaker[0];
                }
                if (plans[e].bulkheads()[c] != null) {
                    bulkheads[e][c] = new Bulkhead[0];
                }
            }
        }
        growResilience(busy.length);
        tailEndpoint = new boolean[plans.length];
        for (int e = 0; e < plans.length; e++) {
            CallPlan plan = plans[e];
            int c = plan.size() - 1;
            tailEndpoint[e] = plan.async() && !plan.parallel() && c >= 0 && plan.latencies()[c] == null && plan.timeouts()[c] <= 0
                    && plan.retries()[c].maxAttempts() == 1 && plan.breakers()[c] == null && plan.bulkheads()[c] == null;
        }
    }

    /**
     * Per endpoint: whether its last call can be a tail call. An async endpoint whose last call has
     * no network time, no timeout, no retries, no breaker and no bulkhead has nothing left to do
     * for the request once it makes that call: the answer only travels back through it, a success
     * as a success and any failure as {@code dependency}. Such a call hands the request itself on
     * (as a load balancer does) instead of making a call record and its attempt bookkeeping; a slot
     * is still taken for it, at the same moments, so the requests in flight, the guard and the
     * results are exactly those of a call. Only requests of the load itself are handed on (nothing
     * times out on them or cancels them); calls made for other requests stay calls.
     */
    private boolean[] tailEndpoint = new boolean[0];

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
        acceptVia(r, dispatcher);
    }

    /** A request arrives now; {@code strategy} (a load balancer's in front) picks among the ready instances. */
    public void acceptVia(int r, Dispatcher strategy) {
        received++;
        if (readyCount == 0) {
            noInstance(r);
            return;
        }
        acceptAt(r, strategy.pick(this, req.key[r]));
    }

    /** A request arrives now for the primary: the lowest-numbered ready instance (a store shard's writes). */
    public void acceptAtPrimary(int r) {
        received++;
        if (readyCount == 0) {
            noInstance(r);
            return;
        }
        acceptAt(r, readyList[0]);
    }

    /** Nothing takes work (every instance starting, down or draining): refused at once, as a 503 would be. */
    private void noInstance(int r) {
        long now = sim.now();
        Requests q = req;
        q.instance[r] = -1; // reached no instance: no zone, nothing crossed the network
        if (q.cancelled[r]) {
            q.ownerOf(r).failed(r, ErrorCause.TIMEOUT, now);
            return;
        }
        if (q.counted[r]) {
            attempts++;
            rejected++;
        }
        q.ownerOf(r).failed(r, ErrorCause.REJECTED, now);
    }

    private long received;

    /** Every request sent to this service so far (counted or not, admitted or not). */
    public long received() {
        return received;
    }

    /** A request arrives now at ready instance {@code i}. */
    private void acceptAt(int r, int i) {
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
        if (trackSlots) {
            touchSlot(i, now);
            slotArrivals[i]++;
        }
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
        req.station[r] = ownerId;
        inSystem++;
        if (req.counted[r]) {
            arrivals++;
            entered[i]++;
        }
    }

    private void leave(int r, long now) {
        req.station[r] = -1;
        inSystem--;
        if (sojournSink != null) {
            sojournSink.record(now - req.stationArrival[r]);
        }
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
        if (trackSlots) {
            touchSlot(i, now);
        }
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
        } else if (state[i] == DRAINING && busy[i] == 0) {
            end(i, now);
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
            req.workEvent[r] = events.once(waitDone, r, now + off);
            return false;
        }
        return true;
    }

    private void waitDone(int r) {
        long now = sim.now();
        int i = ownEventFired(r, now);
        ownWorkDone(r, i, now, true);
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
        if (trackSlots) {
            touchSlot(i, now);
        }
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
        if (state[i] == DRAINING && busy[i] == 0 && queueLength[i] == 0) {
            end(i, now);
        }
    }

    // ---- calls ----------------------------------------------------------------------------

    private final EventHandler deliver = this::deliver;
    private final EventHandler handOn = this::handOn;
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
                if (c == plan.size() - 1 && q.parent[r] < 0 && zones == 0 && tailEndpoint[q.localEndpoint[r]]) {
                    handOnAsTailCall(r, plan, c, now);
                } else {
                    send(r, plan, c, 1, now, now);
                }
                return;
            }
        }
        callsDone(r, plan, true, now);
    }

    /** The last call of an async endpoint, as a tail call (see {@link #tailEndpoint}): the request itself goes on to the callee. */
    private void handOnAsTailCall(int r, CallPlan plan, int c, long now) {
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
        events.once(handOn, r, now); // reaches the callee at this instant, as a call's delivery does
    }

    private void handOn(int r) {
        components[req.target[r]].accept(r);
    }

    /** A request this service handed on as a tail call is answered: the answer goes to whoever had it before. */
    private void tailCallAnswered(int r, boolean ok, long now) {
        Requests q = req;
        int s = q.tailCall[r];
        q.tailCall[r] = q.link[s];
        q.owner[r] = q.owner[s];
        q.release(s);
        touch(now); // as an answered call does: the integrals split where they would be
        if (ok) {
            q.ownerOf(r).completed(r, now);
        } else {
            q.ownerOf(r).failed(r, ErrorCause.DEPENDENCY, now);
        }
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
        if (req.tailCall[child] >= 0) {
            tailCallAnswered(child, true, now);
            return;
        }
        callAnswered(child, true, null, now);
    }

    /** A call of ours failed. */
    @Override
    public void failed(int child, ErrorCause cause, long now) {
        if (req.tailCall[child] >= 0) {
            tailCallAnswered(child, false, now);
            return;
        }
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
    private long[][] callBytes;
    private java.util.function.LongConsumer crossZoneMeter;

    /** Bills the bytes of calls answered across zones: {@code bytes[endpoint][call]}, both ways. */
    public void meterCrossZone(long[][] bytes, java.util.function.LongConsumer meter) {
        this.callBytes = bytes;
        this.crossZoneMeter = meter;
    }

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
        if (crossNetwork && q.failedEarly[child] == 0 && !q.abandoned[child] && q.instance[child] >= 0) {
            int callerZone = q.callerInstance[child] % zones;
            int calleeZone = q.instance[child] % zones;
            if (callerZone != calleeZone && callBytes != null) {
                long bytes = callBytes[q.callerEndpoint[child]][q.callIndex[child]];
                if (bytes > 0) {
                    crossZoneMeter.accept(bytes);
                }
            }
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
            int i = req.instance[r];
            if (trackSlots) {
                touchSlot(i, now);
            }
            finish(r, i, now, cause, true);
        }
    }

    // ---- processor sharing ----------------------------------------------------------------
    //
    // Requests computing on an instance share its cores: each runs at rate min(1, cores / n). The
    // instance keeps a virtual clock (CPU time one request has received) and a heap of its
    // requests by virtual finish, and one timer for the earliest. With at least a core per worker
    // no request is ever slowed ({@code dedicatedCores}): each then simply finishes at start + demand,
    // on an event of its own, without the virtual clock, the heap or the timer's reschedules.

    /** Whether every worker has a core of its own (workers <= cores): no processor sharing can occur. */
    private final boolean dedicatedCores;

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
        if (dedicatedCores) {
            // never more computing than cores: the request runs at full speed and is done at now + cpuNs
            computing[i]++;
            totalBusyCores++;
            req.workEvent[r] = events.once(ownCpuDone, r, now + cpuNs);
            return;
        }
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

    /** Request {@code r}'s own pending event (its computation or its wait) has fired: the books are brought up to now; returns its instance. */
    private int ownEventFired(int r, long now) {
        touch(now);
        req.workEvent[r] = -1;
        int i = req.instance[r];
        if (trackSlots) {
            touchSlot(i, now);
        }
        return i;
    }

    /** With a core per worker: request {@code r} is done computing. */
    private void ownCpuDone(int r) {
        long now = sim.now();
        int i = ownEventFired(r, now);
        computing[i]--;
        totalBusyCores--;
        if (afterCpu(r, i, now)) {
            ownWorkDone(r, i, now, true);
        }
    }

    /** The instance's CPU timer: the request with the smallest virtual finish is done computing. */
    private void cpuDone(int i) {
        long now = sim.now();
        touch(now);
        if (trackSlots) {
            touchSlot(i, now);
        }
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
            areaPresent += (double) present * dt;
            areaServingWorkers += (double) serving * workers * dt;
            areaServingCores += (double) serving * cores * dt;
            lastTouch = now;
        }
    }

    /** Brings instance {@code i}'s own integrals up to {@code now} (only when per-instance metrics are kept). */
    private void touchSlot(int i, long now) {
        long dt = now - slotTouched[i];
        if (dt > 0) {
            slotBusyArea[i] += (double) busy[i] * dt;
            slotCoreArea[i] += (double) Math.min(computing[i], cores) * dt;
            slotQueueArea[i] += (double) queueLength[i] * dt;
            slotTouched[i] = now;
        }
    }

    /** Integrals (busy workers, busy cores, waiting requests, requests in the service, instances, worker and core capacity) × ns since time 0. */
    public Areas areas(long now) {
        touch(now);
        return new Areas(areaBusy, areaCpu, areaQueue, areaInSystem, areaPresent, areaServingWorkers, areaServingCores);
    }

    /**
     * Time integrals of a service's state, in request·nanoseconds (differences give averages):
     * busy workers, busy cores, waiting requests, requests in the service, instances in any state
     * (what is billed), and the workers and cores of instances that work (ready or draining).
     */
    public record Areas(double busyWorkers, double busyCores, double queued, double inSystem, double instances,
                        double servingWorkers, double servingCores) {
        public Areas minus(Areas o) {
            return new Areas(busyWorkers - o.busyWorkers, busyCores - o.busyCores, queued - o.queued, inSystem - o.inSystem,
                    instances - o.instances, servingWorkers - o.servingWorkers, servingCores - o.servingCores);
        }
    }

    /**
     * Writes into {@code into} from {@code at} the integrals of one instance's busy workers, busy cores and
     * queue, and the requests it was sent (per-instance metrics on).
     */
    public void slotAreas(int i, long now, double[] into, int at) {
        touchSlot(i, now);
        into[at] = slotBusyArea[i];
        into[at + 1] = slotCoreArea[i];
        into[at + 2] = slotQueueArea[i];
        into[at + 3] = slotArrivals[i];
    }

    /** Receives the time every request spent in this service as it leaves (for a latency metric), or null. */
    public interface SojournSink {
        void record(long ns);
    }

    private SojournSink sojournSink;

    public void onLeave(SojournSink sink) {
        this.sojournSink = sink;
    }

    /** Keeps per-instance integrals from now on (for autoscaling policies that read per-instance metrics). */
    public void trackInstances(long now) {
        for (int i = 0; i < slotCount; i++) {
            slotTouched[i] = now;
        }
        trackSlots = true;
    }

    // ---- lifecycle ------------------------------------------------------------------------

    /** Told when an instance ends (drained empty, stopped, lost for good): its slot is free again. */
    public interface InstanceListener {
        void ended(int slot, long now);
    }

    public void onInstanceEnded(InstanceListener listener) {
        this.lifecycle = listener;
    }

    /**
     * A new instance, starting (billed, no work yet). Slot {@code i} is in zone {@code i mod zones},
     * so the instance takes the lowest free slot of zone {@code wantedZone} (any zone if negative).
     */
    public int launch(long now, int wantedZone) {
        touch(now);
        int z = Math.max(zones, 1);
        int i = wantedZone < 0 ? 0 : wantedZone % z;
        int step = wantedZone < 0 ? 1 : z;
        while (i < slotCount && state[i] != FREE) {
            i += step;
        }
        while (i >= busy.length) {
            allocateSlots(busy.length * 2);
        }
        slotCount = Math.max(slotCount, i + 1);
        state[i] = STARTING;
        present++;
        peakPresent = Math.max(peakPresent, present);
        if (trackSlots) {
            touchSlot(i, now);
        }
        return i;
    }

    /** Instance {@code i} (starting or down) takes work from now on. */
    public void ready(int i, long now) {
        if (state[i] != STARTING && state[i] != DOWN) {
            throw new IllegalStateException(name + " instance " + i + " is not starting or down");
        }
        touch(now);
        state[i] = READY;
        serving++;
        addReady(i);
    }

    /**
     * Takes instance {@code i} out of service gracefully: it gets no new work, finishes what it
     * holds and then ends. One that holds nothing (or is starting or down) ends at once.
     */
    public void drain(int i, long now) {
        touch(now);
        byte st = state[i];
        if (st == READY) {
            removeReady(i);
            state[i] = DRAINING;
            if (busy[i] == 0 && queueLength[i] == 0) {
                end(i, now);
            }
        } else if (st == STARTING || st == DOWN) {
            end(i, now);
        }
    }

    /**
     * Instance {@code i} is lost (a crash, a zone outage, a spot instance terminated, a drain that
     * ran out of time): every request it holds fails with {@code instance_lost}. It then ends, or,
     * with {@code repair}, stays down (billed, no work) until {@link #ready}.
     */
    public void lose(int i, long now, boolean repair) {
        touch(now);
        if (trackSlots) {
            touchSlot(i, now);
        }
        byte st = state[i];
        if (st == FREE) {
            return;
        }
        if (st == READY) {
            removeReady(i);
        }
        int[] victims = detachAll(i, now);
        if (st == READY || st == DRAINING) {
            serving--;
        }
        if (repair) {
            state[i] = DOWN;
        } else {
            state[i] = FREE;
            present--;
        }
        for (int r : victims) {
            if (req.counted[r]) {
                lost++;
            }
            req.ownerOf(r).failed(r, ErrorCause.INSTANCE_LOST, now);
        }
        if (!repair) {
            lifecycle.ended(i, now);
        }
    }

    /** Empties instance {@code i}: its queue, its computing and waiting requests; returns them (they have left). */
    private int[] detachAll(int i, long now) {
        Requests q = req;
        int n = 0;
        int[] victims = new int[busy[i] + queueLength[i]];
        for (int r = queueHead[i]; r >= 0; r = q.link[r]) {
            victims[n++] = r;
        }
        totalQueued -= queueLength[i];
        queueLength[i] = 0;
        queueHead[i] = -1;
        queueTail[i] = -1;
        events.cancel(timeoutTimer[i]);
        totalBusyCores -= Math.min(computing[i], cores);
        computing[i] = 0;
        events.cancel(cpuTimer[i]);
        if (busy[i] > 0) {
            int queued = n;
            int hw = q.highWater();
            for (int r = 0; r < hw; r++) {
                if (q.station[r] == ownerId && q.instance[r] == i && !contains(victims, n, r)) {
                    victims[n++] = r;
                }
            }
            inCallOrder(victims, queued, n);
            for (int k = queued; k < n; k++) {
                int r = victims[k];
                if (q.workEvent[r] >= 0) {
                    events.cancelOnce(q.workEvent[r]);
                    q.workEvent[r] = -1;
                }
                q.callEpoch[r]++; // answers to its calls now belong to a phase that is over
            }
            totalBusy -= busy[i];
            busy[i] = 0;
        }
        for (int k = 0; k < n; k++) {
            leave(victims[k], now);
        }
        return n == victims.length ? victims : java.util.Arrays.copyOf(victims, n);
    }

    /**
     * Orders the requests in {@code a[from, to)} by the slot of the call that brought each here: a
     * request handed on as a tail call is ordered by the slot standing for that call, exactly as the
     * call record would have been, so that what happens to them one after another (their failures,
     * and whatever their owners do next) happens in the same order either way.
     */
    private void inCallOrder(int[] a, int from, int to) {
        Requests q = req;
        long[] keyed = new long[to - from]; // (call slot, request slot): slots are non-negative ints
        for (int k = from; k < to; k++) {
            int r = a[k];
            long key = q.tailCall[r] >= 0 ? q.tailCall[r] : r;
            keyed[k - from] = key << 32 | r;
        }
        java.util.Arrays.sort(keyed);
        for (int k = from; k < to; k++) {
            a[k] = (int) keyed[k - from];
        }
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int k = 0; k < n; k++) {
            if (a[k] == v) {
                return true;
            }
        }
        return false;
    }

    private void end(int i, long now) {
        if (state[i] == READY || state[i] == DRAINING) {
            serving--;
        }
        state[i] = FREE;
        present--;
        lifecycle.ended(i, now);
    }

    private void addReady(int i) {
        int k = readyCount;
        while (k > 0 && readyList[k - 1] > i) {
            readyList[k] = readyList[k - 1];
            k--;
        }
        readyList[k] = i;
        readyCount++;
        membership++;
    }

    private void removeReady(int i) {
        int k = 0;
        while (readyList[k] != i) {
            k++;
        }
        System.arraycopy(readyList, k + 1, readyList, k, readyCount - k - 1);
        readyCount--;
        membership++;
    }

    /** The state of slot {@code i}: {@link #FREE}, {@link #STARTING}, {@link #READY}, {@link #DRAINING} or {@link #DOWN}. */
    public byte state(int i) {
        return i < slotCount ? state[i] : FREE;
    }

    /** The zone of slot {@code i}: {@code i mod zones} (0 without zones). */
    public int zoneOf(int i) {
        return zones >= 1 ? i % zones : 0;
    }

    /** Slots ever used: every instance number is below this. */
    public int slotCount() {
        return slotCount;
    }

    /** Instances in any state but free: what is billed now. */
    public int present() {
        return present;
    }

    /** Most instances present at once. */
    public int peakPresent() {
        return peakPresent;
    }

    /** Counted requests lost with their instance. */
    public long lost() {
        return lost;
    }

    @Override
    public int instances() {
        return readyCount;
    }

    @Override
    public int instanceAt(int k) {
        return readyList[k];
    }

    @Override
    public int membership() {
        return membership;
    }

    @Override
    public int outstanding(int i) {
        return busy[i] + queueLength[i];
    }

    /** Instances given at the start (a fixed fleet's size). */
    public int replicas() {
        return initialReplicas;
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

    /** Counted requests that entered each instance slot. */
    public long[] enteredPerInstance() {
        return java.util.Arrays.copyOf(entered, slotCount);
    }
}
