package io.headroom.vpa;

/**
 * The VPA recommender's settings, each defaulting to upstream's flag default (kubernetes/autoscaler
 * {@code vertical-pod-autoscaler/pkg/recommender/config/config.go} {@code DefaultRecommenderConfig} and
 * {@code pkg/recommender/model/aggregations_config.go}).
 *
 * @param safetyMarginFraction       {@code --recommendation-margin-fraction}: 0.15, added to every estimate
 * @param podMinCpuMillicores        {@code --pod-recommendation-min-cpu-millicores}: 25, the floor of every CPU estimate
 * @param targetCpuPercentile        {@code --target-cpu-percentile}: 0.9
 * @param lowerBoundCpuPercentile    {@code --recommendation-lower-bound-cpu-percentile}: 0.5
 * @param upperBoundCpuPercentile    {@code --recommendation-upper-bound-cpu-percentile}: 0.95
 * @param confidenceIntervalCpuNs    {@code --confidence-interval-cpu}: 24 h, the unit the history length is counted in
 * @param cpuHistogramDecayHalfLifeNs {@code --cpu-histogram-decay-half-life}: 24 h
 * @param historyExpiryNs            memory aggregation interval (24 h) x interval count (8): an aggregate with no
 *                                   sample for that long is garbage-collected upstream, and recommends nothing
 * @param weightByRequest            false as upstream since kubernetes/autoscaler#7819 (VPA 1.4, 2025): every CPU
 *                                   sample weighs {@code minSampleWeight} 0.1; true weighs it
 *                                   {@code max(request cores, 0.1)} as VPA up to 1.3 did, so that raising the
 *                                   request made the older history count less
 */
public record RecommenderConfig(double safetyMarginFraction, double podMinCpuMillicores, double targetCpuPercentile,
                                double lowerBoundCpuPercentile, double upperBoundCpuPercentile,
                                long confidenceIntervalCpuNs, long cpuHistogramDecayHalfLifeNs, long historyExpiryNs,
                                boolean weightByRequest) {
    private static final long HOUR_NS = 3_600_000_000_000L;

    /** Upstream's defaults. */
    public static final RecommenderConfig DEFAULT = new RecommenderConfig(0.15, 25, 0.9, 0.5, 0.95,
            24 * HOUR_NS, 24 * HOUR_NS, 8 * 24 * HOUR_NS, false);

    public RecommenderConfig {
        if (confidenceIntervalCpuNs <= 0 || cpuHistogramDecayHalfLifeNs <= 0 || historyExpiryNs <= 0) {
            throw new IllegalArgumentException("durations must be positive");
        }
    }

    /** The same settings with {@code weightByRequest}. */
    public RecommenderConfig withWeightByRequest(boolean byRequest) {
        return new RecommenderConfig(safetyMarginFraction, podMinCpuMillicores, targetCpuPercentile,
                lowerBoundCpuPercentile, upperBoundCpuPercentile, confidenceIntervalCpuNs, cpuHistogramDecayHalfLifeNs,
                historyExpiryNs, byRequest);
    }
}
