package io.headroom.fleet;

import io.headroom.dist.DurationSampler;
import io.headroom.engine.Simulation;
import io.headroom.service.ServiceStation;

/**
 * Instance crashes as an alternating renewal process ({@code failures:} of a service): a ready
 * instance runs for a time between failures, then crashes, losing what it holds, and is repaired in
 * place after a time to repair (still billed, no replacement launched); its next time between
 * failures starts when it is ready again. A draining instance that crashes simply ends.
 */
final class Crashes {
    private final ServiceStation station;
    private final Simulation sim;
    private final InstanceTimers timers;
    private final DurationSampler timeBetweenFailures;
    private final DurationSampler timeToRepair;
    private final SlotTimers timer;
    private long crashes;

    /** Without samplers ({@code timeBetweenFailures} null) nothing ever crashes. */
    Crashes(ServiceStation station, Simulation sim, InstanceTimers timers, DurationSampler timeBetweenFailures,
            DurationSampler timeToRepair) {
        this.station = station;
        this.sim = sim;
        this.timers = timers;
        this.timeBetweenFailures = timeBetweenFailures;
        this.timeToRepair = timeToRepair;
        this.timer = new SlotTimers(sim.events(), this::onFailure);
    }

    void grow(int n) {
        timer.grow(n);
    }

    void create(int slot) {
        timer.create(slot);
    }

    /** The instance in {@code slot} is ready at {@code now}: its time to the next failure starts. */
    void scheduleFailure(int slot, long now) {
        if (timeBetweenFailures != null) {
            timer.schedule(slot, now + Math.max(1, timeBetweenFailures.sampleNanos()));
        }
    }

    void cancel(int slot) {
        timer.cancel(slot);
    }

    /** Whether the instance in {@code slot} has a failure to come. */
    boolean pending(int slot) {
        return timer.pending(slot);
    }

    long crashes() {
        return crashes;
    }

    private void onFailure(int i) {
        long now = sim.now();
        byte st = station.state(i);
        if (st == ServiceStation.READY) {
            crashes++;
            station.lifecycle().lose(i, now, true);
            timers.arm(i, InstanceTimers.REPAIRED, now + Math.max(0, timeToRepair.sampleNanos()));
        } else if (st == ServiceStation.DRAINING) {
            crashes++;
            station.lifecycle().lose(i, now, false);
        }
    }
}
