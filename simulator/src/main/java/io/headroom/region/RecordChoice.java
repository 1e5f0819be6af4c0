package io.headroom.region;

import io.headroom.design.region.RoutingPolicy;

/**
 * Which record a routing policy answers for a user population, given the healthy records (a bit mask) and one uniform
 * draw: {@code latency}, the record with the lowest round trip from the population (ties: the first); {@code
 * geolocation}, the population's record, else the default one; {@code weighted}, a record in proportion to its
 * weight (when every healthy record weighs 0, one of them alike, as Route 53 answers); {@code failover}, the primary,
 * else the secondary. When no record a policy could answer is healthy, Route 53
 * answers as if all were, and so does this.
 */
public final class RecordChoice {
    private final RoutingPolicy policy;
    private final int records;
    private final long[][] tripNs;
    private final int[] geolocation;
    private final int geoDefault;
    private final double[] weights;
    private final int primary;
    private final int secondary;

    /**
     * @param tripNs      round trip from each population to each record's region (latency)
     * @param geolocation each population's record, -1 for none (geolocation)
     * @param geoDefault  the default record, -1 for none (geolocation)
     * @param weights     each record's weight (weighted)
     */
    public RecordChoice(RoutingPolicy policy, int records, long[][] tripNs, int[] geolocation, int geoDefault, double[] weights,
                        int primary, int secondary) {
        this.policy = policy;
        this.records = records;
        this.tripNs = tripNs;
        this.geolocation = geolocation;
        this.geoDefault = geoDefault;
        this.weights = weights;
        this.primary = primary;
        this.secondary = secondary;
    }

    /** Whether answering needs a random draw (a weighted choice among several records). */
    public boolean draws() {
        return policy == RoutingPolicy.WEIGHTED;
    }

    /** The record answered to population {@code p} when the records in {@code healthy} are healthy; {@code u} in [0, 1). */
    public int choose(int p, long healthy, double u) {
        long all = records >= 64 ? -1L : (1L << records) - 1;
        switch (policy) {
            case LATENCY -> {
                int k = nearest(p, healthy);
                return k >= 0 ? k : nearest(p, all);
            }
            case GEOLOCATION -> {
                int own = geolocation[p];
                if (own >= 0 && up(healthy, own)) {
                    return own;
                }
                if (geoDefault >= 0 && up(healthy, geoDefault)) {
                    return geoDefault;
                }
                return own >= 0 ? own : geoDefault;
            }
            case WEIGHTED -> { // Route 53: the healthy records by weight; if those are all 0, the healthy ones alike; else all
                if (healthy != 0) {
                    int k = weighted(healthy, u);
                    return k >= 0 ? k : uniform(healthy, u);
                }
                int k = weighted(all, u);
                return k >= 0 ? k : uniform(all, u);
            }
            case FAILOVER -> {
                if (up(healthy, primary)) {
                    return primary;
                }
                return up(healthy, secondary) ? secondary : primary;
            }
            default -> throw new IllegalStateException(policy.toString());
        }
    }

    private static boolean up(long mask, int k) {
        return (mask & (1L << k)) != 0;
    }

    private int nearest(int p, long mask) {
        int best = -1;
        for (int k = 0; k < records; k++) {
            if (up(mask, k) && (best < 0 || tripNs[p][k] < tripNs[p][best])) {
                best = k;
            }
        }
        return best;
    }

    /** One of the records in {@code mask}, each as likely. */
    private int uniform(long mask, double u) {
        int n = Long.bitCount(mask);
        int pick = Math.min(n - 1, (int) (u * n));
        for (int k = 0; k < records; k++) {
            if (up(mask, k) && pick-- == 0) {
                return k;
            }
        }
        return 0;
    }

    private int weighted(long mask, double u) {
        double total = 0;
        for (int k = 0; k < records; k++) {
            if (up(mask, k)) {
                total += weights[k];
            }
        }
        if (total <= 0) {
            return -1;
        }
        double x = u * total;
        int last = -1;
        for (int k = 0; k < records; k++) {
            if (up(mask, k) && weights[k] > 0) {
                last = k;
                x -= weights[k];
                if (x < 0) {
                    return k;
                }
            }
        }
        return last;
    }
}
