package io.headroom.cluster;

import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The nodes a cluster is draining as the Cluster Autoscaler drains them: each pod on a cordoned node is evicted when its
 * PodDisruptionBudget allows (its owner replaces it; the replacement is Pending until it fits elsewhere), refused
 * evictions are retried every 10 s ({@code EvictionRetryTime}), and the node is deleted once every evicted pod has
 * ended. If pods are still there at the drain's deadline ({@code max-pod-eviction-time}), the drain fails: the taint
 * comes off, the node takes pods again and whoever asked for the drain is told.
 */
final class Drains {
    /** How often a drain retries the evictions a PodDisruptionBudget refused ({@code EvictionRetryTime}). */
    static final long EVICTION_RETRY_NS = 10_000_000_000L;

    /** A drain under way: until when evictions are retried, and whom to tell if it fails. */
    private record Drain(long deadline, Runnable failed) {
    }

    private final Cluster cluster;
    private final Simulation sim;
    private final EventQueue events;
    private final Map<Node, Drain> drains = new IdentityHashMap<>();

    Drains(Cluster cluster, Simulation sim) {
        this.cluster = cluster;
        this.sim = sim;
        this.events = sim.events();
    }

    /** Starts draining cordoned {@code node}: evictions until {@code now + maxEvictionNs}, {@code failed} told if pods remain. */
    void start(Node node, long now, long maxEvictionNs, Runnable failed) {
        drains.put(node, new Drain(now + maxEvictionNs, failed));
        evictAllowed(node, now);
    }

    /** Whether {@code node} is being drained. */
    boolean contains(Node node) {
        return drains.containsKey(node);
    }

    private void evictAllowed(Node node, long now) {
        for (Pod p : new ArrayList<>(node.pods())) {
            if (cluster.disruptionAllowed(p)) {
                cluster.evict(p, now, "pod-evicted");
            }
        }
        if (!node.pods().isEmpty()) {
            events.once(this::onEvictionRetry, node.id(), now + EVICTION_RETRY_NS);
            return;
        }
        drains.remove(node);
        if (node.state() == Node.State.DELETING && !cluster.terminatingOn(node) && !cluster.reclaiming(node)) {
            cluster.gone(node, now, "drained"); // its pods ended at once
        }
    }

    private void onEvictionRetry(int id) {
        Node node = cluster.node(id);
        long now = sim.now();
        Drain drain = drains.get(node);
        if (drain == null || node.state() != Node.State.DELETING || cluster.reclaiming(node)) {
            return;
        }
        if (now >= drain.deadline()) {
            drains.remove(node);
            node.uncordon(); // the taint is removed: the node takes pods again
            cluster.pools().get(node.pool()).readyChanged(node.allocatable().cpuMilli(), now);
            cluster.log(now, "node-drain-failed", node, node.pods().size() + " pods left");
            if (drain.failed() != null) {
                drain.failed().run();
            }
            cluster.schedulePending(now);
            return;
        }
        evictAllowed(node, now);
    }
}
