package io.headroom.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the result files write and read their values: JSON has no NaN, so a number without a value is {@code null}, and
 * reading is lenient — anything that is not a number (null, missing, the text "NaN" a mean of missing values is
 * written as) reads as NaN, so a partial file still renders. A count is whole for one run and the decimal mean over
 * replications.
 */
final class JsonValues {
    private JsonValues() {
    }

    /** A number, or null where there is no value (NaN, infinite). */
    static void number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    /** A count: {@code whole} for one run, the decimal mean for replications; NaN is null. */
    static void count(ObjectNode o, String key, double v, boolean whole) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else if (whole) {
            o.put(key, (long) v);
        } else {
            o.put(key, v);
        }
    }

    /** A number; anything else is NaN. */
    static double d(JsonNode v) {
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }

    /** An object of numbers, in its order. */
    static Map<String, Double> numbers(JsonNode o) {
        Map<String, Double> out = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> out.put(e.getKey(), d(e.getValue())));
        return out;
    }

    /** An array of texts. */
    static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** A text, or null. */
    static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }
}
