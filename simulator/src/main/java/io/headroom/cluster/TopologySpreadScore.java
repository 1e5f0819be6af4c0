package io.headroom.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kube-scheduler's {@code PodTopologySpread} plugin with the cluster-wide system default constraints,
 * which apply to every pod that sets none of its own: spread a Deployment's pods over hosts ({@code maxSkew} 3)
 * and zones ({@code maxSkew} 5), both {@code ScheduleAnyway}, so they only score. A node scores worse the
 * more pods of the same owner already run on it and in its zone; each topology's count is weighted by
 * {@code ln(number of its values + 2)} so that a topology with few values (zones) is not watered down by one
 * with many (hosts), and {@code maxSkew - 1} is added to soften small differences. NormalizeScore then maps
 * the lowest raw score to 100 and the highest to {@code 100 * min / max}.
 *
 * <p>Ported from kubernetes {@code pkg/scheduler/framework/plugins/podtopologyspread/scoring.go}
 * ({@code initPreScoreState}, {@code PreScore}, {@code Score}, {@code NormalizeScore},
 * {@code topologyNormalizingWeight}, {@code scoreForCount}) and {@code common.go}
 * ({@code countPodsMatchSelector}: terminating pods are not counted), with {@code plugin.go}'s
 * {@code systemDefaultConstraints}. The label selector of the defaults (the pod's Services and ReplicaSet)
 * is the pod's owner here. The zone counts run over every node passed in (tainted ones too, as
 * {@code nodeTaintsPolicy: Ignore} does) for the zones that hold a feasible node; the weights count the
 * feasible nodes and their distinct zones. Every node has both labels, so none is ignored.
 */
final class TopologySpreadScore {
    /** The system default {@code maxSkew} for {@code kubernetes.io/hostname}. */
    static final int HOST_MAX_SKEW = 3;
    /** The system default {@code maxSkew} for {@code topology.kubernetes.io/zone}. */
    static final int ZONE_MAX_SKEW = 5;

    private TopologySpreadScore() {
    }

    /** The normalized scores, 0..100, of the {@code feasible} nodes (in that order) for {@code pod}. */
    static long[] scores(Pod pod, List<Node> feasible, List<Node> allNodes) {
        long[] raw = rawScores(pod, feasible, allNodes);
        normalize(raw);
        return raw;
    }

    /** The Score extension's raw scores of the {@code feasible} nodes, before NormalizeScore. */
    static long[] rawScores(Pod pod, List<Node> feasible, List<Node> allNodes) {
        Map<Integer, long[]> zoneCounts = new HashMap<>();
        for (Node n : feasible) {
            zoneCounts.putIfAbsent(n.zone(), new long[1]);
        }
        for (Node n : allNodes) {
            long[] count = zoneCounts.get(n.zone());
            if (count != null) {
                count[0] += matching(pod, n);
            }
        }
        double hostWeight = weight(feasible.size());
        double zoneWeight = weight(zoneCounts.size());
        long[] raw = new long[feasible.size()];
        for (int i = 0; i < raw.length; i++) {
            Node n = feasible.get(i);
            double score = 0;
            score += forCount(matching(pod, n), HOST_MAX_SKEW, hostWeight);
            score += forCount(zoneCounts.get(n.zone())[0], ZONE_MAX_SKEW, zoneWeight);
            raw[i] = Math.round(score);
        }
        return raw;
    }

    /** NormalizeScore in place: {@code 100 * (max + min - s) / max}, or 100 everywhere when max is 0. */
    static void normalize(long[] scores) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long s : scores) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = max == 0 ? ResourceFitScore.MAX_NODE_SCORE
                    : ResourceFitScore.MAX_NODE_SCORE * (max + min - scores[i]) / max;
        }
    }

    /** {@code topologyNormalizingWeight}: {@code ln(size + 2)}. */
    static double weight(int size) {
        return Math.log(size + 2);
    }

    /** {@code scoreForCount}: {@code count * weight + maxSkew - 1}. */
    static double forCount(long count, int maxSkew, double weight) {
        return count * weight + (maxSkew - 1);
    }

    /** The pods on {@code node} of {@code pod}'s owner, not terminating. */
    static int matching(Pod pod, Node node) {
        int count = 0;
        for (Pod p : node.pods()) {
            if (p.owner() == pod.owner() && p.phase() != Pod.Phase.TERMINATING) {
                count++;
            }
        }
        return count;
    }
}
