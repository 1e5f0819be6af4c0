package io.headroom.autoscale;

/**
 * Additive Holt-Winters (triple exponential smoothing) over equally spaced observations with a
 * season of {@code m} steps. The first full season initialises it: level = the season's mean, trend 0,
 * seasonal offsets = each observation minus that mean. Afterwards each observation x updates
 * level L ← α(x − S) + (1 − α)(L + T), trend T ← β(L − L₀) + (1 − β)T, seasonal S ← γ(x − L) + (1 − γ)S;
 * the forecast h steps after the last observation is L + hT + S at that phase. Before one full season
 * there is no forecast. (commons-math3 has no Holt-Winters; this is the textbook recursion, Hyndman &amp;
 * Athanasopoulos, Forecasting: Principles and Practice, §8.3.)
 */
public final class HoltWinters {
    private final int m;
    private final double alpha;
    private final double beta;
    private final double gamma;
    private final double[] seasonal;
    private final double[] first;
    private long count;
    private double level;
    private double trend;

    public HoltWinters(int seasonLength, double alpha, double beta, double gamma) {
        if (seasonLength < 2) {
            throw new IllegalArgumentException("a season needs at least 2 steps");
        }
        this.m = seasonLength;
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.seasonal = new double[m];
        this.first = new double[m];
    }

    /** Adds the next observation. */
    public void add(double x) {
        int phase = (int) (count % m);
        if (count < m) {
            first[phase] = x;
            count++;
            if (count == m) {
                double mean = 0;
                for (double v : first) {
                    mean += v;
                }
                mean /= m;
                level = mean;
                trend = 0;
                for (int i = 0; i < m; i++) {
                    seasonal[i] = first[i] - mean;
                }
            }
            return;
        }
        double previous = level;
        level = alpha * (x - seasonal[phase]) + (1 - alpha) * (level + trend);
        trend = beta * (level - previous) + (1 - beta) * trend;
        seasonal[phase] = gamma * (x - level) + (1 - gamma) * seasonal[phase];
        count++;
    }

    /** True once a full season has been seen. */
    public boolean ready() {
        return count >= m;
    }

    /** Observations so far. */
    public long count() {
        return count;
    }

    /** The forecast {@code h} ≥ 1 steps after the last observation; NaN before a full season. */
    public double forecast(int h) {
        if (!ready()) {
            return Double.NaN;
        }
        int phase = (int) ((count - 1 + h) % m);
        return level + h * trend + seasonal[phase];
    }
}
