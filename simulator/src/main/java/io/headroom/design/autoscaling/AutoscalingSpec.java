package io.headroom.design.autoscaling;

import io.headroom.autoscale.Autoscaler;
import io.headroom.autoscale.HpaController;
import io.headroom.autoscale.PredictivePolicy;
import io.headroom.autoscale.ScalingPolicy;
import io.headroom.autoscale.ScheduledActions;
import io.headroom.autoscale.SimplePolicy;
import io.headroom.autoscale.StepPolicy;
import io.headroom.autoscale.TargetTrackingPolicy;
import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.headroom.design.autoscaling.AwsTerms.AdjustmentType;
import io.headroom.design.autoscaling.AwsTerms.Comparison;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.Durations;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One autoscaling policy of a component, told apart by its YAML {@code policy:} (DESIGN.md's names).
 * Each record is what the user wrote, checked and with its defaults filled in; {@link #newPolicy()}
 * builds the stateful {@link ScalingPolicy} that decides, and {@link Autoscaler} combines them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "policy")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AutoscalingSpec.Hpa.class, name = "hpa"),
    @JsonSubTypes.Type(value = AutoscalingSpec.TargetTracking.class, name = "target-tracking"),
    @JsonSubTypes.Type(value = AutoscalingSpec.Step.class, name = "step"),
    @JsonSubTypes.Type(value = AutoscalingSpec.Simple.class, name = "simple"),
    @JsonSubTypes.Type(value = AutoscalingSpec.Scheduled.class, name = "scheduled"),
    @JsonSubTypes.Type(value = AutoscalingSpec.Predictive.class, name = "predictive"),
    @JsonSubTypes.Type(value = AutoscalingSpec.Fixed.class, name = "fixed")
})
public sealed interface AutoscalingSpec {

    /** The policy that decides for this spec; null for specs that do not vote ({@code fixed}, {@code scheduled}). */
    ScalingPolicy newPolicy();

    /**
     * {@code policy: hpa}: the Kubernetes HorizontalPodAutoscaler controller ({@link HpaController}). Inline
     * ({@code metric} + {@code target}, or {@code metrics: [{metric, target}, ...]}) or from a manifest
     * ({@code manifest: path/to/hpa.yaml}, relative to the design). {@code minReplicas}/{@code maxReplicas}
     * are set only by a manifest (null: the component's {@code replicas.min}/{@code max}).
     *
     * @param targets                   the metrics and their targets (the largest proposal wins)
     * @param tolerance                 the dead band around ratio 1 (default 0.1, both directions)
     * @param syncPeriod                how often the controller runs (default 15 s)
     * @param cpuInitializationPeriod   default 5 m
     * @param initialReadinessDelay     default 30 s
     */
    record Hpa(List<HpaTarget> targets, Integer minReplicas, Integer maxReplicas, Tolerances tolerance, Duration syncPeriod,
               Duration cpuInitializationPeriod, Duration initialReadinessDelay, HpaBehavior behavior,
               MetricCollection collection) implements AutoscalingSpec {

        public Hpa {
            targets = List.copyOf(targets);
        }

        /** A metric and target in an inline {@code metrics:} list. */
        public record MetricTarget(Metric metric, Double target) {
            public MetricTarget {
                FieldError.require(metric, "metric");
                FieldError.require(target, "target");
                checkNotTotal(metric, "metric");
            }
        }

        @JsonCreator
        static Hpa bind(@JsonProperty("metric") Metric metric, @JsonProperty("target") Double target,
                        @JsonProperty("metrics") List<MetricTarget> metrics, @JsonProperty("tolerance") Double tolerance,
                        @JsonProperty("sync-period") Duration syncPeriod,
                        @JsonProperty("cpu-initialization-period") Duration cpuInitializationPeriod,
                        @JsonProperty("initial-readiness-delay") Duration initialReadinessDelay,
                        @JsonProperty("behavior") HpaBehavior behavior,
                        @JsonProperty("metric-interval") Duration metricInterval,
                        @JsonProperty("metric-window") Duration metricWindow,
                        @JsonProperty("metric-lag") Duration metricLag,
                        @JsonProperty("manifest") String manifest,
                        @JacksonInject(value = YamlDocument.BASE_DIR, useInput = OptBoolean.FALSE, optional = OptBoolean.TRUE) Path baseDir) {
            MetricCollection collection = MetricCollection.of(metricInterval, metricWindow, metricLag, MetricCollection.KUBERNETES);
            Tolerances tol = Tolerances.DEFAULT;
            if (tolerance != null) {
                if (!(tolerance >= 0 && tolerance < 1)) {
                    throw new FieldError("tolerance", "must be at least 0 and below 1, got " + FieldError.number(tolerance));
                }
                tol = new Tolerances(tolerance, tolerance);
            }
            Duration sync = syncPeriod == null ? Duration.ofSeconds(15) : FieldError.positive(syncPeriod, "sync-period");
            Duration cpuInit = nonNegative(cpuInitializationPeriod, Duration.ofMinutes(5), "cpu-initialization-period");
            Duration readiness = nonNegative(initialReadinessDelay, Duration.ofSeconds(30), "initial-readiness-delay");
            if (manifest != null) {
                for (Object[] given : new Object[][] {{"metric", metric}, {"target", target}, {"metrics", metrics}, {"behavior", behavior}}) {
                    if (given[1] != null) {
                        throw new FieldError((String) given[0], "'" + given[0] + "' comes from the manifest; leave it out here");
                    }
                }
                HpaManifest m = readManifest(manifest, baseDir);
                return new Hpa(m.spec().targets(), m.spec().minReplicas(), m.spec().maxReplicas(), tol, sync, cpuInit, readiness,
                        m.spec().behavior(), collection);
            }
            List<HpaTarget> targets = new ArrayList<>();
            if (metrics != null) {
                if (metric != null || target != null) {
                    throw new FieldError("metric", "give either metric and target, or a metrics list, not both");
                }
                if (metrics.isEmpty()) {
                    throw new FieldError("metrics", "needs at least one {metric, target}");
                }
                for (int i = 0; i < metrics.size(); i++) {
                    MetricTarget mt = metrics.get(i);
                    targets.add(HpaTarget.inline(mt.metric(), mt.target(), "metrics[" + i + "].target"));
                }
            } else {
                FieldError.require(metric, "metric");
                checkNotTotal(metric, "metric");
                FieldError.require(target, "target");
                targets.add(HpaTarget.inline(metric, target, "target"));
            }
            return new Hpa(targets, null, null, tol, sync, cpuInit, readiness, behavior == null ? HpaBehavior.DEFAULT : behavior, collection);
        }

        /** A manifest given inline in place of the block (Kubernetes' defaults for what the block would say). */
        public static Hpa fromManifest(HpaManifest m) {
            return new Hpa(m.spec().targets(), m.spec().minReplicas(), m.spec().maxReplicas(), Tolerances.DEFAULT, Duration.ofSeconds(15),
                    Duration.ofMinutes(5), Duration.ofSeconds(30), m.spec().behavior(), MetricCollection.KUBERNETES);
        }

        private static HpaManifest readManifest(String manifest, Path baseDir) {
            Path file = (baseDir == null ? Path.of(".") : baseDir).resolve(manifest);
            try {
                return YamlDocument.read(file).bind(HpaManifest.class);
            } catch (BadInputException e) {
                throw new FieldError("manifest", "in " + e.errors().get(0).format());
            }
        }

        public ScalingPolicy newPolicy() {
            return new HpaController(this);
        }
    }

    /**
     * {@code policy: target-tracking}: AWS EC2 Auto Scaling's target tracking ({@link TargetTrackingPolicy}).
     *
     * @param target         cpu/utilisation as a fraction, queue-length and rps per instance, latency-p95 in ms
     * @param warmup         instance warm-up: a new instance's metrics are left out for this long (default 300 s)
     * @param disableScaleIn never removes capacity (default false)
     */
    record TargetTracking(Metric metric, double target, Duration warmup, boolean disableScaleIn, MetricCollection collection)
            implements AutoscalingSpec {

        @JsonCreator
        static TargetTracking bind(@JsonProperty("metric") Metric metric, @JsonProperty("target") Double target,
                                   @JsonProperty("warmup") Duration warmup, @JsonProperty("disable-scale-in") Boolean disableScaleIn,
                                   @JsonProperty("metric-interval") Duration metricInterval,
                                   @JsonProperty("metric-window") Duration metricWindow,
                                   @JsonProperty("metric-lag") Duration metricLag) {
            FieldError.require(metric, "metric");
            checkNotTotal(metric, "metric");
            return new TargetTracking(metric, FieldError.positive(target, "target"),
                    nonNegative(warmup, Duration.ofSeconds(300), "warmup"), disableScaleIn != null && disableScaleIn,
                    MetricCollection.of(metricInterval, metricWindow, metricLag, MetricCollection.CLOUDWATCH));
        }

        public ScalingPolicy newPolicy() {
            return new TargetTrackingPolicy(this);
        }
    }

    /** A CloudWatch alarm on a metric: {@code datapoints-to-alarm} of the last {@code evaluation-periods} datapoints breach. */
    record Alarm(Metric metric, double threshold, Comparison comparison, int evaluationPeriods, int datapointsToAlarm,
                 MetricCollection collection) {
        static Alarm of(Metric metric, Double threshold, Comparison comparison, Integer evaluationPeriods, Integer datapointsToAlarm,
                        MetricCollection collection) {
            FieldError.require(metric, "metric");
            checkNotTotal(metric, "metric");
            FieldError.require(threshold, "threshold");
            int n = evaluationPeriods == null ? 1 : FieldError.positive(evaluationPeriods, "evaluation-periods");
            int m = datapointsToAlarm == null ? n : FieldError.positive(datapointsToAlarm, "datapoints-to-alarm");
            if (m > n) {
                throw new FieldError("datapoints-to-alarm", "datapoints-to-alarm (" + m + ") is above evaluation-periods (" + n + ")");
            }
            return new Alarm(metric, threshold, comparison == null ? Comparison.GREATER_OR_EQUAL : comparison, n, m, collection);
        }
    }

    /**
     * One step of a step policy: applies when {@code metric - threshold} lies in [{@code lower}, {@code upper}) for an
     * alarm above its threshold, in ({@code lower}, {@code upper}] for one below it; a missing bound is infinite.
     */
    record StepAdjustment(Double lower, Double upper, int adjustment) {
        @JsonCreator
        static StepAdjustment bind(@JsonProperty("lower") Double lower, @JsonProperty("upper") Double upper,
                                   @JsonProperty("adjustment") Integer adjustment) {
            FieldError.require(adjustment, "adjustment");
            if (lower != null && upper != null && !(upper > lower)) {
                throw new FieldError("upper", "upper (" + FieldError.number(upper) + ") must be above lower (" + FieldError.number(lower) + ")");
            }
            if (lower == null && upper == null) {
                throw new FieldError("lower", "a step needs a lower or an upper bound (relative to the alarm threshold)");
            }
            return new StepAdjustment(lower, upper, adjustment);
        }

        public boolean contains(double difference, boolean above) {
            double lo = lower == null ? Double.NEGATIVE_INFINITY : lower;
            double hi = upper == null ? Double.POSITIVE_INFINITY : upper;
            return above ? difference >= lo && difference < hi : difference > lo && difference <= hi;
        }
    }

    /**
     * {@code policy: step}: AWS step scaling ({@link StepPolicy}): while its alarm is in ALARM, the step containing the
     * breach size applies; instances still warming up count as capacity already added.
     */
    record Step(Alarm alarm, AdjustmentType adjustmentType, int minAdjustmentMagnitude, List<StepAdjustment> steps,
                Duration warmup) implements AutoscalingSpec {

        public Step {
            steps = List.copyOf(steps);
        }

        @JsonCreator
        static Step bind(@JsonProperty("metric") Metric metric, @JsonProperty("threshold") Double threshold,
                         @JsonProperty("comparison") Comparison comparison,
                         @JsonProperty("evaluation-periods") Integer evaluationPeriods,
                         @JsonProperty("datapoints-to-alarm") Integer datapointsToAlarm,
                         @JsonProperty("adjustment-type") AdjustmentType adjustmentType,
                         @JsonProperty("min-adjustment-magnitude") Integer minAdjustmentMagnitude,
                         @JsonProperty("steps") List<StepAdjustment> steps,
                         @JsonProperty("warmup") Duration warmup,
                         @JsonProperty("metric-interval") Duration metricInterval,
                         @JsonProperty("metric-window") Duration metricWindow,
                         @JsonProperty("metric-lag") Duration metricLag) {
            Alarm alarm = Alarm.of(metric, threshold, comparison, evaluationPeriods, datapointsToAlarm,
                    MetricCollection.of(metricInterval, metricWindow, metricLag, MetricCollection.CLOUDWATCH));
            if (steps == null || steps.isEmpty()) {
                throw new FieldError("steps", "needs at least one step, e.g. - {lower: 0, adjustment: 1}");
            }
            AdjustmentType type = adjustmentType == null ? AdjustmentType.CHANGE_IN_CAPACITY : adjustmentType;
            int magnitude = minAdjustmentMagnitude == null ? 0 : minAdjustmentMagnitude;
            if (minAdjustmentMagnitude != null) {
                if (type != AdjustmentType.PERCENT_CHANGE_IN_CAPACITY) {
                    throw new FieldError("min-adjustment-magnitude", "applies to percent-change-in-capacity only");
                }
                FieldError.positive(minAdjustmentMagnitude, "min-adjustment-magnitude");
            }
            for (int i = 0; i < steps.size(); i++) {
                for (int j = i + 1; j < steps.size(); j++) {
                    if (overlap(steps.get(i), steps.get(j))) {
                        throw new FieldError("steps[" + j + "]", "overlaps step " + i + ": step ranges must not overlap");
                    }
                }
                if (type == AdjustmentType.EXACT_CAPACITY && steps.get(i).adjustment() < 0) {
                    throw new FieldError("steps[" + i + "].adjustment", "an exact capacity cannot be negative");
                }
            }
            return new Step(alarm, type, magnitude, steps, nonNegative(warmup, Duration.ofSeconds(300), "warmup"));
        }

        private static boolean overlap(StepAdjustment a, StepAdjustment b) {
            double alo = a.lower() == null ? Double.NEGATIVE_INFINITY : a.lower();
            double ahi = a.upper() == null ? Double.POSITIVE_INFINITY : a.upper();
            double blo = b.lower() == null ? Double.NEGATIVE_INFINITY : b.lower();
            double bhi = b.upper() == null ? Double.POSITIVE_INFINITY : b.upper();
            return alo < bhi && blo < ahi;
        }

        public ScalingPolicy newPolicy() {
            return new StepPolicy(this);
        }
    }

    /** {@code policy: simple}: AWS simple scaling ({@link SimplePolicy}): one adjustment when the alarm fires, then a cooldown (default 300 s). */
    record Simple(Alarm alarm, AdjustmentType adjustmentType, int adjustment, int minAdjustmentMagnitude, Duration cooldown)
            implements AutoscalingSpec {

        @JsonCreator
        static Simple bind(@JsonProperty("metric") Metric metric, @JsonProperty("threshold") Double threshold,
                           @JsonProperty("comparison") Comparison comparison,
                           @JsonProperty("evaluation-periods") Integer evaluationPeriods,
                           @JsonProperty("datapoints-to-alarm") Integer datapointsToAlarm,
                           @JsonProperty("adjustment-type") AdjustmentType adjustmentType,
                           @JsonProperty("adjustment") Integer adjustment,
                           @JsonProperty("min-adjustment-magnitude") Integer minAdjustmentMagnitude,
                           @JsonProperty("cooldown") Duration cooldown,
                           @JsonProperty("metric-interval") Duration metricInterval,
                           @JsonProperty("metric-window") Duration metricWindow,
                           @JsonProperty("metric-lag") Duration metricLag) {
            Alarm alarm = Alarm.of(metric, threshold, comparison, evaluationPeriods, datapointsToAlarm,
                    MetricCollection.of(metricInterval, metricWindow, metricLag, MetricCollection.CLOUDWATCH));
            FieldError.require(adjustment, "adjustment");
            AdjustmentType type = adjustmentType == null ? AdjustmentType.CHANGE_IN_CAPACITY : adjustmentType;
            if (minAdjustmentMagnitude != null && type != AdjustmentType.PERCENT_CHANGE_IN_CAPACITY) {
                throw new FieldError("min-adjustment-magnitude", "applies to percent-change-in-capacity only");
            }
            return new Simple(alarm, type, adjustment, minAdjustmentMagnitude == null ? 0 : FieldError.positive(minAdjustmentMagnitude, "min-adjustment-magnitude"),
                    nonNegative(cooldown, Duration.ofSeconds(300), "cooldown"));
        }

        public ScalingPolicy newPolicy() {
            return new SimplePolicy(this);
        }
    }

    /**
     * {@code policy: scheduled}: AWS scheduled actions. Each action fires at the minutes its 5-field {@code cron}
     * matches (UTC, on the run's calendar: the run starts {@link ScheduledActions#RUN_START}), or once {@code at} an
     * offset from the start, and sets any of {@code min}, {@code max}, {@code desired}.
     */
    record Scheduled(List<Action> actions) implements AutoscalingSpec {
        public Scheduled {
            if (actions == null || actions.isEmpty()) {
                throw new FieldError("actions", "needs at least one action, e.g. - {cron: \"0 8 * * 1-5\", min: 4}");
            }
            actions = List.copyOf(actions);
        }

        /** One scheduled action. */
        public record Action(String cron, Duration at, Integer min, Integer max, Integer desired) {
            public Action {
                if ((cron == null) == (at == null)) {
                    throw new FieldError("cron", "give either cron (\"m h dom mon dow\", UTC) or at (an offset from the run's start)");
                }
                if (cron != null) {
                    try {
                        Cron.parse(cron);
                    } catch (IllegalArgumentException e) {
                        throw new FieldError("cron", e.getMessage());
                    }
                }
                if (at != null && at.isNegative()) {
                    throw new FieldError("at", "must be zero or positive, got " + Durations.format(at));
                }
                if (min == null && max == null && desired == null) {
                    throw new FieldError("min", "an action sets at least one of min, max, desired");
                }
                if (min != null && min < 0) {
                    throw new FieldError("min", "must be zero or more, got " + min);
                }
                if (max != null && max < 1) {
                    throw new FieldError("max", "must be at least 1, got " + max);
                }
                if (min != null && max != null && min > max) {
                    throw new FieldError("max", "max (" + max + ") is below min (" + min + ")");
                }
                if (desired != null && desired < 0) {
                    throw new FieldError("desired", "must be zero or more, got " + desired);
                }
            }
        }

        public ScalingPolicy newPolicy() {
            return null;
        }
    }

    /**
     * {@code policy: predictive}: forecasts the load from the run's own history with seasonal Holt-Winters
     * ({@link PredictivePolicy}) and provisions ahead by the startup time.
     *
     * @param metric  the load metric (rps: the fleet's total requests per second; cpu/utilisation/queue-length: per-instance values times instances)
     * @param target  what one instance should carry (rps per instance, a cpu or utilisation fraction, a queue length)
     * @param season  the length of one season (default 1 day)
     * @param alpha   level smoothing (default 0.2)
     * @param beta    trend smoothing (default 0.01)
     * @param gamma   seasonal smoothing (default 0.3)
     */
    record Predictive(Metric metric, double target, Duration season, double alpha, double beta, double gamma,
                      MetricCollection collection) implements AutoscalingSpec {

        /** Predictive's collection: one five-minute observation per step, read at once. */
        public static final MetricCollection FIVE_MINUTES = new MetricCollection(300_000_000_000L, 300_000_000_000L, 0L);

        @JsonCreator
        static Predictive bind(@JsonProperty("metric") Metric metric, @JsonProperty("target") Double target,
                               @JsonProperty("season") Duration season, @JsonProperty("alpha") Double alpha,
                               @JsonProperty("beta") Double beta, @JsonProperty("gamma") Double gamma,
                               @JsonProperty("metric-interval") Duration metricInterval,
                               @JsonProperty("metric-window") Duration metricWindow,
                               @JsonProperty("metric-lag") Duration metricLag) {
            Metric m = metric == null ? Metric.RPS : metric;
            if (m == Metric.LATENCY_P95 || m == Metric.RPS_TOTAL) {
                throw new FieldError("metric", "predictive scaling forecasts a load: rps, cpu, utilisation or queue-length");
            }
            MetricCollection c = MetricCollection.of(metricInterval, metricWindow, metricLag, FIVE_MINUTES);
            Duration s = season == null ? Duration.ofDays(1) : FieldError.positive(season, "season");
            if (s.toNanos() % c.intervalNs() != 0 || s.toNanos() / c.intervalNs() < 2) {
                throw new FieldError("season", "must be a whole number (at least 2) of metric-interval ("
                        + Durations.format(Duration.ofNanos(c.intervalNs())) + "), got " + Durations.format(s));
            }
            return new Predictive(m, FieldError.positive(target, "target"), s, fraction(alpha, 0.2, "alpha"),
                    fraction(beta, 0.01, "beta"), fraction(gamma, 0.3, "gamma"), c);
        }

        private static double fraction(Double v, double dflt, String field) {
            if (v == null) {
                return dflt;
            }
            if (!(v >= 0 && v <= 1)) {
                throw new FieldError(field, "must be between 0 and 1, got " + FieldError.number(v));
            }
            return v;
        }

        public ScalingPolicy newPolicy() {
            return new PredictivePolicy(this);
        }
    }

    /** {@code policy: fixed}: no autoscaling; the component keeps its {@code replicas.initial}. */
    record Fixed() implements AutoscalingSpec {
        public ScalingPolicy newPolicy() {
            return null;
        }
    }

    private static Duration nonNegative(Duration d, Duration dflt, String field) {
        if (d == null) {
            return dflt;
        }
        if (d.isNegative()) {
            throw new FieldError(field, "must be zero or positive, got " + Durations.format(d));
        }
        return d;
    }

    private static void checkNotTotal(Metric m, String field) {
        if (m == Metric.RPS_TOTAL) {
            throw new FieldError(field, "policies scale on rps (per instance); rps-total is the fleet's load that predictive forecasts");
        }
    }
}
