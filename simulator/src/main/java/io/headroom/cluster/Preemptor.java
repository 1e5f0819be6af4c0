package io.headroom.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The kube-scheduler's default preemption: when a pod fits on no node, find a node where evicting pods of
 * lower priority makes room, evicting as few and as unimportant pods as possible and preferring not to break
 * PodDisruptionBudgets. This is how overprovisioning works: placeholder pods of priority -10 hold room that
 * any real pod (priority 0) takes at once, and the placeholders go Pending and make the autoscaler add a node.
 *
 * <p>On each candidate node ({@code SelectVictimsOnNode}): remove every pod of lower priority; if the pod
 * still does not fit, the node is no candidate. Otherwise put pods back one at a time, keeping each that
 * leaves room for the pod: first those whose eviction would violate a budget, then the rest, each group from
 * the most important (higher priority, then earlier start). Among the candidates
 * ({@code pickOneNodeForPreemption}): fewest budget violations, then the lowest highest victim priority, the
 * lowest sum of priorities (each offset by 2^31), the fewest victims, the latest start of the
 * highest-priority victims, else the first in order.
 *
 * <p>Ported from kubernetes {@code pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go}
 * ({@code SelectVictimsOnNode}, {@code isPreemptionAllowed}, {@code filterPodsGroupsWithPDBViolation}),
 * {@code pkg/scheduler/framework/preemption/preemption.go} ({@code DryRunPreemption},
 * {@code pickOneNodeForPreemption}) and {@code pkg/scheduler/util/utils.go} ({@code MoreImportantPod},
 * {@code GetEarliestPodStartTime}). Simplified: every pod has the default {@code PreemptionPolicy}
 * ({@code PreemptLowerPriority}); there is no nominated-pod bookkeeping (the caller binds the pod once its
 * victims have terminated; victims already terminating are chosen again rather than adding new ones, and use
 * no budget); a pod's start time is when it was bound; every candidate node is dry-run (upstream samples
 * at least 100 nodes, so all of a smaller cluster); ties that upstream leaves to Go's map order or an
 * unstable sort keep the order of the node list and of the node's pods.
 */
final class Preemptor {
    /** {@code MoreImportantPod}: higher priority first, then the one that started earlier. */
    static final Comparator<Pod> MORE_IMPORTANT_FIRST =
            Comparator.comparingInt(Pod::priority).reversed().thenComparingLong(Pod::boundAt);

    /** What evicting on one node takes: the victims, most important first, and how many break a budget. */
    record Victims(Node node, List<Pod> pods, int pdbViolations) {
    }

    private Preemptor() {
    }

    /** The preemption that lets {@code pod} run, or null when evicting lower-priority pods helps nowhere. */
    static Preemption preempt(Pod pod, List<Node> nodes, Disruptions pdbs) {
        List<Victims> nonViolating = new ArrayList<>();
        List<Victims> violating = new ArrayList<>();
        for (Node n : nodes) {
            if (!n.schedulable() || n.fits(pod)) {
                continue;
            }
            Victims v = selectVictimsOnNode(pod, n, pdbs);
            if (v != null) {
                (v.pdbViolations() == 0 ? nonViolating : violating).add(v);
            }
        }
        nonViolating.addAll(violating);
        Victims best = pickOneNode(nonViolating);
        return best == null ? null : new Preemption(best.node(), best.pods());
    }

    /** The fewest, least important victims on {@code node} that make room for {@code pod}, or null. */
    static Victims selectVictimsOnNode(Pod pod, Node node, Disruptions pdbs) {
        List<Pod> potential = new ArrayList<>();
        long cpu = 0;
        long memory = 0;
        int count = 0;
        for (Pod p : node.pods()) {
            if (p.priority() < pod.priority()) {
                potential.add(p);
                cpu += p.cpuMilli();
                memory += p.memoryBytes();
                count++;
            }
        }
        if (potential.isEmpty() || !node.fitsAfterRemoving(pod, cpu, memory, count)) {
            return null;
        }
        potential.sort(MORE_IMPORTANT_FIRST);
        boolean[] breaksBudget = PdbViolations.flags(potential, pdbs);
        List<Pod> victims = new ArrayList<>();
        int violations = 0;
        boolean anyBreaks = false;
        boolean anyKeeps = false;
        for (boolean group : new boolean[] {true, false}) {
            for (int i = 0; i < potential.size(); i++) {
                if (breaksBudget[i] != group) {
                    continue;
                }
                anyBreaks |= group;
                anyKeeps |= !group;
                Pod p = potential.get(i);
                cpu -= p.cpuMilli();
                memory -= p.memoryBytes();
                count--;
                if (!node.fitsAfterRemoving(pod, cpu, memory, count)) {
                    cpu += p.cpuMilli();
                    memory += p.memoryBytes();
                    count++;
                    victims.add(p);
                    if (group) {
                        violations++;
                    }
                }
            }
        }
        if (victims.isEmpty()) {
            return null;
        }
        if (anyBreaks && anyKeeps) {
            victims.sort(MORE_IMPORTANT_FIRST);
        }
        return new Victims(node, victims, violations);
    }

    /** {@code pickOneNodeForPreemption} over the candidates, in order; null when there are none. */
    static Victims pickOneNode(List<Victims> candidates) {
        List<ToLongFunction<Victims>> criteria = List.of(
                v -> -v.pdbViolations(),
                v -> -(long) v.pods().get(0).priority(),
                v -> -sumOfPriorities(v),
                v -> -v.pods().size(),
                Preemptor::earliestStartOfHighestPriority);
        List<Victims> remaining = candidates;
        for (ToLongFunction<Victims> f : criteria) {
            if (remaining.size() <= 1) {
                break;
            }
            List<Victims> best = new ArrayList<>();
            long max = Long.MIN_VALUE;
            for (Victims v : remaining) {
                long score = f.applyAsLong(v);
                if (score > max) {
                    max = score;
                    best.clear();
                }
                if (score == max) {
                    best.add(v);
                }
            }
            remaining = best;
        }
        return remaining.isEmpty() ? null : remaining.get(0);
    }

    /** The sum of the victims' priorities, each plus 2^31 so that more negative-priority victims cost more. */
    static long sumOfPriorities(Victims v) {
        long sum = 0;
        for (Pod p : v.pods()) {
            sum += (long) p.priority() + (1L << 31);
        }
        return sum;
    }

    /** {@code GetEarliestPodStartTime}: the earliest start among the victims of the highest priority. */
    static long earliestStartOfHighestPriority(Victims v) {
        Pod first = v.pods().get(0);
        long earliest = first.boundAt();
        int maxPriority = first.priority();
        for (Pod p : v.pods()) {
            if (p.priority() == maxPriority) {
                earliest = Math.min(earliest, p.boundAt());
            } else if (p.priority() > maxPriority) {
                maxPriority = p.priority();
                earliest = p.boundAt();
            }
        }
        return earliest;
    }
}
