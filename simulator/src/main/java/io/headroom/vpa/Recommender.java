package io.headroom.vpa;

/**
 * The VPA recommender for one workload's CPU: it aggregates the usage samples of the workload's pods into a
 * decaying histogram and recommends a request. The target is the 90th percentile of the usage, the lower bound
 * the 50th, the upper bound the 95th, each plus a 15 % safety margin; the upper bound is then multiplied by
 * {@code 1 + 1/confidence} (x3 after 12 h of history, x2 after a day, x1.14 after a week) and the lower bound by
 * {@code (1 + 0.001/confidence)^-2} (x0.6 after 5 minutes, x0.95 after an hour), where the confidence is the
 * history length in days; no estimate goes below 25 millicores.
 *
 * <p>Ported from kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/recommender/logic/recommender.go}
 * ({@code CreatePodResourceRecommender}, {@code GetRecommendedPodResources}: the minimum is split evenly between
 * a pod's containers; the simulator's pods have one container). Simplifications: CPU only (the simulator does not
 * model memory usage, so there is no memory recommendation); no {@code controlledResources}, container policies
 * ({@code minAllowed}/{@code maxAllowed}) or post-processors (CPU as integer, rounding), whose defaults change
 * nothing; no checkpoints.
 */
public final class Recommender {
    private final RecommenderConfig config;
    private final CpuUsageState state;

    public Recommender(RecommenderConfig config) {
        this.config = config;
        this.state = new CpuUsageState(config.cpuHistogramDecayHalfLifeNs(), config.weightByRequest());
    }

    public Recommender() {
        this(RecommenderConfig.DEFAULT);
    }

    /**
     * A pod's CPU usage of {@code cores} (averaged over a metrics window, one sample a minute upstream) measured
     * from {@code tNs}, while its request was {@code requestCores}. A negative usage is ignored.
     */
    public void addCpuSample(double cores, double requestCores, long tNs) {
        state.addSample(cores, requestCores, tNs);
    }

    /**
     * Feeds a usage history recorded before the run (its samples' times relative to the run's start), as pods
     * requesting {@code requestCores}.
     */
    public void seed(io.headroom.design.cluster.UsageHistory history, double requestCores) {
        for (int i = 0; i < history.cores().length; i++) {
            addCpuSample(history.cores()[i], requestCores, history.offsetNs()[i]);
        }
    }

    /** The aggregated history. */
    public CpuUsageState state() {
        return state;
    }

    /**
     * The recommendation at {@code nowNs}; null without a sample, or when the last sample is older than
     * {@code historyExpiryNs} (upstream garbage-collects such an aggregate, so the VPA has no recommendation).
     */
    public Recommendation recommend(long nowNs) {
        if (state.totalSamples() == 0 || nowNs - state.lastSampleNs() >= config.historyExpiryNs()) {
            return null;
        }
        double fraction = 1.0; // 1 / number of containers in the pod
        long minCpu = Estimators.scaleResource(CpuUsageState.cpuAmountFromCores(config.podMinCpuMillicores() * 0.001),
                fraction);
        double confidence = Estimators.confidence(state, config.confidenceIntervalCpuNs());
        double margin = config.safetyMarginFraction();

        long target = Estimators.withMargin(Estimators.percentile(state, config.targetCpuPercentile()), margin);
        long lower = Estimators.withMargin(Estimators.percentile(state, config.lowerBoundCpuPercentile()), margin);
        long upper = Estimators.withMargin(Estimators.percentile(state, config.upperBoundCpuPercentile()), margin);
        upper = Estimators.withConfidence(upper, 1.0, 1.0, confidence);
        lower = Estimators.withConfidence(lower, 0.001, -2.0, confidence);
        return new Recommendation(Estimators.withMin(target, minCpu), Estimators.withMin(lower, minCpu),
                Estimators.withMin(upper, minCpu), confidence);
    }
}
