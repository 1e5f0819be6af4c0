package io.headroom.service;

import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.metrics.TimeIntegral;
import io.headroom.metrics.TimeIntegrals;
import io.headroom.request.Component;
import io.headroom.request.ErrorCause;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;
import io.headroom.routing.Dispatcher;
import java.util.Arrays;
import java.util.function.LongConsumer;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A service at run time: {@code replicas} instances, each with {@code workers} threads, a FIFO
 * queue in front of them, and {@code cores} CPUs.
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
 * {@code instance_lost}. The lifecycle's clocks (startup, repair, drain timeout) are kept by
 * whoever drives it ({@code io.headroom.fleet.Fleet}); a fixed fleet's instances are ready from
 * time 0.
 *
 * <p>This class coordinates those parts and keeps the service's books: workers busy, requests in
 * the service, the counted flow through it, and the time integrals of each level, brought up to
 * date ({@link #touch}) before any state change.
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
    private final int initialReplicas;
    private final int workers;
    private final int cores;
    private final DurationSampler[] demand;
    private final DurationSampler[] wait;
    private final Dispatcher dispatcher;
    private final int ownerId;
    private double[] errorRates;

    private final EventHandler cpuDone = this::cpuDone;
    private final EventHandler ownCpuDone = this::ownCpuDone;
    private final EventHandler waitDone = this::waitDone;
    private final EventHandler queueTimeout = this::queueTimeout;

    private final InstanceSlots slots;
    private final InstanceQueues queues;
    private final Processors cpu;
    private final Guards guards = new Guards();
    private final ZoneNetwork network = new ZoneNetwork();
    private final TailCalls tails;
    private final CallOrchestrator calls;
    private InstanceListener lifecycle = (slot, now) -> { };

    // per instance slot (arrays grow with the slots ever used)
    private int[] busy = new int[0];
    private long[] entered = new long[0];
    private long[] slotArrivals = new long[0];

    // per-slot time integrals, kept only when a policy reads per-instance metrics
    private boolean trackSlots;
    private final TimeIntegrals slotBusy = new TimeIntegrals(0);
    private final TimeIntegrals slotCores = new TimeIntegrals(0);
    private final TimeIntegrals slotQueue = new TimeIntegrals(0);

    // totals over instances, and their integrals over time (for averages)
    private int totalBusy;
    private int inSystem;
    private final TimeIntegral busyArea = new TimeIntegral(0);
    private final TimeIntegral cpuArea = new TimeIntegral(0);
    private final TimeIntegral queueArea = new TimeIntegral(0);
    private final TimeIntegral inSystemArea = new TimeIntegral(0);
    private final TimeIntegral presentArea = new TimeIntegral(0);
    private final TimeIntegral servingWorkersArea = new TimeIntegral(0);
    private final TimeIntegral servingCoresArea = new TimeIntegral(0);

    // flow through this station (counted: post-warm-up)
    private long received;
    private long attempts;
    private long arrivals;
    private long departures;
    private long rejected;
    private long timedOut;
    private long lost;
    private double sojournSumNs;
    private SojournSink sojournSink;

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
        this.demand = demand;
        this.wait = wait;
        this.dispatcher = dispatcher;
        this.initialReplicas = replicas;
        errorRates = new double[demand.length];
        ownerId = req.register(this);
        slots = new InstanceSlots(0);
        queues = new InstanceQueues(req, events, queueTimeout, capacity, timeoutNs);
        cpu = new Processors(req, events, workers, cores, cpuDone, ownCpuDone);
        tails = new TailCalls(sim, req, ownerId);
        calls = new CallOrchestrator(this, sim, req, ownerId, demand.length, guards, network, tails);
        allocateSlots(Math.max(replicas, 1));
        for (int i = 0; i < replicas; i++) {
            int slot = launch(0, 0);
            ready(slot, 0);
        }
    }

    /** Grows every per-slot part to {@code n} slots. */
    private void allocateSlots(int n) {
        slots.grow(n);
        queues.grow(n);
        cpu.grow(n);
        busy = Arrays.copyOf(busy, n);
        entered = Arrays.copyOf(entered, n);
        slotArrivals = Arrays.copyOf(slotArrivals, n);
        slotBusy.grow(n);
        slotCores.grow(n);
        slotQueue.grow(n);
        guards.grow(n);
    }

    /**
     * Connects the service to the components its endpoints call (after every component exists).
     *
     * @param plans per endpoint, its calls ({@link CallPlan#NONE} for none)
     */
    public void wire(Component[] components, CallPlan[] plans, RandomGenerator callRng) {
        calls.configure(components, plans, callRng);
        guards.configure(plans, slots.capacity());
        tails.configure(components, plans);
    }

    /** The fraction of requests each endpoint fails by itself (after its work). */
    public void setErrorRates(double[] rates) {
        this.errorRates = rates.clone();
    }

    /** Calls fast-failed by an open breaker, over every breaker of this service. */
    public long callsNotPermitted() {
        return guards.notPermitted();
    }

    /** The zones its instances run in (0: none), and the round trip of an answer within a zone and across zones (null: no time). */
    public void setZones(int zones, DurationSampler intra, DurationSampler cross) {
        network.configure(zones, intra, cross);
    }

    /** Bills the bytes of calls answered across zones: {@code bytes[endpoint][call]}, both ways. */
    public void meterCrossZone(long[][] bytes, LongConsumer meter) {
        network.meter(bytes, meter);
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
        if (slots.readyCount() == 0) {
            noInstance(r);
            return;
        }
        acceptAt(r, strategy.pick(this, req.key[r]));
    }

    /** A request arrives now for the primary: the lowest-numbered ready instance (a store shard's writes). */
    public void acceptAtPrimary(int r) {
        received++;
        if (slots.readyCount() == 0) {
            noInstance(r);
            return;
        }
        acceptAt(r, slots.readyAt(0));
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
        } else if (queues.full(i)) {
            if (q.counted[r]) {
                rejected++;
            }
            q.ownerOf(r).failed(r, ErrorCause.REJECTED, now);
        } else {
            enter(r, i, now);
            queues.add(r, i, now);
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

    /** Instance {@code i}'s queue timer: every waiting request whose deadline has come leaves as a timeout. */
    private void queueTimeout(int i) {
        long now = sim.now();
        touch(now);
        if (trackSlots) {
            touchSlot(i, now);
        }
        while (queues.headExpired(i, now)) {
            int r = queues.poll(i);
            if (req.counted[r]) {
                timedOut++;
            }
            leave(r, now);
            req.ownerOf(r).failed(r, ErrorCause.TIMEOUT, now);
        }
        if (!queues.rearm(i) && slots.state(i) == DRAINING && busy[i] == 0) {
            end(i, now);
        }
    }

    // ---- a request's own work -------------------------------------------------------------

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
        long cpuNs = d == null ? 0 : d.sampleNanos();
        if (cpuNs > 0) {
            cpu.start(r, i, cpuNs, now);
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

    private void waitDone(int r) {
        long now = sim.now();
        int i = ownEventFired(r, now);
        ownWorkDone(r, i, now, true);
    }

    /** With a core per worker: request {@code r} is done computing. */
    private void ownCpuDone(int r) {
        long now = sim.now();
        int i = ownEventFired(r, now);
        cpu.finishDedicated(i);
        if (afterCpu(r, i, now)) {
            ownWorkDone(r, i, now, true);
        }
    }

    /** Instance {@code i}'s CPU timer: the request with the smallest virtual finish is done computing. */
    private void cpuDone(int i) {
        long now = sim.now();
        touch(now);
        if (trackSlots) {
            touchSlot(i, now);
        }
        int r = cpu.finishEarliest(i, now);
        if (afterCpu(r, i, now)) {
            ownWorkDone(r, i, now, true);
        }
    }

    /**
     * Request {@code r}'s own work (demand, wait) is done: it finishes, or goes on to its calls —
     * holding its worker, or, for an async endpoint, leaving the service and freeing the worker.
     *
     * @param serve whether to hand a freed worker to the queue here (false inside {@link #serveQueue})
     */
    private void ownWorkDone(int r, int i, long now, boolean serve) {
        int e = req.localEndpoint[r];
        if (errorRates[e] > 0 && calls.rng().nextDouble() < errorRates[e]) {
            finish(r, i, now, ErrorCause.FAILED, serve);
            return;
        }
        CallPlan plan = calls.plan(e);
        if (plan.isEmpty()) {
            finish(r, i, now, null, serve);
        } else if (plan.async()) {
            freeWorker(r, i, now);
            calls.begin(r, plan, now);
            if (serve) {
                serveQueue(i, now);
            }
        } else {
            calls.begin(r, plan, now);
        }
    }

    /** The calls of request {@code r}, made holding its worker, are over ({@code cause} null: all went well). */
    void callsFinished(int r, ErrorCause cause, long now) {
        int i = req.instance[r];
        if (trackSlots) {
            touchSlot(i, now);
        }
        finish(r, i, now, cause, true);
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
        while (queues.length(i) > 0 && busy[i] < workers) {
            int next = queues.poll(i);
            if (req.cancelled[next]) {
                leave(next, now); // its caller gave up and cancelled it: dropped unserved
                req.ownerOf(next).failed(next, ErrorCause.TIMEOUT, now);
                continue;
            }
            if (start(next, i, now)) {
                ownWorkDone(next, i, now, false);
            }
        }
        if (slots.state(i) == DRAINING && busy[i] == 0 && queues.length(i) == 0) {
            end(i, now);
        }
    }

    // ---- answers to this service's calls ---------------------------------------------------

    /** A call of ours was answered. */
    @Override
    public void completed(int child, long now) {
        if (tails.isTailCall(child)) {
            tailCallAnswered(child, true, now);
            return;
        }
        calls.answered(child, true, null, now);
    }

    /** A call of ours failed. */
    @Override
    public void failed(int child, ErrorCause cause, long now) {
        if (tails.isTailCall(child)) {
            tailCallAnswered(child, false, now);
            return;
        }
        calls.answered(child, false, cause, now);
    }

    /** A request this service handed on as a tail call is answered: the answer goes to whoever had it before. */
    private void tailCallAnswered(int r, boolean ok, long now) {
        tails.answered(r);
        touch(now); // as an answered call does: the integrals split where they would be
        if (ok) {
            req.ownerOf(r).completed(r, now);
        } else {
            req.ownerOf(r).failed(r, ErrorCause.DEPENDENCY, now);
        }
    }

    // ---- measurement ----------------------------------------------------------------------

    /** Brings the time integrals up to {@code now}; called before any state change. */
    public void touch(long now) {
        int serving = slots.serving();
        busyArea.update(now, totalBusy);
        cpuArea.update(now, cpu.busyCores());
        queueArea.update(now, queues.total());
        inSystemArea.update(now, inSystem);
        presentArea.update(now, slots.present());
        servingWorkersArea.update(now, (double) serving * workers);
        servingCoresArea.update(now, (double) serving * cores);
    }

    /** Brings instance {@code i}'s own integrals up to {@code now} (only when per-instance metrics are kept). */
    private void touchSlot(int i, long now) {
        slotBusy.update(i, now, busy[i]);
        slotCores.update(i, now, cpu.busyCores(i));
        slotQueue.update(i, now, queues.length(i));
    }

    /** Integrals (busy workers, busy cores, waiting requests, requests in the service, instances, worker and core capacity) × ns since time 0. */
    public Areas areas(long now) {
        touch(now);
        return new Areas(busyArea.sum(), cpuArea.sum(), queueArea.sum(), inSystemArea.sum(), presentArea.sum(),
                servingWorkersArea.sum(), servingCoresArea.sum());
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
        into[at] = slotBusy.sum(i);
        into[at + 1] = slotCores.sum(i);
        into[at + 2] = slotQueue.sum(i);
        into[at + 3] = slotArrivals[i];
    }

    /** Receives the time every request spent in this service as it leaves (for a latency metric), or null. */
    public interface SojournSink {
        void record(long ns);
    }

    public void onLeave(SojournSink sink) {
        this.sojournSink = sink;
    }

    /** Keeps per-instance integrals from now on (for autoscaling policies that read per-instance metrics). */
    public void trackInstances(long now) {
        for (int i = 0; i < slots.slotCount(); i++) {
            slotBusy.restart(i, now);
            slotCores.restart(i, now);
            slotQueue.restart(i, now);
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
        int i = slots.freeSlot(wantedZone, network.zones());
        while (i >= slots.capacity()) {
            allocateSlots(slots.capacity() * 2);
        }
        slots.launch(i);
        if (trackSlots) {
            touchSlot(i, now);
        }
        return i;
    }

    /** Instance {@code i} (starting or down) takes work from now on. */
    public void ready(int i, long now) {
        touch(now);
        slots.ready(i, name);
    }

    /**
     * Takes instance {@code i} out of service gracefully: it gets no new work, finishes what it
     * holds and then ends. One that holds nothing (or is starting or down) ends at once.
     */
    public void drain(int i, long now) {
        touch(now);
        byte st = slots.state(i);
        if (st == READY) {
            slots.drain(i);
            if (busy[i] == 0 && queues.length(i) == 0) {
                end(i, now);
            }
        } else if (st == STARTING || st == DOWN) {
            end(i, now);
        }
    }

    /**
     * Instance {@code i} is lost (a crash, a zone outage, a spot instance terminated, a drain that
     * ran out of time): every request it holds fails with {@code instance_lost}, in the order of
     * {@link TailCalls#inCallOrder}. It then ends, or, with {@code repair}, stays down (billed, no
     * work) until {@link #ready}.
     */
    public void lose(int i, long now, boolean repair) {
        touch(now);
        if (trackSlots) {
            touchSlot(i, now);
        }
        if (slots.state(i) == FREE) {
            return;
        }
        slots.lose(i, repair);
        int[] victims = detachAll(i, now);
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
        int[] victims = new int[busy[i] + queues.length(i)];
        int n = queues.drainTo(i, victims);
        cpu.clear(i);
        if (busy[i] > 0) {
            int queued = n;
            int hw = q.highWater();
            for (int r = 0; r < hw; r++) {
                if (q.station[r] == ownerId && q.instance[r] == i && !contains(victims, n, r)) {
                    victims[n++] = r;
                }
            }
            TailCalls.inCallOrder(q, victims, queued, n);
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
        return n == victims.length ? victims : Arrays.copyOf(victims, n);
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
        slots.end(i);
        lifecycle.ended(i, now);
    }

    // ---- state and counts -----------------------------------------------------------------

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

    /** Most instances present at once. */
    public int peakPresent() {
        return slots.peakPresent();
    }

    /** Counted requests lost with their instance. */
    public long lost() {
        return lost;
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
        return inSystem;
    }

    public int queued() {
        return queues.total();
    }

    /** Every request sent to this service so far (counted or not, admitted or not). */
    public long received() {
        return received;
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
        return Arrays.copyOf(entered, slots.slotCount());
    }
}
