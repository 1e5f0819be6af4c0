package io.headroom.cluster.karpenter;

import io.headroom.cluster.Disruptions;
import io.headroom.cluster.Node;
import io.headroom.cluster.Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Karpenter's consolidation for one NodePool, one pass of its disruption loop: the cheapest cluster that still
 * runs every pod. A node is a candidate once its pods have not changed for {@code consolidateAfter}; empty
 * candidates are deleted; otherwise (under {@code WhenEmptyOrUnderutilized}) several nodes at once, then one,
 * are deleted when their pods fit on the other nodes, or replaced by one cheaper node that takes what does not
 * fit. At most as many nodes as the disruption budget allows are touched, and a node with a pod whose
 * PodDisruptionBudget allows no disruption is left alone.
 *
 * <p>Ported from kubernetes-sigs/karpenter {@code pkg/controllers/disruption}: the methods in the controller's
 * order, the first that finds an action ending the pass ({@code controller.go}); {@code emptiness.go} (every
 * empty candidate the budget allows, one command); {@code multinodeconsolidation.go}
 * ({@code firstNConsolidationOption}: candidates by disruption cost, those the budget allows in that order, at
 * most 100, binary search for the largest prefix of at least two that consolidates; {@code filterOutSameType});
 * {@code singlenodeconsolidation.go} (the first candidate by disruption cost, empty ones skipped, that
 * consolidates); {@code consolidation.go} {@code computeConsolidation} (all pods must be scheduled; no new
 * NodeClaim is a delete, one is a replace, more is nothing; the replacement's options are those strictly
 * cheaper than the candidates' prices together; if every candidate is spot and the pool may launch spot, the
 * replacement is refused, as with the {@code SpotToSpotConsolidation} feature gate off, its default; from
 * on-demand to a replacement that may be spot or on-demand, only the spot options are kept);
 * {@code helpers.go} {@code disruptionCost}: each pod's {@code EvictionCost} (1 + priority / 2^25, clamped to
 * [-10, 10]) summed, times the node's {@code LifetimeRemaining} under {@code expireAfter}.
 *
 * <p>The simulation ({@code helpers.go SimulateScheduling}) schedules the Pending pods with the candidates' pods and
 * those of nodes being deleted; the candidates' and deleting nodes' pods must all find room, and not on a node that is
 * still launching; the NodeClaims the Pending pods need count as the action's.
 *
 * <p>Simplifications: no 15 s validation wait before acting (the caller may re-plan); no
 * {@code karpenter.sh/do-not-disrupt}, no drift; the "consolidated" memo (upstream skips a pass when nothing changed) is left to the
 * caller; the candidates' pods are placed by {@link Provisioner} (first fit on the other nodes, in the order
 * given).
 */
public final class Consolidation {
    /** {@code spec.disruption.consolidationPolicy}. */
    public enum Policy { WHEN_EMPTY, WHEN_EMPTY_OR_UNDERUTILIZED }

    /** Delete the nodes, or replace them by one new node. */
    public enum Kind { DELETE, REPLACE }

    /** Reasons, as upstream's disruption reasons. */
    public static final String EMPTY = "empty";
    public static final String UNDERUTILIZED = "underutilized";

    /** {@code expireAfter: Never}. */
    public static final long NEVER = Long.MAX_VALUE;

    /** The most candidates multi-node consolidation considers at once. */
    static final int MAX_MULTI = 100;

    /**
     * A consolidation decision: delete {@code nodes}, or replace them by one node of {@code replacement} (the
     * cheapest of {@code options}, the offerings that would do; empty for DELETE).
     */
    public record Action(Kind kind, List<Node> nodes, InstanceOption replacement, String reason,
                         List<InstanceOption> options) {
        public Action {
            nodes = List.copyOf(nodes);
            options = List.copyOf(options);
        }

        public Action(Kind kind, List<Node> nodes, InstanceOption replacement, String reason) {
            this(kind, nodes, replacement, reason, replacement == null ? List.of() : List.of(replacement));
        }
    }

    private final Provisioner provisioner = new Provisioner();

    /** What one pass simulates against: the cluster's nodes, the pool's offerings, the Pending pods, what its limits leave. */
    private record Pass(List<Node> nodes, List<InstanceOption> options, List<Pod> pending, Limits remaining) {
    }

    /** {@link #plan(List, Function, List, Policy, long, Map, Budget, Disruptions, long, long)} with {@code expireAfter: Never}. */
    public List<Action> plan(List<Node> nodes, Function<Node, InstanceOption> typeOf, List<InstanceOption> options,
                             Policy policy, long consolidateAfterNs, Map<Node, Long> consolidatableSince, Budget budget,
                             Disruptions pdbs, long now) {
        return plan(nodes, typeOf, options, policy, consolidateAfterNs, consolidatableSince, budget, pdbs, now, NEVER);
    }

    /**
     * One pass. {@code nodes}: every node of the cluster (pods may move to any that their selector admits);
     * those of this pool are the ones {@code typeOf} maps to their offering (null for others).
     * {@code consolidatableSince}: when each node's pods last changed (a node missing counts from when it became
     * Ready; {@code consolidateAfter: Never} is {@link Long#MAX_VALUE}). {@code options}: the pool's offerings, for
     * replacements. Returns at most one action.
     */
    public List<Action> plan(List<Node> nodes, Function<Node, InstanceOption> typeOf, List<InstanceOption> options,
                             Policy policy, long consolidateAfterNs, Map<Node, Long> consolidatableSince, Budget budget,
                             Disruptions pdbs, long now, long expireAfterNs) {
        return plan(nodes, typeOf, options, policy, consolidateAfterNs, consolidatableSince, List.of(budget), pdbs, now,
                expireAfterNs);
    }

    /** One pass under several budgets (the strictest binds, {@code GetAllowedDisruptionsByReason}), no pod Pending. */
    public List<Action> plan(List<Node> nodes, Function<Node, InstanceOption> typeOf, List<InstanceOption> options,
                             Policy policy, long consolidateAfterNs, Map<Node, Long> consolidatableSince, List<Budget> budgets,
                             Disruptions pdbs, long now, long expireAfterNs) {
        return plan(nodes, typeOf, options, policy, consolidateAfterNs, consolidatableSince, budgets, pdbs, now, expireAfterNs,
                List.of(), Limits.NONE);
    }

    /**
     * One pass with {@code pending} pods waiting: as upstream's {@code SimulateScheduling}, they are scheduled in the same
     * simulation as the candidates' pods (so consolidation does not take the room they will need, and a NodeClaim they
     * need counts against a replacement); a replacement must fit what {@code remaining} of the NodePool's limits leave
     * while the nodes it replaces still count (upstream's scheduler takes the NodePool's usage as it is).
     */
    public List<Action> plan(List<Node> nodes, Function<Node, InstanceOption> typeOf, List<InstanceOption> options,
                             Policy policy, long consolidateAfterNs, Map<Node, Long> consolidatableSince, List<Budget> budgets,
                             Disruptions pdbs, long now, long expireAfterNs, List<Pod> pending, Limits remaining) {
        Pass pass = new Pass(nodes, options, pending, remaining);
        int total = 0;
        int deleting = 0;
        List<Candidate> candidates = new ArrayList<>();
        for (Node n : nodes) {
            InstanceOption type = typeOf.apply(n);
            if (type == null || (n.state() != Node.State.READY && n.state() != Node.State.DELETING)) {
                continue;
            }
            total++;
            if (n.state() == Node.State.DELETING) {
                deleting++;
                continue;
            }
            long since = consolidatableSince.getOrDefault(n, n.readyAt());
            if (now - since < consolidateAfterNs || blockedByPdb(n, pdbs)) {
                continue;
            }
            candidates.add(new Candidate(n, type, disruptionCost(n, now, expireAfterNs)));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::cost));
        int allowed = Budget.allowed(budgets, total, deleting);

        List<Node> empty = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.pods().isEmpty() && empty.size() < allowed) {
                empty.add(c.node());
            }
        }
        if (!empty.isEmpty()) {
            return List.of(new Action(Kind.DELETE, empty, null, EMPTY));
        }
        if (policy == Policy.WHEN_EMPTY) {
            return List.of();
        }
        Action multi = multiNode(candidates.subList(0, Math.min(candidates.size(), allowed)), pass);
        if (multi != null) {
            return List.of(multi);
        }
        if (allowed > 0) {
            for (Candidate c : candidates) {
                if (c.pods().isEmpty()) {
                    continue;
                }
                Action a = compute(List.of(c), pass);
                if (a != null) {
                    return List.of(a);
                }
            }
        }
        return List.of();
    }

    /** {@code firstNConsolidationOption}: the largest prefix (two or more) of {@code candidates} that consolidates. */
    private Action multiNode(List<Candidate> candidates, Pass pass) {
        if (candidates.size() < 2) {
            return null;
        }
        int min = 1;
        int max = Math.min(candidates.size(), MAX_MULTI);
        if (candidates.size() <= max) {
            max = candidates.size() - 1;
        }
        Action last = null;
        while (min <= max) {
            int mid = (min + max) / 2;
            List<Candidate> prefix = candidates.subList(0, mid + 1);
            Action a = compute(prefix, pass);
            if (a != null && a.kind() == Kind.REPLACE) {
                List<InstanceOption> kept = withoutSameType(a.options(), prefix.stream().map(Candidate::type).toList());
                a = kept.isEmpty() ? null : new Action(Kind.REPLACE, a.nodes(), kept.get(0), a.reason(), kept);
            }
            if (a != null) {
                last = a;
                min = mid + 1;
            } else {
                max = mid - 1;
            }
        }
        return last;
    }

    /**
     * {@code filterOutSameType}: replacing several nodes ({@code removed}, their offerings) by one of a type among
     * them must be cheaper than the cheapest removed node of that type (else deleting the others is the better
     * action): the options at or above it go.
     */
    static List<InstanceOption> withoutSameType(List<InstanceOption> options, List<InstanceOption> removed) {
        double maxPrice = Double.MAX_VALUE;
        for (InstanceOption o : options) {
            for (InstanceOption r : removed) {
                if (r.type().equals(o.type())) {
                    maxPrice = Math.min(maxPrice, r.usdPerHour());
                }
            }
        }
        List<InstanceOption> kept = new ArrayList<>();
        for (InstanceOption o : options) {
            if (o.usdPerHour() < maxPrice) {
                kept.add(o);
            }
        }
        return kept;
    }

    /** {@code computeConsolidation}: delete or replace {@code candidates}, or null when neither is allowed. */
    private Action compute(List<Candidate> candidates, Pass pass) {
        Set<Node> removed = new HashSet<>();
        List<Pod> pods = new ArrayList<>();
        double price = 0;
        boolean allSpot = true;
        List<Node> candidateNodes = new ArrayList<>();
        for (Candidate c : candidates) {
            removed.add(c.node());
            candidateNodes.add(c.node());
            pods.addAll(c.pods());
            price += c.type().usdPerHour();
            allSpot &= c.type().spot();
        }
        List<Node> others = new ArrayList<>();
        for (Node n : pass.nodes()) {
            if (!removed.contains(n)) {
                others.add(n);
                if (n.state() == Node.State.DELETING) {
                    pods.addAll(reschedulable(n)); // a deleting node's pods need a home too
                }
            }
        }
        List<Pod> all = new ArrayList<>(pass.pending());
        all.addAll(pods);
        Provisioner.Result r = provisioner.schedule(all, others, pass.options(), pass.remaining());
        Set<Pod> failed = new HashSet<>(r.unschedulable());
        for (Pod p : pods) {
            Node to = r.onExisting().get(p);
            // all non-pending pods must schedule, and not onto a node that is not Ready yet
            if (failed.contains(p) || to != null && to.state() != Node.State.READY) {
                return null;
            }
        }
        if (r.claims().size() > 1) {
            return null;
        }
        if (r.claims().isEmpty()) {
            return new Action(Kind.DELETE, candidateNodes, null, UNDERUTILIZED);
        }
        if (allSpot && pass.options().stream().anyMatch(InstanceOption::spot)) {
            return null;
        }
        List<InstanceOption> cheaper = new ArrayList<>();
        boolean anySpot = false;
        boolean anyOnDemand = false;
        for (InstanceOption o : r.claims().get(0).options()) {
            if (o.usdPerHour() < price) {
                cheaper.add(o);
                anySpot |= o.spot();
                anyOnDemand |= !o.spot();
            }
        }
        if (anySpot && anyOnDemand) {
            cheaper.removeIf(o -> !o.spot());
        }
        if (cheaper.isEmpty()) {
            return null;
        }
        return new Action(Kind.REPLACE, candidateNodes, cheaper.get(0), UNDERUTILIZED, cheaper);
    }

    /** {@code PDBLimits.CanEvictPods}: some pod's budget allows no disruption now. */
    static boolean blockedByPdb(Node n, Disruptions pdbs) {
        for (Pod p : n.pods()) {
            if (p.phase() != Pod.Phase.TERMINATING && pdbs.allowed(p.owner()) <= 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code disruptionCost}: the eviction costs of the node's pods, times its lifetime remaining. */
    static double disruptionCost(Node n, long now, long expireAfterNs) {
        double cost = 0;
        for (Pod p : reschedulable(n)) {
            cost += Math.max(-10.0, Math.min(10.0, 1.0 + p.priority() / Math.pow(2, 25)));
        }
        double remaining = 1.0;
        if (expireAfterNs != NEVER && expireAfterNs > 0) {
            double age = now - n.launchedAt();
            remaining = Math.max(0.0, Math.min(1.0, (expireAfterNs - age) / expireAfterNs));
        }
        return cost * remaining;
    }

    /** The pods that would move: those not already terminating. */
    static List<Pod> reschedulable(Node n) {
        List<Pod> pods = new ArrayList<>();
        for (Pod p : n.pods()) {
            if (p.phase() != Pod.Phase.TERMINATING) {
                pods.add(p);
            }
        }
        return Collections.unmodifiableList(pods);
    }

    private record Candidate(Node node, InstanceOption type, double cost) {
        List<Pod> pods() {
            return reschedulable(node);
        }
    }
}
