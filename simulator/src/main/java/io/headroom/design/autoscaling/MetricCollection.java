package io.headroom.design.autoscaling;

import io.headroom.yaml.Durations;
import io.headroom.yaml.FieldError;
import java.time.Duration;

/**
 * How a policy's metric reaches it: sampled every {@code interval}, averaged over {@code window},
 * and seen {@code lag} late (a value at decision time t covers [t-lag-window, t-lag]). Written as a
 * policy's {@code metric-interval}, {@code metric-window} and {@code metric-lag}.
 *
 * <p>Defaults: Kubernetes' metrics-server scrapes every 15 s and reports the CPU rate over that
 * resolution, and the value the HPA reads is up to one resolution old: 15 s / 15 s / 15 s. AWS
 * CloudWatch alarms on one-minute datapoints (EC2 detailed monitoring), published about a minute
 * late: 60 s / 60 s / 60 s.
 */
public record MetricCollection(long intervalNs, long windowNs, long lagNs) {
    public static final MetricCollection KUBERNETES = new MetricCollection(15_000_000_000L, 15_000_000_000L, 15_000_000_000L);
    public static final MetricCollection CLOUDWATCH = new MetricCollection(60_000_000_000L, 60_000_000_000L, 60_000_000_000L);

    /** The collection a policy spec asks for, each key defaulting to {@code defaults}. */
    public static MetricCollection of(Duration interval, Duration window, Duration lag, MetricCollection defaults) {
        long i = interval == null ? defaults.intervalNs : FieldError.positive(interval, "metric-interval").toNanos();
        long w = window == null ? (interval == null ? defaults.windowNs : i) : FieldError.positive(window, "metric-window").toNanos();
        long l = defaults.lagNs;
        if (lag != null) {
            if (lag.isNegative()) {
                throw new FieldError("metric-lag", "must be zero or positive, got " + Durations.format(lag));
            }
            l = lag.toNanos();
        }
        return new MetricCollection(i, w, l);
    }

    /** How far back (from a decision) the samples of the last {@code datapoints} datapoints reach. */
    public long historyNs(int datapoints) {
        return lagNs + windowNs + (datapoints - 1L) * intervalNs;
    }
}
