package io.headroom.design;

import io.headroom.yaml.Durations;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service-level objective over a run's results, as written in a design: {@code "p99 < 250ms"},
 * {@code "checkout.p99 < 300ms"}, {@code "errors < 0.1% over 5m"}. Latencies ({@code p50 | p90 |
 * p95 | p99 | p99_9 | mean}) are of successful requests; {@code errors} is the percentage of requests
 * that failed, for any cause; {@code cost_per_hour}, {@code cost_per_month} (the run's average cost per hour ×
 * 730, AWS's month) and {@code cost_per_million} are the run's cost. A prefix names one endpoint ({@code checkout.}); without it the SLO holds for all requests.
 *
 * <p>Without {@code over} the SLO is judged once, on the whole measured period. With {@code over D}
 * every window of length D must hold, sliding by the run's time-series step; a window in which fewer
 * than {@code minRequests} requests ended is not judged (see {@code io.headroom.slo.WindowedSlo}).
 *
 * @param expression  the text as written
 * @param endpoint    the endpoint it is about, or null for all requests
 * @param metric      what is measured
 * @param inclusive   {@code <=} rather than {@code <}
 * @param threshold   the bound, in milliseconds for latencies, percent for errors, USD for costs
 * @param windowNs    the length of the windows every one of which must hold; 0 for the whole run
 * @param minRequests the fewest requests a window needs to be judged
 */
public record Slo(String expression, String endpoint, Metric metric, boolean inclusive, double threshold, long windowNs,
                  int minRequests) {
    /** A window judged with fewer requests than this says more about chance than about the design. */
    public static final int DEFAULT_MIN_REQUESTS = 100;

    private static final Pattern FORM = Pattern.compile(
            "\\s*(?:([^\\s<]+)\\.)?([a-z0-9_]+)\\s*(<=|<)\\s*(\\S+?)(?:\\s+over\\s+(\\S+))?\\s*");

    /** The measurable names. */
    public enum Metric {
        P50("p50"), P90("p90"), P95("p95"), P99("p99"), P99_9("p99_9"), MEAN("mean"), ERRORS("errors"),
        COST_PER_HOUR("cost_per_hour"), COST_PER_MILLION("cost_per_million"), COST_PER_MONTH("cost_per_month");

        private final String key;

        Metric(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** A latency figure (in milliseconds). */
        public boolean latency() {
            return this != ERRORS && !cost();
        }

        /** A cost of the whole run (USD). */
        public boolean cost() {
            return this == COST_PER_HOUR || this == COST_PER_MILLION || this == COST_PER_MONTH;
        }

        /** The percentile a latency metric names (50, 99.9, ...), NaN for the mean and the others. */
        public double percent() {
            return switch (this) {
                case P50 -> 50;
                case P90 -> 90;
                case P95 -> 95;
                case P99 -> 99;
                case P99_9 -> 99.9;
                default -> Double.NaN;
            };
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

    public Slo {
        if (windowNs < 0) {
            throw new IllegalArgumentException("an SLO's window must be positive");
        }
        if (minRequests < 1) {
            throw new IllegalArgumentException("min-requests must be at least 1, got " + minRequests);
        }
    }

    /** Parses an SLO, or throws {@link IllegalArgumentException} with a message fit for the user. */
    public static Slo parse(String text) {
        return parse(text, DEFAULT_MIN_REQUESTS);
    }

    /** Parses an SLO whose windows need {@code minRequests} requests to be judged. */
    public static Slo parse(String text, int minRequests) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an SLO: write [ENDPOINT.]METRIC < VALUE [over WINDOW], e.g."
                    + " \"p99 < 250ms\", \"checkout.p99 < 300ms\" or \"errors < 0.1% over 5m\"");
        }
        String endpoint = m.group(1);
        String name = m.group(2);
        Metric metric = Metric.of(name);
        if (metric == null) {
            throw new IllegalArgumentException("unknown SLO metric '" + name + "' (known: p50, p90, p95, p99, p99_9, mean, errors,"
                    + " cost_per_hour, cost_per_month, cost_per_million)");
        }
        boolean cost = metric.cost();
        String value = m.group(4);
        double threshold;
        if (cost) {
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
            if (threshold > 100) {
                throw new IllegalArgumentException("'" + value + "': an error rate is 0 to 100 %, so this SLO could never be missed");
            }
        } else {
            threshold = Durations.parse(value).toNanos() / 1e6;
        }
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("'" + value + "' is not a bound an SLO can hold to");
        }
        long windowNs = 0;
        if (m.group(5) != null) {
            if (cost) {
                throw new IllegalArgumentException("a cost SLO holds over the whole run: drop 'over " + m.group(5) + "'");
            }
            windowNs = Durations.parse(m.group(5)).toNanos();
            if (windowNs <= 0) {
                throw new IllegalArgumentException("an SLO's window must be positive, got '" + m.group(5) + "'");
            }
        }
        if (cost && endpoint != null) {
            throw new IllegalArgumentException("a cost SLO is about the whole design: drop '" + endpoint + ".'");
        }
        return new Slo(text.trim(), endpoint, metric, m.group(3).equals("<="), threshold, windowNs, minRequests);
    }

    /** Judged on every window of {@link #windowNs} rather than once on the whole run. */
    public boolean windowed() {
        return windowNs > 0;
    }

    /** Whether a value meets the objective (no value never does). */
    public boolean met(double value) {
        return !Double.isNaN(value) && (inclusive ? value <= threshold : value < threshold);
    }

    /** The unit its values are written in, for people: {@code " ms"}, {@code " %"}. */
    public String unit() {
        return metric == Metric.ERRORS ? " %" : metric == Metric.COST_PER_HOUR ? " USD/h"
                : metric == Metric.COST_PER_MONTH ? " USD/month"
                : metric == Metric.COST_PER_MILLION ? " USD per million requests" : " ms";
    }

    /** One line for people: {@code p99 < 250ms: 212.4 ms, met}. */
    public String describe(double value) {
        return String.format(Locale.ROOT, "%s: %s, %s", expression, Double.isNaN(value) ? "no value" : String.format(Locale.ROOT,
                "%.3f%s", value, unit()), met(value) ? "met" : "MISSED");
    }
}
