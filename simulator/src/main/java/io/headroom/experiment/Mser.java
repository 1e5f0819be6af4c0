package io.headroom.experiment;

/**
 * White's MSER-5 rule for deleting a simulation's initial transient (White 1997; White, Cobb and
 * Spratt 2000): the output series is cut into batches of 5 observations, and the number of leading
 * batches {@code d} to delete is the one that minimises the marginal standard error of what is left,
 * {@code MSER(d) = S²(d) / (b − d)} with {@code S²(d)} the (biased) variance of the batch means after
 * {@code d} and {@code b} the number of batches — a trade between the bias of keeping early, atypical
 * observations and the variance of keeping few. As is usual, {@code d} is searched over the first half
 * of the series only, where the statistic is stable; a minimum found there is the truncation point.
 * A trailing partial batch is left out.
 */
public final class Mser {
    /** Observations per batch (MSER-5). */
    public static final int BATCH = 5;

    private Mser() {
    }

    /** How many leading observations of {@code y} to delete (a multiple of 5; 0 when the series is too short to judge). */
    public static int truncation(double[] y) {
        int b = y.length / BATCH;
        if (b < 4) {
            return 0;
        }
        double[] z = new double[b];
        for (int j = 0; j < b; j++) {
            double s = 0;
            for (int k = 0; k < BATCH; k++) {
                s += y[j * BATCH + k];
            }
            z[j] = s / BATCH;
        }
        // suffix sums make each MSER(d) O(1)
        double[] sum = new double[b + 1];
        double[] sumSq = new double[b + 1];
        for (int j = b - 1; j >= 0; j--) {
            sum[j] = sum[j + 1] + z[j];
            sumSq[j] = sumSq[j + 1] + z[j] * z[j];
        }
        int best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int d = 0; d <= b / 2; d++) {
            int m = b - d;
            double mean = sum[d] / m;
            double ss = Math.max(0, sumSq[d] - m * mean * mean);
            double value = ss / ((double) m * m);
            if (value < bestValue) {
                bestValue = value;
                best = d;
            }
        }
        return best * BATCH;
    }
}
