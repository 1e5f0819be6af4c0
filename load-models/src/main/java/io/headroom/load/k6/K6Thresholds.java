package io.headroom.load.k6;

import io.headroom.yaml.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * k6's {@code thresholds} as Headroom SLO expressions. A threshold is {@code METRIC[{TAG:VALUE,…}]: [EXPRESSION, …]}
 * with an expression {@code AGGREGATION OPERATOR VALUE} (k6's {@code lib/thresholds.go} grammar). Read:
 * <ul>
 *   <li>{@code http_req_duration}: {@code avg} → {@code mean}, {@code med} → {@code p50}, {@code p(50|90|95|99|99.9)}
 *       → {@code p50 … p99_9}; the value is milliseconds, as in k6. Headroom's latencies are of answered requests,
 *       which is k6's {@code http_req_duration{expected_response:true}}; the plain metric is read the same.</li>
 *   <li>{@code http_req_failed}: {@code rate} → {@code errors} in percent ({@code rate<0.01} is {@code errors < 1%}).</li>
 *   <li>The tag {@code name} names an endpoint ({@code http_req_duration{name:checkout}} → {@code checkout.p99});
 *       {@code expected_response:true} is accepted on {@code http_req_duration}.</li>
 *   <li>Operators {@code <} and {@code <=}: an SLO is an upper bound.</li>
 * </ul>
 * Anything else (another metric, {@code min}, {@code max}, {@code count}, another percentile or tag) is refused with
 * the forms that are read.
 */
public final class K6Thresholds {
    private static final Pattern KEY = Pattern.compile("\\s*([a-z_]+)\\s*(?:\\{([^}]*)\\})?\\s*");
    private static final Pattern EXPR = Pattern.compile("\\s*(avg|med|min|max|count|rate|value|p\\(\\s*([0-9.]+)\\s*\\))\\s*(<=|<|>=|>|===|==|!=)\\s*(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*");

    private K6Thresholds() {
    }

    /** The SLO expressions of every threshold, in order; a {@link FieldError} at the offending key or expression. */
    public static List<String> slos(Map<String, List<K6Threshold>> thresholds) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<K6Threshold>> e : thresholds.entrySet()) {
            String key = e.getKey();
            Matcher m = KEY.matcher(key);
            if (!m.matches()) {
                throw new FieldError(key, "'" + key + "' is not a k6 metric with optional tags, e.g. http_req_duration{name:checkout}");
            }
            String metric = m.group(1);
            if (!metric.equals("http_req_duration") && !metric.equals("http_req_failed")) {
                throw new FieldError(key, "the k6 metric '" + metric + "' has no simulated counterpart (read: http_req_duration,"
                        + " http_req_failed)");
            }
            String endpoint = null;
            if (m.group(2) != null && !m.group(2).isBlank()) {
                for (String tag : m.group(2).split(",")) {
                    String[] kv = tag.split(":", 2);
                    String k = kv[0].trim();
                    String v = kv.length < 2 ? "" : kv[1].trim();
                    if (k.equals("name") && !v.isEmpty()) {
                        endpoint = v;
                    } else if (k.equals("expected_response") && v.equals("true") && metric.equals("http_req_duration")) {
                        continue; // Headroom's latencies are of answered requests already
                    } else {
                        throw new FieldError(key, "the tag '" + tag.trim() + "' has no simulated counterpart (read: name:ENDPOINT,"
                                + " and expected_response:true on http_req_duration)");
                    }
                }
            }
            List<K6Threshold> list = e.getValue();
            if (list == null || list.isEmpty()) {
                throw new FieldError(key, "needs at least one expression, e.g. ['p(99)<300']");
            }
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    throw new FieldError(key + "[" + i + "]", "a threshold is a string such as 'p(99)<300'");
                }
                out.add(slo(metric, endpoint, list.get(i).threshold(), key + "[" + i + "]"));
            }
        }
        return out;
    }

    private static String slo(String metric, String endpoint, String text, String at) {
        Matcher m = EXPR.matcher(text);
        if (!m.matches()) {
            throw new FieldError(at, "'" + text + "' is not a k6 threshold: write AGGREGATION OPERATOR VALUE, e.g. 'p(99)<300'");
        }
        String agg = m.group(1);
        String op = m.group(3);
        if (!op.equals("<") && !op.equals("<=")) {
            throw new FieldError(at, "'" + text + "': an SLO is an upper bound, so only < and <= are read");
        }
        BigDecimal value = new BigDecimal(m.group(4));
        if (value.signum() < 0) {
            throw new FieldError(at, "'" + text + "': a negative bound is never met");
        }
        String prefix = endpoint == null ? "" : endpoint + ".";
        if (metric.equals("http_req_failed")) {
            if (!agg.equals("rate")) {
                throw new FieldError(at, "'" + text + "': http_req_failed is read as rate<VALUE (a fraction of requests)");
            }
            if (value.compareTo(BigDecimal.ONE) > 0) {
                throw new FieldError(at, "'" + text + "': a rate is a fraction between 0 and 1");
            }
            return prefix + "errors " + op + " " + value.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
        }
        String name = switch (agg) {
            case "avg" -> "mean";
            case "med" -> "p50";
            default -> {
                if (m.group(2) == null) {
                    throw new FieldError(at, "'" + text + "': " + agg + " of http_req_duration has no SLO counterpart"
                            + " (read: avg, med, p(50), p(90), p(95), p(99), p(99.9))");
                }
                yield switch (new BigDecimal(m.group(2)).stripTrailingZeros().toPlainString()) {
                    case "50" -> "p50";
                    case "90" -> "p90";
                    case "95" -> "p95";
                    case "99" -> "p99";
                    case "99.9" -> "p99_9";
                    default -> throw new FieldError(at, "'" + text + "': the percentile p(" + m.group(2) + ") is not measured"
                            + " (read: p(50), p(90), p(95), p(99), p(99.9))");
                };
            }
        };
        String ms = value.stripTrailingZeros().toPlainString() + "ms";
        try {
            io.headroom.yaml.Durations.parse(ms);
        } catch (IllegalArgumentException e) {
            throw new FieldError(at, "'" + text + "': " + e.getMessage());
        }
        return prefix + name + " " + op + " " + ms;
    }
}
