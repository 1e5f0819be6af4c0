package io.headroom.result;

import static io.headroom.result.JsonValues.count;
import static io.headroom.result.JsonValues.d;
import static io.headroom.result.JsonValues.number;
import static io.headroom.result.JsonValues.texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.request.ErrorCause;
import io.headroom.run.Checks;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code checks} object of {@code summary.json}: whether the run's self-checks passed and what failed, and the
 * figures they judged — the conservation of requests (what arrived equals what completed, was passed on, failed by
 * cause or is in flight; overall and per component) and Little's law (the in-system integral against the sum of the
 * time requests spent inside, with its relative error and the tolerance).
 */
final class ChecksCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ChecksCodec() {
    }

    static ObjectNode write(Summary.Checks c, boolean whole) {
        ObjectNode o = F.objectNode();
        o.put("passed", c.passed());
        if (c.replicationsFailed() != null) {
            o.put("replications_failed", c.replicationsFailed());
        }
        ArrayNode failures = o.putArray("failures");
        c.failures().forEach(failures::add);
        if (c.overall() != null) {
            ObjectNode conservation = o.putObject("conservation");
            conservation.set("overall", balance(c.overall(), whole));
            ObjectNode components = conservation.putObject("components");
            c.components().forEach((name, b) -> components.set(name, balance(b, whole)));
            ObjectNode little = o.putObject("littles_law");
            little.put("tolerance", Checks.TOLERANCE);
            little.set("overall", little(c.overallLittle()));
            ObjectNode littles = little.putObject("components");
            c.componentLittle().forEach((name, l) -> littles.set(name, little(l)));
        }
        return o;
    }

    private static ObjectNode balance(Summary.Balance b, boolean whole) {
        ObjectNode o = F.objectNode();
        count(o, "arrived", b.arrived(), whole);
        count(o, "completed", b.completed(), whole);
        if (!Double.isNaN(b.passedOn())) {
            count(o, "passed_on", b.passedOn(), whole);
        }
        ObjectNode errors = o.putObject("errors");
        b.errors().forEach((cause, n) -> count(errors, cause.key(), n, whole));
        count(o, "in_flight", b.inFlight(), whole);
        return o;
    }

    private static ObjectNode little(Summary.Little l) {
        ObjectNode o = F.objectNode();
        number(o, "integral", l.integral());
        number(o, "sum", l.sum());
        number(o, "relative_error", l.relativeError());
        return o;
    }

    static Summary.Checks read(JsonNode c) {
        Summary.Balance overall = null;
        Map<String, Summary.Balance> components = null;
        Summary.Little overallLittle = null;
        Map<String, Summary.Little> littles = null;
        if (c.path("conservation").isObject()) {
            overall = balance(c.path("conservation").path("overall"));
            components = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = c.path("conservation").path("components").fields(); it.hasNext(); ) {
                var e = it.next();
                components.put(e.getKey(), balance(e.getValue()));
            }
            overallLittle = little(c.path("littles_law").path("overall"));
            littles = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = c.path("littles_law").path("components").fields(); it.hasNext(); ) {
                var e = it.next();
                littles.put(e.getKey(), little(e.getValue()));
            }
        }
        return new Summary.Checks(c.path("passed").asBoolean(false), texts(c.path("failures")),
                c.has("replications_failed") ? c.get("replications_failed").asInt() : null, overall, components, overallLittle, littles);
    }

    private static Summary.Balance balance(JsonNode b) {
        EnumMap<ErrorCause, Double> errors = new EnumMap<>(ErrorCause.class);
        for (ErrorCause cause : ErrorCause.all()) {
            if (b.path("errors").has(cause.key())) {
                errors.put(cause, d(b.path("errors").get(cause.key())));
            }
        }
        return new Summary.Balance(d(b.get("arrived")), d(b.get("completed")), d(b.get("passed_on")), errors, d(b.get("in_flight")));
    }

    private static Summary.Little little(JsonNode l) {
        return new Summary.Little(d(l.get("integral")), d(l.get("sum")), d(l.get("relative_error")));
    }
}
