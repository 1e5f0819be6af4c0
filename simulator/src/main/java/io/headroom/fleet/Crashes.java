package io.headroom.fleet;

import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.service.ServiceStation;
import java.util.Arrays;

/**
 * Instance crashes as an alternating renewal process ({@code failures:} of a service): a ready
 * instance runs for a time between failures, then crashes, losing what it holds, and is repaired in
 * place after a time to repair (still billed, no replacement launched); its next time between
 * failures starts when it is ready again. A draining instance that crashes simply ends.
 */
final class Crashes {
    private final ServiceStation station;
    private final Simulation sim;
    private final EventQueue events;
    private final InstanceTimers timers;
    private final DurationSampler timeBetweenFailures;
    private final DurationSampler timeToRepair;
    private final EventHandler onFailure = this::onFailure;
    private int[] timer = new int[0];
    private long crashes;

    /** Without samplers ({@code timeBetweenFailures} null) nothing ever crashes. */
    Crashes(ServiceStation station, Simulation sim, InstanceTimers timers, DurationSampler timeBetweenFailures,
            DurationSampler timeToRepair) {
        this.station = station;
        this.sim = sim;
        this.events = sim.events();
        this.timers = timers;
        this.timeBetweenFailures = timeBetweenFailures;
        this.timeToRepair = timeToRepair;
    }

    void grow(int n) {
        timer = Arrays.copyOf(timer, n);
    }

    void create(int slot) {
        timer[slot] = events.timer(onFailure, slot);
    }

    /** The instance in {@code slot} is ready at {@code now}: its time to the next failure starts. */
    void scheduleFailure(int slot, long now) {
        if (timeBetweenFailures != null) {
            events.schedule(timer[slot], now + Math.max(1, timeBetweenFailures.sampleNanos()));
        }
    }

    void cancel(int slot) {
        events.cancel(timer[slot]);
    }

    /** Whether the instance in {@code slot} has a failure to come. */
    boolean pending(int slot) {
        return events.isScheduled(timer[slot]);
    }

    long crashes() {
        return crashes;
    }

    private void onFailure(int i) {
        long now = sim.now();
        byte st = station.state(i);
        if (st == ServiceStation.READY) {
            crashes++;
            station.lose(i, now, true);
            timers.arm(i, InstanceTimers.REPAIRED, now + Math.max(0, timeToRepair.sampleNanos()));
        } else if (st == ServiceStation.DRAINING) {
            crashes++;
            station.lose(i, now, false);
        }
    }
}
