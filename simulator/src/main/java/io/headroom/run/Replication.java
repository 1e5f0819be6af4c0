package io.headroom.run;

import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.request.Requests;

/**
 * The clock of one replication: plays the simulation from 0 to the horizon, then drains what is
 * in flight up to a limit, and tells its {@link ReplicationObserver}s of each boundary in the order
 * they were given. The boundaries are timers scheduled ahead of ordinary events at their instant, so
 * an arrival at exactly a window's end belongs to the next window. The run ends early when the
 * in-flight guard trips; its end is then the instant the guard tripped.
 */
final class Replication {
    private final Simulation sim;
    private final long warmupNs;
    private final long horizonNs;
    private final long windowNs;
    private final ReplicationObserver[] observers;
    private int windowTimer;
    private long windowStart;

    /** How a replication ended: at {@code endNs}, or by the in-flight guard at {@code overflowAtNs} (-1 if it did not trip). */
    record Outcome(long endNs, long overflowAtNs) {
        boolean overflowed() {
            return overflowAtNs >= 0;
        }
    }

    Replication(Simulation sim, long warmupNs, long horizonNs, long windowNs, ReplicationObserver... observers) {
        this.sim = sim;
        this.warmupNs = warmupNs;
        this.horizonNs = horizonNs;
        this.windowNs = windowNs;
        this.observers = observers.clone();
    }

    /** Schedules the boundaries: warm-up end (if any), midpoint, horizon and the first window's close. */
    void scheduleBoundaries() {
        EventQueue events = sim.events();
        if (warmupNs > 0) {
            events.scheduleFirst(events.timer(this::onWarmUpEnd, 0), warmupNs);
        }
        events.scheduleFirst(events.timer(this::onMidpoint, 0), warmupNs + (horizonNs - warmupNs) / 2);
        events.scheduleFirst(events.timer(this::onHorizon, 0), horizonNs);
        windowTimer = events.timer(this::onWindowTimer, 0);
        events.scheduleFirst(windowTimer, windowNs);
    }

    /**
     * Runs until the queue empties after the horizon, {@code limitNs} passes, or the in-flight guard
     * of {@code requests} trips; then closes the last (partial) window.
     */
    Outcome run(long limitNs, Requests requests) {
        sim.run(limitNs);
        long overflowAt = requests.fullAt();
        long end;
        if (overflowAt >= 0) {
            end = overflowAt;
        } else {
            end = sim.stopped() ? Math.max(sim.now(), horizonNs) : limitNs;
        }
        sim.advanceTo(end);
        if (end > windowStart) {
            closeWindow(end);
        }
        return new Outcome(end, overflowAt);
    }

    private void onWarmUpEnd(int unused) {
        long now = sim.now();
        for (ReplicationObserver o : observers) {
            o.warmUpEnded(now);
        }
    }

    private void onMidpoint(int unused) {
        long now = sim.now();
        for (ReplicationObserver o : observers) {
            o.midpoint(now);
        }
    }

    private void onHorizon(int unused) {
        long now = sim.now();
        for (ReplicationObserver o : observers) {
            o.horizonReached(now);
        }
    }

    private void onWindowTimer(int unused) {
        long now = sim.now();
        closeWindow(now);
        sim.events().scheduleFirst(windowTimer, now + windowNs);
    }

    private void closeWindow(long now) {
        for (int i = 0; i < observers.length; i++) {
            observers[i].windowClosed(windowStart, now);
        }
        windowStart = now;
    }
}
