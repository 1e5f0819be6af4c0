package io.headroom.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's JSON to and from its records: the one writer and the one reader of a point's row (a line
 * of the journal, an element of {@code results.json}'s {@code rows}), of the journal's header, and of
 * {@code results.json}. Keys come in a fixed order; NaN is {@code null}; one run's request count is
 * whole, replications' a decimal mean; a priced row of {@code results.json} ends with {@code
 * cost_per_month_usd} ({@link Figures#costPerMonthUsd()}), which readers derive rather than read.
 * {@link Figures} are written here for {@link CompareCodec} too.
 */
public final class SweepCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String JOURNAL = "headroom-sweep";

    private SweepCodec() {
    }

    // ---- a point's row ----

    public static ObjectNode write(SweepPoint p) {
        ObjectNode row = F.objectNode();
        row.put("point", p.point());
        row.put("name", p.name());
        ObjectNode values = row.putObject("values");
        p.values().forEach(values::set);
        row.put("replications", p.replications());
        figures(row, p.figures());
        return row;
    }

    /** A row; throws {@link IllegalArgumentException} when it has no whole point number (not a row). */
    public static SweepPoint readPoint(JsonNode row) {
        if (!row.path("point").canConvertToInt()) {
            throw new IllegalArgumentException("not a sweep row: no point number");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        row.path("values").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
        return new SweepPoint(row.get("point").asInt(), row.path("name").asText(), values, row.path("replications").asInt(1),
                readFigures(row));
    }

    // ---- the journal's header ----

    public static ObjectNode write(JournalHeader h) {
        ObjectNode o = F.objectNode();
        o.put("journal", JOURNAL);
        o.put("version", h.version());
        o.put("fingerprint", h.fingerprint());
        o.put("points", h.points());
        o.put("shard", h.shard());
        return o;
    }

    /** The header in {@code line}, or null when the line is not a sweep journal's header. */
    public static JournalHeader readHeader(JsonNode line) {
        if (!JOURNAL.equals(line.path("journal").asText())) {
            return null;
        }
        return new JournalHeader(line.path("version").asInt(), line.path("fingerprint").asText(), line.path("points").asInt(),
                line.path("shard").asText());
    }

    // ---- results.json ----

    /** The keys of results.json that say what the sweep was, in order. */
    private static final List<String> META = List.of("study", "design", "profile", "seed", "replications", "points", "columns",
            "slos", "fingerprint");

    public static ObjectNode write(SweepResults r) {
        ObjectNode out = F.objectNode();
        out.put("schema_version", SweepResults.SCHEMA_VERSION);
        SweepResults.Meta m = r.meta();
        out.put("study", m.study());
        out.put("design", m.design());
        out.put("profile", m.profile());
        out.put("seed", m.seed());
        out.put("replications", m.replications());
        out.put("points", m.points());
        ArrayNode cols = out.putArray("columns");
        m.columns().forEach(cols::add);
        ArrayNode slos = out.putArray("slos");
        m.slos().forEach(slos::add);
        out.put("fingerprint", m.fingerprint());
        if (r.shard() != null) {
            out.put("shard", r.shard());
        }
        out.put("x_metric", r.xMetric());
        out.put("y_metric", r.yMetric());
        ArrayNode pareto = out.putArray("pareto");
        r.pareto().forEach(pareto::add);
        if (r.cheapestMeetingSlos() != null) {
            out.put("cheapest_meeting_slos", r.cheapestMeetingSlos().intValue());
        } else {
            out.putNull("cheapest_meeting_slos");
        }
        ArrayNode rows = out.putArray("rows");
        for (SweepPoint p : r.rows()) {
            ObjectNode row = write(p);
            double perMonth = p.figures().costPerMonthUsd();
            if (!Double.isNaN(perMonth)) {
                // derived, not read back (the cost per hour is the figure), and not in the journal's lines
                row.put("cost_per_month_usd", Math.round(perMonth * 1e6) / 1e6);
            }
            rows.add(row);
        }
        return out;
    }

    /**
     * The results in {@code json}; throws {@link IllegalArgumentException} naming the first key of what
     * the sweep was that is missing (then it is not a sweep's results).
     */
    public static SweepResults readResults(JsonNode json) {
        for (String k : META) {
            if (!json.has(k)) {
                throw new IllegalArgumentException("not a sweep's results (no '" + k + "')");
            }
        }
        SweepResults.Meta meta = new SweepResults.Meta(json.get("study").asText(), json.get("design").asText(),
                json.get("profile").asText(), json.get("seed").asLong(), json.get("replications").asInt(), json.get("points").asInt(),
                JsonValues.texts(json.get("columns")), JsonValues.texts(json.get("slos")), json.get("fingerprint").asText());
        List<Integer> pareto = new ArrayList<>();
        json.path("pareto").forEach(v -> pareto.add(v.asInt()));
        JsonNode cheapest = json.path("cheapest_meeting_slos");
        List<SweepPoint> rows = new ArrayList<>();
        json.path("rows").forEach(row -> rows.add(readPoint(row)));
        return new SweepResults(meta, json.has("shard") ? json.get("shard").asText() : null, json.path("x_metric").asText(),
                json.path("y_metric").asText(), pareto, cheapest.isNumber() ? cheapest.asInt() : null, rows);
    }

    // ---- figures, shared with compare.json ----

    static void figures(ObjectNode o, Figures f) {
        ObjectNode metrics = o.putObject("metrics");
        boolean whole = f.ci95() == null;
        f.metrics().forEach((key, v) -> {
            if (Double.isNaN(v)) {
                metrics.putNull(key);
            } else if (whole && key.equals("requests")) {
                metrics.put(key, (long) (double) v);
            } else {
                metrics.put(key, v);
            }
        });
        if (f.ci95() != null) {
            ObjectNode ci = o.putObject("ci95");
            f.ci95().forEach((key, v) -> number(ci, key, v));
        }
        o.set("slo", SummaryCodec.slo(f.slo()));
        o.put("slos_met", f.slosMet());
        ArrayNode unstable = o.putArray("unstable");
        f.unstable().forEach(unstable::add);
        if (!f.selfCheckFailures().isEmpty()) {
            // only when a self-check failed: a bug of the simulator, never part of a sound result
            ArrayNode failed = o.putArray("self_check_failures");
            f.selfCheckFailures().forEach(failed::add);
        }
    }

    static Figures readFigures(JsonNode o) {
        Map<String, Double> ci = o.path("ci95").isObject() ? JsonValues.numbers(o.get("ci95")) : null;
        List<Summary.SloResult> slo = new ArrayList<>();
        for (JsonNode s : o.path("slo")) {
            slo.add(SummaryCodec.sloResult(s));
        }
        return new Figures(JsonValues.numbers(o.path("metrics")), ci, slo, o.path("slos_met").asBoolean(false),
                JsonValues.texts(o.path("unstable")), JsonValues.texts(o.path("self_check_failures")));
    }

    /** A number, or null where there is none (NaN). */
    static void number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

}
