package io.headroom.fleet;

import io.headroom.engine.Simulation;
import io.headroom.service.ServiceStation;
import java.util.Arrays;

/**
 * The clock of each instance slot: when its instance was launched, when it became ready, and the one
 * lifecycle step it waits for. An instance waits for at most one step at a time:
 * <ul>
 *   <li>{@link #TO_READY}: launched, its process runs after {@code startup} and it takes traffic after
 *       a further {@code readiness-delay};</li>
 *   <li>{@link #DRAIN_TIMEOUT}: draining, it is cut off (losing what it still holds) at the end of its
 *       grace period ({@code drain-timeout}, or a spot instance's reclaim time if sooner);</li>
 *   <li>{@link #REPAIRED}: crashed, it comes back in place after its time to repair;</li>
 *   <li>{@link #RELEASE}: withdrawn from service but kept (an old blue-green fleet), it goes at the end of its
 *       scale-down delay.</li>
 * </ul>
 * A step whose instance has meanwhile moved on (ended, or drained by a scale-in) does nothing. An
 * instance due to become ready while its zone is down waits for the zone ({@link ZoneOutages}).
 */
final class InstanceTimers {
    static final byte TO_READY = 1;
    static final byte DRAIN_TIMEOUT = 2;
    static final byte REPAIRED = 3;
    static final byte RELEASE = 4;

    private final String name;
    private final ServiceStation station;
    private final Simulation sim;
    private ReplicaSet replicas;
    private ZoneOutages zones;

    private long[] launchedAt = new long[0];
    private long[] readyAt = new long[0];
    private byte[] step = new byte[0];
    private final SlotTimers timer;

    InstanceTimers(String name, ServiceStation station, Simulation sim) {
        this.name = name;
        this.station = station;
        this.sim = sim;
        this.timer = new SlotTimers(sim.events(), this::onStep);
    }

    void wire(ReplicaSet replicas, ZoneOutages zones) {
        this.replicas = replicas;
        this.zones = zones;
    }

    /** Slots this clock has room for. */
    int capacity() {
        return launchedAt.length;
    }

    /** Makes room for {@code n} slots; {@link #create} then makes each new slot's timer. */
    void grow(int n) {
        launchedAt = Arrays.copyOf(launchedAt, n);
        readyAt = Arrays.copyOf(readyAt, n);
        step = Arrays.copyOf(step, n);
        timer.grow(n);
    }

    void create(int slot) {
        timer.create(slot);
    }

    /** An instance launched in {@code slot} at {@code now}, not ready yet. */
    void launched(int slot, long now) {
        launchedAt[slot] = now;
        readyAt[slot] = -1;
    }

    void ready(int slot, long now) {
        readyAt[slot] = now;
    }

    long launchedAt(int slot) {
        return launchedAt[slot];
    }

    /** When the instance in {@code slot} last became ready (-1 if it has not since its launch). */
    long readyAt(int slot) {
        return readyAt[slot];
    }

    /** Sets {@code slot}'s next step, replacing any pending one. */
    void arm(int slot, byte what, long at) {
        step[slot] = what;
        timer.schedule(slot, at);
    }

    void cancel(int slot) {
        timer.cancel(slot);
    }

    /** Whether {@code slot} waits for a step. */
    boolean pending(int slot) {
        return timer.pending(slot);
    }

    /** When the pending step is due (only meaningful if {@link #pending}). */
    long dueAt(int slot) {
        return timer.dueAt(slot);
    }

    /** The last step armed for {@code slot} (pending or not). */
    byte step(int slot) {
        return step[slot];
    }

    private void onStep(int i) {
        long now = sim.now();
        byte st = station.state(i);
        switch (step[i]) {
            case TO_READY -> {
                if (st == ServiceStation.STARTING) {
                    readyUnlessZoneDown(i, now);
                }
            }
            case DRAIN_TIMEOUT -> {
                if (st == ServiceStation.DRAINING) {
                    station.lifecycle().lose(i, now, false);
                }
            }
            case REPAIRED -> {
                if (st == ServiceStation.DOWN) {
                    readyUnlessZoneDown(i, now);
                }
            }
            case RELEASE -> {
                if (st == ServiceStation.DRAINING) {
                    replicas.release(i, now);
                }
            }
            default -> throw new IllegalStateException("instance " + i + " of " + name + ": no lifecycle step");
        }
    }

    private void readyUnlessZoneDown(int i, long now) {
        if (zones.isDown(station.zoneOf(i))) {
            zones.waitFor(i);
        } else {
            replicas.becomeReady(i, now);
        }
    }
}
