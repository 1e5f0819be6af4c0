package io.headroom.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which evictions of a plan a PodDisruptionBudget forbids: walking the plan in order, each pod of an owner
 * with a budget uses one of its {@code disruptionsAllowed}; a pod that finds none left violates the budget.
 * Pods already terminating were disrupted before and use nothing, as upstream skips a budget's
 * {@code DisruptedPods}. Every voluntary disruption (preemption's choice of victims, a scale-down drain)
 * asks here.
 *
 * <p>Ported from kubernetes {@code pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go}
 * ({@code filterPodsGroupsWithPDBViolation}) with one budget per owner.
 */
public final class PdbViolations {
    private PdbViolations() {
    }

    /** The pods of {@code evictions} (in order) whose eviction would exceed their owner's budget. */
    public static List<Pod> of(List<Pod> evictions, Disruptions pdbs) {
        List<Pod> violating = new ArrayList<>();
        boolean[] flags = flags(evictions, pdbs);
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                violating.add(evictions.get(i));
            }
        }
        return violating;
    }

    /** Whether evicting all of {@code evictions} stays within every budget. */
    public static boolean allowed(List<Pod> evictions, Disruptions pdbs) {
        for (boolean f : flags(evictions, pdbs)) {
            if (f) {
                return false;
            }
        }
        return true;
    }

    /** For each pod of {@code evictions}, whether it violates its owner's budget. */
    static boolean[] flags(List<Pod> evictions, Disruptions pdbs) {
        Map<Integer, long[]> left = new HashMap<>();
        boolean[] flags = new boolean[evictions.size()];
        for (int i = 0; i < flags.length; i++) {
            Pod p = evictions.get(i);
            if (p.phase() == Pod.Phase.TERMINATING) {
                continue;
            }
            long[] allowed = left.computeIfAbsent(p.owner(), o -> new long[] {pdbs.allowed(o)});
            allowed[0]--;
            flags[i] = allowed[0] < 0;
        }
        return flags;
    }
}
