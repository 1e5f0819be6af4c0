package io.headroom.run;

import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.load.arrival.ArrivalStream;
import io.headroom.load.closed.ClosedModel;
import io.headroom.metrics.NanosTotal;
import io.headroom.metrics.RequestMetrics;
import io.headroom.metrics.TimeIntegral;
import io.headroom.request.ErrorCause;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;
import io.headroom.request.Component;
import java.time.Duration;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Plays the load profile. Users enter as Gatling lets them in — at the arrival times of the open
 * model, or, in the closed model, whenever the number of users is below its target (checked each
 * second, and at once when a user finishes) — and each steps through the scenario program: a
 * request waits for its answer, a pause for its time. Requests are handed to their component and
 * their outcome booked.
 *
 * <p>A user whose request is answered at once (a component with no cost) would re-enter the
 * driver from inside a component; such users are put on a ready list and stepped by the outermost
 * call, so no chain of instant answers nests calls.
 */
final class LoadDriver implements RequestListener {
    private static final long BATCH_NS = 1_000_000_000L; // Gatling's closed-model injection tick

    private final Simulation sim;
    private final EventQueue events;
    private final Requests req;
    private final RequestMetrics metrics;
    private final Endpoints endpoints;
    private final Component[] components;
    private final int ownerId;
    private final ScenarioProgram program;
    private final Users users;
    private io.headroom.region.UserPopulations populations; // null: a design without regions
    private boolean usersFull;
    private final boolean stateless;
    private final double[] mixCumulative; // over the entry's endpoints 0..k-1; null: endpoint 0
    private final RandomGenerator mixRng;
    private final RandomGenerator scenarioRng;
    private final KeySource keys;
    private final long warmupNs;

    // open model
    private final ArrivalStream arrivals;
    private final int arrivalTimer;
    // closed model
    private final ClosedModel closed;
    // a k6 scenario (null: a Gatling profile)
    private final K6Executors k6;
    private final int batchTimer;
    private int batchTarget;
    private int pendingStarts;
    private boolean allScheduled;

    private final EventHandler wake = this::wake;
    private final EventHandler startUser = u -> {
        pendingStarts--;
        startUser(ArrivalStream.NO_KEY);
    };

    private int[] ready = new int[64];
    private int readyHead;
    private int readyTail;
    private boolean stepping;

    private boolean injectionOver;

    // the load's requests in flight (counted or not), for the self-checks: their number, its integral over time,
    // and the time in the system of those that ended
    private int inFlight;
    private final TimeIntegral inFlightArea = new TimeIntegral(0);
    private final NanosTotal endedTime = new NanosTotal();

    /** A planted bug, for the self-checks' own tests only (0 in every run): see {@link #plant}. */
    private int planted;
    static final int DROP_A_COMPLETION = 1;
    static final int SKIP_AN_INTEGRAL_UPDATE = 2;

    /** Where request keys come from when arrivals do not carry one. */
    interface KeySource {
        long next();
    }

    LoadDriver(Simulation sim, Requests req, RequestMetrics metrics, Endpoints endpoints, Component[] components,
               ScenarioProgram program, double[] mixWeights, RandomGenerator mixRng, RandomGenerator scenarioRng,
               KeySource keys, long warmupNs, ArrivalStream arrivals, ClosedModel closed) {
        this(sim, req, metrics, endpoints, components, program, mixWeights, mixRng, scenarioRng, keys, warmupNs, arrivals, closed, null);
    }

    /** A driver for a k6 scenario ({@code k6}, with neither {@code arrivals} nor {@code closed}), or a Gatling profile. */
    LoadDriver(Simulation sim, Requests req, RequestMetrics metrics, Endpoints endpoints, Component[] components,
               ScenarioProgram program, double[] mixWeights, RandomGenerator mixRng, RandomGenerator scenarioRng,
               KeySource keys, long warmupNs, ArrivalStream arrivals, ClosedModel closed, io.headroom.load.k6.K6Plan k6) {
        this.sim = sim;
        this.events = sim.events();
        this.req = req;
        this.metrics = metrics;
        this.endpoints = endpoints;
        this.components = components;
        this.ownerId = req.register(this);
        this.program = program;
        this.users = new Users(program.counters);
        this.stateless = closed == null && k6 == null && program.isSingleMixRequest();
        this.mixRng = mixRng;
        this.scenarioRng = scenarioRng;
        this.keys = keys;
        this.warmupNs = warmupNs;
        this.arrivals = arrivals;
        this.closed = closed;
        this.mixCumulative = cumulative(mixWeights);
        this.k6 = k6 == null ? null : new K6Executors(k6, events, this::startIteration);
        arrivalTimer = closed == null && k6 == null ? events.timer(u -> arrival(), 0) : -1;
        batchTimer = closed != null ? events.timer(u -> batch(), 0) : -1;
    }

    private static double[] cumulative(double[] weights) {
        if (weights.length <= 1) {
            return null;
        }
        double[] c = new double[weights.length];
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            c[i] = acc / sum;
        }
        c[weights.length - 1] = 1.0;
        return c;
    }

    /** Schedules the first arrival (open) or the first injection tick (closed). */
    void start() {
        if (k6 != null) {
            k6.start();
        } else if (closed == null) {
            long t = arrivals.next();
            if (t != ArrivalStream.END) {
                events.schedule(arrivalTimer, t);
            }
        } else {
            events.schedule(batchTimer, 0);
        }
    }

    // ---- users entering -------------------------------------------------------------------

    /** Open model: a user arrives. */
    private void arrival() {
        long key = arrivals.key();
        long next = arrivals.next();
        if (next != ArrivalStream.END) {
            events.schedule(arrivalTimer, next);
        }
        if (stateless) {
            send(-1, ScenarioProgram.FROM_MIX, key);
        } else {
            startUser(key);
        }
    }

    /**
     * Closed model, every second as Gatling's injector does: the target for the second ahead is the
     * profile's concurrency at its end; missing users are spread over its milliseconds.
     */
    private void batch() {
        long now = sim.now();
        long end = now + BATCH_NS;
        if (end > closed.duration().toNanos()) {
            allScheduled = true;
            return;
        }
        batchTarget = closed.usersAt(Duration.ofNanos(end));
        int missing = batchTarget - users.active() - pendingStarts;
        for (int ms = 0; missing > 0 && ms < 1000; ms++) {
            long n = shard(missing, ms);
            for (long k = 0; k < n; k++) {
                pendingStarts++;
                events.once(startUser, 0, now + ms * 1_000_000L);
            }
        }
        events.schedule(batchTimer, end);
    }

    /** Gatling's spreading of {@code total} users over 1000 milliseconds: slot i gets up to ceil(total·(i+1)/1000). */
    private static long shard(int total, int ms) {
        long upTo = (long) Math.ceil(total / 1000.0 * (ms + 1));
        long before = (long) Math.ceil(total / 1000.0 * ms);
        return Math.min(upTo, total) - Math.min(before, total);
    }

    /** Gives each request the population of its user ({@code populations}), in a design with regions. */
    void populations(io.headroom.region.UserPopulations populations) {
        this.populations = populations;
    }

    private void startUser(long key) {
        if (users.active() >= req.limit()) {
            // users pausing between requests hold no request slot: the guard counts them too
            usersFull = true;
            req.markFull(sim.now());
            sim.stop();
            return;
        }
        int u = users.allocate();
        if (populations != null) {
            populations.userStarted(u);
        }
        users.pc[u] = 0;
        users.key[u] = key;
        ready(u);
    }

    /** A k6 iteration on VU {@code vu}: a user slot stepping through the scenario; -1 if the in-flight guard stopped the run. */
    private int startIteration(int vu) {
        if (users.active() >= req.limit()) {
            usersFull = true;
            req.markFull(sim.now());
            sim.stop();
            return -1;
        }
        int u = users.allocate();
        if (populations != null) {
            populations.userStarted(u);
        }
        users.pc[u] = 0;
        users.key[u] = ArrivalStream.NO_KEY;
        k6.bind(u, vu);
        ready(u);
        return u;
    }

    private void userDone(int u) {
        users.release(u);
        if (k6 != null) {
            k6.iterationEnded(u);
            stopIfDone();
            return;
        }
        if (closed != null && !allScheduled && users.active() + pendingStarts < batchTarget) {
            startUser(ArrivalStream.NO_KEY); // replaced at once, as in Gatling
        }
        stopIfDone();
    }

    // ---- stepping through the scenario ----------------------------------------------------

    private void ready(int u) {
        if (readyTail - readyHead == ready.length) {
            int[] grown = new int[ready.length * 2];
            for (int i = readyHead; i < readyTail; i++) {
                grown[i - readyHead] = ready[i & (ready.length - 1)];
            }
            readyTail -= readyHead;
            readyHead = 0;
            ready = grown;
        }
        ready[readyTail++ & (ready.length - 1)] = u;
        if (stepping) {
            return;
        }
        stepping = true;
        while (readyHead < readyTail && !sim.stopped()) {
            step(ready[readyHead++ & (ready.length - 1)]);
        }
        stepping = false;
    }

    private void wake(int u) {
        ready(u);
    }

    /** Runs user {@code u}'s program until it waits (a request, a pause) or ends. */
    private void step(int u) {
        if (k6 != null && k6.abandoned(u)) {
            // an interrupted k6 iteration: its request (or pause) is over, and it goes no further
            users.release(u);
            k6.released(u);
            stopIfDone();
            return;
        }
        ScenarioProgram prog = program;
        int pc = users.pc[u];
        while (true) {
            switch (prog.op[pc]) {
                case ScenarioProgram.REQUEST -> {
                    double p = prog.p[pc];
                    if (p < 1.0 && scenarioRng.nextDouble() >= p) {
                        pc++;
                        continue;
                    }
                    users.pc[u] = pc + 1;
                    send(u, prog.a[pc], users.key[u]);
                    return;
                }
                case ScenarioProgram.PAUSE -> {
                    long d = prog.pauses[prog.a[pc]].sampleNanos();
                    pc++;
                    if (d > 0) {
                        users.pc[u] = pc;
                        events.once(wake, u, sim.now() + d);
                        return;
                    }
                }
                case ScenarioProgram.REPEAT -> {
                    users.loops[users.loop(u, prog.a[pc])] = prog.b[pc];
                    pc++;
                }
                case ScenarioProgram.END_REPEAT -> {
                    int at = users.loop(u, prog.a[pc]);
                    pc = --users.loops[at] > 0 ? prog.b[pc] : pc + 1;
                }
                default -> {
                    userDone(u);
                    return;
                }
            }
        }
    }

    /** Sends a request for user {@code u} (-1: a stateless one-request user) to an endpoint. */
    private void send(int u, int endpoint, long key) {
        long now = sim.now();
        int r = req.allocate();
        if (r == Requests.FULL) {
            req.markFull(now);
            sim.stop();
            return;
        }
        int e = endpoint == ScenarioProgram.FROM_MIX ? pickFromMix() : endpoint;
        boolean counted = now >= warmupNs;
        req.arrival[r] = now;
        req.endpoint[r] = e;
        req.localEndpoint[r] = endpoints.local(e);
        req.user[r] = u;
        req.key[r] = key != ArrivalStream.NO_KEY ? key : keys.next();
        req.counted[r] = counted;
        req.owner[r] = ownerId;
        req.parent[r] = -1;
        if (planted == SKIP_AN_INTEGRAL_UPDATE && now > inFlightArea.lastT()) {
            planted = 0;
        } else {
            inFlightArea.update(now, inFlight);
        }
        inFlight++;
        metrics.arrival(e, counted);
        if (populations != null) {
            populations.assign(r, u);
        }
        components[endpoints.station(e)].accept(r);
    }

    private int pickFromMix() {
        double[] c = mixCumulative;
        if (c == null) {
            return 0;
        }
        double x = mixRng.nextDouble();
        int i = 0;
        while (x >= c[i]) {
            i++;
        }
        return i;
    }

    // ---- outcomes -------------------------------------------------------------------------

    @Override
    public void completed(int r, long now) {
        ended(r, now);
        if (planted == DROP_A_COMPLETION && req.counted[r]) {
            planted = 0;
        } else {
            metrics.completed(req.endpoint[r], req.counted[r], now >= warmupNs && !injectionOver, now - req.arrival[r]);
        }
        release(r);
    }

    @Override
    public void failed(int r, ErrorCause cause, long now) {
        ended(r, now);
        metrics.failed(req.endpoint[r], req.counted[r], cause);
        int u = req.user[r];
        if (u >= 0 && now == req.arrival[r]) {
            // refused at the very instant it was sent (no instance ready, a full queue with no network time):
            // the user goes on one client turnaround later, or a user without think time would loop for ever at one instant
            req.release(r);
            events.once(wake, u, now + INSTANT_FAILURE_TURNAROUND_NS);
            return;
        }
        release(r);
    }

    /** How long a user takes to go on after a request refused at the instant it was sent: 1 ms. */
    static final long INSTANT_FAILURE_TURNAROUND_NS = 1_000_000L;

    private void release(int r) {
        int u = req.user[r];
        req.release(r);
        if (u >= 0) {
            // the user goes on with its scenario, whatever the outcome, once the event that answered it is over: the
            // station that answered frees its worker and serves its queue first, so that a user without think time
            // does not take the worker ahead of the requests waiting for it
            events.once(wake, u, sim.now());
        } else {
            stopIfDone();
        }
    }

    private void stopIfDone() {
        if (injectionOver && req.live() == 0 && users.active() == 0 && pendingStarts == 0) {
            sim.stop();
        }
    }

    /** The profile has ended: no more users; the run stops as soon as the last one is done. */
    void injectionOver() {
        injectionOver = true;
        allScheduled = true;
        if (arrivalTimer >= 0) {
            events.cancel(arrivalTimer);
        }
        if (batchTimer >= 0) {
            events.cancel(batchTimer);
        }
        if (k6 != null) {
            k6.end();
        }
        stopIfDone();
    }


    /** Whether the guard stopped the run because too many users were in the system (rather than requests in flight). */
    boolean stoppedByUsers() {
        return usersFull;
    }

    /** A k6 scenario's iterations: completed, interrupted, dropped; null for a Gatling profile. */
    IterationFigures iterations() {
        return k6 == null ? null : k6.figures();
    }

    /** Users still in the system (for end-of-run accounting). */
    int activeUsers() {
        return users.active();
    }

    /** Request {@code r} of the load ends now. */
    private void ended(int r, long now) {
        inFlightArea.update(now, inFlight);
        inFlight--;
        endedTime.add(now - req.arrival[r]);
    }

    /** The load's requests in flight now (counted or not). */
    int inFlight() {
        return inFlight;
    }

    /** The integral of the load's requests in flight from time 0 to {@code now}, in request·ns. */
    double inFlightArea(long now) {
        inFlightArea.update(now, inFlight);
        return inFlightArea.sum();
    }

    /** The time in the system of every request of the load that ended, in ns. */
    double endedTimeNs() {
        return endedTime.nanos();
    }

    /**
     * Plants a bug for the self-checks' tests: {@link #DROP_A_COMPLETION} leaves the next counted
     * completion unbooked; {@link #SKIP_AN_INTEGRAL_UPDATE} skips the next update of the in-flight
     * integral that would have added to it.
     */
    void plant(int bug) {
        planted = bug;
    }
}
