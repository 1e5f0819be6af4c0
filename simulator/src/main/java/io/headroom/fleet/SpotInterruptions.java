package io.headroom.fleet;

import io.headroom.engine.Simulation;
import io.headroom.service.ServiceStation;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * EC2 reclaiming spot instances. Each spot instance gets its interruption notice after an
 * exponential time at the billing's rate (a Poisson process per instance, drawn from the fleet's
 * own random stream when the instance is launched). At the notice the instance is drained (no new
 * work), a replacement is launched at once (AWS capacity rebalancing), and whatever it still holds
 * two minutes later ({@link Fleet#SPOT_NOTICE_NS}) is lost.
 */
final class SpotInterruptions {
    private final ServiceStation station;
    private final Simulation sim;
    private final InstanceTimers timers;
    private final long drainTimeoutNs;
    private ReplicaSet replicas;
    private Fleet.Billing billing = Fleet.Billing.NONE;
    private RandomGenerator rng;
    private final SlotTimers timer;
    private long interruptions;

    SpotInterruptions(ServiceStation station, Simulation sim, InstanceTimers timers, long drainTimeoutNs) {
        this.station = station;
        this.sim = sim;
        this.timers = timers;
        this.drainTimeoutNs = drainTimeoutNs;
        this.timer = new SlotTimers(sim.events(), this::onNotice);
    }

    void wire(ReplicaSet replicas) {
        this.replicas = replicas;
    }

    /** Which instances are spot and how often they are reclaimed; {@code rng} null: never. */
    void start(Fleet.Billing billing, RandomGenerator rng) {
        this.billing = billing;
        this.rng = rng;
    }

    /** No more interruptions: the pending notices are withdrawn. */
    void stop() {
        billing = Fleet.Billing.NONE;
        timer.cancelAll();
    }

    void grow(int n) {
        timer.grow(n);
    }

    void create(int slot) {
        timer.create(slot);
    }

    /** The instance in {@code slot} is launched at {@code now}: if it is spot, its notice is drawn. */
    void launched(int slot, long now) {
        double perHour = billing.spotInterruptionsPerHour();
        if (rng != null && perHour > 0 && billing.isSpot(slot)) {
            double hours = -Math.log(1 - rng.nextDouble()) / perHour;
            timer.schedule(slot, now + Math.max(1, (long) Math.min(hours * 3600e9, 1e18)));
        }
    }

    void cancel(int slot) {
        timer.cancel(slot);
    }

    /** Whether the instance in {@code slot} has a notice to come. */
    boolean pending(int slot) {
        return timer.pending(slot);
    }

    /** When its notice comes (only meaningful if {@link #pending}). */
    long noticeAt(int slot) {
        return timer.dueAt(slot);
    }

    long interruptions() {
        return interruptions;
    }

    private void onNotice(int i) {
        long now = sim.now();
        byte st = station.state(i);
        if (st == ServiceStation.FREE) {
            return;
        }
        interruptions++;
        billing.leaving(i); // its replacement is chosen as if it were gone already (AWS capacity rebalancing)
        long reclaim = now + Fleet.SPOT_NOTICE_NS;
        if (st == ServiceStation.READY) {
            station.lifecycle().drain(i, now);
            if (station.state(i) == ServiceStation.DRAINING) {
                timers.arm(i, InstanceTimers.DRAIN_TIMEOUT, Math.min(now + drainTimeoutNs, reclaim));
            }
        } else if (st == ServiceStation.DRAINING) {
            if (!timers.pending(i) || timers.dueAt(i) > reclaim) {
                timers.arm(i, InstanceTimers.DRAIN_TIMEOUT, reclaim);
            }
        } else {
            station.lifecycle().drain(i, now); // starting or down: simply ends
        }
        replicas.reconcile(now);
    }
}
