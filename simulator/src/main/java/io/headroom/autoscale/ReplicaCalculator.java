package io.headroom.autoscale;

import io.headroom.design.autoscaling.Tolerances;

/**
 * The Kubernetes HPA's replica calculator, ported line by line from kubernetes/kubernetes
 * {@code pkg/controller/podautoscaler/replica_calculator.go} and {@code metrics/utilization.go}
 * (the version with per-direction {@code Tolerances}, Kubernetes 1.33+; the test cases are those of
 * {@code replica_calculator_test.go} at 5f3bc7cdab9b2544f0389b9a83c88fa15b793b7a). Values are Kubernetes
 * milli-values ({@code long}), utilisations whole percents, and every truncation is Go's:
 * {@code int32((metricsTotal*100)/requestsTotal)}, integer averages, {@code int32(math.Ceil(ratio*n))}.
 *
 * <p>The pods arrive already grouped ({@link #groupPods}); a metric value of a MISSING pod is not read.
 */
public final class ReplicaCalculator {
    private ReplicaCalculator() {
    }

    /** A replica count the calculator proposes, with the current usage it saw (percent for Resource utilisation, milli-value otherwise). */
    public record Proposal(int replicas, long usage) {
    }

    /**
     * Kubernetes' {@code groupPods}: a pod with no sample is MISSING; for CPU an unready pod, or a pod
     * still in its {@code cpuInitializationPeriod} whose sample window started before it became ready,
     * or a never-ready pod within {@code delayOfInitialReadinessStatus}, is UNREADY. A pod that is not
     * ready stands for Kubernetes' Pending pod (the simulator's instances start as one step from launch to
     * ready), which is UNREADY for every metric.
     *
     * @param sampleEndNs the time the pod's sample was taken (the end of its window), {@code metricWindowNs} its window
     */
    public static PodGroup groupPod(boolean cpu, boolean ready, long startedNs, long readySinceNs, boolean hasSample,
                                    long sampleEndNs, long metricWindowNs, long nowNs,
                                    long cpuInitializationPeriodNs, long initialReadinessDelayNs) {
        if (!ready) {
            return PodGroup.UNREADY; // Pending
        }
        if (!hasSample) {
            return PodGroup.MISSING;
        }
        if (cpu) {
            boolean unready;
            if (startedNs + cpuInitializationPeriodNs > nowNs) {
                // still within the initialisation period: ignore a sample whose window began before the pod became ready
                unready = sampleEndNs < readySinceNs + metricWindowNs;
            } else {
                // condition is true here, so "unready and never ready" cannot apply
                unready = false;
            }
            if (unready) {
                return PodGroup.UNREADY;
            }
        }
        return PodGroup.READY;
    }

    /**
     * {@code GetResourceReplicas}: a Resource metric with a target {@code averageUtilization} (percent of request).
     *
     * @param usage    milli-cores used per pod (ignored for MISSING pods)
     * @param requests milli-cores requested per pod
     */
    public static Proposal resourceReplicas(int currentReplicas, int targetUtilization, PodGroup[] groups, long[] usage,
                                            long[] requests, Tolerances tolerances) {
        Grouped g = Grouped.of(groups, usage);
        if (g.readyPodCount == 0) {
            return null; // "did not receive metrics for targeted pods (pods might be unready)"
        }
        double usageRatio = utilizationRatio(g.inMetrics, g.metrics, requests, targetUtilization);
        int utilization = utilization(g.inMetrics, g.metrics, requests);
        // on a scale-down, missing pods use 100 % of their request (or the target when it is above 100 %)
        long fallbackUtilization = Math.max(100, targetUtilization);
        return g.propose(currentReplicas, usageRatio, utilization, i -> requests[i] * fallbackUtilization / 100,
                () -> utilizationRatio(g.inMetrics, g.metrics, requests, targetUtilization), tolerances);
    }

    /**
     * {@code calcPlainMetricReplicas}: a Pods metric (or a Resource with {@code averageValue}) with a target average
     * milli-value per pod.
     */
    public static Proposal plainMetricReplicas(int currentReplicas, long targetUsage, PodGroup[] groups, long[] values,
                                               Tolerances tolerances) {
        Grouped g = Grouped.of(groups, values);
        if (g.readyPodCount == 0) {
            return null;
        }
        long usage = average(g.inMetrics, g.metrics);
        double usageRatio = (double) usage / (double) targetUsage;
        // on a scale-down, missing pods use exactly the target
        return g.propose(currentReplicas, usageRatio, usage, i -> targetUsage,
                () -> (double) average(g.inMetrics, g.metrics) / (double) targetUsage, tolerances);
    }

    /**
     * The pods grouped as {@code replica_calculator.go} groups them, with the metrics that count: the ready pods' at
     * first; {@link #propose} then adds the missing and unready pods the way both calculators do.
     */
    private static final class Grouped {
        final PodGroup[] groups;
        final boolean[] inMetrics;
        final long[] metrics;
        int readyPodCount;
        boolean anyUnready;
        boolean anyMissing;

        private Grouped(PodGroup[] groups) {
            this.groups = groups;
            this.inMetrics = new boolean[groups.length];
            this.metrics = new long[groups.length];
        }

        static Grouped of(PodGroup[] groups, long[] values) {
            Grouped g = new Grouped(groups);
            for (int i = 0; i < groups.length; i++) {
                switch (groups[i]) {
                    case READY -> {
                        g.readyPodCount++;
                        g.inMetrics[i] = true;
                        g.metrics[i] = values[i];
                    }
                    case UNREADY -> g.anyUnready = true;
                    case MISSING -> g.anyMissing = true;
                    case IGNORED -> { }
                }
            }
            return g;
        }

        /**
         * The proposal from the ready pods' {@code usageRatio}: within the tolerance or ceil(ratio × ready pods); with
         * missing or (on a scale-up) unready pods, the ratio recomputed with missing pods at {@code missingOnScaleDown}
         * (scale-down) or 0 (scale-up) and unready pods at 0, and no change if that flips or softens the direction.
         */
        Proposal propose(int currentReplicas, double usageRatio, long reported, java.util.function.IntToLongFunction missingOnScaleDown,
                         java.util.function.DoubleSupplier newRatio, Tolerances tolerances) {
            boolean scaleUpWithUnready = anyUnready && usageRatio > 1.0;
            if (!scaleUpWithUnready && !anyMissing) {
                if (tolerances.isWithin(usageRatio)) {
                    return new Proposal(currentReplicas, reported);
                }
                return new Proposal((int) Math.ceil(usageRatio * readyPodCount), reported);
            }
            if (anyMissing && usageRatio != 1.0) {
                for (int i = 0; i < groups.length; i++) {
                    if (groups[i] == PodGroup.MISSING) {
                        inMetrics[i] = true;
                        metrics[i] = usageRatio < 1.0 ? missingOnScaleDown.applyAsLong(i) : 0;
                    }
                }
            }
            if (scaleUpWithUnready) {
                for (int i = 0; i < groups.length; i++) {
                    if (groups[i] == PodGroup.UNREADY) {
                        inMetrics[i] = true;
                        metrics[i] = 0;
                    }
                }
            }
            double newUsageRatio = newRatio.getAsDouble();
            if (tolerances.isWithin(newUsageRatio) || (usageRatio < 1.0 && newUsageRatio > 1.0)
                    || (usageRatio > 1.0 && newUsageRatio < 1.0)) {
                return new Proposal(currentReplicas, reported);
            }
            int newReplicas = (int) Math.ceil(newUsageRatio * count(inMetrics));
            if ((newUsageRatio < 1.0 && newReplicas > currentReplicas) || (newUsageRatio > 1.0 && newReplicas < currentReplicas)) {
                return new Proposal(currentReplicas, reported);
            }
            return new Proposal(newReplicas, reported);
        }
    }

    /**
     * {@code GetObjectMetricReplicas} / {@code GetExternalMetricReplicas} with a {@code Value} target: one value for the
     * whole target against a total target, scaled by the ready pods ({@code getUsageRatioReplicaCount}).
     */
    public static Proposal valueReplicas(int currentReplicas, int readyPodCount, long usage, long targetUsage, Tolerances tolerances) {
        double usageRatio = (double) usage / (double) targetUsage;
        int replicas;
        if (currentReplicas != 0) {
            if (tolerances.isWithin(usageRatio)) {
                return new Proposal(currentReplicas, usage);
            }
            double replicaCount = usageRatio * readyPodCount;
            replicas = replicaCount > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.ceil(replicaCount);
        } else {
            replicas = (int) Math.ceil(usageRatio);
        }
        return new Proposal(replicas, usage);
    }

    /**
     * {@code GetObjectPerPodMetricReplicas} / {@code GetExternalPerPodMetricReplicas} with an {@code AverageValue}
     * target: the total divided by the target per pod; the usage reported is the total per current replica, rounded up.
     */
    public static Proposal averageValueReplicas(int statusReplicas, long usage, long targetAverageUsage, Tolerances tolerances) {
        int replicas = statusReplicas;
        double usageRatio = (double) usage / ((double) targetAverageUsage * (double) replicas);
        if (!tolerances.isWithin(usageRatio)) {
            double r = Math.ceil((double) usage / (double) targetAverageUsage);
            replicas = r > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) r;
        }
        long perPod = (long) Math.ceil((double) usage / (double) statusReplicas);
        return new Proposal(replicas, perPod);
    }

    /** {@code GetResourceUtilizationRatio}'s whole-percent utilisation: {@code int32((metricsTotal*100)/requestsTotal)}. */
    private static int utilization(boolean[] inMetrics, long[] metrics, long[] requests) {
        long metricsTotal = 0;
        long requestsTotal = 0;
        for (int i = 0; i < metrics.length; i++) {
            if (inMetrics[i]) {
                metricsTotal += metrics[i];
                requestsTotal += requests[i];
            }
        }
        return (int) ((metricsTotal * 100) / requestsTotal);
    }

    private static double utilizationRatio(boolean[] inMetrics, long[] metrics, long[] requests, int targetUtilization) {
        return (double) utilization(inMetrics, metrics, requests) / (double) targetUtilization;
    }

    /** {@code GetMetricUsageRatio}'s integer average: {@code metricsTotal / int64(len(metrics))}. */
    private static long average(boolean[] inMetrics, long[] metrics) {
        long total = 0;
        int n = 0;
        for (int i = 0; i < metrics.length; i++) {
            if (inMetrics[i]) {
                total += metrics[i];
                n++;
            }
        }
        return total / n;
    }

    private static int count(boolean[] inMetrics) {
        int n = 0;
        for (boolean b : inMetrics) {
            if (b) {
                n++;
            }
        }
        return n;
    }
}
