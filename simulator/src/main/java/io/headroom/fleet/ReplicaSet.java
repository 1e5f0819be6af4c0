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
    /** The count each version (a rollout's revision) is asked for; with one version, {@code desired}. */
    private int[] desiredOf = new int[1];
    private int versions = 1;
    /** Versions whose ready instances are kept out of service until switched in (a blue-green preview). */
    private boolean[] held = new boolean[1];
    /** The rollouts over this set's versions, or null: then the one version is asked for {@code desired}. */
    private Rollouts rollouts;
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
        this.desiredOf[0] = desired;
    }

    void bill(Fleet.Billing billing) {
        this.billing = billing;
    }

    /** The desired count before the run starts (a pod fleet's station starts with no instance). */
    void startWith(int n) {
        desired = n;
        desiredOf[0] = n;
    }

    /** From now on {@code rollouts} decides each version's count whenever the desired count changes. */
    void rolledOutBy(Rollouts rollouts) {
        this.rollouts = rollouts;
    }

    /** Adds a version (asked for no instance yet); returns its number. */
    int addVersion() {
        desiredOf = Arrays.copyOf(desiredOf, versions + 1);
        held = Arrays.copyOf(held, versions + 1);
        return versions++;
    }

    int versions() {
        return versions;
    }

    /** The count version {@code v} is asked for. */
    int desiredOf(int v) {
        return desiredOf[v];
    }

    /** Asks version {@code v} for {@code n} instances (call {@link #reconcile} after). */
    void setDesiredOf(int v, int n) {
        desiredOf[v] = n;
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

    /**
     * Sets the desired count (the Deployment's replicas) and launches or drains instances to reach it: all of the one
     * version, or spread over the versions by the rollouts.
     */
    void setDesired(int n, long now) {
        if (n > desired) {
            scaleOuts++;
        } else if (n < desired) {
            scaleIns++;
        }
        desired = n;
        if (rollouts != null) {
            rollouts.replicasChanged(now);
        } else {
            desiredOf[0] = n;
            reconcile(now);
        }
    }

    /** Launches or drains instances until each version's active ones are as many as it is asked for. */
    void reconcile(long now) {
        for (int v = 0; v < versions; v++) {
            reconcile(v, now);
        }
    }

    private void reconcile(int v, long now) {
        int active = activeOf(v);
        while (active < desiredOf[v]) {
            launch(now, v);
            active++;
        }
        while (active > desiredOf[v]) {
            if (pods != null && pods.deleteNewestPending(now, v)) {
                active--;
                continue;
            }
            int victim = pickVictim(v);
            if (victim < 0) {
                break;
            }
            remove(victim, now);
            active--;
        }
    }

    /** Version {@code v}'s instances that count toward its desired count: Pending pods, starting, ready or down. */
    int activeOf(int v) {
        int active = pods == null ? 0 : pods.pending(v);
        for (int i = 0; i < station.slotCount(); i++) {
            if (isActive(i) && station.version(i) == v) {
                active++;
            }
        }
        return active;
    }

    /** Version {@code v}'s instances that exist at all: Pending, or in any state but free (draining ones included). */
    int presentOf(int v) {
        int n = pods == null ? 0 : pods.pending(v);
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.state(i) != ServiceStation.FREE && station.version(i) == v) {
                n++;
            }
        }
        return n;
    }

    /**
     * Version {@code v}'s instances ready (in service, or held ready out of it) since at least {@code minReadyNs}
     * before {@code now} — a ReplicaSet's available replicas.
     */
    int availableOf(int v, long now, long minReadyNs) {
        int n = 0;
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.version(i) == v && isReady(i) && timers.readyAt(i) + minReadyNs <= now) {
                n++;
            }
        }
        return n;
    }

    /** Version {@code v}'s instances ready, in service or held (a ReplicaSet's ready replicas). */
    int readyOf(int v) {
        int n = 0;
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.version(i) == v && isReady(i)) {
                n++;
            }
        }
        return n;
    }

    /** The earliest time after {@code now} at which a ready instance of version {@code v} becomes available; MAX_VALUE if none. */
    long nextAvailableAt(int v, long now, long minReadyNs) {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.version(i) == v && isReady(i) && timers.readyAt(i) + minReadyNs > now) {
                next = Math.min(next, timers.readyAt(i) + minReadyNs);
            }
        }
        return next;
    }

    private boolean isReady(int i) {
        byte st = station.state(i);
        return st == ServiceStation.READY || st == ServiceStation.STARTING && held[station.version(i)] && timers.readyAt(i) >= 0;
    }

    /**
     * Keeps version {@code v}'s ready instances out of service (a blue-green preview), or with {@code false} puts the
     * ones held ready into service now.
     */
    void hold(int v, boolean hold, long now) {
        held[v] = hold;
        if (hold) {
            return;
        }
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.version(i) == v && station.state(i) == ServiceStation.STARTING && timers.readyAt(i) >= 0
                    && !timers.pending(i)) {
                station.lifecycle().ready(i, now);
                crashes.scheduleFailure(i, now);
            }
        }
    }

    /**
     * Takes version {@code v}'s instances out of service now but keeps them, idle and billed, for {@code lingerNs}
     * before they go (an old blue-green fleet's scale-down delay); the version is then asked for none.
     */
    void retire(int v, long lingerNs, long now) {
        desiredOf[v] = 0;
        if (pods != null) {
            while (pods.deleteNewestPending(now, v)) {
                // Pending pods of the old fleet are deleted at once
            }
        }
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.version(i) != v || !isActive(i)) {
                continue;
            }
            if (station.state(i) == ServiceStation.READY && lingerNs > 0) {
                billing.leaving(i);
                station.lifecycle().withdraw(i, now);
                timers.arm(i, InstanceTimers.RELEASE, now + lingerNs);
            } else {
                remove(i, now);
            }
        }
    }

    /** Withdrawn instance {@code i}'s delay is over: it goes as a drained one does. */
    void release(int i, long now) {
        station.lifecycle().release(i, now);
        if (station.state(i) == ServiceStation.DRAINING) {
            timers.arm(i, InstanceTimers.DRAIN_TIMEOUT, now + drainTimeoutNs);
        }
    }

    /** Starting, ready or down: counts toward the desired count. */
    boolean isActive(int i) {
        byte st = station.state(i);
        return st == ServiceStation.STARTING || st == ServiceStation.READY || st == ServiceStation.DOWN;
    }

    /**
     * A ReplicaSet's order for deletion among version {@code v}'s instances: not ready before ready (starting, then
     * down), then the newest; -1 if none is active.
     */
    int pickVictim(int v) {
        int best = -1;
        for (int i = 0; i < station.slotCount(); i++) {
            if (!isActive(i) || station.version(i) != v) {
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
        station.lifecycle().drain(i, now);
        if (wasReady && station.state(i) == ServiceStation.DRAINING) {
            timers.arm(i, InstanceTimers.DRAIN_TIMEOUT, now + drainTimeoutNs);
        }
    }

    private void launch(long now, int v) {
        if (pods != null) {
            launches++;
            pods.create(now, v);
            return;
        }
        int zone = healthiestZone();
        int i = station.lifecycle().launch(now, zone);
        station.lifecycle().setVersion(i, v);
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
        if (held[station.version(slot)]) {
            timers.ready(slot, now);
        } else {
            station.lifecycle().ready(slot, now);
            timers.ready(slot, now);
            crashes.scheduleFailure(slot, now);
        }
        if (rollouts != null) {
            rollouts.changed(now);
        }
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

    /** Instances in any state but free (billed): starting, ready, draining or down. */
    int present() {
        return station.present();
    }

    /** Pods waiting for a node (0 for instances). */
    int pendingPods() {
        return pods == null ? 0 : pods.pending();
    }

    /** Instances taking traffic now. */
    int readyInService() {
        return station.instances();
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
