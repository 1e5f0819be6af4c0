package io.headroom.design.autoscaling;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a scaling policy watches. Per-instance metrics are averaged over the instances that report
 * them: {@code cpu} is busy cores / cpu-request (a fraction; Kubernetes' averageUtilization 60 is
 * 0.6), {@code utilisation} busy workers / workers, {@code queue-length} requests waiting per
 * instance, {@code rps} requests per second per instance. {@code latency-p95} is the component's
 * 95th percentile in milliseconds. {@code rps-total} (the whole fleet's requests per second) is what
 * predictive scaling forecasts; policies scale on {@code rps}.
 */
public enum Metric {
    CPU("cpu"),
    UTILISATION("utilisation"),
    QUEUE_LENGTH("queue-length"),
    RPS("rps"),
    LATENCY_P95("latency-p95"),
    RPS_TOTAL("rps-total");

    private final String yamlName;

    Metric(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name as YAML spells it (and results write it). */
    @JsonValue
    public String yamlName() {
        return yamlName;
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
