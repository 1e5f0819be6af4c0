package io.headroom.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The Cluster Autoscaler's expanders: given the ways a scale-up could help the pending pods (one
 * {@link ExpansionOption} per node group), which group to grow. Each keeps the options it rates best; ties
 * left are broken at random, as upstream's chain ({@code expander/factory/chain.go}) falls back to the
 * random expander. Ported from kubernetes/autoscaler {@code cluster-autoscaler/expander}:
 * <ul>
 *   <li>{@code random} ({@code random/random.go}): any option, uniformly.</li>
 *   <li>{@code most-pods} ({@code mostpods/mostpods.go}): the options that schedule the most pods.</li>
 *   <li>{@code least-waste} ({@code waste/waste.go}): the options wasting the least of the new nodes'
 *       capacity — (capacity − requested) / capacity of CPU plus the same of memory, over all the new
 *       nodes; exact ties are kept.</li>
 *   <li>{@code price} ({@code price/price.go}): the lowest {@link PriceExpander price score}.</li>
 *   <li>{@code priority} ({@code priority/priority.go}): the options of the highest priority group; groups
 *       without a priority (or with one below -1, which upstream's scan starting at -1 never reaches) are
 *       not chosen unless no group has one, when all options stay.</li>
 * </ul>
 * Simplification: a single expander, not upstream's comma-separated chain.
 */
public enum Expander {
    RANDOM("random"),
    MOST_PODS("most-pods"),
    LEAST_WASTE("least-waste"),
    PRICE("price"),
    PRIORITY("priority");

    private final String yamlName;

    Expander(String yamlName) {
        this.yamlName = yamlName;
    }

    /** Its name in {@code --expander} and in a design's {@code autoscaler.expander}. */
    public String yamlName() {
        return yamlName;
    }

    /** The expander called {@code name}, or null when there is none. */
    public static Expander named(String name) {
        for (Expander e : values()) {
            if (e.yamlName.equals(name)) {
                return e;
            }
        }
        return null;
    }

    /**
     * The option chosen among {@code options} (null when there are none). {@code clusterSize} is the
     * number of registered nodes, which the price expander's preferred node size grows with.
     */
    public ExpansionOption choose(List<ExpansionOption> options, int clusterSize, RandomGenerator rng) {
        List<ExpansionOption> best = best(options, clusterSize);
        if (best.isEmpty()) {
            return null;
        }
        return best.size() == 1 ? best.get(0) : best.get(rng.nextInt(best.size()));
    }

    /** The options this expander rates best, in the order given. */
    public List<ExpansionOption> best(List<ExpansionOption> options, int clusterSize) {
        return switch (this) {
            case RANDOM -> options;
            case MOST_PODS -> mostPods(options);
            case LEAST_WASTE -> leastWaste(options);
            case PRICE -> PriceExpander.best(options, clusterSize);
            case PRIORITY -> highestPriority(options);
        };
    }

    /** {@code mostpods.BestOption}, as written upstream (options placing no pod tie at 0). */
    private static List<ExpansionOption> mostPods(List<ExpansionOption> options) {
        int maxPods = 0;
        List<ExpansionOption> max = new ArrayList<>();
        for (ExpansionOption o : options) {
            if (o.pods().size() == maxPods) {
                max.add(o);
            }
            if (o.pods().size() > maxPods) {
                maxPods = o.pods().size();
                max = new ArrayList<>(List.of(o));
            }
        }
        return max;
    }

    /** The blended waste of an option: wasted CPU fraction plus wasted memory fraction. */
    static double waste(ExpansionOption o) {
        long availCpu = o.group().capacity().cpuMilli() * o.nodeCount();
        long availMemory = o.group().capacity().memoryBytes() * o.nodeCount();
        double wastedCpu = (double) (availCpu - o.requestedCpuMilli()) / availCpu;
        double wastedMemory = (double) (availMemory - o.requestedMemoryBytes()) / availMemory;
        return wastedCpu + wastedMemory;
    }

    /** {@code leastwaste.BestOptions}, as written upstream. */
    private static List<ExpansionOption> leastWaste(List<ExpansionOption> options) {
        double least = 0;
        List<ExpansionOption> best = null;
        for (ExpansionOption o : options) {
            double score = waste(o);
            if (score == least && best != null) {
                best.add(o);
            }
            if (best == null || score < least) {
                least = score;
                best = new ArrayList<>(List.of(o));
            }
        }
        return best == null ? List.of() : best;
    }

    /** {@code priority.BestOptions}: the scan starts at -1, as upstream's {@code maxPrio := -1}. */
    private static List<ExpansionOption> highestPriority(List<ExpansionOption> options) {
        int maxPrio = -1;
        List<ExpansionOption> best = new ArrayList<>();
        for (ExpansionOption o : options) {
            int prio = o.group().priority();
            if (prio == NodeGroup.NO_PRIORITY || prio < maxPrio) {
                continue;
            }
            if (prio > maxPrio) {
                maxPrio = prio;
                best.clear();
            }
            best.add(o);
        }
        return best.isEmpty() ? options : best;
    }
}
