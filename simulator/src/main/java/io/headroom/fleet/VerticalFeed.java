package io.headroom.fleet;

import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.service.ServiceStation;
import io.headroom.vpa.Recommendation;
import io.headroom.vpa.Recommender;
import java.util.Arrays;

/**
 * What the Vertical Pod Autoscaler's recommender is fed: as metrics-server reports it, every minute each ready pod's
 * CPU use over that minute (its busy cores, averaged), one sample per pod. A pod first seen (or a slot that holds a
 * new pod) gives its first sample a minute later. The recommendation is the {@link Recommender}'s at any time.
 */
final class VerticalFeed {
    static final long MINUTE = 60_000_000_000L;

    private final ServiceStation station;
    private final InstanceTimers timers;
    private final Simulation sim;
    private final EventQueue events;
    private final Recommender recommender;
    private final double requestCores;
    private final double[] areas = new double[4];
    private double[] lastBusyCores = new double[0];
    private long[] lastSeenLaunch = new long[0];
    private boolean[] seen = new boolean[0];
    private int timer = -1;
    private long samples;

    VerticalFeed(ServiceStation station, InstanceTimers timers, Simulation sim, Recommender recommender, double requestCores) {
        this.station = station;
        this.timers = timers;
        this.sim = sim;
        this.events = sim.events();
        this.recommender = recommender;
        this.requestCores = requestCores;
    }

    /** Starts the per-minute sampling (the first samples a minute in). */
    void start() {
        station.setup().trackInstances(0);
        timer = events.timer(this::onMinute, 0);
        events.scheduleFirst(timer, 0);
    }

    private void onMinute(int unused) {
        long now = sim.now();
        int n = station.slotCount();
        if (lastBusyCores.length < n) {
            lastBusyCores = Arrays.copyOf(lastBusyCores, n);
            lastSeenLaunch = Arrays.copyOf(lastSeenLaunch, n);
            seen = Arrays.copyOf(seen, n);
        }
        for (int i = 0; i < n; i++) {
            if (station.state(i) != ServiceStation.READY) {
                seen[i] = false;
                continue;
            }
            station.slotAreas(i, now, areas, 0);
            double busy = areas[1];
            if (seen[i] && lastSeenLaunch[i] == timers.launchedAt(i)) {
                recommender.addCpuSample((busy - lastBusyCores[i]) / MINUTE, requestCores, now);
                samples++;
            }
            seen[i] = true;
            lastSeenLaunch[i] = timers.launchedAt(i);
            lastBusyCores[i] = busy;
        }
        events.scheduleFirst(timer, now + MINUTE);
    }

    /** The recommendation now, or null before there is one. */
    Recommendation recommendation() {
        return recommender.recommend(sim.now());
    }

    long samples() {
        return samples;
    }
}
