package io.headroom.cluster;

import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes cluster at run time: its pools' nodes (launched, Ready after their provisioning time, deleted), its
 * pods (Pending, bound to a node by the {@link Scheduler}, evicted, ended) and the owners that keep their number.
 *
 * <p>A pod is scheduled when it is created; one that fits nowhere, and cannot preempt its way onto a node, is
 * Pending and is tried again, in the scheduling queue's order (higher priority first, then older), whenever a node
 * becomes Ready or a pod leaves a node. The scheduler takes no time. A preemption's victims leave their node at
 * once (their owners still finish what they hold within their grace period) and the preemptor is bound there. A
 * drained node is deleted — and stops being billed — once every pod evicted from it has ended. The node autoscaler
 * ({@link ClusterAutoscaler}) runs on its own clock and acts through {@link #launchNode}, {@link #deleteEmpty} and
 * {@link #drain} (the drains under way are {@link Drains}'); EC2 takes spot nodes back on its own ({@link SpotReclaims}).
 */
public final class Cluster {
    private static final Comparator<Pod> QUEUE_ORDER = Comparator.comparingInt((Pod p) -> -p.priority())
            .thenComparingLong(Pod::createdAt).thenComparingInt(Pod::id);

    private final Simulation sim;
    private final EventQueue events;
    private final List<NodePool> pools;
    private final Scheduler scheduler;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Node> byId = new ArrayList<>();
    private final List<Pod> pending = new ArrayList<>();
    private final List<PodOwner> owners = new ArrayList<>();
    private final List<String> ownerNames = new ArrayList<>();
    private final List<Boolean> counted = new ArrayList<>();
    private int countedPending;
    /** Pending pods that were not bound by the scheduling attempt of their creation: those the pending figures count. */
    private final java.util.Set<Pod> waiting = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<ClusterEvent> log = new ArrayList<>();
    private final Map<Pod, Node> terminating = new IdentityHashMap<>();
    private final ClusterStats stats;
    /** Bound pods whose container has not started yet, by id (for their Running event). */
    private final Map<Integer, Pod> starting = new java.util.HashMap<>();
    /** Nodes being drained by the autoscaler. */
    private final Drains drains;
    /** Spot nodes EC2 is reclaiming. */
    private final SpotReclaims spot;
    /** In-place resizes: the kubelets' answers, and those that wait. */
    private final Resizes resizes = new Resizes(this::applyResize);
    private Listener listener = Listener.NONE;
    private int nextPod;
    private boolean inPass;
    private boolean again;

    /** What a node provisioner (Karpenter) hears of: pods becoming Pending, nodes becoming Ready or going. */
    public interface Listener {
        /** A pod became Pending at {@code now}, or capacity changed while pods are Pending. */
        default void pending(long now) {
        }

        /** {@code node} became Ready at {@code now}. */
        default void nodeReady(Node node, long now) {
        }

        /** {@code node} was deleted (or reclaimed) at {@code now}. */
        default void nodeGone(Node node, long now) {
        }

        Listener NONE = new Listener() {
        };
    }

    /** Tells {@code l} of pending pods and node changes (one listener). */
    public void listen(Listener l) {
        listener = l;
    }

    /** The node with id {@code id}, gone or not. */
    public Node node(int id) {
        return byId.get(id);
    }

    public Cluster(Simulation sim, List<NodePool> pools, Scheduler scheduler) {
        this.sim = sim;
        this.events = sim.events();
        this.pools = List.copyOf(pools);
        this.scheduler = scheduler;
        this.stats = new ClusterStats(pools.size());
        this.drains = new Drains(this, sim);
        this.spot = new SpotReclaims(this, sim);
    }

    public List<NodePool> pools() {
        return pools;
    }

    /** The nodes present (provisioning, ready or being deleted), in launch order. */
    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** Pending pods, in the scheduling queue's order. */
    public List<Pod> pending() {
        pending.sort(QUEUE_ORDER);
        return Collections.unmodifiableList(pending);
    }

    public ClusterStats stats() {
        return stats;
    }

    /** What happened, in the order it happened. */
    public List<ClusterEvent> events() {
        return Collections.unmodifiableList(log);
    }

    /** The name of owner {@code owner}. */
    public String ownerName(int owner) {
        return ownerNames.get(owner);
    }

    void log(long now, String kind, Node n, String detail) {
        log.add(new ClusterEvent(now, kind, pools.get(n.pool()).name(), n.id(), null, -1, detail));
    }

    private void log(long now, String kind, Pod p, String detail) {
        Node n = p.node();
        log.add(new ClusterEvent(now, kind, n == null ? null : pools.get(n.pool()).name(), n == null ? -1 : n.id(),
                ownerNames.get(p.owner()), p.id(), detail));
    }

    /** A scale-up of {@code count} nodes of {@code pool}, as the autoscaler decided it. */
    void logScaleUp(long now, NodePool pool, int count) {
        log.add(new ClusterEvent(now, "scale-up", pool.name(), -1, null, -1, Integer.toString(count)));
    }

    /** Registers an owner of pods under {@code name}; returns its index, which its pods carry. */
    public int addOwner(PodOwner owner, String name) {
        return addOwner(owner, name, true);
    }

    /**
     * Registers an owner; with {@code counted} false (placeholder pods) its pods are left out of the pending figures,
     * which answer how long the services' pods waited.
     */
    public int addOwner(PodOwner owner, String name, boolean counted) {
        owners.add(owner);
        ownerNames.add(name);
        this.counted.add(counted);
        stats.owners(owners.size());
        return owners.size() - 1;
    }

    /** PodDisruptionBudgets as every voluntary disruption reads them. */
    public Disruptions disruptions() {
        return owner -> owners.get(owner).disruptionsAllowed();
    }

    // ---- nodes

    /** Starts {@code n} nodes of {@code pool} Ready at time 0 (the cluster as the run finds it). */
    public void startNodes(NodePool pool, int n) {
        for (int k = 0; k < n; k++) {
            Node node = newNode(pool, 0);
            log(0, "node-launched", node, "initial");
            node.ready(0);
            log(0, "node-ready", node, "initial");
            pool.readyChanged(node.allocatable().cpuMilli(), 0);
        }
    }

    /** Launches a node of {@code pool} at {@code now}; it is Ready after a provisioning-time sample. */
    public Node launchNode(NodePool pool, long now) {
        Node node = newNode(pool, pool.shape(), -1, now);
        log(now, "node-launched", node, null);
        long at = now + pool.provisioningNs();
        events.once(this::onNodeReady, node.id(), at);
        return node;
    }

    /**
     * Launches a node of {@code pool} holding {@code shape}, its pool's instance offering {@code offering} (a Karpenter
     * NodeClaim, {@code detail} naming it in the log): Ready after a provisioning-time sample, or at once when
     * {@code readyNow} (the cluster as the run finds it).
     */
    public Node launchNode(NodePool pool, NodeShape shape, int offering, String detail, boolean readyNow, long now) {
        Node node = newNode(pool, shape, offering, now);
        log(now, "node-launched", node, detail);
        if (readyNow) {
            node.ready(now);
            log(now, "node-ready", node, "initial");
            pool.readyChanged(node.allocatable().cpuMilli(), now);
            schedulePending(now);
        } else {
            events.once(this::onNodeReady, node.id(), now + pool.provisioningNs());
        }
        return node;
    }

    private Node newNode(NodePool pool, long now) {
        return newNode(pool, pool.shape(), -1, now);
    }

    private Node newNode(NodePool pool, NodeShape shape, int offering, long now) {
        Node node = new Node(byId.size(), pool.index(), pool.nextZone(), shape, now, offering);
        byId.add(node);
        nodes.add(node);
        pool.added(node, now);
        pool.billing().launched(node, now);
        long notice = pool.spotNoticeAt(node.id(), now);
        if (notice != Long.MAX_VALUE) {
            events.once(spot::onNotice, node.id(), notice);
        }
        return node;
    }

    /** No more spot interruptions (the bill has closed at the end of the profile). */
    public void stopInterruptions() {
        spot.stop();
    }

    /** Spot interruption notices received. */
    public long interruptions() {
        return spot.interruptions();
    }

    private void onNodeReady(int id) {
        Node node = byId.get(id);
        if (node.state() != Node.State.PROVISIONING) {
            return; // deleted while provisioning (max-node-provision-time)
        }
        long now = sim.now();
        node.ready(now);
        log(now, "node-ready", node, null);
        pools.get(node.pool()).readyChanged(node.allocatable().cpuMilli(), now);
        schedulePending(now);
        listener.nodeReady(node, now);
        if (!pending.isEmpty()) {
            listener.pending(now);
        }
    }

    /**
     * Taints {@code node} for a disruption whose replacement is still launching (Karpenter's {@code karpenter.sh/disrupted}
     * taint): no new pod goes there, its pods stay until it is drained.
     */
    public void cordonForDisruption(Node node, long now, String why) {
        cordon(node, now);
        log(now, "node-disrupting", node, why);
    }

    /** Takes the disruption taint off again (the replacement never came): Ready as before. */
    public void uncordon(Node node, long now) {
        if (node.state() == Node.State.DELETING && !drains.contains(node) && !spot.reclaiming(node)) {
            node.uncordon();
            pools.get(node.pool()).readyChanged(node.allocatable().cpuMilli(), now);
            log(now, "node-uncordoned", node, null);
            schedulePending(now);
        }
    }

    /**
     * Deletes a node the autoscaler found empty (still provisioning, or holding only expendable pods, which end with
     * it): it leaves at once and stops being billed.
     */
    public void deleteEmpty(Node node, long now) {
        boolean provisioning = node.state() == Node.State.PROVISIONING;
        cordon(node, now);
        for (Pod p : new ArrayList<>(node.pods())) {
            evict(p, now, "pod-evicted");
        }
        gone(node, now, provisioning ? "provision-timeout" : "empty");
    }

    /** Marks {@code node} for deletion (the autoscaler's taint): no new pod goes there, and it no longer counts as Ready. */
    private void cordon(Node node, long now) {
        if (node.state() == Node.State.READY) {
            pools.get(node.pool()).readyChanged(-node.allocatable().cpuMilli(), now);
        }
        node.deleting();
    }

    /**
     * Drains {@code node} as the Cluster Autoscaler does ({@link Drains}): it takes no new pods, each pod on it is evicted
     * when its PodDisruptionBudget allows, and the node is deleted once every evicted pod has ended. If pods are still
     * there after {@code maxEvictionNs} ({@code max-pod-eviction-time}), the drain fails: the node takes pods again and
     * {@code failed} is told.
     */
    public void drain(Node node, long now, long maxEvictionNs, Runnable failed) {
        cordon(node, now);
        log(now, "node-draining", node, node.pods().size() + " pods");
        drains.start(node, now, maxEvictionNs, failed);
    }

    /** Takes every pod off {@code node} at once, budgets or not (the node is going: a spot interruption). */
    void drainNow(Node node, long now) {
        cordon(node, now);
        log(now, "node-draining", node, node.pods().size() + " pods");
        for (Pod p : new ArrayList<>(node.pods())) {
            evict(p, now, "pod-evicted");
        }
    }

    void gone(Node node, long now, String why) {
        log(now, "node-deleted", node, why);
        NodePool pool = pools.get(node.pool());
        if (node.state() == Node.State.READY) {
            pool.readyChanged(-node.allocatable().cpuMilli(), now);
        }
        node.gone();
        nodes.remove(node);
        pool.removed(node, now);
        pool.billing().stopped(node.id(), now);
        listener.nodeGone(node, now);
        if (!pending.isEmpty()) {
            listener.pending(now);
        }
    }

    // ---- pods

    /** A new pod of {@code owner}, for pool {@code pool}'s nodes, created at {@code now} and scheduled at once if it can be. */
    public Pod create(int owner, long cpuMilli, long memoryBytes, int priority, int pool, long now) {
        Pod p = new Pod(nextPod++, owner, -1, cpuMilli, memoryBytes, priority, now, pool);
        pending.add(p);
        schedulePending(now);
        if (pending.contains(p)) { // not bound by its own scheduling attempt: Pending
            waiting.add(p);
            pendingMoved(p, +1, now);
            log(now, "pod-pending", p, null);
            listener.pending(now);
        }
        return p;
    }

    /** Bound pod {@code p}'s container starts at {@code at} (now or later): it is Running then, unless gone before. */
    public void runningAt(Pod p, long at) {
        if (at == sim.now()) {
            running(p, at);
        } else {
            events.once(this::onRunning, p.id(), at);
            starting.put(p.id(), p);
        }
    }

    private void onRunning(int id) {
        Pod p = starting.remove(id);
        if (p != null && p.phase() == Pod.Phase.STARTING) {
            running(p, sim.now());
        }
    }

    private void pendingMoved(Pod p, int d, long now) {
        if (counted.get(p.owner())) {
            countedPending += d;
            stats.pendingChanged(countedPending, now);
        }
    }

    private void running(Pod p, long at) {
        p.phase(Pod.Phase.RUNNING);
        if (counted.get(p.owner())) {
            stats.started(p, at);
        }
        log(at, "pod-running", p, null);
    }

    /** Pod {@code p} was created with a CPU request a Vertical Pod Autoscaler set ({@code pod-request} in the log). */
    public void requestSet(Pod p, long now) {
        log(now, "pod-request", p, p.cpuMilli() + "m (vpa)");
    }

    /** Pod {@code p} passed its readiness probe at {@code now}. */
    public void ready(Pod p, long now) {
        log(now, "pod-ready", p, null);
    }

    /** The owner deletes a pod it no longer wants (a scale-in): Pending, it is dropped; bound, it terminates. */
    public void ended(Pod p, long now) {
        if (pending.remove(p)) {
            if (waiting.remove(p)) {
                pendingMoved(p, -1, now);
            }
            log(now, "pod-deleted", p, "pending");
            return;
        }
        if (p.node() != null) {
            log(now, "pod-deleted", p, null);
        }
        Node from = terminating.remove(p);
        if (p.node() != null) {
            from = p.node();
            release(p, now);
        }
        p.phase(Pod.Phase.TERMINATING);
        if (from != null && from.state() == Node.State.DELETING && from.pods().isEmpty() && !terminating.containsValue(from)
                && !spot.reclaiming(from) && !drains.contains(from)) {
            gone(from, now, "drained");
        }
        schedulePending(now);
    }

    /**
     * A voluntary eviction through the eviction API by another controller (the VPA's updater, which has already asked
     * the pod's budget): the pod leaves its node and its owner replaces it.
     */
    public void evictVoluntarily(Pod p, long now, String why) {
        if (p.node() != null && p.phase() != Pod.Phase.TERMINATING) {
            evict(p, now, "pod-evicted", why);
        }
    }

    void evict(Pod p, long now, String kind) {
        evict(p, now, kind, null);
    }

    private void evict(Pod p, long now, String kind, String detail) {
        log(now, kind, p, detail);
        Node from = p.node();
        release(p, now);
        p.phase(Pod.Phase.TERMINATING);
        terminating.put(p, from);
        stats.evicted();
        owners.get(p.owner()).evicted(p, now);
    }

    /** Whether a pod evicted from {@code node} has not ended yet. */
    boolean terminatingOn(Node node) {
        return terminating.containsValue(node);
    }

    /** Whether pod {@code p}'s owner's PodDisruptionBudget allows a disruption now. */
    boolean disruptionAllowed(Pod p) {
        return owners.get(p.owner()).disruptionsAllowed() > 0;
    }

    /** Whether {@code node} is a spot node EC2 is reclaiming. */
    boolean reclaiming(Node node) {
        return spot.reclaiming(node);
    }

    private void release(Pod p, long now) {
        Node n = p.node();
        n.release(p);
        n.podLeft(now);
        pools.get(n.pool()).requestChanged(-p.cpuMilli(), now);
        stats.unbound(p, n.pool(), now);
        resizes.left(p, n, now);
    }

    // ---- in-place resizes

    /** What the kubelet made of an in-place resize: done, waiting for room beside the node's other pods, or beyond the node. */
    public enum Resize { DONE, DEFERRED, INFEASIBLE }

    /**
     * An in-place resize of bound pod {@code p}'s CPU request to {@code cpuMilli}, as its kubelet admits it
     * ({@link Resizes}): done at once without a restart ({@code pod-resized 500m -> 247m}), or waiting
     * ({@code pod-resize-deferred}, {@code pod-resize-infeasible}). A resize asked for while another waits replaces it.
     */
    public Resize resize(Pod p, long cpuMilli, long now) {
        long old = p.cpuMilli();
        Resize r = resizes.ask(p, cpuMilli, now);
        if (r != Resize.DONE) {
            log(now, r == Resize.DEFERRED ? "pod-resize-deferred" : "pod-resize-infeasible", p, old + "m -> " + cpuMilli + "m");
        }
        return r;
    }

    /** Why bound pod {@code p}'s last resize waits (Deferred or Infeasible), or null when none waits. */
    public Resize resizeWaiting(Pod p) {
        return resizes.waiting(p);
    }

    /** Pod {@code p}'s request becomes {@code cpuMilli} where it runs: its node's sums, its pool's and owner's integrals. */
    private void applyResize(Pod p, long cpuMilli, long now) {
        Node n = p.node();
        long old = p.cpuMilli();
        n.resize(p, cpuMilli);
        pools.get(n.pool()).requestChanged(cpuMilli - old, now);
        stats.resized(p, n.pool(), cpuMilli - old, now);
        log(now, "pod-resized", p, old + "m -> " + cpuMilli + "m");
        owners.get(p.owner()).resized(p, now);
        if (cpuMilli < old) {
            resizes.retry(n, now);
            schedulePending(now);
        }
    }

    private void bind(Pod p, Node n, long now) {
        pending.remove(p);
        if (waiting.remove(p)) {
            pendingMoved(p, -1, now);
        }
        n.bind(p, now);
        pools.get(n.pool()).requestChanged(p.cpuMilli(), now);
        stats.bound(p, n.pool(), now);
        log(now, "pod-bound", p, null);
        owners.get(p.owner()).bound(p, now);
    }

    /**
     * Tries every Pending pod in the queue's order: placed where the scheduler scores best, else onto a node where
     * it may preempt lower-priority pods, else it stays Pending. Repeats while something changed (an eviction makes
     * its owner create a replacement, which joins the queue).
     */
    public void schedulePending(long now) {
        if (inPass) {
            again = true;
            return;
        }
        inPass = true;
        try {
            do {
                again = false;
                pending.sort(QUEUE_ORDER);
                for (Pod p : new ArrayList<>(pending)) {
                    if (!pending.contains(p)) {
                        continue;
                    }
                    Node n = scheduler.place(p, nodes);
                    if (n == null) {
                        Preemption plan = scheduler.preempt(p, nodes, disruptions());
                        if (plan != null) {
                            for (Pod victim : plan.victims()) {
                                evict(victim, now, "pod-preempted");
                                stats.preempted();
                            }
                            n = plan.node();
                        }
                    }
                    if (n != null) {
                        bind(p, n, now);
                    }
                }
            } while (again);
        } finally {
            inPass = false;
        }
    }

    /** Brings the pools' integrals up to {@code now}. */
    public void advance(long now) {
        pools.forEach(p -> p.advance(now));
        stats.advance(now, countedPending);
    }
}
