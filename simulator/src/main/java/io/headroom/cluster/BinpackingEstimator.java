package io.headroom.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many new nodes of a group the pending pods need: the Cluster Autoscaler's binpacking estimator
 * (kubernetes/autoscaler {@code cluster-autoscaler/estimator/binpacking_estimator.go},
 * {@code BinpackingNodeEstimator.Estimate}), a first-fit-decreasing bin packing.
 * <ol>
 *   <li>Pods are grouped into equivalence groups (same owner and same requests, as
 *       {@code core/scaleup/equivalence} groups pods of one controller with equal specs), and the groups
 *       ordered by decreasing score ({@code estimator/decreasing_pod_orderer.go}): the pod's CPU request over
 *       the template's allocatable CPU plus its memory request over the template's allocatable memory.</li>
 *   <li>For each group, its pods go onto the new nodes added so far while one fits; the rest go onto the
 *       last node added, and when a pod does not fit there a new node is added for it — unless the last
 *       node is still empty (the pod would fit no new node) or the node limit is reached.</li>
 *   <li>The estimate is the number of new nodes holding pods, and the pods placed.</li>
 * </ol>
 * Simplifications: "fits" is {@link Node#fits}'s filter (requests and pod count; no affinity, ports or
 * topology spread); placing onto the nodes added so far takes the first that fits, where upstream's
 * predicate checker resumes its scan after the node it last chose; equivalence groups keep the order of
 * their first pod and equal scores keep that order (upstream's map and {@code sort.Slice} leave it
 * unspecified).
 */
final class BinpackingEstimator {
    private BinpackingEstimator() {
    }

    /** The pods packed and the nodes holding them. */
    record Estimate(int nodeCount, List<Pod> pods) {
    }

    private record Equivalence(int owner, long cpuMilli, long memoryBytes, int priority) {
    }

    /**
     * Packs {@code pods} (all of which fit an empty {@code template}) onto new nodes of {@code template}.
     * {@code nodeLimit} is the threshold-based limiter's: at most that many nodes when positive, none when
     * negative, no limit at 0.
     */
    static Estimate estimate(List<Pod> pods, int pool, NodeShape template, int nodeLimit) {
        List<List<Pod>> groups = order(equivalenceGroups(pods), template);
        List<SimNode> newNodes = new ArrayList<>();
        List<Pod> scheduled = new ArrayList<>();
        int permitted = 0;
        for (List<Pod> group : groups) {
            int index = 0;
            for (; index < group.size(); index++) {
                Pod p = group.get(index);
                int at = SimNode.firstFit(newNodes, p);
                if (at < 0) {
                    break;
                }
                newNodes.get(at).add(p);
                scheduled.add(p);
            }
            for (Pod p : group.subList(index, group.size())) {
                SimNode last = newNodes.isEmpty() ? null : newNodes.get(newNodes.size() - 1);
                if (last != null && last.fits(p)) {
                    last.add(p);
                    scheduled.add(p);
                    continue;
                }
                if (last != null && last.pods.isEmpty()) {
                    break;
                }
                if (nodeLimit < 0 || (nodeLimit > 0 && permitted >= nodeLimit)) {
                    break;
                }
                permitted++;
                SimNode added = SimNode.template(pool, template);
                newNodes.add(added);
                if (!added.fits(p)) {
                    break;
                }
                added.add(p);
                scheduled.add(p);
            }
        }
        int withPods = 0;
        for (SimNode n : newNodes) {
            if (!n.pods.isEmpty()) {
                withPods++;
            }
        }
        return new Estimate(withPods, scheduled);
    }

    static List<List<Pod>> equivalenceGroups(List<Pod> pods) {
        Map<Equivalence, List<Pod>> groups = new LinkedHashMap<>();
        for (Pod p : pods) {
            groups.computeIfAbsent(new Equivalence(p.owner(), p.cpuMilli(), p.memoryBytes(), p.priority()),
                    k -> new ArrayList<>()).add(p);
        }
        return new ArrayList<>(groups.values());
    }

    /** {@code DecreasingPodOrderer.Order}: by decreasing score, a stable sort. */
    static List<List<Pod>> order(List<List<Pod>> groups, NodeShape template) {
        List<List<Pod>> sorted = new ArrayList<>(groups);
        sorted.sort((a, b) -> Double.compare(score(b.get(0), template), score(a.get(0), template)));
        return sorted;
    }

    /** {@code calculatePodScore}: cpu / allocatable cpu + memory / allocatable memory. */
    static double score(Pod p, NodeShape template) {
        return (double) p.cpuMilli() / template.cpuMilli() + (double) p.memoryBytes() / template.memoryBytes();
    }
}
