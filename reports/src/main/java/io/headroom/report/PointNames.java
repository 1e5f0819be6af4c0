package io.headroom.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.result.SweepPoint;
import io.headroom.study.StudyReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How a sweep's points read in its report. A value the study set is written as people write it, not
 * as JSON: a scalar as it is, a mapping as {@code key=value} pairs ({@code type=c6i.large
 * market=spot}), a list in brackets. A point's label is its name with any mapping or list in it
 * written that way ({@code instance.type=c6i.large instance.market=spot}). The table names its points
 * when their names say more than their values: a {@code variants:} study's points are called by
 * their variants' names.
 */
final class PointNames {
    private PointNames() {
    }

    /** A value the study set, for people. */
    static String value(JsonNode v) {
        if (v == null) {
            return "";
        }
        if (v.isObject()) {
            return String.join(" ", pairs("", v));
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(e -> items.add(value(e)));
            return "[" + String.join(", ", items) + "]";
        }
        return v.asText();
    }

    /** {@code prefix.key=value} for each scalar or list in the mapping, nested keys joined by dots. */
    private static List<String> pairs(String prefix, JsonNode object) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject() && e.getValue().size() > 0) {
                out.addAll(pairs(key, e.getValue()));
            } else {
                out.add(key + "=" + value(e.getValue()));
            }
        }
        return out;
    }

    /** The point's name, with each mapping or list set in it as {@code key=value} pairs rather than JSON. */
    static String label(SweepPoint r) {
        String name = r.name();
        for (JsonNode v : r.values().values()) {
            if (v.isValueNode()) {
                continue;
            }
            String json = "=" + StudyReader.text(v);
            int at = name.indexOf(json);
            if (at < 0) {
                continue;
            }
            int start = name.lastIndexOf(' ', at) + 1;
            String key = name.substring(start, at);
            String readable = v.isObject() && v.size() > 0 ? String.join(" ", pairs(key, v)) : key + "=" + value(v);
            name = name.substring(0, start) + readable + name.substring(at + json.length());
        }
        return name;
    }

    /**
     * Whether some point's name says more than the values in its row: a variant's name (then the table
     * shows the names), rather than the {@code path=value} parts of the varied values alone.
     */
    static boolean namesSayMore(List<SweepPoint> rows, List<String> columns) {
        Map<String, String> shortNames = StudyReader.shortNames(columns);
        for (SweepPoint r : rows) {
            List<String> parts = new ArrayList<>();
            for (String c : columns) {
                JsonNode v = r.values().get(c);
                if (v != null) {
                    parts.add(shortNames.get(c) + "=" + StudyReader.text(v));
                }
            }
            if (!r.name().equals(String.join(" ", parts))) {
                return true;
            }
        }
        return false;
    }
}
