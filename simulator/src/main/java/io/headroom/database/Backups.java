package io.headroom.database;

import io.headroom.engine.Simulation;
import io.headroom.service.PodCpu;
import io.headroom.service.ServiceStation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * A database's backups: the first at {@code start}, then one every {@code every}, each shard's on its highest-numbered
 * ready replica (RDS takes a Multi-AZ instance's snapshot from its standby), or on its primary without one. For
 * {@code duration} the backup takes {@code share} of that instance's cores: its requests compute on the rest
 * ({@link PodCpu#setCapacity}, the way a node's other pods would take them).
 */
public final class Backups {
    private final Simulation sim;
    private final ServiceStation[] stations;
    private final IntUnaryOperator primaryOf;
    private final int[] on;
    private final long everyNs;
    private final long durationNs;
    private final double share;
    private final int startTimer;
    private final int endTimer;
    private final List<Long> starts = new ArrayList<>();

    /** Schedules the backups of {@code stations}' instances; before the run. */
    public Backups(Simulation sim, ServiceStation[] stations, IntUnaryOperator primaryOf, long startNs, long everyNs, long durationNs,
                   double share) {
        this.sim = sim;
        this.stations = stations;
        this.primaryOf = primaryOf;
        this.on = new int[stations.length];
        this.everyNs = everyNs;
        this.durationNs = durationNs;
        this.share = share;
        for (ServiceStation st : stations) {
            st.podCpu().shareNode((slot, now) -> { });
        }
        startTimer = sim.events().timer(this::begin, 0);
        endTimer = sim.events().timer(this::end, 0);
        sim.events().schedule(startTimer, startNs);
    }

    private void begin(int ignored) {
        long now = sim.now();
        starts.add(now);
        for (int s = 0; s < stations.length; s++) {
            ServiceStation st = stations[s];
            int primary = primaryOf.applyAsInt(s);
            int target = st.state(primary) == ServiceStation.READY ? primary : -1;
            for (int i = st.slotCount() - 1; i >= 0; i--) {
                if (i != primary && st.state(i) == ServiceStation.READY) {
                    target = i;
                    break;
                }
            }
            on[s] = target;
            if (target >= 0) {
                st.podCpu().setCapacity(target, st.cores() * (1 - share), now);
            }
        }
        sim.events().schedule(endTimer, now + durationNs);
        sim.events().schedule(startTimer, now + everyNs);
    }

    private void end(int ignored) {
        long now = sim.now();
        for (int s = 0; s < stations.length; s++) {
            if (on[s] >= 0) {
                stations[s].podCpu().setCapacity(on[s], stations[s].cores(), now);
                on[s] = -1;
            }
        }
    }

    /** Backups begun in {@code [from, to)}. */
    public long count(long from, long to) {
        return starts.stream().filter(t -> t >= from && t < to).count();
    }
}
