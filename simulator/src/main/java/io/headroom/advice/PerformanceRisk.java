package io.headroom.advice;

import io.headroom.design.Slo;
import io.headroom.result.Summary;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * How likely an option is to miss the design's SLOs, on AWS Compute Optimizer's scale: 0 very low, 1 low, 2 medium,
 * 3 high, 4 very high. Compute Optimizer derives it from past utilisation; here it comes from the simulated SLO margin
 * and its uncertainty. For each threshold SLO ({@code p99 < 250ms}), the margin of a replication is
 * (threshold − value) / threshold; the option's margin is the lower end of the 95 % confidence interval of their mean
 * over the replications (Student's t; the replications share their seeds with every other option, common random
 * numbers), and its risk that of its tightest SLO:
 * <pre>
 *   margin ≥ 30 %  → 0      margin ≥ 15 %  → 1      margin ≥ 5 %  → 2      margin ≥ 0  → 3      below 0  → 4
 * </pre>
 * An error-budget SLO has no threshold: a replication that misses it makes the risk 4, else it adds nothing.
 * One replication has no interval: its margin is taken as it is.
 *
 * @param level         0 to 4
 * @param marginLow     the lower 95 % bound of the tightest SLO's relative margin (NaN without a threshold SLO)
 * @param tightest      that SLO's expression, or null
 */
public record PerformanceRisk(int level, double marginLow, String tightest) {
    /** Compute Optimizer's words for the levels. */
    public static final List<String> NAMES = List.of("VeryLow", "Low", "Medium", "High", "VeryHigh");

    public String name() {
        return NAMES.get(level);
    }

    /** The risk of an option from each replication's summary, judged by {@code slos} (in the order the summaries list them). */
    public static PerformanceRisk of(List<Summary> replications, List<Slo> slos) {
        double worst = Double.POSITIVE_INFINITY;
        String tightest = null;
        boolean budgetMissed = false;
        int n = replications.size();
        for (int k = 0; k < slos.size(); k++) {
            Slo slo = slos.get(k);
            double[] m = new double[n];
            for (int i = 0; i < n; i++) {
                Summary.SloResult r = replications.get(i).slo().get(k);
                if (slo == null) {
                    budgetMissed |= !r.pass();
                    continue;
                }
                m[i] = Double.isNaN(r.value()) ? Double.NEGATIVE_INFINITY : (slo.threshold() - r.value()) / slo.threshold();
            }
            if (slo == null) {
                continue;
            }
            double low = lowerBound(m);
            if (low < worst) {
                worst = low;
                tightest = slo.expression();
            }
        }
        int level = budgetMissed ? 4 : level(worst);
        return new PerformanceRisk(level, tightest == null ? Double.NaN : worst, tightest);
    }

    /** The level of a relative margin's lower bound. */
    static int level(double marginLow) {
        if (Double.isNaN(marginLow) || marginLow == Double.POSITIVE_INFINITY) {
            return 0;
        }
        return marginLow >= 0.30 ? 0 : marginLow >= 0.15 ? 1 : marginLow >= 0.05 ? 2 : marginLow >= 0 ? 3 : 4;
    }

    /** The lower end of the 95 % t interval of the mean of {@code x}; the value itself for one. */
    static double lowerBound(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        if (n < 2 || Double.isInfinite(mean)) {
            return mean;
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(ss / (n - 1) / n);
        return mean - new TDistribution(null, n - 1).inverseCumulativeProbability(0.975) * se;
    }
}
