package io.headroom.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.yaml.Durations;
import io.headroom.yaml.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One point of a {@code piecewise} rate: at {@code at} into the step, {@code rate} users per second.
 * In YAML a point is {@code [time, rate]}: the time a duration with its unit ({@code 0s}, {@code 90s},
 * {@code 10m}; a bare number is refused, as for every duration), the rate a number.
 */
public record RatePoint(Duration at, double rate) {

    /**
     * The points of {@code piecewise: [[0s, 10], [10m, 50], ...]} or of
     * {@code piecewise: {points: [[0s, 10], ...]}}, checked: at least two points, the first at 0s, times
     * that never go back (two equal times make a jump), the last after 0s, rates zero or positive. A
     * problem is a {@link FieldError} at the point, or at its time or rate ({@code [2][0]}, {@code points[2][1]}).
     */
    static List<RatePoint> parse(JsonNode node) {
        String prefix = "";
        JsonNode list = node;
        if (node != null && node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!key.equals("points")) {
                    throw new FieldError(key, "unknown key '" + key + "' (known: points)");
                }
            }
            prefix = "points";
            list = node.get("points");
            if (list == null) {
                throw new FieldError("", "missing required key 'points': a list of [time, rate] points, e.g. [[0s, 10], [10m, 50]]");
            }
        }
        if (list == null || !list.isArray()) {
            throw new FieldError(prefix, "expected a list of [time, rate] points, e.g. [[0s, 10], [10m, 50]]");
        }
        List<RatePoint> points = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String at = prefix + "[" + i + "]";
            JsonNode p = list.get(i);
            if (!p.isArray() || p.size() != 2) {
                throw new FieldError(at, "expected a point [time, rate], e.g. [10m, 50]");
            }
            points.add(new RatePoint(time(p.get(0), at + "[0]"), rate(p.get(1), at + "[1]")));
        }
        check(points, prefix);
        return List.copyOf(points);
    }

    /**
     * Checks points however they were made: at least two, the first at 0s, times that never go back
     * (two equal times make a jump), the last after 0s, rates zero or positive. {@code prefix} is
     * the points' path below the step ({@code ""} or {@code "points"}).
     */
    static void check(List<RatePoint> points, String prefix) {
        if (points.size() < 2) {
            throw new FieldError(prefix, "needs at least two [time, rate] points (the rate runs straight between them),"
                    + " e.g. [[0s, 10], [10m, 50]]");
        }
        for (int i = 0; i < points.size(); i++) {
            String at = prefix + "[" + i + "]";
            RatePoint p = FieldError.require(points.get(i), at);
            FieldError.require(p.at(), at + "[0]");
            if (i == 0 && !p.at().isZero()) {
                throw new FieldError(at + "[0]", "the first point must be at 0s (the step's start), got " + Durations.format(p.at()));
            }
            if (i > 0 && p.at().compareTo(points.get(i - 1).at()) < 0) {
                throw new FieldError(at + "[0]", "times must not go back: " + Durations.format(p.at()) + " comes after "
                        + Durations.format(points.get(i - 1).at()));
            }
            if (!(p.rate() >= 0) || Double.isInfinite(p.rate())) {
                throw new FieldError(at + "[1]", "a rate must be zero or positive, got " + FieldError.number(p.rate()));
            }
        }
        if (points.get(points.size() - 1).at().isZero()) {
            throw new FieldError(prefix + "[" + (points.size() - 1) + "][0]", "the last point must be after 0s: it ends the step");
        }
    }

    private static Duration time(JsonNode n, String field) {
        if (n.isNumber()) {
            throw new FieldError(field, "'" + n.asText() + "' has no unit: a time needs one, e.g. " + n.asText() + "s or "
                    + n.asText() + "m");
        }
        if (!n.isTextual()) {
            throw new FieldError(field, "expected a time such as 10m, found " + found(n));
        }
        try {
            return Durations.parse(n.asText());
        } catch (IllegalArgumentException e) {
            throw new FieldError(field, e.getMessage());
        }
    }

    private static double rate(JsonNode n, String field) {
        if (!n.isNumber()) {
            throw new FieldError(field, "expected a rate (users per second), found " + found(n));
        }
        return n.asDouble();
    }

    private static String found(JsonNode n) {
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isNull()) {
            return "nothing";
        }
        return "'" + n.asText() + "'";
    }

    /** The points with every rate multiplied by {@code factor}. */
    static List<RatePoint> scaled(List<RatePoint> points, double factor) {
        return points.stream().map(p -> new RatePoint(p.at(), p.rate() * factor)).toList();
    }
}
