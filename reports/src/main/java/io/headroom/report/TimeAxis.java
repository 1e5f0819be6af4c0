package io.headroom.report;

/** A time unit that suits a span, for chart axes and labels: seconds, minutes, hours or days. */
public record TimeAxis(String unit, double seconds) {

    public static TimeAxis forSpan(double spanS) {
        if (spanS <= 180) {
            return new TimeAxis("seconds", 1);
        }
        if (spanS <= 3 * 3600) {
            return new TimeAxis("minutes", 60);
        }
        if (spanS <= 3 * 86400) {
            return new TimeAxis("hours", 3600);
        }
        return new TimeAxis("days", 86400);
    }

    public double of(double s) {
        return s / seconds;
    }

    /** A time or a length, exactly and compactly: 0s, 2.5s, 45s, 8m 20s, 15m, 2h 5m, 7d 5h 36m 40s. */
    static String clock(double s) {
        long ms = Math.round(s * 1000);
        if (ms == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L};
        String[] names = {"d", "h", "m"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms >= sizes[i]) {
                b.append(b.length() > 0 ? " " : "").append(ms / sizes[i]).append(names[i]);
                ms %= sizes[i];
            }
        }
        if (ms > 0) {
            b.append(b.length() > 0 ? " " : "");
            b.append(ms % 1000 == 0 ? Long.toString(ms / 1000)
                    : java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString()).append('s');
        }
        return b.toString();
    }

    /** As {@link #clock(double)}, rounded to its two largest units (7d 6h, 3h 20m, 8m 20s): for axis labels. */
    static String roughly(double s) {
        long ms = Math.round(s * 1000);
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        for (int i = 0; i < sizes.length - 1; i++) {
            if (ms >= sizes[i]) {
                long unit = sizes[i + 1];
                return clock(Math.round((double) ms / unit) * unit / 1000.0);
            }
        }
        return clock(s);
    }

    static String clock(java.time.Duration d) {
        return clock(d.toNanos() / 1e9);
    }
}
