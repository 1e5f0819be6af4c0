package io.headroom.vpa;

/**
 * The CPU half of the recommender's {@code AggregateContainerState}: the decaying histogram of the CPU usage
 * samples of every pod of a workload, with the start of the first and of the last sample and the sample count,
 * from which the confidence in the history is judged. Upstream's metrics feeder adds one sample per container
 * per minute (the usage averaged over the last metrics window), so the count is pods x minutes.
 *
 * <p>Ported from kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/recommender/model/aggregate_container_state.go}
 * ({@code addCPUSample}, {@code MergeContainerState}) and {@code aggregations_config.go} (CPU histogram options:
 * exponential buckets from 0.01 core growing 5 % to 1000 cores, epsilon {@code 0.001 * minSampleWeight}). A usage is
 * first truncated to whole millicores, as upstream's {@code ResourceAmount} holds it. The memory peaks histogram is
 * not ported: the simulator does not model memory usage. Upstream's per-container {@code ContainerState} drops a
 * sample that does not start after that container's previous one; here the caller feeds samples in time order.
 */
public final class CpuUsageState {
    /** Minimal weight of any sample, before decay ({@code minSampleWeight}). */
    public static final double MIN_SAMPLE_WEIGHT = 0.1;
    /** Minimal weight kept in the histograms ({@code epsilon}). */
    public static final double EPSILON = 0.001 * MIN_SAMPLE_WEIGHT;
    /** Relative growth of each bucket over the previous ({@code DefaultHistogramBucketSizeGrowth}). */
    public static final double BUCKET_SIZE_GROWTH = 0.05;
    /** Upstream's CPU histogram options: 0.01 core first bucket, ratio 1.05, up to 1000 cores. */
    public static final HistogramOptions CPU_HISTOGRAM_OPTIONS =
            HistogramOptions.exponential(1000.0, 0.01, 1. + BUCKET_SIZE_GROWTH, EPSILON);

    private final DecayingHistogram usage;
    private final boolean weightByRequest;
    private long firstSampleNs;
    private long lastSampleNs;
    private int totalSamples;

    public CpuUsageState(long halfLifeNs, boolean weightByRequest) {
        this.usage = new DecayingHistogram(CPU_HISTOGRAM_OPTIONS, halfLifeNs);
        this.weightByRequest = weightByRequest;
    }

    /**
     * Aggregates a usage of {@code cores} measured from {@code tNs}; {@code requestCores} is the pod's request
     * then, which weighs the sample only under {@code weightByRequest}. A negative usage is discarded.
     *
     * @return whether the sample was aggregated
     */
    public boolean addSample(double cores, double requestCores, long tNs) {
        if (cores < 0) {
            return false;
        }
        long milli = cpuAmountFromCores(cores);
        double weight = weightByRequest
                ? Math.max(coresFromCpuAmount(cpuAmountFromCores(requestCores)), MIN_SAMPLE_WEIGHT)
                : MIN_SAMPLE_WEIGHT;
        usage.addSample(coresFromCpuAmount(milli), weight, tNs);
        if (totalSamples == 0 || tNs > lastSampleNs) {
            lastSampleNs = tNs;
        }
        if (totalSamples == 0 || tNs < firstSampleNs) {
            firstSampleNs = tNs;
        }
        totalSamples++;
        return true;
    }

    /** Adds {@code other}'s samples ({@code MergeContainerState}). */
    public void merge(CpuUsageState other) {
        usage.merge(other.usage);
        if (other.totalSamples > 0) {
            if (totalSamples == 0 || other.firstSampleNs < firstSampleNs) {
                firstSampleNs = other.firstSampleNs;
            }
            if (totalSamples == 0 || other.lastSampleNs > lastSampleNs) {
                lastSampleNs = other.lastSampleNs;
            }
        }
        totalSamples += other.totalSamples;
    }

    public DecayingHistogram usage() {
        return usage;
    }

    public long firstSampleNs() {
        return firstSampleNs;
    }

    public long lastSampleNs() {
        return lastSampleNs;
    }

    public int totalSamples() {
        return totalSamples;
    }

    /** {@code CPUAmountFromCores}: millicores, truncated, clamped to [0, 1e14]. */
    static long cpuAmountFromCores(double cores) {
        return Estimators.resourceAmountFromFloat(cores * 1000.0);
    }

    /** {@code CoresFromCPUAmount}. */
    static double coresFromCpuAmount(long milli) {
        return milli / 1000.0;
    }
}
