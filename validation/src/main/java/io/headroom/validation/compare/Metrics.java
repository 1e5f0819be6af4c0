package io.headroom.validation.compare;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures a validation compares: latency percentiles of successful requests (milliseconds), throughput
 * (successful completions per second) and error rate (errors over requests, a fraction).
 */
public record Metrics(double p50, double p90, double p95, double p99, double throughput, double errorRate) {

    /** The names used in validation.json, in report order. */
    public static final String[] NAMES = {"p50_ms", "p90_ms", "p95_ms", "p99_ms", "throughput_per_s", "error_rate"};

    public double get(int i) {
        return switch (i) {
            case 0 -> p50;
            case 1 -> p90;
            case 2 -> p95;
            case 3 -> p99;
            case 4 -> throughput;
            case 5 -> errorRate;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    public static Metrics of(double[] v) {
        return new Metrics(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    public double[] toArray() {
        return new double[] {p50, p90, p95, p99, throughput, errorRate};
    }

    /** The latencies shifted by a constant (the client-side overhead the simulator does not model). */
    public Metrics plusLatency(double ms) {
        return new Metrics(p50 + ms, p90 + ms, p95 + ms, p99 + ms, throughput, errorRate);
    }

    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            m.put(NAMES[i], get(i));
        }
        return m;
    }
}
