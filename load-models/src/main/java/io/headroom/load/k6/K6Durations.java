package io.headroom.load.k6;

import io.headroom.yaml.Durations;
import io.headroom.yaml.FieldError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * k6's durations: Go's {@code time.ParseDuration} strings ({@code 30s}, {@code 1m30s}, {@code 1.5h}, {@code 300ms},
 * units {@code ns us µs ms s m h}) with k6's extension of a leading days part ({@code 1d12h},
 * {@code types.ParseExtendedDuration}); a bare number is milliseconds, as k6 reads a JSON number
 * ({@code types.NullDuration.UnmarshalJSON}). Fractions are truncated to the nanosecond, as Go does.
 */
public final class K6Durations {
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h|d)");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(?:\\.[0-9]*)?");

    private K6Durations() {
    }

    /** The duration in nanoseconds, or a {@link FieldError} on {@code field}. */
    public static long parse(String text, String field) {
        String t = text.trim();
        if (t.startsWith("-")) {
            throw new FieldError(field, "a duration cannot be negative: '" + text + "'");
        }
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        BigDecimal ns;
        if (t.equals("0")) {
            ns = BigDecimal.ZERO;
        } else if (NUMBER.matcher(t).matches()) {
            ns = new BigDecimal(t).multiply(BigDecimal.valueOf(1_000_000L)); // k6 reads a bare number as milliseconds
        } else {
            Matcher m = PART.matcher(t);
            int at = 0;
            ns = BigDecimal.ZERO;
            boolean days = false;
            while (at < t.length() && m.find(at) && m.start() == at) {
                if (m.group(2).equals("d") && (at != 0 || days)) {
                    throw new FieldError(field, "'" + text + "': k6 allows days only first, e.g. 1d12h");
                }
                days |= m.group(2).equals("d");
                BigDecimal amount = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
                ns = ns.add(amount.multiply(BigDecimal.valueOf(unit(m.group(2)))));
                at = m.end();
            }
            if (at == 0 || at != t.length()) {
                throw new FieldError(field, "'" + text + "' is not a k6 duration: write e.g. 30s, 1m30s, 500ms or 2h");
            }
        }
        if (ns.compareTo(BigDecimal.valueOf(Durations.MAX.toNanos())) > 0) {
            throw new FieldError(field, "duration '" + text + "' is too long: at most 3650d");
        }
        return ns.setScale(0, RoundingMode.DOWN).longValueExact();
    }

    /** A duration that may be absent: {@code fallback} nanoseconds then. */
    public static long parse(String text, String field, long fallback) {
        return text == null ? fallback : parse(text, field);
    }

    private static long unit(String u) {
        return switch (u) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> throw new IllegalStateException(u);
        };
    }
}
