package io.headroom.design;

import io.headroom.yaml.Durations;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service-level objective over a run's results, as written in a design: {@code "p99 < 250ms"},
 * {@code "mean <= 40ms"}, {@code "errors < 0.1%"}. Latencies ({@code p50 | p90 | p95 | p99 | p99_9 |
 * mean}) are of successful requests over the measured period; {@code errors} is the percentage of
 * requests that failed, for any cause. ({@code cost_per_hour} and {@code cost_per_million} come
 * with prices.)
 *
 * @param expression the text as written
 * @param metric     what is measured
 * @param inclusive  {@code <=} rather than {@code <}
 * @param threshold  the bound, in milliseconds for latencies and percent for errors
 */
public record Slo(String expression, Metric metric, boolean inclusive, double threshold) {
    private static final Pattern FORM = Pattern.compile("\\s*([a-z0-9_]+)\\s*(<=|<)\\s*(\\S+)\\s*");

    /** The measurable names. */
    public enum Metric {
        P50("p50"), P90("p90"), P95("p95"), P99("p99"), P99_9("p99_9"), MEAN("mean"), ERRORS("errors"),
        COST_PER_HOUR("cost_per_hour"), COST_PER_MILLION("cost_per_million");

        private final String key;

        Metric(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        static Metric of(String key) {
            for (Metric m : values()) {
                if (m.key.equals(key)) {
                    return m;
                }
            }
            return null;
        }
    }

    /** Parses an SLO, or throws {@link IllegalArgumentException} with a message fit for the user. */
    public static Slo parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an SLO: write METRIC < VALUE, e.g. \"p99 < 250ms\" or"
                    + " \"errors < 0.1%\"");
        }
        String name = m.group(1);
        Metric metric = Metric.of(name);
        if (metric == null) {
            throw new IllegalArgumentException("unknown SLO metric '" + name + "' (known: p50, p90, p95, p99, p99_9, mean, errors,"
                    + " cost_per_hour, cost_per_million)");
        }
        String value = m.group(3);
        double threshold;
        if (metric == Metric.COST_PER_HOUR || metric == Metric.COST_PER_MILLION) {
            String usd = value.startsWith("$") ? value.substring(1) : value;
            try {
                threshold = Double.parseDouble(usd);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + value + "' is not an amount in USD: write e.g. \"" + name + " < $2.50\"");
            }
        } else if (metric == Metric.ERRORS) {
            if (!value.endsWith("%")) {
                throw new IllegalArgumentException("errors are a percentage: write e.g. \"errors < 0.1%\"");
            }
            try {
                threshold = Double.parseDouble(value.substring(0, value.length() - 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + value + "' is not a percentage");
            }
        } else {
            threshold = Durations.parse(value).toNanos() / 1e6;
        }
        return new Slo(text.trim(), metric, m.group(2).equals("<="), threshold);
    }

    /** Whether a value meets the objective (no value never does). */
    public boolean met(double value) {
        return !Double.isNaN(value) && (inclusive ? value <= threshold : value < threshold);
    }

    /** One line for people: {@code p99 < 250ms: 212.4 ms, met}. */
    public String describe(double value) {
        String unit = metric == Metric.ERRORS ? " %" : metric == Metric.COST_PER_HOUR ? " USD/h"
                : metric == Metric.COST_PER_MILLION ? " USD per million requests" : " ms";
        return String.format(Locale.ROOT, "%s: %s, %s", expression, Double.isNaN(value) ? "no value" : String.format(Locale.ROOT,
                "%.3f%s", value, unit), met(value) ? "met" : "MISSED");
    }
}
