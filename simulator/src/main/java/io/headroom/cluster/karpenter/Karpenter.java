package io.headroom.cluster.karpenter;

import io.headroom.cluster.Cluster;
import io.headroom.cluster.Node;
import io.headroom.cluster.NodePool;
import io.headroom.cluster.Pod;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Karpenter running on the cluster: its provisioner and its disruption controller over the pools that are NodePools.
 *
 * <p><b>Provisioning.</b> A pod becoming Pending (or capacity changing while pods are Pending) opens or extends a
 * {@link Batcher} window; when it closes, the Pending pods are simulated onto the nodes that exist or are launching
 * and onto new NodeClaims ({@link Provisioner}), NodePools tried by weight (highest first, then in the design's order),
 * a pod one NodePool cannot hold going on to the next; each NodeClaim launches its cheapest option, Ready after the
 * pool's provisioning time. The kube-scheduler binds the pods when the nodes are Ready. The run starts with the nodes
 * Karpenter would have provisioned for its initial pods, Ready at time 0 (the cluster as Karpenter would have left it).
 *
 * <p><b>Disruption.</b> Every 10 s ({@code pollingPeriod} of {@code pkg/controllers/disruption/controller.go}), and
 * again at once after an action, each NodePool's {@link Consolidation} pass: empty nodes are deleted; nodes whose
 * pods fit elsewhere are drained (their pods evicted as their PodDisruptionBudgets allow, the node deleted when they
 * have gone); a replacement is launched first and the nodes it replaces are tainted, then drained once it is Ready
 * (if it never becomes Ready, the taint is lifted). A node whose {@code expireAfter} has passed since its launch is
 * drained whatever the budgets say (expiration is forceful in v1). Spot interruptions are the cluster's.
 */
public final class Karpenter {
    /** The disruption controller's polling period. */
    public static final long POLLING_NS = 10_000_000_000L;
    private static final long NO_DEADLINE = Long.MAX_VALUE / 4;

    /** One NodePool as the run holds it: its pool, offerings (by {@link Node#offering()}), limits and disruption. */
    public record Pool(NodePool pool, List<InstanceOption> options, Limits limits, Consolidation.Policy policy,
                       long consolidateAfterNs, List<Budget> budgets, long expireAfterNs, int weight) {
        public Pool {
            options = List.copyOf(options);
            budgets = List.copyOf(budgets);
        }
    }

    /** What Karpenter did to one NodePool over the run. */
    public static final class Counts {
        private long nodeClaims;
        private long emptyDeletes;
        private long underutilizedDeletes;
        private long replaces;
        private long nodesConsolidated;
        private long expired;
        private final Map<String, Double> nodeNsByOffering = new java.util.TreeMap<>();

        public long nodeClaims() {
            return nodeClaims;
        }

        /** Consolidation actions that deleted empty nodes. */
        public long emptyDeletes() {
            return emptyDeletes;
        }

        /** Consolidation actions that deleted nodes whose pods fit elsewhere. */
        public long underutilizedDeletes() {
            return underutilizedDeletes;
        }

        /** Consolidation actions that replaced nodes by a cheaper one. */
        public long replaces() {
            return replaces;
        }

        /** Nodes removed by consolidation. */
        public long nodesConsolidated() {
            return nodesConsolidated;
        }

        /** Nodes drained because their {@code expireAfter} passed. */
        public long expired() {
            return expired;
        }

        /** Node-nanoseconds per offering ({@code type/capacity-type}), by name. */
        public Map<String, Double> nodeNsByOffering() {
            return nodeNsByOffering;
        }

        /** A copy, which later events leave as it is. */
        Counts copy() {
            Counts c = new Counts();
            c.nodeClaims = nodeClaims;
            c.emptyDeletes = emptyDeletes;
            c.underutilizedDeletes = underutilizedDeletes;
            c.replaces = replaces;
            c.nodesConsolidated = nodesConsolidated;
            c.expired = expired;
            c.nodeNsByOffering.putAll(nodeNsByOffering);
            return c;
        }
    }

    private record Replacement(Node node, List<Node> replaced) {
    }

    private final Cluster cluster;
    private final List<Pool> pools;
    private final Simulation sim;
    private final EventQueue events;
    private final Batcher batcher;
    private final Provisioner provisioner = new Provisioner();
    private final Consolidation consolidation = new Consolidation();
    private final Map<NodePool, Pool> byPool = new IdentityHashMap<>();
    private final Map<Pool, Counts> counts = new IdentityHashMap<>();
    private final List<Replacement> replacements = new ArrayList<>();
    /** Karpenter's nodes still present, with when each began to be counted in its offering's node time. */
    private final Map<Node, Long> since = new LinkedHashMap<>(); // nodes compare by identity; launch order
    private final Map<Integer, Node> expiring = new HashMap<>();
    private int batchTimer = -1;
    private int loopTimer = -1;

    public Karpenter(Cluster cluster, List<Pool> pools, long batchIdleNs, long batchMaxNs, Simulation sim) {
        this.cluster = cluster;
        this.pools = new ArrayList<>(pools);
        this.pools.sort(Comparator.comparingInt((Pool p) -> -p.weight()).thenComparingInt(p -> p.pool().index()));
        this.sim = sim;
        this.events = sim.events();
        this.batcher = new Batcher(batchIdleNs, batchMaxNs);
        for (Pool p : pools) {
            byPool.put(p.pool(), p);
            counts.put(p, new Counts());
        }
    }

    /**
     * Launches, Ready at once, the nodes Karpenter would have provisioned for {@code expected} (the pods the run starts
     * with, not yet created): the cluster as Karpenter would have left it.
     */
    public void prepare(List<Pod> expected) {
        provision(expected, sim.now(), true);
    }

    /** Starts listening for Pending pods and the disruption loop. */
    public void start() {
        long now = sim.now();
        cluster.listen(new Cluster.Listener() {
            @Override
            public void pending(long at) {
                onPending(at);
            }

            @Override
            public void nodeReady(Node node, long at) {
                onNodeReady(node, at);
            }

            @Override
            public void nodeGone(Node node, long at) {
                onNodeGone(node, at);
            }
        });
        batchTimer = events.timer(this::onBatch, 0);
        loopTimer = events.timer(this::onLoop, 0);
        events.schedule(loopTimer, now + POLLING_NS);
    }

    /** What Karpenter did to each NodePool up to {@code now}, by pool name (copies: later events leave them alone). */
    public Map<String, Counts> counts(long now) {
        Map<String, Counts> out = new LinkedHashMap<>();
        for (Node n : since.keySet()) {
            accrue(n, now);
        }
        for (Pool p : byPool.values().stream().sorted(Comparator.comparingInt(p -> p.pool().index())).toList()) {
            out.put(p.pool().name(), counts.get(p).copy());
        }
        return out;
    }

    // ---- provisioning

    private void onPending(long now) {
        batcher.podAdded(now);
        events.schedule(batchTimer, batcher.readyAt());
    }

    private void onBatch(int unused) {
        batcher.reset();
        provision(sim.now(), false);
    }

    private void provision(long now, boolean initial) {
        provision(cluster.pending(), now, initial);
    }

    private void provision(List<Pod> pods, long now, boolean initial) {
        List<Pod> left = new ArrayList<>(pods);
        for (Pool p : pools) {
            List<Pod> mine = new ArrayList<>();
            for (Pod pod : left) {
                if (pod.selects(p.pool().index())) {
                    mine.add(pod);
                }
            }
            if (mine.isEmpty()) {
                continue;
            }
            Provisioner.Result r = provisioner.schedule(mine, cluster.nodes(), p.options(), remaining(p));
            left.removeAll(mine);
            left.addAll(r.unschedulable());
            for (NodeClaimPlan claim : r.claims()) {
                launch(p, claim.launch(), claim.pods().size() + " pods, " + claim.options().size() + " options", initial, now);
            }
        }
    }

    private Node launch(Pool p, InstanceOption o, String why, boolean readyNow, long now) {
        counts.get(p).nodeClaims++;
        Node n = cluster.launchNode(p.pool(), o.allocatable(), p.options().indexOf(o),
                o.type() + " " + o.capacityType() + " (" + why + ")", readyNow, now);
        since.put(n, now);
        if (p.expireAfterNs() != Consolidation.NEVER) {
            expiring.put(n.id(), n);
            events.once(this::onExpired, n.id(), now + p.expireAfterNs());
        }
        return n;
    }

    /** What a NodePool may still launch: its limits less the capacity of its nodes present. */
    private Limits remaining(Pool p) {
        if (p.limits().equals(Limits.NONE)) {
            return Limits.NONE;
        }
        long cpu = 0;
        long memory = 0;
        for (Node n : cluster.nodes()) {
            if (n.pool() == p.pool().index() && n.offering() >= 0) {
                InstanceOption o = p.options().get(n.offering());
                cpu += o.cpuCapacityMilli();
                memory += o.memoryBytes();
            }
        }
        return new Limits(p.limits().cpuMilli() == Long.MAX_VALUE ? Long.MAX_VALUE : p.limits().cpuMilli() - cpu,
                p.limits().memoryBytes() == Long.MAX_VALUE ? Long.MAX_VALUE : p.limits().memoryBytes() - memory);
    }

    // ---- disruption

    private void onLoop(int unused) {
        long now = sim.now();
        for (int guard = 0; guard < 10_000 && disruptOnce(now); guard++) {
            // upstream requeues at once after an action
        }
        events.schedule(loopTimer, now + POLLING_NS);
    }

    /** One pass over the NodePools; true if one acted. */
    private boolean disruptOnce(long now) {
        for (Pool p : pools) {
            Map<Node, Long> changed = new IdentityHashMap<>();
            for (Node n : cluster.nodes()) {
                if (n.pool() == p.pool().index() && n.podsChangedAt() > n.readyAt()) {
                    changed.put(n, n.podsChangedAt());
                }
            }
            List<Consolidation.Action> actions = consolidation.plan(cluster.nodes(),
                    n -> n.pool() == p.pool().index() && n.offering() >= 0 ? p.options().get(n.offering()) : null,
                    p.options(), p.policy(), p.consolidateAfterNs(), changed, p.budgets(), cluster.disruptions(), now,
                    p.expireAfterNs(), pendingFor(p), remaining(p));
            if (!actions.isEmpty()) {
                execute(p, actions.get(0), now);
                return true;
            }
        }
        return false;
    }

    /** The Pending pods that may run on {@code p}'s nodes. */
    private List<Pod> pendingFor(Pool p) {
        List<Pod> out = new ArrayList<>();
        for (Pod pod : cluster.pending()) {
            if (pod.selects(p.pool().index())) {
                out.add(pod);
            }
        }
        return out;
    }

    private void execute(Pool p, Consolidation.Action a, long now) {
        Counts c = counts.get(p);
        c.nodesConsolidated += a.nodes().size();
        if (a.kind() == Consolidation.Kind.REPLACE) {
            c.replaces++;
            String why = "replaced by " + a.replacement().type() + " " + a.replacement().capacityType() + " (" + a.reason() + ")";
            for (Node n : a.nodes()) {
                cluster.cordonForDisruption(n, now, why);
            }
            Node r = launch(p, a.replacement(), "replacing " + a.nodes().size() + " nodes", false, now);
            replacements.add(new Replacement(r, a.nodes()));
            return;
        }
        if (a.reason().equals(Consolidation.EMPTY)) {
            c.emptyDeletes++;
        } else {
            c.underutilizedDeletes++;
        }
        for (Node n : a.nodes()) {
            remove(n, now, a.reason());
        }
    }

    /** Deletes {@code n} at once if it holds no pods, else drains it (PodDisruptionBudgets pace the evictions). */
    private void remove(Node n, long now, String why) {
        if (n.pods().isEmpty()) {
            cluster.deleteEmpty(n, now);
        } else {
            cluster.cordonForDisruption(n, now, why);
            cluster.drain(n, now, NO_DEADLINE, null);
        }
    }

    private void onExpired(int id) {
        Node n = expiring.remove(id);
        long now = sim.now();
        if (n == null || n.state() == Node.State.GONE || n.state() == Node.State.DELETING) {
            return;
        }
        counts.get(byPool.get(cluster.pools().get(n.pool()))).expired++;
        if (n.state() == Node.State.PROVISIONING) {
            cluster.deleteEmpty(n, now);
        } else {
            remove(n, now, "expired");
        }
    }

    private void onNodeReady(Node node, long now) {
        for (Replacement r : new ArrayList<>(replacements)) {
            if (r.node() == node) {
                replacements.remove(r);
                for (Node old : r.replaced()) {
                    if (old.state() == Node.State.DELETING) {
                        cluster.drain(old, now, NO_DEADLINE, null);
                    }
                }
            }
        }
    }

    private void onNodeGone(Node node, long now) {
        expiring.remove(node.id());
        accrue(node, now);
        since.remove(node);
        for (Replacement r : new ArrayList<>(replacements)) {
            if (r.node() == node) {
                replacements.remove(r);
                for (Node old : r.replaced()) {
                    cluster.uncordon(old, now);
                }
            }
        }
    }

    private void accrue(Node n, long now) {
        Long from = since.get(n);
        Pool p = byPool.get(cluster.pools().get(n.pool()));
        if (from == null || p == null || n.offering() < 0) {
            return;
        }
        InstanceOption o = p.options().get(n.offering());
        counts.get(p).nodeNsByOffering.merge(o.key(), (double) (now - from), Double::sum);
        since.put(n, now);
    }
}
