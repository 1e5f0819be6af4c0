package io.headroom.validation.compare;

import io.headroom.run.RunResult;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * How a sharded store's load splits over its shards, in the testbed and in the simulator: under skewed keys
 * (Zipf) one shard takes more than its share, and that hot shard is what sizes the store. Per shard: the
 * requests it took over the measured period and its share of the store's, measured and simulated (mean of the
 * replications), and the utilisation of its workers.
 *
 * <p>The testbed and the simulator draw their keys from the same popularity but from different random
 * streams, so a share differs between them by sampling alone. That noise is read from the run itself: the
 * spread of the share over the simulator's replications (each one as many requests as the measured run, and
 * with the same calls per request) is the spread of one run's share, so the difference of the measured share
 * and the mean of {@code R} replications has standard deviation {@code s·√(1 + 1/R)}; the 95 % half-width
 * uses Student's t with {@code R − 1} degrees of freedom. It depends on the key draws only, not on how busy
 * the machine is.
 */
public record ShardComparison(String store, List<Shard> shards, int replications) {

    /**
     * One shard: measured and simulated requests, shares, the standard deviation of the share difference and its
     * 95 % half-width (Student's t over the replications), and the utilisations.
     */
    public record Shard(int shard, long measured, double simulated, double measuredShare, double simulatedShare, double shareSd,
                        double shareHalfWidth, double measuredUtilisation, double simulatedUtilisation) {
        /** Whether the measured share lies within the sampling noise of the simulated one. */
        public boolean within() {
            return Math.abs(measuredShare - simulatedShare) <= shareHalfWidth;
        }
    }

    /**
     * @param measured  requests per shard over the measured period
     * @param busyS     worker-seconds busy per shard over it
     * @param workers   workers per shard
     * @param periodS   the measured period's length
     */
    public static ShardComparison of(String store, long[] measured, double[] busyS, int workers, double periodS, List<RunResult> runs) {
        int n = measured.length;
        long total = 0;
        for (long m : measured) {
            total += m;
        }
        int reps = runs.size();
        double[][] share = new double[n][reps];
        double[] requests = new double[n];
        double[] util = new double[n];
        for (int r = 0; r < reps; r++) {
            List<RunResult.ShardStats> s = runs.get(r).components().get(store).shards();
            long sum = s.stream().mapToLong(RunResult.ShardStats::requests).sum();
            for (int k = 0; k < n; k++) {
                share[k][r] = sum == 0 ? 0 : s.get(k).requests() / (double) sum;
                requests[k] += s.get(k).requests() / (double) reps;
                util[k] += s.get(k).utilisation() / reps;
            }
        }
        double t = reps > 1 ? new TDistribution(reps - 1).inverseCumulativeProbability(0.975) : Double.NaN;
        List<Shard> out = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            double mean = java.util.Arrays.stream(share[k]).average().orElse(Double.NaN);
            double var = 0;
            for (double v : share[k]) {
                var += (v - mean) * (v - mean);
            }
            double sd = reps > 1 ? Math.sqrt(var / (reps - 1)) : Double.NaN;
            double diffSd = sd * Math.sqrt(1 + 1.0 / reps);
            out.add(new Shard(k, measured[k], requests[k], total == 0 ? 0 : measured[k] / (double) total, mean, diffSd, t * diffSd,
                    busyS[k] / (periodS * workers), util[k]));
        }
        return new ShardComparison(store, List.copyOf(out), reps);
    }

    /** The shard with the most measured requests. */
    public Shard hottest() {
        return shards.stream().max(java.util.Comparator.comparingLong(Shard::measured)).orElseThrow();
    }

    /** One line for the report's findings. */
    public String finding(String variant) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "sharded store %s: requests per shard over the measured period,"
                + " measured vs simulated (%s, mean of %d replications; share ± 95 %% sampling half-width of the keys; utilisation):",
                store, variant, replications));
        for (Shard s : shards) {
            b.append(String.format(Locale.ROOT, " shard-%d %d vs %.0f (%.1f %% vs %.1f %% ± %.1f%s; %.3f vs %.3f)", s.shard(), s.measured(),
                    s.simulated(), 100 * s.measuredShare(), 100 * s.simulatedShare(), 100 * s.shareHalfWidth(), s.within() ? "" : ", OUTSIDE",
                    s.measuredUtilisation(), s.simulatedUtilisation()));
            b.append(s.shard() == shards.size() - 1 ? "." : ";");
        }
        Shard hot = hottest();
        Shard simHot = shards.stream().max(java.util.Comparator.comparingDouble(Shard::simulated)).orElseThrow();
        b.append(String.format(Locale.ROOT, " Hottest shard: shard-%d measured, shard-%d simulated.", hot.shard(), simHot.shard()));
        return b.toString();
    }
}
