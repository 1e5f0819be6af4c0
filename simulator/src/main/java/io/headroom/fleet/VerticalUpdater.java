package io.headroom.fleet;

import io.headroom.cluster.Pod;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.vpa.EvictionRestriction;
import io.headroom.vpa.PodPriority;
import io.headroom.vpa.Recommendation;
import io.headroom.vpa.UpdatePriority;
import io.headroom.vpa.UpdaterConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The VPA updater in {@code Recreate} mode, as kubernetes/autoscaler's {@code pkg/updater/logic/updater.go}
 * {@code RunOnce} does it every {@code updater-interval} (1 min): with a recommendation, the running pods whose CPU
 * request it would change ({@link UpdatePriority}: outside [lower, upper], or more than 10 % off the target after 12 h)
 * are evicted highest priority first, each as long as {@link EvictionRestriction} allows (at least two live pods, at
 * most half the replicas at once, the PodDisruptionBudget); their replacements are created requesting the target.
 * Simplified: only Running pods are candidates (a pod still starting is left alone); the eviction rate limiter is off,
 * as upstream's default.
 */
final class VerticalUpdater {
    private final PodPlacement pods;
    private final ReplicaSet replicas;
    private final VerticalFeed feed;
    private final Simulation sim;
    private final EventQueue events;
    private final UpdaterConfig config;
    private int timer = -1;
    private long evictions;

    VerticalUpdater(PodPlacement pods, ReplicaSet replicas, VerticalFeed feed, Simulation sim, UpdaterConfig config) {
        this.pods = pods;
        this.replicas = replicas;
        this.feed = feed;
        this.sim = sim;
        this.events = sim.events();
        this.config = config;
    }

    void start() {
        timer = events.timer(this::onPass, 0);
        events.schedule(timer, config.updaterIntervalNs());
    }

    private void onPass(int unused) {
        long now = sim.now();
        Recommendation r = feed.recommendation();
        if (r != null) {
            runOnce(r, now);
        }
        events.schedule(timer, now + config.updaterIntervalNs());
    }

    private void runOnce(Recommendation r, long now) {
        List<Pod> bound = pods.boundPods();
        List<Pod> running = new ArrayList<>();
        for (Pod p : bound) {
            if (p.phase() == Pod.Phase.RUNNING) {
                running.add(p);
            }
        }
        int live = bound.size() + pods.pending();
        EvictionRestriction restriction = new EvictionRestriction(pods.owner(), replicas.desired(), live, live - running.size(),
                config, pods.cluster().disruptions());
        for (Pod p : UpdatePriority.sortedForUpdate(running, q -> PodPriority.of(q.cpuMilli(), r), Pod::boundAt, now, config)) {
            if (restriction.evict(false)) {
                evictions++;
                pods.cluster().evictVoluntarily(p, now, "vpa");
            }
        }
    }

    long evictions() {
        return evictions;
    }
}
