package io.headroom.vpa;

/**
 * The recommender's CPU estimators, the building blocks a recommendation is composed of: a percentile of the
 * usage histogram, plus a safety margin, scaled by a confidence multiplier {@code (1 + multiplier/confidence)^exponent}
 * that widens the bounds while the history is short, and never below a minimum. Every step truncates to whole
 * millicores as upstream's {@code ResourceAmount} does.
 *
 * <p>Ported from kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/recommender/logic/estimator.go}
 * ({@code percentileCPUEstimator}, {@code cpuMarginEstimator}, {@code cpuConfidenceMultiplier},
 * {@code getConfidence}, {@code cpuMinResourceEstimator}) and {@code pkg/recommender/model/types.go}
 * ({@code ScaleResource}, {@code resourceAmountFromFloat}, {@code MaxResourceAmount}).
 */
public final class Estimators {
    /** Largest resource amount ({@code MaxResourceAmount}); an infinite confidence multiplier gives this. */
    public static final long MAX_RESOURCE_AMOUNT = 100_000_000_000_000L;

    private static final long NS_PER_MINUTE = 60_000_000_000L;

    private Estimators() {
    }

    /** {@code percentileCPUEstimator}: the {@code percentile} of the usage histogram, in millicores. */
    public static long percentile(CpuUsageState s, double percentile) {
        return CpuUsageState.cpuAmountFromCores(s.usage().percentile(percentile));
    }

    /** {@code cpuMarginEstimator}: {@code base + ScaleResource(base, marginFraction)}. */
    public static long withMargin(long base, double marginFraction) {
        return base + scaleResource(base, marginFraction);
    }

    /**
     * {@code getConfidence}: how much the history can be trusted, in units of {@code confidenceIntervalNs}
     * (days by default): the smaller of the time between the first and the last sample and the sample count
     * divided by the interval's minutes (a steady stream of one sample a minute for N days gives N).
     */
    public static double confidence(CpuUsageState s, long confidenceIntervalNs) {
        double lifespan = (double) (s.lastSampleNs() - s.firstSampleNs()) / (double) confidenceIntervalNs;
        double samplesAmount = s.totalSamples() / minutes(confidenceIntervalNs);
        return Math.min(lifespan, samplesAmount);
    }

    /** Go's {@code Duration.Minutes}. */
    private static double minutes(long ns) {
        return (double) (ns / NS_PER_MINUTE) + (double) (ns % NS_PER_MINUTE) / 60e9;
    }

    /** {@code cpuConfidenceMultiplier}: {@code base * (1 + multiplier/confidence)^exponent}. */
    public static long withConfidence(long base, double multiplier, double exponent, double confidence) {
        return scaleResource(base, Math.pow(1. + multiplier / confidence, exponent));
    }

    /** {@code cpuMinResourceEstimator}. */
    public static long withMin(long base, long minResource) {
        return Math.max(base, minResource);
    }

    /** {@code ScaleResource}: {@code amount * factor}, truncated and clamped. */
    public static long scaleResource(long amount, double factor) {
        return resourceAmountFromFloat(amount * factor);
    }

    /**
     * {@code resourceAmountFromFloat}: clamped to [0, {@code MaxResourceAmount}] and truncated. A NaN (a zero
     * estimate times an infinite multiplier) is 0 here; Go's conversion of NaN is platform-defined, and the
     * minimum resource that follows it upstream gives the same result.
     */
    static long resourceAmountFromFloat(double amount) {
        if (amount > MAX_RESOURCE_AMOUNT) {
            return MAX_RESOURCE_AMOUNT;
        }
        if (amount < 0 || Double.isNaN(amount)) {
            return 0;
        }
        return (long) amount;
    }
}
