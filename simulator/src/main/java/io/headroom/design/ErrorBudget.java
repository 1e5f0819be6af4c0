package io.headroom.design;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.headroom.yaml.Durations;

/**
 * A request-based SLO with an error budget, as the Google SRE workbook defines one: of the events
 * (requests that ended), the fraction that is good must reach {@code target} over {@code period}.
 * A good event is a request that succeeded, within a latency bound when one is given
 * ({@code "checkout.latency < 300ms"}); a failed request is always bad. The error budget is the
 * {@code 1 − target} share of events that may be bad; the burn rate is how many times faster than
 * that the budget is being spent.
 *
 * @param name        what reviewers call it ({@code fast-checkout})
 * @param good        the good-event expression as written
 * @param endpoint    the endpoint it counts, or null for all requests
 * @param latencyNs   the latency bound of a good event in nanoseconds, or -1 when success alone is good
 * @param inclusive   {@code <=} rather than {@code <}
 * @param target      the fraction of good events promised, in (0, 1)
 * @param period      the budget's period; the burn-rate alerts scale to it
 */
public record ErrorBudget(String name, String good, String endpoint, long latencyNs, boolean inclusive, double target,
                          Duration period) {
    private static final Pattern LATENCY = Pattern.compile("\\s*(?:([^\\s<]+)\\.)?latency\\s*(<=|<)\\s*(\\S+)\\s*");
    private static final Pattern AVAILABLE = Pattern.compile("\\s*(?:([^\\s<]+)\\.)?available\\s*");

    /** The period the workbook's burn rates (14.4, 6, 1) are given for. */
    public static final Duration WORKBOOK_PERIOD = Duration.ofDays(30);

    /**
     * Reads the good-event expression: {@code [ENDPOINT.]latency < DURATION} or {@code [ENDPOINT.]available}.
     *
     * @throws IllegalArgumentException with a message fit for the user
     */
    public static ErrorBudget of(String name, String good, double target, Duration period) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an error-budget SLO needs a name");
        }
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("target must be a fraction between 0 and 1 (write 99.9% or 0.999), got "
                    + String.format(Locale.ROOT, "%s", target));
        }
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be a positive duration, e.g. 30d");
        }
        Matcher m = LATENCY.matcher(good == null ? "" : good);
        if (m.matches()) {
            long ns = Durations.parse(m.group(3)).toNanos();
            return new ErrorBudget(name, good.trim(), m.group(1), ns, m.group(2).equals("<="), target, period);
        }
        Matcher a = AVAILABLE.matcher(good == null ? "" : good);
        if (a.matches()) {
            return new ErrorBudget(name, good.trim(), a.group(1), -1, false, target, period);
        }
        throw new IllegalArgumentException("'" + good + "' is not a good-event expression: write [ENDPOINT.]latency < DURATION"
                + " (e.g. \"checkout.latency < 300ms\") or [ENDPOINT.]available (every successful request is good)");
    }

    /** Whether a successful request of this latency is a good event. */
    public boolean good(long latency) {
        return latencyNs < 0 || (inclusive ? latency <= latencyNs : latency < latencyNs);
    }

    /** The share of events that may be bad. */
    public double budget() {
        return 1 - target;
    }

    /** How the workbook's burn rates scale to this period: {@code period / 30 d}. */
    public double periodScale() {
        return (double) period.toNanos() / WORKBOOK_PERIOD.toNanos();
    }
}
