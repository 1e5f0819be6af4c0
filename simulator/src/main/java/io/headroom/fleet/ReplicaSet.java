package io.headroom.fleet;

import io.headroom.service.ServiceStation;
import java.util.Arrays;

/**
 * The controller that keeps a fleet's count of instances at the desired one, as a Kubernetes
 * ReplicaSet or an Auto Scaling group does. Active instances are those starting, ready or down (a
 * crashed instance being repaired still counts); draining ones are on their way out.
 *
 * <p>Too few: launches go to the healthy zone with the fewest active instances (the lowest-numbered
 * on a tie), billed from the launch, ready after {@code startup + readiness-delay}. Too many: the
 * instance removed is chosen as a ReplicaSet chooses: not-yet-ready before ready (starting, then
 * down), then the newest. A removed instance drains: it gets no new work, finishes what it holds
 * and ends when empty, or at {@code drain-timeout} losing what is left.
 */
final class ReplicaSet {
    private final ServiceStation station;
    private final InstanceTimers timers;
    private final Crashes crashes;
    private final SpotInterruptions spot;
    private final ZoneOutages zones;
    private final long startupNs;
    private final long readinessNs;
    private final long drainTimeoutNs;
    private final int zoneCount;
    private Fleet.Billing billing = Fleet.Billing.NONE;
    private FleetMetrics metrics;
    private int[] perZone;
    /** Non-null when the instances are pods on a cluster: launches create pods, which are Pending until bound. */
    private PodPlacement pods;

    private int desired;
    private long launches;
    private long scaleOuts;
    private long scaleIns;

    ReplicaSet(ServiceStation station, InstanceTimers timers, Crashes crashes, SpotInterruptions spot, ZoneOutages zones,
               long startupNs, long readinessNs, long drainTimeoutNs, int zoneCount) {
        this.station = station;
        this.timers = timers;
        this.crashes = crashes;
        this.spot = spot;
        this.zones = zones;
        this.startupNs = startupNs;
        this.readinessNs = readinessNs;
        this.drainTimeoutNs = drainTimeoutNs;
        this.zoneCount = zoneCount;
        this.desired = station.present();
    }

    void bill(Fleet.Billing billing) {
        this.billing = billing;
    }

    /** The desired count before the run starts (a pod fleet's station starts with no instance). */
    void startWith(int n) {
        desired = n;
    }

    /** The instances are pods placed by {@code pods}. */
    void placePods(PodPlacement pods) {
        this.pods = pods;
        pods.wire(this);
    }

    PodPlacement pods() {
        return pods;
    }

    /** Launches are recorded in {@code metrics} from now on. */
    void measure(FleetMetrics metrics) {
        this.metrics = metrics;
    }

    int desired() {
        return desired;
    }

    /** Sets the desired count and launches or drains instances to reach it. */
    void setDesired(int n, long now) {
        if (n > desired) {
            scaleOuts++;
        } else if (n < desired) {
            scaleIns++;
        }
        desired = n;
        reconcile(now);
    }

    /** Launches or drains instances until the active ones are as many as desired. */
    void reconcile(long now) {
        int active = pods == null ? 0 : pods.pending();
        for (int i = 0; i < station.slotCount(); i++) {
            if (isActive(i)) {
                active++;
            }
        }
        while (active < desired) {
            launch(now);
            active++;
        }
        while (active > desired) {
            if (pods != null && pods.deleteNewestPending(now)) {
                active--;
                continue;
            }
            int victim = pickVictim();
            if (victim < 0) {
                break;
            }
            remove(victim, now);
            active--;
        }
    }

    /** Starting, ready or down: counts toward the desired count. */
    boolean isActive(int i) {
        byte st = station.state(i);
        return st == ServiceStation.STARTING || st == ServiceStation.READY || st == ServiceStation.DOWN;
    }

    /** A ReplicaSet's order for deletion: not ready before ready (starting, then down), then the newest; -1 if none is active. */
    int pickVictim() {
        int best = -1;
        for (int i = 0; i < station.slotCount(); i++) {
            if (!isActive(i)) {
                continue;
            }
            if (best < 0 || rank(i) < rank(best) || rank(i) == rank(best) && timers.launchedAt(i) >= timers.launchedAt(best)) {
                best = i;
            }
        }
        return best;
    }

    private int rank(int i) {
        byte st = station.state(i);
        return st == ServiceStation.STARTING ? 0 : st == ServiceStation.DOWN ? 1 : 2;
    }

    private void remove(int i, long now) {
        boolean wasReady = station.state(i) == ServiceStation.READY;
        billing.leaving(i);
        station.drain(i, now);
        if (wasReady && station.state(i) == ServiceStation.DRAINING) {
            timers.arm(i, InstanceTimers.DRAIN_TIMEOUT, now + drainTimeoutNs);
        }
    }

    private void launch(long now) {
        if (pods != null) {
            launches++;
            pods.create(now);
            return;
        }
        int zone = healthiestZone();
        int i = station.launch(now, zone);
        ensure(station.slotCount());
        launches++;
        timers.launched(i, now);
        zones.forget(i);
        if (metrics != null) {
            metrics.launched(i, now);
        }
        billing.started(i, now);
        spot.launched(i, now);
        long at = now + startupNs + readinessNs;
        if (at == now && !zones.isDown(station.zoneOf(i))) {
            becomeReady(i, now);
        } else {
            timers.arm(i, InstanceTimers.TO_READY, at);
        }
    }

    /**
     * A pod bound to a node became instance {@code slot} at {@code now}; it takes traffic from {@code readyAt}
     * (at once if that is now).
     */
    void podLaunched(int slot, long now, long readyAt) {
        ensure(station.slotCount());
        timers.launched(slot, now);
        zones.forget(slot);
        if (metrics != null) {
            metrics.launched(slot, now);
        }
        billing.started(slot, now);
        if (readyAt == now) {
            becomeReady(slot, now);
        } else {
            timers.arm(slot, InstanceTimers.TO_READY, readyAt);
        }
    }

    /** The pod of instance {@code slot} is evicted: it drains, and a replacement pod is created. */
    void evict(int slot, long now) {
        remove(slot, now);
        reconcile(now);
    }

    /** The healthy zone with the fewest active instances (the lowest-numbered on a tie); -1 without zones. */
    int healthiestZone() {
        if (zoneCount == 1) {
            return -1;
        }
        if (perZone == null) {
            perZone = new int[zoneCount];
        }
        int[] count = perZone;
        Arrays.fill(count, 0);
        for (int i = 0; i < station.slotCount(); i++) {
            if (isActive(i)) {
                count[station.zoneOf(i)]++;
            }
        }
        int best = -1;
        for (int z = 0; z < zoneCount; z++) {
            if (!zones.isDown(z) && (best < 0 || count[z] < count[best])) {
                best = z;
            }
        }
        return best < 0 ? 0 : best;
    }

    /** The instance in {@code slot} takes traffic from {@code now}; its time to the next crash starts. */
    void becomeReady(int slot, long now) {
        if (pods != null) {
            pods.ready(slot, now);
        }
        station.ready(slot, now);
        timers.ready(slot, now);
        crashes.scheduleFailure(slot, now);
    }

    /** Makes room for {@code slots} instance slots in every per-slot clock (each new slot's timers in one order). */
    void ensure(int slots) {
        if (timers.capacity() >= slots) {
            return;
        }
        int old = timers.capacity();
        int n = Math.max(slots, old * 2);
        timers.grow(n);
        crashes.grow(n);
        spot.grow(n);
        zones.grow(n);
        for (int i = old; i < n; i++) {
            timers.create(i);
            crashes.create(i);
            spot.create(i);
        }
    }

    long launches() {
        return launches;
    }

    long scaleOuts() {
        return scaleOuts;
    }

    long scaleIns() {
        return scaleIns;
    }
}
