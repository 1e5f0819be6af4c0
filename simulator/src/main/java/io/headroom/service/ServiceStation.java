package io.headroom.service;

import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.request.Component;
import io.headroom.request.ErrorCause;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;
import io.headroom.routing.Dispatcher;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A service at run time: {@code replicas} instances, each with {@code workers} threads, a FIFO
 * queue in front of them, and {@code cores} CPUs; set up before the run through {@link #setup()}.
 *
 * <p>A request that finds a free worker starts at once; otherwise it waits in its instance's queue
 * (or is rejected if the queue is full) and leaves as a timeout if it waits longer than the queue's
 * timeout ({@link InstanceQueues}). A started request first computes its CPU demand on the
 * instance's cores ({@link Processors}: processor sharing, or a core of its own), then spends its
 * off-CPU wait, holding its worker throughout; then it may fail by the endpoint's error rate, or
 * make the endpoint's calls ({@link CallOrchestrator}, guarded by {@link Guards}, across the
 * {@link ZoneNetwork}, the last one possibly a {@link TailCalls tail call}).
 *
 * <p>Instances live in slots ({@link InstanceSlots}): starting, ready, draining or down. Dispatch
 * picks among ready instances only. Losing an instance fails every request it holds with
 * {@code instance_lost}. Whoever drives the lifecycle ({@code io.headroom.fleet.Fleet}, through
 * {@link #lifecycle()}) keeps its clocks (startup, repair, drain timeout); a fixed fleet's instances
 * are ready from time 0.
 *
 * <p>During a rollout instances run different versions ({@link StationVersions}): a request takes the demand, wait,
 * error rate and calls of its instance's version; {@link #onServed} reports what each version served, and
 * {@link #routeVersions} splits the traffic between versions exactly ({@link VersionRouting}).
 *
 * <p>This class coordinates those parts and keeps the service's books: workers busy, requests in
 * the service, the counted flow through it ({@link #figures()}), and the time integrals of each
 * level, brought up to date ({@link #touch}) before any state change.
 */
public final class ServiceStation implements Dispatcher.Load, Component, RequestListener {
    public static final byte FREE = InstanceSlots.FREE;
    public static final byte STARTING = InstanceSlots.STARTING;
    public static final byte READY = InstanceSlots.READY;
    public static final byte DRAINING = InstanceSlots.DRAINING;
    public static final byte DOWN = InstanceSlots.DOWN;

    private final String name;
    private final Simulation sim;
    private final EventQueue events;
    private final Requests req;
    private int initialReplicas;
    private final int workers;
    private final int cores;
    private final Dispatcher dispatcher;
    private final int ownerId;
    private final StationVersions versions;
    private VersionRouting routing; // null: dispatch over every ready instance

    private final InstanceSlots slots;
    private final InstanceQueues queues;
    private final OwnWork work;
    private final Processors cpu;
    private final Guards guards = new Guards();
    private final ZoneNetwork network = new ZoneNetwork();
    private final TailCalls tails;
    private final CallOrchestrator calls;
    private final InstanceLifecycle lifecycle;
    private final StationSetup setup;
    private ConnectionPools pools; // null until a call names a pool
    private PodCpu podCpu;

    // per instance slot (arrays grow with the slots ever used)
    private int[] busy = new int[0];

    // totals over instances, and their integrals over time (for averages)
    private int totalBusy;
    private final ServiceIntegrals integrals = new ServiceIntegrals();
    private final ServiceFlow flow;

    /**
     * @param capacity  each instance's queue capacity (-1: unbounded)
     * @param timeoutNs longest wait in a queue (0 or less: none)
     * @param demand    per endpoint, CPU demand sampler (null: no CPU work)
     * @param wait      per endpoint, off-CPU wait sampler (null: no wait)
     */
    public ServiceStation(String name, Simulation sim, Requests req, int replicas, int workers, int cores,
                          int capacity, long timeoutNs, DurationSampler[] demand, DurationSampler[] wait, Dispatcher dispatcher) {
        this.name = name;
        this.sim = sim;
        this.events = sim.events();
        this.req = req;
        this.workers = workers;
        this.cores = cores;
        this.dispatcher = dispatcher;
        this.initialReplicas = replicas;
        versions = new StationVersions(demand.length);
        ownerId = req.register(this);
        flow = new ServiceFlow(req, ownerId, versions);
        slots = new InstanceSlots(0);
        queues = new InstanceQueues(req, events, this::queueTimeout, capacity, timeoutNs);
        work = new OwnWork(this, sim, req, versions, workers, cores, demand, wait);
        cpu = work.cpu();
        tails = new TailCalls(sim, req, ownerId);
        calls = new CallOrchestrator(this, sim, req, ownerId, demand.length, guards, network, tails);
        lifecycle = new InstanceLifecycle(this, slots, queues, cpu, network, flow, req, events, ownerId, versions);
        setup = new StationSetup(this, sim, calls, guards, tails, slots, work, versions, flow, network, lifecycle, integrals);
        allocateSlots(Math.max(replicas, 1));
        for (int i = 0; i < replicas; i++) {
            int slot = lifecycle.launch(0, 0);
            lifecycle.ready(slot, 0);
        }
    }

    /** Grows every per-slot part to {@code n} slots. */
    void allocateSlots(int n) {
        slots.grow(n);
        queues.grow(n);
        cpu.grow(n);
        busy = Arrays.copyOf(busy, n);
        versions.grow(n);
        flow.grow(n);
        integrals.grow(n);
        guards.grow(n);
        if (pools != null) {
            pools.grow(n);
        }
    }

    /** Its instances' lifecycle, as the fleet drives it: launch, ready, drain, withdraw, release, lose. */
    public InstanceLifecycle lifecycle() {
        return lifecycle;
    }

    /** Everything set before the run: what its endpoints call, its versions, CPU model, zones, meters and listeners. */
    public StationSetup setup() {
        return setup;
    }

    /** Opens (again, once a version adds calls) the connection pools its calls name, under {@code limits}. */
    void configurePools(IntFunction<ConnectionLimit> limits) {
        pools = ConnectionPools.configure(pools, calls, sim, req, limits, slots.capacity(), this::holdsConnections);
    }

    /** Whether instance {@code i} is up (starting, ready or draining): it holds its pools' connections. */
    private boolean holdsConnections(int i) {
        byte st = slots.state(i);
        return st == STARTING || st == READY || st == DRAINING;
    }

    /** Instance {@code i} starts, or is back from repair: its pools' connections open. */
    void connectionsOpened(int i, long now) {
        if (pools != null) {
            pools.start(i, now);
        }
    }

    /** Instance {@code i} stops or is lost: its pools' connections close. */
    void connectionsClosed(int i, long now) {
        if (pools != null) {
            pools.stop(i, now);
        }
    }

    /** Each connection pool's figures, in the order the service's calls first reach their callees (empty without pools). */
    public List<PoolFigures> pools() {
        return pools == null ? List.of() : pools.figures();
    }

    /** The integrals up to {@code now} of each pool's connections open and missing ({@link ConnectionPools#areas}). */
    public double[] poolAreas(long now) {
        return pools == null ? ConnectionPools.NO_AREAS : pools.areas(now);
    }

    /** Versions of the code, 1 without deployments. */
    public int versions() {
        return versions.count();
    }

    /** Reports every request an instance served, with its instance's version ({@link ServedSink}); null: none. */
    public void onServed(ServedSink sink) {
        flow.onServed(sink);
        if (sink != null) {
            tails.turnOff();
        }
    }

    /**
     * From now on each request goes to the ready instances of {@code version} with probability {@code weight}, else to
     * those of the other versions ({@link VersionRouting}), drawn from {@code rng}; {@code version} -1 ends the split.
     */
    public void routeVersions(int version, double weight, RandomGenerator rng) {
        routing = version < 0 ? null : (routing == null ? new VersionRouting(this, versions) : routing).set(version, weight, rng);
    }

    /** Its own work: demand, CPU and wait. */
    OwnWork work() {
        return work;
    }

    /** Its instances' CPU as pods: a CPU limit, a share of the node's cores, the throttling seen. */
    public PodCpu podCpu() {
        podCpu = podCpu == null ? new PodCpu(this, work) : podCpu;
        return podCpu;
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
        flow.received();
        if (slots.readyCount() == 0) {
            noInstance(r);
            return;
        }
        acceptAt(r, routing == null ? strategy.pick(this, req.key[r]) : routing.pick(strategy, req.key[r]));
    }

    /** A request arrives now for the primary: the lowest-numbered ready instance (a store shard's writes). */
    public void acceptAtPrimary(int r) {
        flow.received();
        if (slots.readyCount() == 0) {
            noInstance(r);
            return;
        }
        acceptAt(r, slots.readyAt(0));
    }

    /** A request arrives now for instance {@code i} (chosen by a database's router); refused as {@link #accept} would if it is not ready. */
    public void acceptAtInstance(int r, int i) {
        flow.received();
        if (slots.state(i) != READY) {
            noInstance(r);
            return;
        }
        acceptAt(r, i);
    }

    /** Nothing takes work (every instance starting, down or draining): refused at once, as a 503 would be. */
    private void noInstance(int r) {
        long now = sim.now();
        Requests q = req;
        q.instance[r] = -1; // reached no instance: no zone, nothing crossed the network
        if (q.failIfCancelled(r, now)) {
            flow.cancelled();
            return;
        }
        flow.attempt(r);
        flow.rejected(r);
        q.ownerOf(r).failed(r, ErrorCause.REJECTED, now);
    }

    /** A request arrives now at ready instance {@code i}. */
    private void acceptAt(int r, int i) {
        long now = sim.now();
        touch(now);
        Requests q = req;
        if (q.failIfCancelled(r, now)) {
            flow.cancelled();
            return;
        }
        flow.attempt(r);
        q.instance[r] = i;
        if (integrals.perSlot()) {
            touchSlot(i, now);
            integrals.arrivedAt(i);
        }
        if (busy[i] < workers) {
            flow.enter(r, i, now);
            if (start(r, i, now)) {
                ownWorkDone(r, i, now, true);
            }
        } else if (queues.full(i)) {
            flow.rejected(r);
            q.ownerOf(r).failed(r, ErrorCause.REJECTED, now);
        } else {
            flow.enter(r, i, now);
            queues.add(r, i, now);
        }
    }

    /** Instance {@code i}'s queue timer: every waiting request whose deadline has come leaves as a timeout. */
    private void queueTimeout(int i) {
        long now = sim.now();
        touch(now);
        touchTracked(i, now);
        while (queues.headExpired(i, now)) {
            int r = queues.poll(i);
            flow.timedOut(r);
            flow.leave(r, now, ErrorCause.TIMEOUT.ordinal());
            req.ownerOf(r).failed(r, ErrorCause.TIMEOUT, now);
        }
        if (!queues.rearm(i) && slots.endsWhenEmpty(i) && busy[i] == 0) {
            lifecycle.end(i, now);
        }
    }

    // ---- a request's own work -------------------------------------------------------------

    /** Gives request {@code r} a worker and starts its work; returns true if that work is done at once. */
    private boolean start(int r, int i, long now) {
        busy[i]++;
        totalBusy++;
        return work.start(r, i, now);
    }

    /**
     * Request {@code r}'s own work (demand, wait) is done: it finishes, or goes on to its calls —
     * holding its worker, or, for an async endpoint, leaving the service and freeing the worker.
     *
     * @param serve whether to hand a freed worker to the queue here (false inside {@link #serveQueue})
     */
    void ownWorkDone(int r, int i, long now, boolean serve) {
        int ve = versions.index(i, req.localEndpoint[r]);
        if (work.failsByItself(ve, calls)) {
            finish(r, i, now, ErrorCause.FAILED, serve);
            return;
        }
        CallPlan plan = calls.plan(ve);
        if (plan.isEmpty()) {
            finish(r, i, now, null, serve);
        } else if (plan.async()) {
            freeWorker(r, i, now, ServiceFlow.PASSED_ON);
            calls.begin(r, ve, now);
            if (serve) {
                serveQueue(i, now);
            }
        } else {
            calls.begin(r, ve, now);
        }
    }

    /** The calls of request {@code r}, passed on by an async endpoint (versioned endpoint {@code ve}), are over. */
    void passedOnEnded(int r, int ve, boolean ok, long now) {
        flow.passedOnEnded(r, ve, ok, now);
    }

    /** The calls of request {@code r}, made holding its worker, are over ({@code cause} null: all went well). */
    void callsFinished(int r, ErrorCause cause, long now) {
        int i = req.instance[r];
        touchTracked(i, now);
        finish(r, i, now, cause, true);
    }

    /** Frees request {@code r}'s worker and tells its owner how it went ({@code cause} null: success). */
    private void finish(int r, int i, long now, ErrorCause cause, boolean serve) {
        freeWorker(r, i, now, cause == null ? ServiceFlow.COMPLETED : cause.ordinal());
        if (cause == null) {
            req.ownerOf(r).completed(r, now);
        } else {
            req.ownerOf(r).failed(r, cause, now);
        }
        if (serve) {
            serveQueue(i, now);
        }
    }

    private void freeWorker(int r, int i, long now, int outcome) {
        busy[i]--;
        totalBusy--;
        flow.leave(r, now, outcome);
    }

    /**
     * Gives freed workers of instance {@code i} to waiting requests, in order. A loop, not a
     * recursion: requests that cost nothing are finished here one after another.
     */
    private void serveQueue(int i, long now) {
        touchTracked(i, now);
        while (queues.length(i) > 0 && busy[i] < workers) {
            int next = queues.poll(i);
            if (req.cancelled[next]) {
                flow.leave(next, now, ErrorCause.TIMEOUT.ordinal()); // its caller gave up and cancelled it: dropped unserved
                req.ownerOf(next).failed(next, ErrorCause.TIMEOUT, now);
                continue;
            }
            if (start(next, i, now)) {
                ownWorkDone(next, i, now, false);
            }
        }
        if (slots.endsWhenEmpty(i) && busy[i] == 0 && queues.length(i) == 0) {
            lifecycle.end(i, now);
        }
    }

    // ---- answers to this service's calls ---------------------------------------------------

    /** A call of ours was answered. */
    @Override
    public void completed(int child, long now) {
        calls.answered(child, true, null, now);
    }

    /** A call of ours failed. */
    @Override
    public void failed(int child, ErrorCause cause, long now) {
        calls.answered(child, false, cause, now);
    }

    // ---- measurement ----------------------------------------------------------------------

    /** Brings the time integrals up to {@code now}; called before any state change. */
    public void touch(long now) {
        if (integrals.current(now)) {
            return;
        }
        int serving = slots.serving();
        integrals.update(now, totalBusy, cpu.busyCores(), queues.total(), flow.inSystem(), slots.present(), (double) serving * workers,
                (double) serving * cores);
    }

    /** Brings instance {@code i}'s own integrals up to {@code now}. */
    private void touchSlot(int i, long now) {
        integrals.updateSlot(i, now, busy[i], cpu.busyCores(i), queues.length(i));
    }

    /** Brings instance {@code i}'s own integrals up to {@code now} when per-instance metrics are kept. */
    void touchTracked(int i, long now) {
        if (integrals.perSlot()) {
            touchSlot(i, now);
        }
    }

    /** Integrals (busy workers, busy cores, waiting requests, requests in the service, instances, worker and core capacity) × ns since time 0. */
    public ServiceAreas areas(long now) {
        touch(now);
        return integrals.areas();
    }

    /** How many integrals {@link #areasInto} writes, and where each is. */
    public static final int AREAS = 7, BUSY_WORKERS = 0, BUSY_CORES = 1, QUEUED = 2, IN_SYSTEM = 3, INSTANCES = 4, SERVING_WORKERS = 5,
            SERVING_CORES = 6;

    /** {@link #areas}'s seven integrals written into {@code into} (in {@link ServiceAreas}' order), allocating nothing. */
    public void areasInto(long now, double[] into) {
        touch(now);
        integrals.areasInto(into);
    }

    /**
     * Writes into {@code into} from {@code at} the integrals of one instance's busy workers, busy cores and
     * queue, and the requests it was sent (per-instance metrics on).
     */
    public void slotAreas(int i, long now, double[] into, int at) {
        touchSlot(i, now);
        integrals.slotAreas(i, into, at);
    }

    // ---- lifecycle ------------------------------------------------------------------------

    /** Workers busy at instance {@code i}. */
    int busy(int i) {
        return busy[i];
    }

    /** Instance {@code i} is lost: its workers are free (their requests detached by the lifecycle). */
    void freeWorkers(int i) {
        totalBusy -= busy[i];
        busy[i] = 0;
    }

    // ---- state and counts -----------------------------------------------------------------

    /** The version instance {@code i} runs. */
    public int version(int i) {
        return versions.of(i);
    }

    /** The state of slot {@code i}: {@link #FREE}, {@link #STARTING}, {@link #READY}, {@link #DRAINING} or {@link #DOWN}. */
    public byte state(int i) {
        return slots.state(i);
    }

    /** The zone of slot {@code i}: {@code i mod zones} (0 without zones). */
    public int zoneOf(int i) {
        return network.zoneOf(i);
    }

    /** Slots ever used: every instance number is below this. */
    public int slotCount() {
        return slots.slotCount();
    }

    /** Instances in any state but free: what is billed now. */
    public int present() {
        return slots.present();
    }

    @Override
    public int instances() {
        return slots.readyCount();
    }

    @Override
    public int instanceAt(int k) {
        return slots.readyAt(k);
    }

    @Override
    public int membership() {
        return slots.membership();
    }

    @Override
    public int outstanding(int i) {
        return busy[i] + queues.length(i);
    }

    /** Instances given at the start (a fixed fleet's size). */
    public int replicas() {
        return initialReplicas;
    }

    /**
     * The count the design declares when the station starts without its instances (a pod service's pods are
     * launched as the scheduler binds them): what {@link #replicas} reports.
     */
    public void declareReplicas(int n) {
        initialReplicas = n;
    }

    public int workers() {
        return workers;
    }

    public int cores() {
        return cores;
    }

    public boolean unboundedQueue() {
        return queues.unbounded();
    }

    public int inSystem() {
        return flow.inSystem();
    }

    /** Every request sent to this service so far (counted or not, admitted or not). */
    public long received() {
        return flow.receivedCount();
    }

    /** The books of every request sent here, for the run's self-checks. */
    public FlowBalance balance() {
        return flow.balance();
    }

    /** What {@code Requests.station} holds for a request inside this service. */
    public int ownerId() {
        return ownerId;
    }

    /** Its figures now: requests queued, what the counted ones did, breakers' fast failures, peak instances. */
    public ServiceFigures figures() {
        return new ServiceFigures(queues.total(), flow.attempts(), flow.arrivals(), flow.departures(),
                flow.rejectedCount(), flow.timedOutCount(), flow.meanSojournNs(), guards.notPermitted(), slots.peakPresent(),
                flow.entered(slots.slotCount()));
    }
}
