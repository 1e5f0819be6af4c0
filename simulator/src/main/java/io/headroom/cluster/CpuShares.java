package io.headroom.cluster;

/**
 * How the pods of one node share its cores when the kernel's CFS scheduler divides them by cgroup weight: the kubelet
 * gives each pod's cgroup {@code cpu.shares} of request × 1024 / 1000 (cgroup v2's {@code cpu.weight} is the same
 * proportion), and CFS is work-conserving — a weight only matters when cores are short. The result is weighted max-min
 * fairness (water-filling): a pod's demand is the cores it could use now; when the node's pods together demand no more
 * than its cores each gets its demand (a pod uses cores its neighbours leave idle, beyond its request); otherwise each
 * gets cores in proportion to its request, at most its demand, and what the pods that need less leave is shared again
 * among the others by request, until none is left.
 *
 * <p>Simplified: CFS divides time per core and balances load between cores now and then; here a node is one fluid
 * pool of cores, and a single thread may use at most one core (the pods' demands already count threads).
 */
public final class CpuShares {
    private CpuShares() {
    }

    /**
     * Writes into {@code out[0..n)} the cores each of {@code n} pods gets of {@code cores}, by weight {@code weight[k]}
     * (its CPU request, positive) and demand {@code demand[k]} (cores, zero or more). Allocates nothing.
     */
    public static void share(double cores, long[] weight, double[] demand, int n, double[] out) {
        double total = 0;
        for (int k = 0; k < n; k++) {
            total += demand[k];
        }
        if (total <= cores) {
            System.arraycopy(demand, 0, out, 0, n);
            return;
        }
        for (int k = 0; k < n; k++) {
            out[k] = demand[k] > 0 ? Double.NaN : 0; // NaN: still to be given its share
        }
        double left = cores;
        while (true) {
            double w = 0;
            for (int k = 0; k < n; k++) {
                if (Double.isNaN(out[k])) {
                    w += weight[k];
                }
            }
            if (w == 0) {
                return;
            }
            // everyone whose demand is within its fair share of what is left is satisfied; the rest share again
            boolean satisfied = false;
            double pool = left;
            for (int k = 0; k < n; k++) {
                if (Double.isNaN(out[k]) && demand[k] <= pool * weight[k] / w) {
                    out[k] = demand[k];
                    left -= demand[k];
                    satisfied = true;
                }
            }
            if (!satisfied) {
                for (int k = 0; k < n; k++) {
                    if (Double.isNaN(out[k])) {
                        out[k] = left * weight[k] / w;
                    }
                }
                return;
            }
        }
    }
}
