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
 * {@code compare.json} to and from {@link CompareResults}: the one writer and the one reader. Keys
 * come in a fixed order; each design's figures are written as a sweep row's ({@link SweepCodec});
 * NaN is {@code null}.
 */
public final class CompareCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CompareCodec() {
    }

    public static ObjectNode write(CompareResults c) {
        ObjectNode root = F.objectNode();
        root.put("schema_version", CompareResults.SCHEMA_VERSION);
        root.put("profile", c.profile());
        root.put("seed", c.seed());
        root.put("replications", c.replications());
        root.put("baseline", c.baseline());
        ArrayNode designs = root.putArray("designs");
        for (CompareResults.Design d : c.designs()) {
            ObjectNode o = designs.addObject();
            o.put("name", d.name());
            o.put("design", d.design());
            SweepCodec.figures(o, d.figures());
        }
        ArrayNode diffs = root.putArray("differences");
        for (CompareResults.Difference d : c.differences()) {
            ObjectNode o = diffs.addObject();
            o.put("design", d.design());
            o.put("minus", d.minus());
            ObjectNode m = o.putObject("metrics");
            d.metrics().forEach((key, p) -> {
                ObjectNode v = m.putObject(key);
                SweepCodec.number(v, "mean", p.mean());
                SweepCodec.number(v, "ci95", p.ci95());
                v.put("significant", p.significant());
            });
        }
        return root;
    }

    public static CompareResults read(JsonNode json) {
        List<CompareResults.Design> designs = new ArrayList<>();
        for (JsonNode d : json.path("designs")) {
            designs.add(new CompareResults.Design(d.path("name").asText(), d.path("design").asText(), SweepCodec.readFigures(d)));
        }
        List<CompareResults.Difference> diffs = new ArrayList<>();
        for (JsonNode d : json.path("differences")) {
            Map<String, CompareResults.Paired> metrics = new LinkedHashMap<>();
            d.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), new CompareResults.Paired(
                    JsonValues.d(e.getValue().get("mean")), JsonValues.d(e.getValue().get("ci95")),
                    e.getValue().path("significant").asBoolean())));
            diffs.add(new CompareResults.Difference(d.path("design").asText(), d.path("minus").asText(), metrics));
        }
        return new CompareResults(json.path("profile").asText(), json.path("seed").asLong(), json.path("replications").asInt(),
                json.path("baseline").asText(), designs, diffs);
    }
}
