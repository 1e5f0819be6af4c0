package io.headroom.yaml;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them: a number and a unit, {@code 250ms}, {@code 2s}, {@code 1.5m},
 * {@code 1h}; also {@code us} and {@code ns}. A bare number is refused, because "timeout: 5" is
 * ambiguous between seconds and milliseconds and a wrong guess costs a factor of 1000.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)\\s*(ns|us|µs|ms|s|m|min|h|d)\\s*");

    /** The longest duration accepted anywhere ({@link Limits#DURATION}). */
    public static final Duration MAX = Duration.ofDays(Long.parseLong(Limits.DURATION.replace("d", "")));

    private Durations() {
    }

    /** Parses a duration, or throws {@link IllegalArgumentException} with a message fit for the user. */
    public static Duration parse(String text) {
        String t = text.trim();
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("a duration cannot be negative: '" + text + "'");
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write a number and a unit,"
                    + " e.g. 250ms, 2s, 5m, 1h (units: ns, us, ms, s, m, h, d)");
        }
        BigDecimal amount = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
        long nanosPerUnit = switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> throw new IllegalStateException(m.group(2));
        };
        BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
            throw new IllegalArgumentException("duration '" + text + "' is too long: at most " + Limits.DURATION + ": "
                    + Limits.DURATION_WHY);
        }
        return Duration.ofNanos(nanos.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    /** Seconds as a double, the unit of rates and of the commons-math distributions here. */
    public static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    /** A short human form: 250ms, 2s, 1.5s, 10m. */
    public static String format(Duration d) {
        long ns = d.toNanos();
        if (ns % 3_600_000_000_000L == 0 && ns != 0) {
            return ns / 3_600_000_000_000L + "h";
        }
        if (ns % 60_000_000_000L == 0 && ns != 0) {
            return ns / 60_000_000_000L + "m";
        }
        if (ns % 1_000_000_000L == 0) {
            return ns / 1_000_000_000L + "s";
        }
        if (ns % 1_000_000L == 0) {
            return ns / 1_000_000L + "ms";
        }
        if (ns >= 1_000_000_000L) {
            return BigDecimal.valueOf(ns, 9).stripTrailingZeros().toPlainString() + "s";
        }
        if (ns >= 1_000_000L) {
            return BigDecimal.valueOf(ns, 6).stripTrailingZeros().toPlainString() + "ms";
        }
        return ns % 1000 == 0 ? ns / 1000 + "us" : ns + "ns";
    }
}
