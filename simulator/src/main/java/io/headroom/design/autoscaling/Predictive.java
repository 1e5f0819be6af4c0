package io.headroom.design.autoscaling;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.Durations;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;
import java.time.Duration;

/**
 * {@code policy: predictive}: forecasts the load from the run's own history with seasonal Holt-Winters
 * ({@code io.headroom.autoscale.PredictivePolicy}) and provisions ahead by the startup time.
 *
 * @param metric  the load metric (rps: the fleet's total requests per second; cpu/utilisation/queue-length: per-instance values times instances)
 * @param target  what one instance should carry (rps per instance, a cpu or utilisation fraction, a queue length)
 * @param season  the length of one season (default 1 day)
 * @param alpha   level smoothing (default 0.2)
 * @param beta    trend smoothing (default 0.01)
 * @param gamma   seasonal smoothing (default 0.3)
 */
public record Predictive(Metric metric, double target, Duration season, double alpha, double beta, double gamma,
                  MetricCollection collection) implements AutoscalingSpec {

    /** Predictive's collection: one five-minute observation per step, read at once. */
    public static final MetricCollection FIVE_MINUTES = new MetricCollection(300_000_000_000L, 300_000_000_000L, 0L);

    @JsonCreator
    static Predictive bind(@JsonProperty("metric") Metric metric, @JsonProperty("target") @AtMost(value = Limits.METRIC, why = Limits.METRIC_WHY) Fraction target,
                           @JsonProperty("season") Duration season, @JsonProperty("alpha") @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) Double alpha,
                           @JsonProperty("beta") @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) Double beta, @JsonProperty("gamma") @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) Double gamma,
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
        return new Predictive(m, FieldError.positive(SpecChecks.target(m, target, "target"), "target"), s, fraction(alpha, 0.2, "alpha"),
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

    @Override
    public boolean reads(Metric m) {
        return metric == m;
    }
}
