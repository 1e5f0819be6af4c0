package io.headroom.fleet;

import io.headroom.cluster.Cluster;
import io.headroom.cluster.Pod;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.vpa.EvictionRestriction;
import io.headroom.vpa.InPlaceRestriction;
import io.headroom.vpa.PodPriority;
import io.headroom.vpa.Recommendation;
import io.headroom.vpa.UpdatePriority;
import io.headroom.vpa.UpdaterConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The VPA updater, as kubernetes/autoscaler's {@code pkg/updater/logic/updater.go} {@code RunOnce} does it every
 * {@code updater-interval} (1 min): with a recommendation, the running pods whose CPU request it would change
 * ({@link UpdatePriority}: outside [lower, upper], or more than 10 % off the target after 12 h) are taken highest
 * priority first. In {@code Recreate} mode each is evicted as long as {@link EvictionRestriction} allows (at least two
 * live pods, at most half the replicas at once, the PodDisruptionBudget); the replacements are created requesting the
 * target. In {@code InPlaceOrRecreate} mode each is first resized in place to the target as
 * {@link InPlaceRestriction} allows (no restart, no PodDisruptionBudget); a pod whose resize its kubelet found
 * Infeasible, or Deferred for more than 5 minutes, goes to the evictions that follow in the same pass. Simplified:
 * only Running pods are candidates (a pod still starting is left alone); the eviction rate limiter is off, as
 * upstream's default, and so is the in-place one, which upstream builds from the same flags.
 */
final class VerticalUpdater {
    private final PodPlacement pods;
    private final ReplicaSet replicas;
    private final VerticalFeed feed;
    private final Simulation sim;
    private final EventQueue events;
    private final UpdaterConfig config;
    private final boolean inPlace;
    /** {@code lastInPlaceAttemptTimeMap}: when the updater first saw each pod (by id) with a resize waiting. */
    private final Map<Integer, Long> lastAttempt = new HashMap<>();
    private int timer = -1;
    private long evictions;
    private long fallbacks;

    VerticalUpdater(PodPlacement pods, ReplicaSet replicas, VerticalFeed feed, Simulation sim, UpdaterConfig config,
                    boolean inPlace) {
        this.pods = pods;
        this.replicas = replicas;
        this.feed = feed;
        this.sim = sim;
        this.events = sim.events();
        this.config = config;
        this.inPlace = inPlace;
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
        if (!inPlace) {
            for (Pod p : UpdatePriority.sortedForUpdate(running, q -> PodPriority.of(q.cpuMilli(), r), Pod::boundAt, now, config)) {
                if (restriction.evict(false)) {
                    evict(p, now);
                }
            }
            return;
        }
        Cluster cluster = pods.cluster();
        InPlaceRestriction resizes = new InPlaceRestriction(restriction, lastAttempt);
        // filterNonInPlaceUpdatablePods, then getPodsUpdateOrder
        List<Pod> updatable = new ArrayList<>();
        for (Pod p : running) {
            if (resizes.canInPlaceUpdate(p.id(), false, cluster.resizeWaiting(p), now) != InPlaceRestriction.Decision.DEFERRED) {
                updatable.add(p);
            }
        }
        List<Pod> toEvict = new ArrayList<>();
        for (Pod p : UpdatePriority.sortedForUpdate(updatable, q -> PodPriority.of(q.cpuMilli(), r), Pod::boundAt, now, config)) {
            switch (resizes.canInPlaceUpdate(p.id(), false, cluster.resizeWaiting(p), now)) {
                case APPROVED -> {
                    resizes.inPlaceUpdated();
                    cluster.resize(p, r.targetMilli(), now);
                }
                case EVICT -> toEvict.add(p);
                case DEFERRED -> { }
            }
        }
        for (Pod p : toEvict) {
            if (resizes.canEvictInPlacingPod(p.id(), cluster.resizeWaiting(p), now) && restriction.evictResizing()) {
                fallbacks++;
                evict(p, now);
            }
        }
    }

    private void evict(Pod p, long now) {
        evictions++;
        pods.cluster().evictVoluntarily(p, now, "vpa");
    }

    /** Pods evicted (in InPlaceOrRecreate mode, each after its resize failed). */
    long evictions() {
        return evictions;
    }

    /** Pods evicted because their in-place resize was Infeasible or Deferred too long. */
    long fallbacks() {
        return fallbacks;
    }
}
