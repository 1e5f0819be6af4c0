package io.headroom.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The Cluster Autoscaler's scale-up, one loop of it: whether the pending pods need new nodes, in which node
 * group and how many. Ported from kubernetes/autoscaler {@code cluster-autoscaler/core/static_autoscaler.go}
 * ({@code RunOnce}, {@code shouldScaleUp}, {@code filterOutYoungPods}, {@code allPodsAreNew}),
 * {@code processors/podlistprocessor/filter_out_schedulable.go} and
 * {@code core/scaleup/orchestrator/orchestrator.go} ({@code ScaleUp}, {@code ComputeExpansionOption},
 * {@code GetCappedNewNodeCount}):
 * <ol>
 *   <li>Expendable pods (priority below {@code expendable-pods-priority-cutoff}) are dropped.</li>
 *   <li>Pods that fit where the cluster already has room are dropped: in order of decreasing priority (ties
 *       in the order given), each
 *       goes onto the first node with room — a Ready node as its non-expendable pods leave it, or a node
 *       launched but not yet Ready, pictured empty (the autoscaler adds "upcoming" nodes to its snapshot as
 *       copies of their group's template).</li>
 *   <li>Pods younger than {@code new-pod-scale-up-delay} are dropped. Nothing left: no scale-up. Ready nodes
 *       at {@code max-nodes-total}: none. The oldest pod less than 2 s old ({@code unschedulablePodTimeBuffer}):
 *       none this loop, and no scale-down either.</li>
 *   <li>Each group not backed off and below its maximum gets an option: the {@link BinpackingEstimator} over
 *       the pods that fit an empty node of it, limited to {@code max-nodes-per-scaleup}, to its room below its
 *       maximum and to what {@code max-nodes-total} leaves.</li>
 *   <li>The {@link Expander} picks one; its node count is capped so the cluster stays within
 *       {@code max-nodes-total} and the group within its maximum.</li>
 * </ol>
 * Simplifications: one group grows per loop ({@code parallel-scale-up} off, no balancing of similar groups);
 * no resource totals ({@code cores-total}, {@code memory-total}); node groups are always healthy apart from
 * back-off; "fits" is {@link Node#fits}'s filter; pods nominated for a node by preemption count as Pending.
 */
public final class ScaleUp {
    /** {@code unschedulablePodTimeBuffer}: how old the oldest pending pod must be before a scale-up. */
    static final long POD_TIME_BUFFER_NS = 2_000_000_000L;

    private final AutoscalerSettings settings;

    public ScaleUp(AutoscalerSettings settings) {
        this.settings = settings;
    }

    /**
     * The scale-up decision at {@code now}.
     *
     * @param pending the Pending pods, in the order the cluster holds them
     * @param nodes   every node not gone (provisioning, Ready or being deleted)
     * @param groups  the node groups, in pool order
     */
    public ScaleUpPlan plan(List<Pod> pending, List<Node> nodes, List<NodeGroup> groups, long now, Backoff backoff,
                            RandomGenerator rng) {
        List<Pod> pods = unschedulable(pending, nodes);
        List<Pod> old = new ArrayList<>(pods.size());
        long oldest = Long.MAX_VALUE;
        for (Pod p : pods) {
            if (now - p.createdAt() > settings.newPodScaleUpDelayNs()) {
                old.add(p);
                oldest = Math.min(oldest, p.createdAt());
            }
        }
        int ready = 0;
        int registered = 0;
        int current = 0;
        for (Node n : nodes) {
            if (n.state() == Node.State.READY || n.state() == Node.State.DELETING) {
                ready++;
                registered++;
            }
            if (n.state() != Node.State.GONE) {
                current++;
            }
        }
        if (old.isEmpty()) {
            return ScaleUpPlan.none(ScaleUpPlan.Outcome.NOT_NEEDED);
        }
        int maxTotal = settings.maxNodesTotal();
        if (maxTotal > 0 && ready >= maxTotal) {
            return ScaleUpPlan.none(ScaleUpPlan.Outcome.MAX_NODES_TOTAL);
        }
        if (oldest + POD_TIME_BUFFER_NS > now) {
            return ScaleUpPlan.none(ScaleUpPlan.Outcome.PODS_TOO_NEW);
        }
        List<ExpansionOption> options = options(old, groups, current, now, backoff);
        ExpansionOption best = settings.expander().choose(options, registered, rng);
        if (best == null) {
            return ScaleUpPlan.none(ScaleUpPlan.Outcome.NO_OPTIONS);
        }
        int count = best.nodeCount();
        if (maxTotal > 0 && count + current > maxTotal) {
            count = maxTotal - current;
            if (count < 1) {
                return ScaleUpPlan.none(ScaleUpPlan.Outcome.MAX_NODES_TOTAL);
            }
        }
        count = Math.min(count, best.group().maxSize() - best.group().targetSize());
        return new ScaleUpPlan(ScaleUpPlan.Outcome.SCALED_UP, best.group(), count, best.pods());
    }

    /** Steps 1 and 2: the pending pods that are not expendable and fit nowhere the cluster already has. */
    List<Pod> unschedulable(List<Pod> pending, List<Node> nodes) {
        List<Pod> pods = new ArrayList<>(pending.size());
        for (Pod p : pending) {
            if (!settings.expendable(p)) {
                pods.add(p);
            }
        }
        pods.sort((a, b) -> Integer.compare(b.priority(), a.priority()));
        List<SimNode> room = new ArrayList<>();
        for (Node n : nodes) {
            if (n.schedulable()) {
                room.add(SimNode.of(n, settings));
            } else if (n.state() == Node.State.PROVISIONING) {
                room.add(SimNode.empty(n));
            }
        }
        List<Pod> left = new ArrayList<>(pods.size());
        for (Pod p : pods) {
            int at = SimNode.firstFit(room, p);
            if (at < 0) {
                left.add(p);
            } else {
                room.get(at).add(p);
            }
        }
        return left;
    }

    /** Step 4: one option per group that can grow and would place pods. */
    List<ExpansionOption> options(List<Pod> pods, List<NodeGroup> groups, int currentNodes, long now, Backoff backoff) {
        List<ExpansionOption> options = new ArrayList<>();
        for (NodeGroup g : groups) {
            if (backoff.isBackedOff(g.index(), now) || g.targetSize() >= g.maxSize()) {
                continue;
            }
            List<Pod> fitting = new ArrayList<>();
            SimNode empty = SimNode.template(g.index(), g.template());
            for (Pod p : pods) {
                if (empty.fits(p)) {
                    fitting.add(p);
                }
            }
            if (fitting.isEmpty()) {
                continue;
            }
            BinpackingEstimator.Estimate e = BinpackingEstimator.estimate(fitting, g.index(), g.template(),
                    nodeLimit(g, currentNodes));
            if (e.nodeCount() > 0 && !e.pods().isEmpty()) {
                options.add(new ExpansionOption(g, e.nodeCount(), e.pods()));
            }
        }
        return options;
    }

    /**
     * The threshold-based limiter's node limit ({@code estimator/threshold_based_limiter.go} over the static,
     * node-group-capacity and cluster-capacity thresholds): the smallest positive limit, -1 if any has no room.
     */
    int nodeLimit(NodeGroup g, int currentNodes) {
        int limit = settings.maxNodesPerScaleUp();
        int room = g.maxSize() - g.targetSize();
        if (room <= 0) {
            return -1;
        }
        limit = limit == 0 ? room : Math.min(limit, room);
        int maxTotal = settings.maxNodesTotal();
        if (maxTotal > 0) {
            if (maxTotal <= currentNodes) {
                return -1;
            }
            limit = Math.min(limit, maxTotal - currentNodes);
        }
        return limit;
    }
}
