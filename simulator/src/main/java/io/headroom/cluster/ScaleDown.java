package io.headroom.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Cluster Autoscaler's scale-down, loop after loop: which nodes are unneeded, since when, and which to
 * remove now. It keeps state across loops (when each node became unneeded, which nodes were found
 * unremovable recently, which deletions it started). Ported from kubernetes/autoscaler
 * {@code cluster-autoscaler/core/scaledown/planner/planner.go} ({@code UpdateClusterState},
 * {@code categorizeNodes}, {@code NodesToDelete}, {@code unneededNodesLimit}, {@code sortByRisk}),
 * {@code eligibility/eligibility.go}, {@code unneeded/nodes.go} ({@code RemovableAt}),
 * {@code unremovable/nodes.go}, {@code simulator/cluster.go} ({@code SimulateNodeRemoval}),
 * {@code pdb/basic.go}, {@code budgets/budgets.go} ({@code CropNodes}),
 * {@code processors/scaledowncandidates} (empty and previously unneeded candidates first) and
 * {@code core/static_autoscaler.go} ({@code isScaleDownInCooldown}). Each loop:
 * <ol>
 *   <li>Candidates are the Ready nodes not being deleted whose group is above its minimum size; empty nodes
 *       (no non-expendable pod to move) come first, then those unneeded in the previous loop.</li>
 *   <li>A candidate found unremovable less than {@code unremovable-node-recheck-timeout} ago is skipped; one
 *       whose {@link SimNode#utilization() utilisation} (non-expendable pods) is at or above
 *       {@code scale-down-utilization-threshold} is not unneeded.</li>
 *   <li>The others are simulated in turn: its pods to move (non-expendable, not terminating) must be allowed
 *       by their budgets (a budget with fewer than 1 disruption left blocks; one with fewer left than pods
 *       here makes the node "risky"), and must all fit, first-fit in their order on the node, on the other
 *       Ready nodes that are not themselves chosen for removal in this loop. A node that passes is unneeded:
 *       its pods stay on their simulated destinations for the next candidates, their budgets are charged, it
 *       stops being a destination. One that fails is unremovable until the recheck timeout.</li>
 *   <li>A node's unneeded-since is the first loop of an unbroken run of loops in which it was unneeded.</li>
 *   <li>Nothing is removed in cool-down: a scale-up less than {@code scale-down-delay-after-add} ago, a
 *       deletion less than {@code scale-down-delay-after-delete} ago, a failure less than
 *       {@code scale-down-delay-after-failure} ago, or a loop whose pending pods were all too new.</li>
 *   <li>Otherwise, empty unneeded nodes then the others (not risky first) are removable when unneeded for
 *       more than {@code scale-down-unneeded-time} and their group stays above its minimum counting deletions
 *       in progress; empty ones are deleted up to {@code max-scale-down-parallelism} less deletions in
 *       progress, drained ones up to {@code max-drain-parallelism} less drains in progress (and the
 *       parallelism left), taken group by group.</li>
 * </ol>
 * Simplifications: no unready-node scale-down, no resource minimums, no atomic (zero-or-max) groups, no
 * scheduling hints (first-fit in node order, where upstream first tries the node a pod went to last loop);
 * pods evicted by the autoscaler recently are not re-injected (they are Pending pods of the cluster).
 */
public final class ScaleDown {
    private final AutoscalerSettings settings;
    private Map<Integer, Long> unneededSince = new LinkedHashMap<>();
    private final Map<Integer, Long> unremovableUntil = new HashMap<>();
    private final Set<Integer> drainsStarted = new HashSet<>();
    private long latestUpdate;
    private boolean updated;
    private long minUpdateInterval;

    public ScaleDown(AutoscalerSettings settings) {
        this.settings = settings;
        this.minUpdateInterval = Math.max(1, settings.scaleDownUnneededTimeNs());
    }

    /** When node {@code id} became unneeded, or -1 when it is not unneeded. */
    public long unneededSince(int id) {
        Long since = unneededSince.get(id);
        return since == null ? -1 : since;
    }

    /**
     * One loop's scale-down at {@code now}.
     *
     * @param nodes               every node not gone, in the cluster's order
     * @param groups              the node groups, in pool order
     * @param pdbs                the PodDisruptionBudgets' disruptions allowed now
     * @param lastScaleUp         the last scale-up (this loop's if it scaled up)
     * @param lastScaleDown       when a deletion last started
     * @param lastScaleDownFailure when a scale-down last failed
     * @param scaleDownForbidden  whether this loop's scale-up forbade scale-down ({@link ScaleUpPlan#scaleDownForbidden()})
     */
    public ScaleDownPlan plan(List<Node> nodes, List<NodeGroup> groups, Disruptions pdbs, long now, long lastScaleUp,
                              long lastScaleDown, long lastScaleDownFailure, boolean scaleDownForbidden) {
        if (updated && now > latestUpdate && now - latestUpdate < minUpdateInterval) {
            minUpdateInterval = now - latestUpdate;
        }
        latestUpdate = now;
        updated = true;
        int[] deleting = new int[groups.size()];
        int emptyInProgress = 0;
        int drainInProgress = 0;
        Set<Integer> present = new HashSet<>();
        Map<Integer, SimNode> destinations = new LinkedHashMap<>();
        List<SimNode> candidates = new ArrayList<>();
        for (Node n : nodes) {
            present.add(n.id());
            if (n.state() == Node.State.DELETING) {
                deleting[n.pool()]++;
                if (drainsStarted.contains(n.id())) {
                    drainInProgress++;
                } else {
                    emptyInProgress++;
                }
            } else if (n.schedulable()) {
                SimNode s = SimNode.of(n, settings);
                destinations.put(n.id(), s);
                NodeGroup g = groups.get(n.pool());
                if (g.targetSize() > g.minSize()) {
                    candidates.add(s);
                }
            }
        }
        drainsStarted.retainAll(present);
        unremovableUntil.entrySet().removeIf(e -> !present.contains(e.getKey()) || e.getValue() <= now);
        Map<SimNode, Integer> rank = new HashMap<>();
        for (SimNode c : candidates) {
            rank.put(c, (movable(c).isEmpty() ? 0 : 2) + (unneededSince.containsKey(c.node.id()) ? 0 : 1));
        }
        candidates.sort(Comparator.comparingInt(rank::get));
        List<Removable> removable = categorize(candidates, destinations, pdbs, now);
        Map<Integer, Long> since = new LinkedHashMap<>();
        for (Removable r : removable) {
            since.put(r.node.id(), unneededSince.getOrDefault(r.node.id(), now));
        }
        unneededSince = since;

        boolean cooldown = scaleDownForbidden
                || lastScaleUp + settings.scaleDownDelayAfterAddNs() > now
                || lastScaleDownFailure + settings.scaleDownDelayAfterFailureNs() > now
                || lastScaleDown + settings.scaleDownDelayAfterDeleteNs() > now;
        if (cooldown || candidates.isEmpty()) {
            return ScaleDownPlan.NONE;
        }
        ScaleDownPlan plan = nodesToDelete(removable, groups, deleting, emptyInProgress, drainInProgress, now);
        for (ScaleDownPlan.Drain d : plan.drain()) {
            drainsStarted.add(d.node().id());
        }
        return plan;
    }

    /** A node the simulation can remove: its pods to move (as simulated), and whether its budgets are tight. */
    private record Removable(Node node, List<Pod> podsToMove, boolean risky) {
    }

    /** Steps 2 to 4: which candidates are unneeded now, in candidate order. */
    private List<Removable> categorize(List<SimNode> candidates, Map<Integer, SimNode> destinations, Disruptions pdbs,
                                       long now) {
        List<SimNode> eligible = new ArrayList<>(candidates.size());
        for (SimNode c : candidates) {
            if (!unremovableUntil.containsKey(c.node.id()) && c.utilization() < settings.scaleDownUtilizationThreshold()) {
                eligible.add(c);
            }
        }
        Map<Integer, Integer> remaining = new HashMap<>();
        List<Removable> removable = new ArrayList<>();
        int limit = unneededNodesLimit();
        for (SimNode c : eligible) {
            int id = c.node.id();
            if (removable.size() >= limit) {
                break;
            }
            List<Pod> toMove = movable(c);
            Map<Integer, Integer> perOwner = new LinkedHashMap<>();
            for (Pod p : toMove) {
                perOwner.merge(p.owner(), 1, Integer::sum);
            }
            boolean blocked = false;
            boolean risky = false;
            for (Map.Entry<Integer, Integer> e : perOwner.entrySet()) {
                int left = remaining.computeIfAbsent(e.getKey(), pdbs::allowed);
                if (left < 1) {
                    blocked = true;
                } else if (left < e.getValue()) {
                    risky = true;
                }
            }
            if (blocked || !moveElsewhere(c, toMove, destinations)) {
                unremovableUntil.put(id, now + settings.unremovableNodeRecheckTimeoutNs());
                continue;
            }
            destinations.remove(id);
            for (Map.Entry<Integer, Integer> e : perOwner.entrySet()) {
                remaining.merge(e.getKey(), -e.getValue(), Integer::sum);
            }
            removable.add(new Removable(c.node, toMove, risky));
        }
        return removable;
    }

    /** {@code findPlaceFor}: moves {@code pods} off {@code from}, first-fit onto the other destinations; undone unless all fit. */
    private static boolean moveElsewhere(SimNode from, List<Pod> pods, Map<Integer, SimNode> destinations) {
        List<SimNode> others = new ArrayList<>(destinations.size());
        for (SimNode d : destinations.values()) {
            if (d != from) {
                others.add(d);
            }
        }
        List<SimNode> placedOn = new ArrayList<>(pods.size());
        for (Pod p : pods) {
            int at = SimNode.firstFit(others, p);
            if (at < 0) {
                for (int i = 0; i < placedOn.size(); i++) {
                    placedOn.get(i).remove(pods.get(i));
                }
                return false;
            }
            others.get(at).add(p);
            placedOn.add(others.get(at));
        }
        for (Pod p : pods) {
            from.remove(p);
        }
        return true;
    }

    /** The pods a removal must move: those counted here that are not already terminating. */
    private static List<Pod> movable(SimNode n) {
        List<Pod> pods = new ArrayList<>(n.pods.size());
        for (Pod p : n.pods) {
            if (p.phase() != Pod.Phase.TERMINATING) {
                pods.add(p);
            }
        }
        return pods;
    }

    /**
     * {@code unneededNodesLimit}: with N = max-scale-down-parallelism, the unneeded nodes so far plus 2N,
     * at most N × (unneeded time / shortest loop interval seen) + N.
     */
    private int unneededNodesLimit() {
        long n = settings.maxScaleDownParallelism();
        long limit = unneededSince.size() + 2 * n;
        long u = Math.max(settings.scaleDownUnneededTimeNs(), minUpdateInterval);
        long upperBound = n * (u / minUpdateInterval) + n;
        return (int) Math.min(Math.min(limit, upperBound), Integer.MAX_VALUE);
    }

    /** Step 6: {@code RemovableAt}, {@code sortByRisk} and the actuator's {@code CropNodes}. */
    private ScaleDownPlan nodesToDelete(List<Removable> removable, List<NodeGroup> groups, int[] deleting,
                                        int emptyInProgress, int drainInProgress, long now) {
        int[] size = new int[groups.size()];
        for (NodeGroup g : groups) {
            size[g.index()] = g.targetSize();
        }
        List<Removable> empty = new ArrayList<>();
        List<Removable> safe = new ArrayList<>();
        List<Removable> risky = new ArrayList<>();
        for (boolean pass : new boolean[] {true, false}) {
            for (Removable r : removable) {
                if (r.podsToMove.isEmpty() != pass) {
                    continue;
                }
                int pool = r.node.pool();
                if (unneededSince.get(r.node.id()) + settings.scaleDownUnneededTimeNs() >= now
                        || size[pool] - deleting[pool] <= groups.get(pool).minSize()) {
                    continue;
                }
                size[pool]--;
                (pass ? empty : r.risky ? risky : safe).add(r);
            }
        }
        safe.addAll(risky);
        int parallelism = settings.maxScaleDownParallelism() - emptyInProgress - drainInProgress;
        int drainBudget = settings.maxDrainParallelism() - drainInProgress;
        List<Removable> emptyChosen = crop(empty, parallelism);
        parallelism -= emptyChosen.size();
        List<Removable> drainChosen = crop(safe, Math.min(parallelism, drainBudget));
        List<Node> emptyNodes = new ArrayList<>();
        for (Removable r : emptyChosen) {
            emptyNodes.add(r.node);
        }
        List<ScaleDownPlan.Drain> drains = new ArrayList<>();
        for (Removable r : drainChosen) {
            List<Pod> evict = new ArrayList<>();
            for (Pod p : r.node.pods()) {
                if (!settings.expendable(p) && p.phase() != Pod.Phase.TERMINATING) {
                    evict.add(p);
                }
            }
            drains.add(new ScaleDownPlan.Drain(r.node, evict));
        }
        return new ScaleDownPlan(emptyNodes, drains);
    }

    /** {@code cropIndividualNodes} over nodes grouped by node group in order of first appearance. */
    private static List<Removable> crop(List<Removable> nodes, int budget) {
        Map<Integer, List<Removable>> byGroup = new LinkedHashMap<>();
        for (Removable r : nodes) {
            byGroup.computeIfAbsent(r.node.pool(), k -> new ArrayList<>()).add(r);
        }
        List<Removable> chosen = new ArrayList<>();
        for (List<Removable> bucket : byGroup.values()) {
            int room = budget - chosen.size();
            if (room < 1) {
                break;
            }
            chosen.addAll(bucket.subList(0, Math.min(room, bucket.size())));
        }
        return chosen;
    }
}
