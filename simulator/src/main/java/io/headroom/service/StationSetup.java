package io.headroom.service;

import io.headroom.dist.DurationSampler;
import io.headroom.engine.Simulation;
import io.headroom.request.Component;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * How a service is set up before its run, by whoever builds the model: what its endpoints call (the call plans, and
 * the guards, tail calls and connection pools they need), the other versions of its code a rollout will deploy, its
 * CPU model (burstable credits, hyperthreads), the zones its instances run in and the meters that bill the bytes its
 * calls send across zones and regions, and who hears of its instances ending or changing state and of its requests'
 * sojourns. Nothing here runs per request: each setting goes into the part of the {@link ServiceStation} that uses it.
 */
public final class StationSetup {
    private final ServiceStation station;
    private final String name;
    private final Simulation sim;
    private final CallOrchestrator calls;
    private final Guards guards;
    private final TailCalls tails;
    private final InstanceSlots slots;
    private final OwnWork work;
    private final Processors cpu;
    private final StationVersions versions;
    private final ServiceFlow flow;
    private final ZoneNetwork network;
    private final InstanceLifecycle lifecycle;
    private final ServiceIntegrals integrals;
    private IntFunction<ConnectionLimit> limits = k -> new ConnectionLimit(null);

    StationSetup(ServiceStation station, Simulation sim, CallOrchestrator calls, Guards guards, TailCalls tails,
                 InstanceSlots slots, OwnWork work, StationVersions versions, ServiceFlow flow, ZoneNetwork network,
                 InstanceLifecycle lifecycle, ServiceIntegrals integrals) {
        this.station = station;
        this.name = station.name();
        this.sim = sim;
        this.calls = calls;
        this.guards = guards;
        this.tails = tails;
        this.slots = slots;
        this.work = work;
        this.cpu = work.cpu();
        this.versions = versions;
        this.flow = flow;
        this.network = network;
        this.lifecycle = lifecycle;
        this.integrals = integrals;
    }

    /**
     * Connects the service to the components its endpoints call (after every component exists).
     *
     * @param plans per endpoint, its calls ({@link CallPlan#NONE} for none)
     */
    public void wire(Component[] components, CallPlan[] plans, RandomGenerator callRng) {
        calls.configure(components, plans, callRng);
        configureCalls();
    }

    /**
     * As {@link #wire(Component[], CallPlan[], RandomGenerator)}, the pools of pooled calls opening their connections
     * under {@code limits} (per component index: the callee's bound on connections).
     */
    public void wire(Component[] components, CallPlan[] plans, RandomGenerator callRng, IntFunction<ConnectionLimit> limits) {
        this.limits = limits;
        wire(components, plans, callRng);
    }

    private void configureCalls() {
        guards.configure(calls.plans(), slots.capacity());
        tails.configure(calls.components(), calls.plans());
        station.configurePools(limits);
    }

    /** The fraction of requests each endpoint fails by itself (after its work), in version 0. */
    public void setErrorRates(double[] rates) {
        work.setErrorRates(rates);
    }

    /**
     * A new version of the service's code (before the run starts), per endpoint as the station's are indexed: its
     * demand and wait samplers (null: none), error rates and call plans ({@link CallPlan#NONE} for none), its calls
     * drawing from {@code callRng}. Each version's calls have breakers and bulkheads of their own. Returns its
     * number (1, 2, ...), for {@link InstanceLifecycle#setVersion}.
     */
    public int addVersion(DurationSampler[] demand, DurationSampler[] wait, double[] errorRates, CallPlan[] plans,
                          RandomGenerator callRng) {
        int v = versions.add(name, demand.length, wait.length, errorRates.length, plans.length);
        work.addVersion(demand, wait, errorRates);
        calls.addVersion(plans, callRng);
        configureCalls();
        return v;
    }

    /**
     * Its instances are burstable, of {@code vcpus} vCPUs and {@code baseline} per vCPU, with CPU credits from now on
     * ({@link CpuCredits}); {@code surplusMeter} is given the surplus billed in vCPU-milliseconds.
     */
    public CpuCredits burstable(int vcpus, double baseline, double initialCredits, boolean unlimited, LongConsumer surplusMeter) {
        CpuCredits credits = new CpuCredits(station, sim, vcpus, baseline, initialCredits, unlimited, surplusMeter);
        lifecycle.credits(credits);
        return credits;
    }

    /** Its instances' vCPUs are hyperthreads, two to a core, two busy siblings delivering {@code gain} times one alone. */
    public void hyperthreads(double gain) {
        cpu.smt(gain);
    }

    /** The zones its instances run in (0: none), and the round trip of an answer within a zone and across zones (null: no time). */
    public void setZones(int zones, DurationSampler intra, DurationSampler cross) {
        network.configure(zones, intra, cross);
    }

    /** Bills the bytes of calls answered across zones: {@code bytes[endpoint + endpoints × version][call]}, both ways. */
    public void meterCrossZone(long[][] bytes, LongConsumer meter) {
        network.meter(bytes, meter);
    }

    /**
     * Bills the bytes of calls answered from another region to the region each leaves: the requests
     * ({@code sent[versioned endpoint][call]}) to {@code out}, the answers ({@code back}) to {@code backMeters[e][c]}.
     */
    public void meterInterRegion(long[][] sent, LongConsumer out, long[][] back, LongConsumer[][] backMeters) {
        calls.meterInterRegion(sent, out, back, backMeters);
    }

    /** Gives {@code sink} the time every request spent in the service as it leaves (for a latency metric); null: none. */
    public void onLeave(SojournSink sink) {
        flow.onLeave(sink);
    }

    /** Keeps per-instance integrals from {@code now} on (for autoscaling policies that read per-instance metrics). */
    public void trackInstances(long now) {
        integrals.trackSlots(now, slots.slotCount());
    }

    /** Tells {@code listener} of every instance that ends. */
    public void onInstanceEnded(InstanceEndedListener listener) {
        lifecycle.onEnded(listener);
    }

    /** Tells {@code listener} of every ready instance that stops taking work, and of every one that becomes ready. */
    public void onInstanceState(InstanceStateListener listener) {
        lifecycle.onState(listener);
    }
}
