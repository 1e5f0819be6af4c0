package io.headroom.design.autoscaling;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a scaling policy watches. Per-instance metrics are averaged over the instances that report
 * them: {@code cpu} is busy cores / cpu-request (a fraction; Kubernetes' averageUtilization 60 is
 * 0.6), {@code utilisation} busy workers / workers, {@code queue-length} requests waiting per
 * instance, {@code rps} requests per second per instance. {@code latency-p95} is the component's
 * 95th percentile in milliseconds. {@code rps-total} (the whole fleet's requests per second) is what
 * predictive scaling forecasts; policies scale on {@code rps}.
 */
public enum Metric {
    @JsonProperty("cpu") CPU,
    @JsonProperty("utilisation") UTILISATION,
    @JsonProperty("queue-length") QUEUE_LENGTH,
    @JsonProperty("rps") RPS,
    @JsonProperty("latency-p95") LATENCY_P95,
    @JsonProperty("rps-total") RPS_TOTAL;

    /** Each constant's {@link JsonProperty}: the one place its YAML name is written. */
    private static final String[] YAML_NAMES = new String[values().length];

    static {
        for (Metric m : values()) {
            try {
                YAML_NAMES[m.ordinal()] = Metric.class.getField(m.name()).getAnnotation(JsonProperty.class).value();
            } catch (NoSuchFieldException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The name as YAML spells it. */
    public String yamlName() {
        return YAML_NAMES[ordinal()];
    }

    /** True for a value each instance has (averaged over instances); false for fleet-wide values. */
    public boolean perInstance() {
        return this != LATENCY_P95 && this != RPS_TOTAL;
    }

    /** The metric named {@code name} in YAML, or null. */
    public static Metric byName(String name) {
        for (Metric m : values()) {
            if (m.yamlName().equals(name)) {
                return m;
            }
        }
        return null;
    }
}
