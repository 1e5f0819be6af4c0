package io.headroom.fleet;

import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.service.ServiceStation;
import java.util.Arrays;

/**
 * Availability-zone outages of one fleet. When a zone goes down every instance in it goes down too:
 * a ready one loses what it holds and waits for the zone, a draining one simply ends. Nothing becomes
 * ready in a down zone (an instance due to waits for the zone) and nothing is launched there. When
 * the zone comes back, its waiting instances become ready at once, except those still inside their
 * own startup or repair time, which become ready at that time.
 */
final class ZoneOutages {
    private final ServiceStation station;
    private final Simulation sim;
    private final EventQueue events;
    private final InstanceTimers timers;
    private final boolean[] down;
    private ReplicaSet replicas;
    private Crashes crashes;
    private boolean[] waiting = new boolean[0];

    ZoneOutages(ServiceStation station, Simulation sim, InstanceTimers timers, int zones) {
        this.station = station;
        this.sim = sim;
        this.events = sim.events();
        this.timers = timers;
        this.down = new boolean[zones];
    }

    void wire(ReplicaSet replicas, Crashes crashes) {
        this.replicas = replicas;
        this.crashes = crashes;
    }

    void grow(int n) {
        waiting = Arrays.copyOf(waiting, n);
    }

    /** Zone {@code z} goes down at {@code at} and comes back at {@code until}. */
    void outage(int z, long at, long until) {
        events.once(this::goesDown, z, at);
        events.once(this::comesBack, z, until);
    }

    boolean isDown(int zone) {
        return down[zone];
    }

    /** The instance in {@code slot} becomes ready when its zone comes back. */
    void waitFor(int slot) {
        waiting[slot] = true;
    }

    /** The instance in {@code slot} no longer waits for its zone (it ended, or the slot holds a new launch). */
    void forget(int slot) {
        waiting[slot] = false;
    }

    boolean waiting(int slot) {
        return waiting[slot];
    }

    private void goesDown(int z) {
        long now = sim.now();
        down[z] = true;
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.zoneOf(i) != z) {
                continue;
            }
            byte st = station.state(i);
            if (st == ServiceStation.READY) {
                station.lifecycle().lose(i, now, true);
                crashes.cancel(i);
                waiting[i] = true;
                timers.cancel(i);
            } else if (st == ServiceStation.DRAINING) {
                station.lifecycle().lose(i, now, false);
            }
        }
    }

    private void comesBack(int z) {
        long now = sim.now();
        down[z] = false;
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.zoneOf(i) == z && waiting[i]) {
                waiting[i] = false;
                byte st = station.state(i);
                if (st == ServiceStation.DOWN || st == ServiceStation.STARTING) {
                    if (st == ServiceStation.DOWN && timers.pending(i) && timers.step(i) == InstanceTimers.REPAIRED) {
                        continue; // a crash's repair still under way
                    }
                    if (st == ServiceStation.STARTING && timers.pending(i)) {
                        continue; // still starting: it becomes ready at its own time
                    }
                    replicas.becomeReady(i, now);
                }
            }
        }
    }
}
