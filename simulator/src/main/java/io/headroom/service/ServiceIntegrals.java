package io.headroom.service;

import io.headroom.metrics.LevelIntegrals;
import io.headroom.metrics.TimeIntegrals;
import java.util.Arrays;

/**
 * The time integrals of a service's levels, from which a run reads time averages (utilisation,
 * mean queue, mean instances billed): over every instance, busy workers, busy cores, waiting
 * requests, requests in the service, instances present and the workers and cores of instances
 * that work; and, when an autoscaling policy reads per-instance metrics, each instance's busy
 * workers, busy cores and queue, with the requests it was sent. The owner updates them with the
 * levels as they were, before any change of a level.
 */
final class ServiceIntegrals {
    /** The totals, on one clock, at {@link ServiceStation}'s indices ({@code BUSY_WORKERS} … {@code SERVING_CORES}). */
    private final LevelIntegrals totals = new LevelIntegrals(ServiceStation.AREAS);

    private boolean perSlot;
    /** Per instance, on one clock: busy workers, busy cores, queue. */
    private final TimeIntegrals perInstance = new TimeIntegrals(0, 3);
    private static final int SLOT_BUSY = 0, SLOT_CORES = 1, SLOT_QUEUE = 2;
    private long[] slotArrivals = new long[0];

    /**
     * Whether the totals' integrals are already at {@code now}: they are always updated together, so
     * they share one clock, and an update at the same instant would add nothing (the owner then need
     * not even read its levels).
     */
    boolean current(long now) {
        return totals.current(now);
    }

    /** Brings the totals' integrals up to {@code now}, with the levels that held since the last update. */
    void update(long now, int busyWorkers, double busyCores, int queued, int inService, int instances, double workersServing,
                double coresServing) {
        long dt = totals.advance(now);
        if (dt > 0) {
            totals.add(ServiceStation.BUSY_WORKERS, busyWorkers, dt);
            totals.add(ServiceStation.BUSY_CORES, busyCores, dt);
            totals.add(ServiceStation.QUEUED, queued, dt);
            totals.add(ServiceStation.IN_SYSTEM, inService, dt);
            totals.add(ServiceStation.INSTANCES, instances, dt);
            totals.add(ServiceStation.SERVING_WORKERS, workersServing, dt);
            totals.add(ServiceStation.SERVING_CORES, coresServing, dt);
        }
    }

    /** Whether per-instance integrals are kept. */
    boolean perSlot() {
        return perSlot;
    }

    /** Keeps per-instance integrals from {@code now} on, for slots below {@code slots} and every slot launched later. */
    void trackSlots(long now, int slots) {
        for (int i = 0; i < slots; i++) {
            perInstance.restart(i, now);
        }
        perSlot = true;
    }

    /** Brings instance {@code i}'s integrals up to {@code now}. */
    void updateSlot(int i, long now, int busyWorkers, double busyCores, int queued) {
        long dt = perInstance.advance(i, now);
        if (dt > 0) {
            perInstance.add(i, SLOT_BUSY, busyWorkers, dt);
            perInstance.add(i, SLOT_CORES, busyCores, dt);
            perInstance.add(i, SLOT_QUEUE, queued, dt);
        }
    }

    /** A request was sent to instance {@code i}. */
    void arrivedAt(int i) {
        slotArrivals[i]++;
    }

    void grow(int n) {
        perInstance.grow(n);
        slotArrivals = Arrays.copyOf(slotArrivals, n);
    }

    ServiceAreas areas() {
        return new ServiceAreas(totals.sum(ServiceStation.BUSY_WORKERS), totals.sum(ServiceStation.BUSY_CORES),
                totals.sum(ServiceStation.QUEUED), totals.sum(ServiceStation.IN_SYSTEM), totals.sum(ServiceStation.INSTANCES),
                totals.sum(ServiceStation.SERVING_WORKERS), totals.sum(ServiceStation.SERVING_CORES));
    }

    /** {@link #areas} into {@code into}, in the record's order. */
    void areasInto(double[] into) {
        for (int k = 0; k < ServiceStation.AREAS; k++) {
            into[k] = totals.sum(k);
        }
    }

    /** Writes instance {@code i}'s integrals of busy workers, busy cores and queue, and the requests it was sent, from {@code at}. */
    void slotAreas(int i, double[] into, int at) {
        into[at] = perInstance.sum(i, SLOT_BUSY);
        into[at + 1] = perInstance.sum(i, SLOT_CORES);
        into[at + 2] = perInstance.sum(i, SLOT_QUEUE);
        into[at + 3] = slotArrivals[i];
    }
}
