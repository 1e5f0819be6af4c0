package io.headroom.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The kube-scheduler's default profile as it decides where a pending pod goes. Filter: the node is Ready and
 * not being deleted, the pod's requests fit what the node's pods leave unrequested, and the node runs fewer
 * pods than its maximum. Score each feasible node with the default score plugins that tell nodes apart here:
 * {@code NodeResourcesFit} ({@link Scoring}) ×1, {@code NodeResourcesBalancedAllocation} ×1 and
 * {@code PodTopologySpread} with the system default constraints ×2 (each 0..100, after its NormalizeScore).
 * The highest total wins; ties go to a node drawn by the given random stream. A pod that fits nowhere stays
 * Pending; {@link #preempt} then says which lower-priority pods to evict for it.
 *
 * <p>Ported from kubernetes {@code pkg/scheduler/schedule_one.go} ({@code schedulePod}: with one feasible node
 * it is chosen without scoring, and no random number is drawn) and the plugins named in
 * {@link ResourceFitScore}, {@link BalancedAllocationScore}, {@link TopologySpreadScore} and {@link Preemptor}.
 * Ties are broken as {@code selectHost} did (reservoir sampling over the tied nodes in list order, one
 * {@code nextInt} per tie met); upstream has since moved to a heap with a random tie-breaker, equally uniform.
 * Simplified: the other default score plugins ({@code TaintToleration}, {@code NodeAffinity},
 * {@code InterPodAffinity}, {@code ImageLocality}, volumes, DRA) score every node alike here and are left out
 * (image caches are not modelled); every feasible node is scored (upstream samples
 * {@code percentageOfNodesToScore} of clusters over 100 nodes); nominated pods are not counted when filtering.
 */
public final class Scheduler {
    /** {@code NodeResourcesFit}'s scoring strategy. */
    public enum Scoring {
        /** Favour the emptiest node (the default): spreads pods. */
        LEAST_ALLOCATED,
        /** Favour the fullest node: packs pods, so the autoscaler can remove nodes. */
        MOST_ALLOCATED
    }

    /** {@code PodTopologySpread}'s weight in the default profile. */
    static final long TOPOLOGY_SPREAD_WEIGHT = 2;

    private final Scoring scoring;
    private final RandomGenerator tieBreak;

    public Scheduler(Scoring scoring, RandomGenerator tieBreak) {
        this.scoring = scoring;
        this.tieBreak = tieBreak;
    }

    public Scoring scoring() {
        return scoring;
    }

    /** The node the scheduler binds {@code pod} to among {@code nodes}, or null: it stays Pending. */
    public Node place(Pod pod, List<Node> nodes) {
        List<Node> feasible = feasible(pod, nodes);
        if (feasible.isEmpty()) {
            return null;
        }
        if (feasible.size() == 1) {
            return feasible.get(0);
        }
        return feasible.get(selectHost(totalScores(pod, feasible, nodes)));
    }

    /**
     * Where evicting lower-priority pods lets {@code pod} run, and which, honouring {@code pdbs} where the
     * choice allows; null when preemption helps nowhere. Meant for a pod that {@link #place} left Pending.
     */
    public Preemption preempt(Pod pod, List<Node> nodes, Disruptions pdbs) {
        return Preemptor.preempt(pod, nodes, pdbs);
    }

    /** The filter: the nodes of {@code nodes}, in order, that may take {@code pod} now. */
    static List<Node> feasible(Pod pod, List<Node> nodes) {
        List<Node> feasible = new ArrayList<>();
        for (Node n : nodes) {
            if (n.schedulable() && n.fits(pod)) {
                feasible.add(n);
            }
        }
        return feasible;
    }

    /** Each feasible node's weighted total over the score plugins, in the order of {@code feasible}. */
    long[] totalScores(Pod pod, List<Node> feasible, List<Node> nodes) {
        long[] total = TopologySpreadScore.scores(pod, feasible, nodes);
        for (int i = 0; i < total.length; i++) {
            Node n = feasible.get(i);
            total[i] = TOPOLOGY_SPREAD_WEIGHT * total[i] + ResourceFitScore.score(scoring, pod, n)
                    + BalancedAllocationScore.score(pod, n);
        }
        return total;
    }

    /** {@code selectHost}: the index of a highest score, a tie replacing the pick with probability 1/ties. */
    int selectHost(long[] scores) {
        int selected = 0;
        long max = scores[0];
        int tied = 1;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > max) {
                max = scores[i];
                selected = i;
                tied = 1;
            } else if (scores[i] == max) {
                tied++;
                if (tieBreak.nextInt(tied) == 0) {
                    selected = i;
                }
            }
        }
        return selected;
    }
}
