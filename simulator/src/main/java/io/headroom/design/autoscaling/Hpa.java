package io.headroom.design.autoscaling;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code policy: hpa}: the Kubernetes HorizontalPodAutoscaler controller ({@code io.headroom.autoscale.HpaController}). Inline
 * ({@code metric} + {@code target}, or {@code metrics: [{metric, target}, ...]}) or from a manifest
 * ({@code manifest: path/to/hpa.yaml}, relative to the design). {@code minReplicas}/{@code maxReplicas}
 * are set only by a manifest (null: the component's {@code replicas.min}/{@code max}).
 *
 * <p>A manifest file is read by the design reader ({@code io.headroom.design.DesignReader}, through
 * {@link PolicyFiles}), not while binding: bound, an HPA with a {@code manifest} has no targets yet
 * ({@link #manifestUnread()}); {@link #withManifest} gives the HPA it stands for.
 *
 * @param targets                   the metrics and their targets (the largest proposal wins)
 * @param tolerance                 the dead band around ratio 1 (default 0.1, both directions)
 * @param syncPeriod                how often the controller runs (default 15 s)
 * @param cpuInitializationPeriod   default 5 m
 * @param initialReadinessDelay     default 30 s
 * @param manifest                  the manifest file as written (relative to the design), or null
 */
public record Hpa(List<HpaTarget> targets, Integer minReplicas, Integer maxReplicas, Tolerances tolerance, Duration syncPeriod,
                  Duration cpuInitializationPeriod, Duration initialReadinessDelay, HpaBehavior behavior,
                  MetricCollection collection, String manifest) implements AutoscalingSpec {

    public Hpa {
        targets = List.copyOf(targets);
    }

    /** An HPA written inline (no manifest file). */
    public Hpa(List<HpaTarget> targets, Integer minReplicas, Integer maxReplicas, Tolerances tolerance, Duration syncPeriod,
               Duration cpuInitializationPeriod, Duration initialReadinessDelay, HpaBehavior behavior, MetricCollection collection) {
        this(targets, minReplicas, maxReplicas, tolerance, syncPeriod, cpuInitializationPeriod, initialReadinessDelay, behavior,
                collection, null);
    }

    /** A metric and target in an inline {@code metrics:} list. */
    public record MetricTarget(Metric metric, @AtMost(value = Limits.METRIC, why = Limits.METRIC_WHY) Fraction target) {
        public MetricTarget {
            FieldError.require(metric, "metric");
            FieldError.require(target, "target");
            SpecChecks.notTotal(metric, "metric");
        }
    }

    @JsonCreator
    static Hpa bind(@JsonProperty("metric") Metric metric, @JsonProperty("target") @AtMost(value = Limits.METRIC, why = Limits.METRIC_WHY) Fraction target,
                    @JsonProperty("metrics") List<MetricTarget> metrics, @JsonProperty("tolerance") @JsonDeserialize(using = Fraction.Deserializer.class) @AtMost(value = Limits.FACTOR, why = Limits.FACTOR_WHY) Double tolerance,
                    @JsonProperty("sync-period") Duration syncPeriod,
                    @JsonProperty("cpu-initialization-period") Duration cpuInitializationPeriod,
                    @JsonProperty("initial-readiness-delay") Duration initialReadinessDelay,
                    @JsonProperty("behavior") HpaBehavior behavior,
                    @JsonProperty("metric-interval") Duration metricInterval,
                    @JsonProperty("metric-window") Duration metricWindow,
                    @JsonProperty("metric-lag") Duration metricLag,
                    @JsonProperty("manifest") String manifest) {
        MetricCollection collection = MetricCollection.of(metricInterval, metricWindow, metricLag, MetricCollection.KUBERNETES);
        Tolerances tol = Tolerances.DEFAULT;
        if (tolerance != null) {
            if (!(tolerance >= 0 && tolerance < 1)) {
                throw new FieldError("tolerance", "must be at least 0 and below 1, got " + FieldError.number(tolerance));
            }
            tol = new Tolerances(tolerance, tolerance);
        }
        Duration sync = syncPeriod == null ? Duration.ofSeconds(15) : FieldError.positive(syncPeriod, "sync-period");
        Duration cpuInit = SpecChecks.nonNegative(cpuInitializationPeriod, Duration.ofMinutes(5), "cpu-initialization-period");
        Duration readiness = SpecChecks.nonNegative(initialReadinessDelay, Duration.ofSeconds(30), "initial-readiness-delay");
        if (manifest != null) {
            for (Object[] given : new Object[][] {{"metric", metric}, {"target", target}, {"metrics", metrics}, {"behavior", behavior}}) {
                if (given[1] != null) {
                    throw new FieldError((String) given[0], "'" + given[0] + "' comes from the manifest; leave it out here");
                }
            }
            return new Hpa(List.of(), null, null, tol, sync, cpuInit, readiness, null, collection, manifest);
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
                String field = "metrics[" + i + "].target";
                targets.add(HpaTarget.inline(mt.metric(), SpecChecks.target(mt.metric(), mt.target(), field), field));
            }
        } else {
            FieldError.require(metric, "metric");
            SpecChecks.notTotal(metric, "metric");
            FieldError.require(target, "target");
            targets.add(HpaTarget.inline(metric, SpecChecks.target(metric, target, "target"), "target"));
        }
        return new Hpa(targets, null, null, tol, sync, cpuInit, readiness, behavior == null ? HpaBehavior.DEFAULT : behavior, collection);
    }

    /** A manifest given inline in place of the block (Kubernetes' defaults for what the block would say). */
    public static Hpa fromManifest(HpaManifest m) {
        return new Hpa(m.spec().targets(), m.spec().minReplicas(), m.spec().maxReplicas(), Tolerances.DEFAULT, Duration.ofSeconds(15),
                Duration.ofMinutes(5), Duration.ofSeconds(30), m.spec().behavior(), MetricCollection.KUBERNETES);
    }

    /** True while the {@code manifest} file this HPA names has not been read. */
    public boolean manifestUnread() {
        return manifest != null && targets.isEmpty();
    }

    /** The HPA the manifest file says, with this block's own settings (sync period, tolerance, metric collection). */
    public Hpa withManifest(HpaManifest m) {
        return new Hpa(m.spec().targets(), m.spec().minReplicas(), m.spec().maxReplicas(), tolerance, syncPeriod,
                cpuInitializationPeriod, initialReadinessDelay, m.spec().behavior(), collection, manifest);
    }

    /** Whether this HPA sets the component's replica bounds (a manifest's minReplicas/maxReplicas). */
    public boolean setsReplicaBounds() {
        return minReplicas != null || manifest != null;
    }

    @Override
    public boolean reads(Metric metric) {
        for (HpaTarget t : targets) {
            if (t.metric() == metric) {
                return true;
            }
        }
        return false;
    }
}
