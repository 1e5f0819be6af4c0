package io.headroom.openmetrics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of OpenMetrics 1.0 text, written from the specification's ABNF for the test: it fails on
 * anything the writer must not produce (a family's metadata after its samples or twice, families interleaved,
 * a series split or out of time order, an escape other than {@code \\ \" \n}, a unit its name does not end
 * with, text after {@code # EOF}) and returns the samples with their labels unescaped.
 */
final class OpenMetricsGrammar {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern DESCRIPTOR = Pattern.compile("# (TYPE|UNIT|HELP) (" + NAME.pattern() + ") (.*)");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?Inf|NaN");

    private OpenMetricsGrammar() {
    }

    /** One sample: its family, labels (in order, unescaped), value and timestamp as written. */
    record Sample(String name, Map<String, String> labels, String value, String timestamp) {
        double number() {
            return Double.parseDouble(value.replace("Inf", "Infinity"));
        }

        long millis() {
            return new BigDecimal(timestamp).movePointRight(3).longValueExact();
        }
    }

    /** The samples of {@code text}, or an AssertionError naming the line that breaks the grammar. */
    static List<Sample> parse(String text) {
        if (!text.endsWith("# EOF\n")) {
            throw new AssertionError("the text must end with \"# EOF\\n\"");
        }
        String[] lines = text.substring(0, text.length() - "# EOF\n".length()).split("\n", -1);
        List<Sample> samples = new ArrayList<>();
        Set<String> finished = new HashSet<>();
        String family = null;
        Map<String, String> type = new HashMap<>();
        Set<String> descriptors = new HashSet<>();
        boolean sampled = false;
        Map<String, Long> lastTime = new HashMap<>();
        String lastSeries = null;
        Set<String> closedSeries = new HashSet<>();
        for (int i = 0; i < lines.length - 1; i++) { // the last piece is the empty text after the final line feed
            String l = lines[i];
            String where = "line " + (i + 1) + ": " + l;
            if (l.startsWith("#")) {
                Matcher m = DESCRIPTOR.matcher(l);
                if (!m.matches()) {
                    throw new AssertionError(where + ": a comment line must be TYPE, UNIT or HELP (or the final EOF)");
                }
                String name = m.group(2);
                if (!name.equals(family)) {
                    if (finished.contains(name)) {
                        throw new AssertionError(where + ": family " + name + " appears twice");
                    }
                    if (family != null) {
                        finished.add(family);
                    }
                    family = name;
                    descriptors.clear();
                    sampled = false;
                }
                if (sampled) {
                    throw new AssertionError(where + ": metadata after the family's samples");
                }
                if (!descriptors.add(m.group(1))) {
                    throw new AssertionError(where + ": " + m.group(1) + " given twice");
                }
                switch (m.group(1)) {
                    case "TYPE" -> {
                        if (!Set.of("gauge", "counter", "unknown", "info", "stateset", "histogram", "gaugehistogram", "summary")
                                .contains(m.group(3))) {
                            throw new AssertionError(where + ": unknown type");
                        }
                        type.put(name, m.group(3));
                    }
                    case "UNIT" -> {
                        if (!m.group(3).matches("[a-zA-Z0-9_]+") || !name.endsWith("_" + m.group(3))) {
                            throw new AssertionError(where + ": the name must end with _unit");
                        }
                    }
                    default -> unescape(m.group(3), false, where);
                }
                continue;
            }
            // a sample: name [{labels}] value [timestamp]
            Matcher n = NAME.matcher(l);
            if (!n.lookingAt()) {
                throw new AssertionError(where + ": no metric name");
            }
            String name = n.group();
            if (!name.equals(family) || !"gauge".equals(type.get(name))) {
                throw new AssertionError(where + ": a sample outside its gauge family (" + family + ")");
            }
            sampled = true;
            int p = n.end();
            Map<String, String> labels = new LinkedHashMap<>();
            if (p < l.length() && l.charAt(p) == '{') {
                p++;
                while (l.charAt(p) != '}') {
                    Matcher ln = LABEL.matcher(l).region(p, l.length());
                    if (!ln.lookingAt() || l.charAt(ln.end()) != '=' || l.charAt(ln.end() + 1) != '"') {
                        throw new AssertionError(where + ": bad label at " + p);
                    }
                    int q = ln.end() + 2;
                    StringBuilder raw = new StringBuilder();
                    while (l.charAt(q) != '"') {
                        if (l.charAt(q) == '\\') {
                            raw.append(l.charAt(q++));
                        }
                        raw.append(l.charAt(q++));
                    }
                    if (labels.put(ln.group(), unescape(raw.toString(), true, where)) != null) {
                        throw new AssertionError(where + ": label " + ln.group() + " twice");
                    }
                    p = q + 1;
                    if (l.charAt(p) == ',') {
                        p++;
                        if (l.charAt(p) == '}') {
                            throw new AssertionError(where + ": a comma before }");
                        }
                    } else if (l.charAt(p) != '}') {
                        throw new AssertionError(where + ": expected , or }");
                    }
                }
                p++;
            }
            String[] rest = l.substring(p).split(" ", -1);
            if (rest.length != 3 || !rest[0].isEmpty() || !NUMBER.matcher(rest[1]).matches() || !NUMBER.matcher(rest[2]).matches()
                    || rest[2].contains("Inf") || rest[2].contains("NaN")) {
                throw new AssertionError(where + ": expected \" value timestamp\" after the labels");
            }
            Sample s = new Sample(name, labels, rest[1], rest[2]);
            String series = name + labels;
            if (!series.equals(lastSeries)) {
                if (!closedSeries.add(series)) {
                    throw new AssertionError(where + ": the series' samples are not together");
                }
                lastSeries = series;
            }
            Long before = lastTime.put(series, s.millis());
            if (before != null && before >= s.millis()) {
                throw new AssertionError(where + ": timestamps of a series must increase");
            }
            samples.add(s);
        }
        return samples;
    }

    /** A label value or HELP text with its escapes undone; any escape but {@code \\ \" \n} fails. */
    static String unescape(String s, boolean label, String where) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || (label && c == '"')) {
                throw new AssertionError(where + ": unescaped " + (c == '"' ? "quote" : "line feed"));
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i == s.length()) {
                throw new AssertionError(where + ": a lone backslash at the end");
            }
            switch (s.charAt(i)) {
                case '\\' -> b.append('\\');
                case '"' -> b.append('"');
                case 'n' -> b.append('\n');
                default -> throw new AssertionError(where + ": unknown escape \\" + s.charAt(i));
            }
        }
        return b.toString();
    }
}
