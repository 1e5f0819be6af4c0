package io.headroom.database;

import io.headroom.engine.Simulation;
import io.headroom.service.InstanceStateListener;
import io.headroom.service.ServiceStation;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard of a database and its automatic failover. Its primary is one instance slot of its station; the others
 * are replicas. When the primary is lost (or drained at a spot notice), writes fail for {@code detection + promotion}; then the ready replica that
 * had applied the most of the log is promoted, and the writes it lacked at the loss are lost (with async
 * replication). Without a ready replica at that time, the first instance to become ready is promoted. A shard with no
 * replica at all is down, for reads and writes, until an instance is ready again: its primary repaired, or the
 * instance that replaced it (a spot replacement). The old primary, repaired, is a replica.
 */
final class DatabaseShard implements InstanceStateListener {
    private static final byte UP = 0;
    private static final byte FAILING_OVER = 1;
    private static final byte WAITING = 2; // promotion due, no instance ready to take it
    private static final byte DOWN = 3; // no replica: down until the primary is back

    final ServiceStation station;
    final ReplicationLog log;
    private final Simulation sim;
    private final long failoverNs;
    private final boolean hasReplicas;
    private final int promote;
    int primary;
    /** Writes committed before this are at every instance (the last promotion). */
    long floor = Long.MIN_VALUE;
    private byte state = UP;
    private long downSince;
    private int oldPrimary = -1;
    private long[] missing = new long[0];
    private int cursor;
    /** Losses of the primary, by time. */
    final List<Long> failoverTimes = new ArrayList<>();
    /** Write-unavailable intervals, start and end in turn (an open one ends at the horizon). */
    final List<long[]> outages = new ArrayList<>();
    long writesLost;

    DatabaseShard(ServiceStation station, Simulation sim, long failoverNs, boolean hasReplicas) {
        this.station = station;
        this.sim = sim;
        this.failoverNs = failoverNs;
        this.hasReplicas = hasReplicas;
        this.log = new ReplicationLog(station.slotCount());
        this.primary = 0;
        this.promote = sim.events().timer(this::promote, 0);
        station.setup().onInstanceState(this);
    }

    /** Whether writes fail now. */
    boolean writesDown() {
        return state != UP;
    }

    /** The instance a read goes to: the next ready replica in turn, else the primary if ready, else -1. */
    int readTarget() {
        int n = station.slotCount();
        for (int k = 0; k < n; k++) {
            int i = cursor++;
            if (cursor >= n) {
                cursor = 0;
            }
            if (i != primary && station.state(i) == ServiceStation.READY) {
                return i;
            }
        }
        return primaryIfReady();
    }

    /** The primary if it takes work now, else -1. */
    int primaryIfReady() {
        return state == UP && station.state(primary) == ServiceStation.READY ? primary : -1;
    }

    @Override
    public void leaves(int slot, long now) {
        if (slot != primary || state != UP) {
            return;
        }
        failoverTimes.add(now);
        downSince = now;
        if (!hasReplicas) {
            state = DOWN;
            return;
        }
        state = FAILING_OVER;
        oldPrimary = slot;
        int n = station.slotCount();
        if (missing.length < n) {
            missing = new long[n];
        }
        for (int i = 0; i < n; i++) {
            missing[i] = i == slot ? 0 : log.missingAt(i, now);
        }
        sim.events().schedule(promote, now + failoverNs);
    }

    @Override
    public void ready(int slot, long now) {
        if (state == DOWN) { // the primary back, or its replacement in another slot: the shard's only instance
            primary = slot;
            up(now);
        } else if (state == WAITING) {
            promoteTo(slot, now);
        }
    }

    private void promote(int ignored) {
        long now = sim.now();
        int best = -1;
        for (int i = 0; i < station.slotCount(); i++) {
            if (i != oldPrimary && station.state(i) == ServiceStation.READY
                    && (best < 0 || missing(i) < missing(best))) {
                best = i;
            }
        }
        if (best < 0 && station.state(oldPrimary) == ServiceStation.READY) {
            best = oldPrimary; // repaired before any replica could be promoted: it stays primary, nothing lost
        }
        if (best < 0) {
            state = WAITING;
            return;
        }
        promoteTo(best, now);
    }

    private long missing(int i) {
        return i < missing.length ? missing[i] : 0;
    }

    private void promoteTo(int slot, long now) {
        writesLost += missing(slot);
        primary = slot;
        floor = now;
        log.clear();
        up(now);
    }

    private void up(long now) {
        state = UP;
        outages.add(new long[] {downSince, now});
    }

    /** Seconds in {@code [from, to)} during which writes failed. */
    double unavailableSeconds(long from, long to) {
        long ns = 0;
        for (long[] o : outages) {
            ns += Math.max(0, Math.min(o[1], to) - Math.max(o[0], from));
        }
        if (state != UP) {
            ns += Math.max(0, to - Math.max(downSince, from));
        }
        return ns / 1e9;
    }

    /** Losses of the primary in {@code [from, to)}. */
    long failovers(long from, long to) {
        return failoverTimes.stream().filter(t -> t >= from && t < to).count();
    }
}
