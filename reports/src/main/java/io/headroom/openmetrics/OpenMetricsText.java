package io.headroom.openmetrics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An OpenMetrics 1.0 text exposition under construction: metric families, each with its {@code # TYPE},
 * optional {@code # UNIT} and {@code # HELP}, then its samples, every series' samples together and in
 * increasing timestamp order, and {@code # EOF} at the end. Samples may be added in any order of
 * families and series; {@link #render} groups them, as the format requires each family to appear once.
 *
 * <p>Only gauges are written. The whole-run figures are values over the measured period and the time
 * series' counts are per window, not running totals; and a gauge reads the same in OpenMetrics and in
 * the classic text format that {@code promtool check metrics} lints (an OpenMetrics counter's family is
 * named without the {@code _total} its samples carry, which the classic parser reads as two metrics).
 *
 * <p>Timestamps are seconds since the Unix epoch, kept to the millisecond (Prometheus' resolution) and
 * written without a fraction when whole, which the classic parser also accepts.
 */
public final class OpenMetricsText {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern UNIT = Pattern.compile("[a-zA-Z0-9_]+");

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** A metric family: gauges named {@code name}, which ends in {@code _unit} when there is a unit. */
    private record Family(String name, String unit, String help, Map<String, Series> series) {
    }

    /** One series: its labels as written between the braces, and its samples. */
    private static final class Series {
        final StringBuilder lines = new StringBuilder();
        long lastMillis = Long.MIN_VALUE;
    }

    /** A label: its name and its value (any text; escaped when written). */
    public record Label(String name, String value) {
        public Label {
            if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                throw new IllegalArgumentException("not a label name: " + name);
            }
            if (value == null) {
                throw new IllegalArgumentException("label " + name + " has no value");
            }
        }
    }

    /**
     * Declares a gauge family. {@code unit} (null for none) must be the name's last part ({@code _seconds});
     * {@code help} is one line of text. Declaring a family again with the same metadata is allowed.
     */
    public void gauge(String name, String unit, String help) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        if (unit != null && (!UNIT.matcher(unit).matches() || !name.endsWith("_" + unit))) {
            throw new IllegalArgumentException("metric " + name + " must end with its unit _" + unit);
        }
        for (String reserved : new String[] {"_total", "_created", "_count", "_sum", "_bucket", "_gcount", "_gsum", "_info"}) {
            if (name.endsWith(reserved)) {
                throw new IllegalArgumentException("a gauge's name must not end in " + reserved + ": " + name);
            }
        }
        escapeHelp(help); // refuses what the classic format could not read
        Family f = families.get(name);
        if (f == null) {
            families.put(name, new Family(name, unit, help, new LinkedHashMap<>()));
        } else if (!java.util.Objects.equals(f.unit(), unit) || !f.help().equals(help)) {
            throw new IllegalArgumentException("metric " + name + " declared twice with different unit or help");
        }
    }

    /**
     * Adds a sample to a declared family. {@code value} is a number as text ({@code 12}, {@code 0.5},
     * {@code 1.41E-4}, {@code NaN}, {@code +Inf}); {@code millis} its time since the epoch. A series'
     * samples must come in increasing time order.
     */
    public void sample(String name, List<Label> labels, String value, long millis) {
        Family f = families.get(name);
        if (f == null) {
            throw new IllegalArgumentException("metric " + name + " not declared");
        }
        String key = labelText(labels);
        String number = checkedValue(value);
        Series s = f.series().computeIfAbsent(key, k -> new Series());
        if (millis <= s.lastMillis) {
            throw new IllegalArgumentException("metric " + name + key + ": timestamp " + timestamp(millis)
                    + " is not after the series' previous " + timestamp(s.lastMillis));
        }
        s.lastMillis = millis;
        s.lines.append(name).append(key).append(' ').append(number).append(' ').append(timestamp(millis)).append('\n');
    }

    /** As {@link #sample(String, List, String, long)} with a double, written as Java's shortest decimal that reads back to it. */
    public void sample(String name, List<Label> labels, double value, long millis) {
        sample(name, labels, number(value), millis);
    }

    /** {@code v} as an OpenMetrics number: the shortest decimal that reads back to it; {@code NaN}, {@code +Inf}, {@code -Inf}. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** The whole text, families in the order first declared, ending in {@code # EOF}. */
    public String render() {
        StringBuilder b = new StringBuilder();
        for (Family f : families.values()) {
            if (f.series().isEmpty()) {
                continue; // a family without samples says nothing
            }
            b.append("# TYPE ").append(f.name()).append(" gauge\n");
            if (f.unit() != null) {
                b.append("# UNIT ").append(f.name()).append(' ').append(f.unit()).append('\n');
            }
            b.append("# HELP ").append(f.name()).append(' ').append(escapeHelp(f.help())).append('\n');
            for (Series s : f.series().values()) {
                b.append(s.lines);
            }
        }
        return b.append("# EOF\n").toString();
    }

    /** Labels as written after the metric name: {@code {a="x",b="y"}}, or nothing without labels. */
    static String labelText(List<Label> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("{");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Label l : labels) {
            if (!seen.add(l.name())) {
                throw new IllegalArgumentException("label " + l.name() + " given twice");
            }
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(l.name()).append("=\"").append(escapeLabelValue(l.value())).append('"');
        }
        return b.append('}').toString();
    }

    /** A label value as OpenMetrics writes it: backslash, double quote and line feed escaped ({@code \\ \" \n}). */
    static String escapeLabelValue(String v) {
        StringBuilder b = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * HELP text: backslash and line feed escaped. A double quote is refused: OpenMetrics escapes it in HELP
     * but the classic text format has no such escape, and the help texts here are the program's own.
     */
    static String escapeHelp(String v) {
        if (v.indexOf('"') >= 0) {
            throw new IllegalArgumentException("help text with a double quote: " + v);
        }
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Seconds since the epoch from milliseconds: whole when whole, else with three decimals. */
    static String timestamp(long millis) {
        if (millis % 1000 == 0) {
            return Long.toString(millis / 1000);
        }
        return BigDecimal.valueOf(millis, 3).toPlainString();
    }

    private static String checkedValue(String v) {
        if (v.equals("NaN") || v.equals("+Inf") || v.equals("-Inf")) {
            return v;
        }
        try {
            new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + v);
        }
        return v;
    }

    /** How many samples have been added (over every family). */
    public int samples() {
        int n = 0;
        for (Family f : families.values()) {
            for (Series s : f.series().values()) {
                n += (int) s.lines.chars().filter(c -> c == '\n').count();
            }
        }
        return n;
    }

    /** The declared families' names, in order. */
    public List<String> names() {
        return new ArrayList<>(families.keySet());
    }
}
