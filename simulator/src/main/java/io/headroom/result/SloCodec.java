package io.headroom.result;

import static io.headroom.result.JsonValues.d;
import static io.headroom.result.JsonValues.number;
import static io.headroom.result.JsonValues.texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.slo.Incident;
import io.headroom.slo.SloVerdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code slo} and {@code incidents} arrays of {@code summary.json} (and of a sweep's rows): each SLO's expression,
 * value and verdict, with its sliding windows and its error budget (burn-rate rules and the alerts they fired) where it
 * has them; each incident's start, end, the SLO it broke and the causes found for it.
 */
final class SloCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SloCodec() {
    }

    /** The SLO outcomes as {@code summary.json}'s {@code slo} array holds them. */
    static ArrayNode write(List<Summary.SloResult> outcomes) {
        ArrayNode slo = F.arrayNode();
        for (Summary.SloResult o : outcomes) {
            ObjectNode n = slo.addObject();
            n.put("expr", o.expr());
            number(n, "value", o.value());
            n.put("pass", o.pass());
            if (!Double.isNaN(o.passedShare())) {
                n.put("passed_share", o.passedShare());
            }
            SloVerdict.Windows w = o.windows();
            if (w != null) {
                number(n, "window_s", w.windowS());
                n.put("windows_judged", w.judged());
                number(n, "worst_window_start_s", w.worstWindowStartS());
                number(n, "worst_value", w.worstValue());
                n.put("violating_windows", w.violating());
                number(n, "violating_s", w.violatingS());
            }
            SloVerdict.Budget b = o.budget();
            if (b != null) {
                number(n, "target", b.target());
                number(n, "period_s", b.periodS());
                n.put("events", b.events());
                n.put("bad_events", b.bad());
                number(n, "good_fraction", b.goodFraction());
                number(n, "budget_spent", b.budgetSpent());
                ArrayNode rules = n.putArray("rules");
                for (SloVerdict.Rule r : b.rules()) {
                    ObjectNode x = rules.addObject();
                    x.put("rule", r.rule());
                    x.put("severity", r.severity());
                    number(x, "burn_rate", r.burnRate());
                    number(x, "long_window_s", r.longS());
                    number(x, "short_window_s", r.shortS());
                    x.put("status", r.status());
                }
                ArrayNode alerts = n.putArray("alerts");
                for (SloVerdict.Alert a : b.alerts()) {
                    ObjectNode x = alerts.addObject();
                    if (a.replication() > 0) {
                        x.put("replication", a.replication());
                    }
                    x.put("rule", a.rule());
                    number(x, "fired_at_s", a.firedAtS());
                    number(x, "resolved_at_s", a.resolvedAtS());
                }
            }
        }
        return slo;
    }

    /** The incidents as {@code summary.json}'s {@code incidents} array holds them. */
    static ArrayNode writeIncidents(List<Incident> incidents) {
        ArrayNode out = F.arrayNode();
        for (Incident i : incidents) {
            ObjectNode n = out.addObject();
            if (i.replication() > 0) {
                n.put("replication", i.replication());
            }
            number(n, "start_s", i.startS());
            number(n, "end_s", i.endS());
            n.put("slo", i.slo());
            number(n, "worst_value", i.worstValue());
            ArrayNode causes = n.putArray("causes");
            i.causes().forEach(causes::add);
        }
        return out;
    }

    /** The incidents of an {@code incidents} array. */
    static List<Incident> readIncidents(JsonNode a) {
        List<Incident> incidents = new ArrayList<>();
        for (JsonNode i : a) {
            incidents.add(new Incident(d(i.get("start_s")), d(i.get("end_s")), i.path("slo").asText(""), d(i.get("worst_value")),
                    texts(i.path("causes")), i.path("replication").asInt(0)));
        }
        return incidents;
    }

    /** One entry of an {@code slo} array. */
    static Summary.SloResult read(JsonNode o) {
        SloVerdict.Windows windows = o.has("windows_judged") ? new SloVerdict.Windows(d(o.get("window_s")),
                o.path("windows_judged").asLong(), d(o.get("worst_window_start_s")), d(o.get("worst_value")),
                o.path("violating_windows").asLong(), d(o.get("violating_s"))) : null;
        SloVerdict.Budget budget = null;
        if (o.has("budget_spent")) {
            List<SloVerdict.Rule> rules = new ArrayList<>();
            for (JsonNode r : o.path("rules")) {
                rules.add(new SloVerdict.Rule(r.path("rule").asText(), r.path("severity").asText(), d(r.get("burn_rate")),
                        d(r.get("long_window_s")), d(r.get("short_window_s")), r.path("status").asText()));
            }
            List<SloVerdict.Alert> alerts = new ArrayList<>();
            for (JsonNode a : o.path("alerts")) {
                alerts.add(new SloVerdict.Alert(a.path("rule").asText(), d(a.get("fired_at_s")), d(a.get("resolved_at_s")),
                        a.path("replication").asInt(0)));
            }
            budget = new SloVerdict.Budget(d(o.get("target")), d(o.get("period_s")), o.path("events").asLong(),
                    o.path("bad_events").asLong(), d(o.get("good_fraction")), d(o.get("budget_spent")), rules, alerts);
        }
        return new Summary.SloResult(o.path("expr").asText(""), d(o.get("value")), o.path("pass").asBoolean(false), windows, budget,
                o.has("passed_share") ? d(o.get("passed_share")) : Double.NaN);
    }
}
