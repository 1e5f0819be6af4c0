package io.headroom.autoscale;

import io.headroom.design.autoscaling.Hpa;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.HpaTarget;
import io.headroom.design.autoscaling.MetricCollection;
import io.headroom.design.autoscaling.Tolerances;
import io.headroom.design.autoscaling.HpaBehavior.Policy;
import io.headroom.design.autoscaling.HpaBehavior.PolicyType;
import io.headroom.design.autoscaling.HpaBehavior.Rules;
import io.headroom.design.autoscaling.HpaBehavior.Select;
import java.util.Arrays;
import java.util.List;

/**
 * The Kubernetes HorizontalPodAutoscaler controller for one HPA, following kubernetes/kubernetes
 * {@code pkg/controller/podautoscaler/horizontal.go} (autoscaling/v2, where the API server always
 * fills in {@code behavior}, so the {@code normalizeDesiredReplicasWithBehaviors} path): every sync
 * period it
 * <ol>
 *   <li>on its first sync records the current count as a recommendation ({@code recordInitialRecommendation});</li>
 *   <li>takes spec.replicas ({@link ScalingView#desired()}) as the current count; outside
 *       [min, max] it goes straight to the bound;</li>
 *   <li>asks the {@link ReplicaCalculator} for a proposal per metric and keeps the largest
 *       ({@code computeReplicasForMetrics}; if every metric fails, or some fail and the rest would scale
 *       down, it does nothing);</li>
 *   <li>stabilises: the count is held between the lowest recommendation of the scale-up window and the
 *       highest of the scale-down window ({@code stabilizeRecommendationWithBehaviors}), keeping a
 *       recommendation history where one outdated entry is overwritten per sync;</li>
 *   <li>limits the rate ({@code convertDesiredReplicasWithBehaviorRate}): each policy allows a count
 *       relative to the replicas at the start of its period, i.e. now minus the scale-ups plus the
 *       scale-downs of the last {@code periodSeconds} ({@code calculateScaleUpLimitWithScalingRules},
 *       {@code calculateScaleDownLimitWithBehaviors}; Percent up is rounded up, Percent down truncated by
 *       {@code int32()}); selectPolicy picks the largest change (Max), the smallest (Min) or none;</li>
 *   <li>records the change as a scale event ({@code storeScaleEvent}).</li>
 * </ol>
 * Time comparisons keep Go's strictness ({@code After(cutoff)} counts an event only if strictly newer).
 * Read from the stored kubernetes/kubernetes sources (horizontal.go, replica_calculator.go with
 * per-direction tolerances, Kubernetes 1.33+); the calculator's test cases are those of
 * replica_calculator_test.go at 5f3bc7cdab9b2544f0389b9a83c88fa15b793b7a.
 */
public final class HpaController implements ScalingPolicy {
    private final Hpa spec;
    private final long syncNs;
    private final long cpuInitNs;
    private final long readinessDelayNs;
    private final Tolerances tolerances;
    private final Rules up;
    private final Rules down;

    private final History recommendations = new History();
    private final History scaleUpEvents = new History();
    private final History scaleDownEvents = new History();

    private int lastMetricReplicas = -1;

    public HpaController(Hpa spec) {
        this.spec = spec;
        this.syncNs = spec.syncPeriod().toNanos();
        this.cpuInitNs = spec.cpuInitializationPeriod().toNanos();
        this.readinessDelayNs = spec.initialReadinessDelay().toNanos();
        this.up = spec.behavior().scaleUp();
        this.down = spec.behavior().scaleDown();
        this.tolerances = new Tolerances(
                down.tolerance() != null ? down.tolerance() : spec.tolerance().scaleDown(),
                up.tolerance() != null ? up.tolerance() : spec.tolerance().scaleUp());
    }

    public long periodNs() {
        return syncNs;
    }

    @Override
    public long historyNs() {
        return spec.collection().historyNs(1);
    }

    /** The largest of the metrics' proposals at the last sync, before stabilisation and rate limits; -1 if none. */
    public int lastMetricReplicas() {
        return lastMetricReplicas;
    }

    public int decide(ScalingView view) {
        long now = view.nowNs();
        int current = view.desired();
        int min = view.minReplicas();
        int max = view.maxReplicas();
        if (recommendations.size == 0) {
            // recordInitialRecommendation: a new HPA remembers the count it found, so it scales down no sooner
            // than one scale-down stabilisation window after it starts
            recommendations.add(now, current);
        }
        if (current == 0 && min != 0) {
            return -1; // spec.replicas 0: autoscaling is disabled
        }
        int desired;
        if (current > max) {
            desired = max;
        } else if (current < min) {
            desired = min;
        } else {
            int metricDesired = computeReplicasForMetrics(view, current);
            lastMetricReplicas = metricDesired;
            if (metricDesired < 0) {
                return -1;
            }
            desired = normalizeDesiredReplicasWithBehaviors(now, current, metricDesired, min, max);
        }
        if (desired != current) {
            storeScaleEvent(now, current, desired);
        }
        return desired;
    }

    /** The largest proposal over the metrics; -1 if all fail, or if some fail and the others would scale down. */
    int computeReplicasForMetrics(ScalingView view, int specReplicas) {
        int replicas = 0;
        int invalid = 0;
        List<HpaTarget> targets = spec.targets();
        for (HpaTarget t : targets) {
            ReplicaCalculator.Proposal p = computeReplicasForMetric(view, t, specReplicas);
            if (p == null) {
                invalid++;
            } else if (replicas == 0 || p.replicas() > replicas) {
                replicas = p.replicas();
            }
        }
        if (invalid >= targets.size() || (invalid > 0 && replicas < specReplicas)) {
            return -1;
        }
        return replicas;
    }

    private ReplicaCalculator.Proposal computeReplicasForMetric(ScalingView view, HpaTarget t, int specReplicas) {
        MetricCollection c = spec.collection();
        long now = view.nowNs();
        switch (t.kind()) {
            case RESOURCE_UTILIZATION, PODS_AVERAGE_VALUE -> {
                int n = view.pods();
                if (n == 0) {
                    return null;
                }
                boolean cpu = t.kind() == HpaTarget.Kind.RESOURCE_UTILIZATION;
                PodGroup[] groups = new PodGroup[n];
                long[] values = new long[n];
                long[] requests = new long[n];
                for (int i = 0; i < n; i++) {
                    double v = view.podValue(t.metric(), i, c.intervalNs(), c.windowNs(), c.lagNs());
                    boolean has = !Double.isNaN(v);
                    groups[i] = ReplicaCalculator.groupPod(cpu, view.ready(i), view.startedNs(i), view.readySinceNs(i), has,
                            now - c.lagNs(), c.windowNs(), now, cpuInitNs, readinessDelayNs);
                    values[i] = has ? milli(v) : 0;
                    requests[i] = 1000; // cpu is reported as a fraction of the request: the request is one unit
                }
                return cpu
                        ? ReplicaCalculator.resourceReplicas(specReplicas, (int) t.target(), groups, values, requests, tolerances)
                        : ReplicaCalculator.plainMetricReplicas(specReplicas, t.target(), groups, values, tolerances);
            }
            case OBJECT_VALUE, OBJECT_AVERAGE_VALUE -> {
                double v = view.fleetValue(t.metric(), c.intervalNs(), c.windowNs(), c.lagNs());
                if (Double.isNaN(v)) {
                    return null;
                }
                long usage = milli(v);
                if (t.kind() == HpaTarget.Kind.OBJECT_VALUE) {
                    int ready = 0;
                    for (int i = 0; i < view.pods(); i++) {
                        if (view.ready(i)) {
                            ready++;
                        }
                    }
                    return ReplicaCalculator.valueReplicas(specReplicas, ready, usage, t.target(), tolerances);
                }
                return ReplicaCalculator.averageValueReplicas(view.pods(), usage, t.target(), tolerances);
            }
            default -> throw new IllegalStateException(t.kind().toString());
        }
    }

    /**
     * A metric value as the milli-value Kubernetes reads: metrics arrive as quantities and {@code MilliValue()} rounds
     * up (the 10⁻⁹ keeps 0.3 × 1000 = 300.00000000000006 at 300).
     */
    static long milli(double v) {
        return (long) Math.ceil(v * 1000 - 1e-9);
    }

    /** {@code normalizeDesiredReplicasWithBehaviors}: stabilise, then limit the rate and clamp to [min, max]. */
    int normalizeDesiredReplicasWithBehaviors(long now, int current, int prenormalized, int min, int max) {
        int stabilized = stabilizeRecommendationWithBehaviors(now, current, prenormalized);
        return convertDesiredReplicasWithBehaviorRate(now, current, stabilized, min, max);
    }

    private int stabilizeRecommendationWithBehaviors(long now, int current, int desired) {
        long upCutoff = now - up.stabilizationWindowSeconds() * 1_000_000_000L;
        long downCutoff = now - down.stabilizationWindowSeconds() * 1_000_000_000L;
        int upRecommendation = desired;
        int downRecommendation = desired;
        int oldSampleIndex = -1;
        for (int i = 0; i < recommendations.size; i++) {
            long t = recommendations.times[i];
            int r = recommendations.values[i];
            if (t > upCutoff) {
                upRecommendation = Math.min(r, upRecommendation);
            }
            if (t > downCutoff) {
                downRecommendation = Math.max(r, downRecommendation);
            }
            if (t < upCutoff && t < downCutoff) {
                oldSampleIndex = i;
            }
        }
        int recommendation = current;
        if (recommendation < upRecommendation) {
            recommendation = upRecommendation;
        }
        if (recommendation > downRecommendation) {
            recommendation = downRecommendation;
        }
        if (oldSampleIndex >= 0) {
            recommendations.set(oldSampleIndex, now, desired);
        } else {
            recommendations.add(now, desired);
        }
        return recommendation;
    }

    private int convertDesiredReplicasWithBehaviorRate(long now, int current, int desired, int min, int max) {
        if (desired > current) {
            int scaleUpLimit = calculateScaleUpLimitWithScalingRules(now, current, up);
            if (scaleUpLimit < current) {
                scaleUpLimit = current; // no further scale-up until the events age out
            }
            int maximumAllowed = Math.min(max, scaleUpLimit);
            return Math.min(desired, maximumAllowed);
        } else if (desired < current) {
            int scaleDownLimit = calculateScaleDownLimitWithBehaviors(now, current, down);
            if (scaleDownLimit > current) {
                scaleDownLimit = current;
            }
            int minimumAllowed = Math.max(min, scaleDownLimit);
            return Math.max(desired, minimumAllowed);
        }
        return desired;
    }

    private int calculateScaleUpLimitWithScalingRules(long now, int current, Rules rules) {
        if (rules.selectPolicy() == Select.DISABLED) {
            return current;
        }
        boolean min = rules.selectPolicy() == Select.MIN;
        int result = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (Policy p : rules.policies()) {
            int periodStartReplicas = periodStartReplicas(now, current, p);
            int proposed = p.type() == PolicyType.PODS
                    ? periodStartReplicas + p.value()
                    : (int) Math.ceil((double) periodStartReplicas * (1 + (double) p.value() / 100));
            result = min ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return result;
    }

    private int calculateScaleDownLimitWithBehaviors(long now, int current, Rules rules) {
        if (rules.selectPolicy() == Select.DISABLED) {
            return current;
        }
        boolean min = rules.selectPolicy() == Select.MIN;
        int result = min ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (Policy p : rules.policies()) {
            int periodStartReplicas = periodStartReplicas(now, current, p);
            int proposed = p.type() == PolicyType.PODS
                    ? periodStartReplicas - p.value()
                    : (int) ((double) periodStartReplicas * (1 - (double) p.value() / 100));
            result = min ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return result;
    }

    /** The replica count when policy {@code p}'s period began: {@code current} less the scale events since. */
    private int periodStartReplicas(long now, int current, Policy p) {
        int added = scaleUpEvents.changeInPeriod(p.periodSeconds(), now);
        int deleted = scaleDownEvents.changeInPeriod(p.periodSeconds(), now);
        return current - added + deleted;
    }

    /** {@code storeScaleEvent}: reuses the last outdated slot (older than the direction's longest policy period). */
    private void storeScaleEvent(long now, int prev, int next) {
        History events = next > prev ? scaleUpEvents : scaleDownEvents;
        Rules rules = next > prev ? up : down;
        int change = next > prev ? next - prev : prev - next;
        long cutoff = now - rules.longestPolicyPeriod() * 1_000_000_000L;
        int oldSampleIndex = -1;
        for (int i = 0; i < events.size; i++) {
            if (events.times[i] < cutoff) {
                events.outdated[i] = true;
            }
            if (events.outdated[i]) {
                oldSampleIndex = i;
            }
        }
        if (oldSampleIndex >= 0) {
            events.set(oldSampleIndex, now, change);
        } else {
            events.add(now, change);
        }
    }

    /** Timestamped counts (recommendations or scale events), kept as Kubernetes keeps them: a slice with reuse. */
    private static final class History {
        long[] times = new long[8];
        int[] values = new int[8];
        boolean[] outdated = new boolean[8];
        int size;

        void add(long t, int v) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 2);
                outdated = Arrays.copyOf(outdated, size * 2);
            }
            times[size] = t;
            values[size] = v;
            outdated[size] = false;
            size++;
        }

        void set(int i, long t, int v) {
            times[i] = t;
            values[i] = v;
            outdated[i] = false;
        }

        /** {@code getReplicasChangePerPeriod}: the sum of changes strictly newer than now - period. */
        int changeInPeriod(int periodSeconds, long now) {
            long cutoff = now - periodSeconds * 1_000_000_000L;
            int replicas = 0;
            for (int i = 0; i < size; i++) {
                if (times[i] > cutoff) {
                    replicas += values[i];
                }
            }
            return replicas;
        }
    }
}
