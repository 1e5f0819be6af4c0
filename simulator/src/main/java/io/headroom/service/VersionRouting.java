package io.headroom.service;

import io.headroom.routing.Dispatcher;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A canary's exact traffic split, as a service mesh or an ingress with weights makes it (Argo Rollouts'
 * {@code trafficRouting}): each request goes to the ready instances of one version with probability {@code weight},
 * whatever their number, else to the ready instances of the other versions. Within its group a request is
 * dispatched by the service's strategy, each group with a dispatcher of its own ({@link Dispatcher#fresh}); a group
 * with no ready instance leaves the request to the other.
 *
 * <p>The groups are views of the ready instances ({@link Dispatcher.Load}), rebuilt only when the ready set or an
 * instance's version changes; a pick allocates nothing.
 */
final class VersionRouting {
    private final ServiceStation station;
    private final StationVersions versions;
    private final Group chosen = new Group();
    private final Group others = new Group();
    private int version;
    private double weight;
    private RandomGenerator rng;
    private int builtMembership;
    private int builtChanges;
    private boolean stale = true;
    private Dispatcher[] strategies = new Dispatcher[0]; // the strategies seen, and per strategy a copy for each group
    private Dispatcher[] forChosen = new Dispatcher[0];
    private Dispatcher[] forOthers = new Dispatcher[0];

    VersionRouting(ServiceStation station, StationVersions versions) {
        this.station = station;
        this.versions = versions;
    }

    /** From now on, {@code version} takes a share {@code weight} of the requests, drawn from {@code rng}; returns this. */
    VersionRouting set(int version, double weight, RandomGenerator rng) {
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException(station.name() + ": a traffic weight is between 0 and 1, got " + weight);
        }
        if (rng == null) {
            throw new IllegalArgumentException(station.name() + ": an exact traffic split needs a random stream");
        }
        stale |= version != this.version;
        this.version = version;
        this.weight = weight;
        this.rng = rng;
        return this;
    }

    /** The ready instance a request with {@code key} goes to, picked by a copy of {@code strategy} within its group (requires one ready). */
    int pick(Dispatcher strategy, long key) {
        refresh();
        boolean toChosen = rng.nextDouble() < weight;
        if (toChosen ? chosen.n == 0 : others.n == 0) {
            toChosen = !toChosen;
        }
        int s = strategyIndex(strategy);
        return toChosen ? forChosen[s].pick(chosen, key) : forOthers[s].pick(others, key);
    }

    private int strategyIndex(Dispatcher strategy) {
        for (int s = 0; s < strategies.length; s++) {
            if (strategies[s] == strategy) {
                return s;
            }
        }
        int s = strategies.length;
        strategies = Arrays.copyOf(strategies, s + 1);
        forChosen = Arrays.copyOf(forChosen, s + 1);
        forOthers = Arrays.copyOf(forOthers, s + 1);
        strategies[s] = strategy;
        forChosen[s] = strategy.fresh();
        forOthers[s] = strategy.fresh();
        return s;
    }

    private void refresh() {
        if (!stale && builtMembership == station.membership() && builtChanges == versions.changes()) {
            return;
        }
        chosen.clear();
        others.clear();
        int n = station.instances();
        for (int k = 0; k < n; k++) {
            int i = station.instanceAt(k);
            (versions.of(i) == version ? chosen : others).add(i);
        }
        builtMembership = station.membership();
        builtChanges = versions.changes();
        stale = false;
    }

    /** The ready instances of one group, ascending. */
    private final class Group implements Dispatcher.Load {
        private int[] slots = new int[8];
        private int n;
        private int membership;

        void clear() {
            n = 0;
            membership++;
        }

        void add(int i) {
            if (n == slots.length) {
                slots = Arrays.copyOf(slots, 2 * n);
            }
            slots[n++] = i;
        }

        @Override
        public int instances() {
            return n;
        }

        @Override
        public int instanceAt(int k) {
            return slots[k];
        }

        @Override
        public int outstanding(int slot) {
            return station.outstanding(slot);
        }

        @Override
        public int membership() {
            return membership;
        }
    }
}
