package io.headroom.service;

import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.request.Requests;
import java.util.Arrays;

/**
 * A request's own work at an instance, once it has a worker: its endpoint's CPU demand, computed
 * on the instance's cores ({@link Processors}), then its off-CPU wait (I/O, a lock, a sleep),
 * holding the worker throughout. Work that takes no time at all is done at once, so that the
 * owner can go on without an event; otherwise the end of the work is an event, and the owner
 * hears of it through {@link ServiceStation#ownWorkDone} with its books brought up to that instant.
 * The demand, the wait and the error rate by which a request then fails by itself are those of the endpoint as the
 * instance's version has it ({@link StationVersions}).
 */
final class OwnWork {
    private final ServiceStation station;
    private final Simulation sim;
    private final EventQueue events;
    private final Requests req;
    private final StationVersions versions;
    private DurationSampler[] demand; // per versioned endpoint
    private DurationSampler[] wait;
    private double[] errorRates;
    private final Processors cpu;

    private final EventHandler sharedCpuDone = this::sharedCpuDone;
    private final EventHandler dedicatedCpuDone = this::dedicatedCpuDone;
    private final EventHandler waitDone = this::waitDone;
    private final EventHandler quotaDue = this::quotaDue;

    /**
     * @param demand per endpoint, CPU demand sampler (null: no CPU work)
     * @param wait   per endpoint, off-CPU wait sampler (null: no wait)
     */
    OwnWork(ServiceStation station, Simulation sim, Requests req, StationVersions versions, int workers, int cores,
            DurationSampler[] demand, DurationSampler[] wait) {
        this.station = station;
        this.sim = sim;
        this.events = sim.events();
        this.req = req;
        this.versions = versions;
        this.demand = demand;
        this.wait = wait;
        this.errorRates = new double[demand.length];
        this.cpu = new Processors(req, events, workers, cores, sharedCpuDone, dedicatedCpuDone);
    }

    Processors cpu() {
        return cpu;
    }

    /** The demand and wait samplers and the error rates of a new version, per endpoint. */
    void addVersion(DurationSampler[] demand, DurationSampler[] wait, double[] errorRates) {
        this.demand = StationVersions.append(this.demand, demand);
        this.wait = StationVersions.append(this.wait, wait);
        int from = this.errorRates.length;
        this.errorRates = Arrays.copyOf(this.errorRates, from + errorRates.length);
        System.arraycopy(errorRates, 0, this.errorRates, from, errorRates.length);
    }

    /** Version 0's error rates, per endpoint. */
    void setErrorRates(double[] rates) {
        System.arraycopy(rates, 0, errorRates, 0, rates.length);
    }

    /**
     * Whether a request of versioned endpoint {@code ve}, its work done, fails by itself: by the endpoint's error rate,
     * drawn from the version's stream of {@code calls}.
     */
    boolean failsByItself(int ve, CallOrchestrator calls) {
        return errorRates[ve] > 0 && calls.rng(ve).nextDouble() < errorRates[ve];
    }

    /** Shapes the instances' CPU ({@link Processors#shape}): a CPU limit of {@code limitMilli} (0: none) per {@code periodNs}. */
    void shape(long limitMilli, long periodNs) {
        cpu.shape(limitMilli, periodNs, quotaDue);
    }

    /**
     * Starts request {@code r}'s work at instance {@code i}. Returns true if it needs no time at
     * all (no demand, no wait) and is done at once: the caller then goes on itself. Returning
     * instead keeps a long run of zero-cost requests from nesting calls.
     */
    boolean start(int r, int i, long now) {
        DurationSampler d = demand[versions.index(i, req.localEndpoint[r])];
        long cpuNs = d == null ? 0 : d.sampleNanos();
        if (cpuNs > 0) {
            cpu.start(r, i, cpuNs, now);
            return false;
        }
        return afterCpu(r, i, now);
    }

    /** Starts the off-CPU wait of request {@code r} at instance {@code i}; returns true if there is none and the request is done now. */
    private boolean afterCpu(int r, int i, long now) {
        DurationSampler w = wait[versions.index(i, req.localEndpoint[r])];
        long off = w == null ? 0 : w.sampleNanos();
        if (off > 0) {
            req.workEvent[r] = events.once(waitDone, r, now + off);
            return false;
        }
        return true;
    }

    /** Request {@code r}'s own pending event (its computation or its wait) has fired: the books are brought up to now; returns its instance. */
    private int ownEventFired(int r, long now) {
        station.touch(now);
        req.workEvent[r] = -1;
        int i = req.instance[r];
        station.touchTracked(i, now);
        return i;
    }

    private void waitDone(int r) {
        long now = sim.now();
        int i = ownEventFired(r, now);
        station.ownWorkDone(r, i, now, true);
    }

    /** With a core per worker: request {@code r} is done computing. */
    private void dedicatedCpuDone(int r) {
        long now = sim.now();
        int i = ownEventFired(r, now);
        cpu.finishDedicated(i);
        if (afterCpu(r, i, now)) {
            station.ownWorkDone(r, i, now, true);
        }
    }

    /** Instance {@code i}'s quota timer: its CPU quota ran out, or its period ended. */
    private void quotaDue(int i) {
        long now = sim.now();
        station.touch(now);
        station.touchTracked(i, now);
        cpu.quotaDue(i, now);
    }

    /** Instance {@code i}'s CPU timer: the request with the smallest virtual finish is done computing. */
    private void sharedCpuDone(int i) {
        long now = sim.now();
        station.touch(now);
        station.touchTracked(i, now);
        int r = cpu.finishEarliest(i, now);
        if (afterCpu(r, i, now)) {
            station.ownWorkDone(r, i, now, true);
        }
    }
}
