package io.headroom.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code price} expander's score (kubernetes/autoscaler {@code cluster-autoscaler/expander/price/price.go},
 * {@code priceBased.BestOption}; {@code preferred.go}): the lower, the better.
 * <pre>
 *   priceSubScore = (nodePrice × nodeCount + stabilization) / (Σ podPrice + stabilization)
 *   unfitness     = max(preferredCpu / nodeCpu, nodeCpu / preferredCpu)
 *   suppressed    = (unfitness − 1) × (1 − tanh((nodeCount − 1) / 15)) + 1
 *   score         = suppressed × priceSubScore
 * </pre>
 * How well the money is spent (the nodes' price against what the pods they hold would cost) times how
 * far the node type is from the preferred node for a cluster of this size, which doubles in CPU each time
 * the cluster triples ({@code SimplePreferredNodeProvider}: 1 CPU up to 2 nodes, 2 up to 6, 4 up to 20, 8
 * up to 60, 16 up to 200, else 32); the penalty fades as more nodes are added at once.
 *
 * <p>Prices are per hour. A node's price is its group's {@link NodeGroup#hourlyPrice()}. A pod's price is
 * what GCE's price model charges for its requests at the base rates ({@code cloudprovider/gce/gce_price_model.go}
 * {@code PodPrice}, {@code gce_price_info.go}): {@value #CPU_PRICE_PER_HOUR} per vCPU-hour and
 * {@value #MEMORY_PRICE_PER_GIB_HOUR} per GiB-hour; the stabilization term is the price of a pod of 500m
 * and 500 MiB. Simplifications: AWS implements no pricing model upstream, so these GCE base rates stand in
 * for every provider; the node's boot disk, GPUs and the node-group-creation penalty are not modelled; of
 * equal scores all are kept (upstream keeps the first), so ties are broken at random as for the other
 * expanders.
 */
final class PriceExpander {
    /** GCE's base price of a vCPU for an hour ({@code cpuPricePerHour}). */
    static final double CPU_PRICE_PER_HOUR = 0.033174;
    /** GCE's base price of a GiB of memory for an hour ({@code memoryPricePerHourPerGb}). */
    static final double MEMORY_PRICE_PER_GIB_HOUR = 0.004446;
    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final long MIB = 1024L * 1024;
    /** {@code priceStabilizationPod}: 500m CPU, 500 MiB. */
    static final double STABILIZATION_PRICE = podPrice(500, 500 * MIB);

    private PriceExpander() {
    }

    static double podPrice(long cpuMilli, long memoryBytes) {
        return cpuMilli / 1000.0 * CPU_PRICE_PER_HOUR + memoryBytes / GIB * MEMORY_PRICE_PER_GIB_HOUR;
    }

    /** The preferred node's CPU (millicores) for a cluster of {@code size} registered nodes. */
    static long preferredCpuMilli(int size) {
        if (size <= 2) {
            return 1000;
        } else if (size <= 6) {
            return 2000;
        } else if (size <= 20) {
            return 4000;
        } else if (size <= 60) {
            return 8000;
        } else if (size <= 200) {
            return 16000;
        }
        return 32000;
    }

    /** {@code SimpleNodeUnfitness}: CPU only. */
    static double unfitness(long preferredCpuMilli, long nodeCpuMilli) {
        return Math.max((double) preferredCpuMilli / nodeCpuMilli, (double) nodeCpuMilli / preferredCpuMilli);
    }

    static double score(ExpansionOption o, int clusterSize) {
        double totalPodPrice = 0;
        for (Pod p : o.pods()) {
            totalPodPrice += podPrice(p.cpuMilli(), p.memoryBytes());
        }
        return score(o.group().hourlyPrice() * o.nodeCount(), totalPodPrice, STABILIZATION_PRICE,
                preferredCpuMilli(clusterSize), o.group().capacity().cpuMilli(), o.nodeCount());
    }

    /** The score from the option's total node price and pod price, the stabilization price and the CPUs. */
    static double score(double totalNodePrice, double totalPodPrice, double stabilizationPrice, long preferredCpuMilli,
                        long nodeCpuMilli, int nodeCount) {
        double priceSubScore = (totalNodePrice + stabilizationPrice) / (totalPodPrice + stabilizationPrice);
        double unfitness = unfitness(preferredCpuMilli, nodeCpuMilli);
        double suppressed = (unfitness - 1.0) * (1.0 - Math.tanh((nodeCount - 1) / 15.0)) + 1.0;
        return suppressed * priceSubScore;
    }

    static List<ExpansionOption> best(List<ExpansionOption> options, int clusterSize) {
        List<ExpansionOption> best = new ArrayList<>();
        double bestScore = 0;
        for (ExpansionOption o : options) {
            double s = score(o, clusterSize);
            if (best.isEmpty() || s < bestScore) {
                best.clear();
                best.add(o);
                bestScore = s;
            } else if (s == bestScore) {
                best.add(o);
            }
        }
        return best;
    }
}
