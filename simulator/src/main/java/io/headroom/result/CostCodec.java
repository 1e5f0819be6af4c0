package io.headroom.result;

import static io.headroom.result.JsonValues.d;
import static io.headroom.result.JsonValues.number;
import static io.headroom.result.JsonValues.numbers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.pricing.BudgetProjection;
import io.headroom.pricing.StorageFigures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code cost} object of {@code summary.json}: what the run cost in total, per hour, per million requests and idle,
 * by component and by market, each storage bucket's or volume's bill, the 730-hour month, the bill rolled up by tag
 * ({@code allocation}) and the month projected against the design's budget ({@code budget}). Every run writes it (a
 * design that prices nothing, zeros); a summary read without one has no cost.
 */
final class CostCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CostCodec() {
    }

    /** {@code cost}: totals, by component and market, storage, the month, allocation by tag and the budget. */
    static ObjectNode write(Summary.Cost cost) {
        ObjectNode c = F.objectNode();
        number(c, "total_usd", cost.totalUsd());
        number(c, "per_hour_usd", cost.perHourUsd());
        number(c, "per_million_requests_usd", cost.perMillionRequestsUsd());
        number(c, "idle_usd", cost.idleUsd());
        ObjectNode byComponent = c.putObject("by_component");
        cost.byComponent().forEach((k, v) -> number(byComponent, k, v));
        ObjectNode byMarket = c.putObject("by_market");
        cost.byMarket().forEach((k, v) -> number(byMarket, k, v));
        if (!cost.storage().isEmpty()) {
            ObjectNode storage = c.putObject("storage");
            cost.storage().forEach((k, f) -> storage.set(k, store(f)));
        }
        if (!Double.isNaN(cost.perMonthUsd())) { // a summary written before the key reads back without it
            number(c, "per_month_usd", cost.perMonthUsd());
        }
        if (cost.allocation() != null) {
            c.set("allocation", allocation(cost.allocation()));
        }
        if (cost.budget() != null) {
            c.set("budget", budget(cost.budget()));
        }
        return c;
    }

    private static ObjectNode store(io.headroom.pricing.StorageFigures f) {
        ObjectNode o = F.objectNode();
        o.put("type", f.type());
        number(o, "gb_start", f.gbStart());
        number(o, "gb_end", f.gbEnd());
        number(o, "usd", f.usd());
        ObjectNode byClass = o.putObject("by_class");
        f.byClass().forEach((k, v) -> number(byClass, k, v));
        number(o, "provisioned_usd", f.provisionedUsd());
        number(o, "transitions", f.transitions());
        number(o, "transition_usd", f.transitionUsd());
        number(o, "retrieval_gb", f.retrievalGb());
        number(o, "retrieval_usd", f.retrievalUsd());
        return o;
    }

    /** {@code cost} read back. */
    static Summary.Cost read(JsonNode c) {
        double perHour = d(c.get("per_hour_usd"));
        return new Summary.Cost(d(c.get("total_usd")), perHour, d(c.get("per_million_requests_usd")),
                d(c.get("idle_usd")), numbers(c.path("by_component")), numbers(c.path("by_market")), stores(c.path("storage")),
                c.has("per_month_usd") ? d(c.get("per_month_usd")) : Double.NaN,
                c.path("allocation").isObject() ? allocation(c.get("allocation")) : null,
                c.path("budget").isObject() ? budget(c.get("budget")) : null);
    }

    /**
     * {@code cost.allocation}: {@code shared} (the rule) and {@code by_tag}, per key {@code values} (value → {@code usd},
     * {@code per_month_usd}), {@code unallocated} (the same two) — in cents, adding up to the total to the cent — and
     * {@code shared}: each shared line's split, value → share (an empty object: unallocated).
     */
    private static ObjectNode allocation(Summary.Allocation a) {
        ObjectNode o = F.objectNode();
        o.put("shared", a.shared());
        ObjectNode byTag = o.putObject("by_tag");
        a.byTag().forEach((key, r) -> {
            ObjectNode k = byTag.putObject(key);
            ObjectNode values = k.putObject("values");
            r.values().forEach((v, usd) -> {
                ObjectNode e = values.putObject(v);
                number(e, "usd", usd);
                number(e, "per_month_usd", r.valuesPerMonth().get(v));
            });
            ObjectNode u = k.putObject("unallocated");
            number(u, "usd", r.unallocatedUsd());
            number(u, "per_month_usd", r.unallocatedPerMonthUsd());
            ObjectNode shared = k.putObject("shared");
            r.shared().forEach((line, split) -> {
                ObjectNode l = shared.putObject(line);
                split.forEach((v, f) -> number(l, v, f));
            });
        });
        return o;
    }

    private static Summary.Allocation allocation(JsonNode o) {
        Map<String, Summary.TagRollup> byTag = new LinkedHashMap<>();
        o.path("by_tag").fields().forEachRemaining(e -> {
            Map<String, Double> values = new LinkedHashMap<>();
            Map<String, Double> perMonth = new LinkedHashMap<>();
            e.getValue().path("values").fields().forEachRemaining(v -> {
                values.put(v.getKey(), d(v.getValue().get("usd")));
                perMonth.put(v.getKey(), d(v.getValue().get("per_month_usd")));
            });
            JsonNode u = e.getValue().path("unallocated");
            Map<String, Map<String, Double>> shared = new LinkedHashMap<>();
            e.getValue().path("shared").fields().forEachRemaining(l -> shared.put(l.getKey(), numbers(l.getValue())));
            byTag.put(e.getKey(), new Summary.TagRollup(values, d(u.get("usd")), perMonth, d(u.get("per_month_usd")), shared));
        });
        return new Summary.Allocation(o.path("shared").asText(), byTag);
    }

    /** {@code cost.budget}: the budget, the projected month, over or not, and each alert's threshold, USD, hour and day (null: not reached). */
    private static ObjectNode budget(io.headroom.pricing.BudgetProjection b) {
        ObjectNode o = F.objectNode();
        number(o, "monthly_usd", b.monthlyUsd());
        number(o, "projected_month_usd", b.projectedUsd());
        number(o, "projected_share", Math.round(b.share() * 1e6) / 1e6);
        o.put("over_budget", b.overBudget());
        ArrayNode alerts = o.putArray("alerts");
        for (io.headroom.pricing.BudgetProjection.Alert a : b.alerts()) {
            ObjectNode x = alerts.addObject();
            number(x, "threshold", a.threshold());
            number(x, "usd", a.usd());
            if (a.hour() == null) {
                x.putNull("hour");
                x.putNull("day");
            } else {
                number(x, "hour", a.hour());
                x.put("day", a.day());
            }
        }
        return o;
    }

    private static io.headroom.pricing.BudgetProjection budget(JsonNode o) {
        List<io.headroom.pricing.BudgetProjection.Alert> alerts = new ArrayList<>();
        o.path("alerts").forEach(a -> alerts.add(new io.headroom.pricing.BudgetProjection.Alert(d(a.get("threshold")), d(a.get("usd")),
                a.path("hour").isNumber() ? a.get("hour").asDouble() : null, a.path("day").isNumber() ? a.get("day").asInt() : null)));
        return new io.headroom.pricing.BudgetProjection(d(o.get("monthly_usd")), d(o.get("projected_month_usd")), alerts);
    }

    private static Map<String, io.headroom.pricing.StorageFigures> stores(JsonNode o) {
        Map<String, io.headroom.pricing.StorageFigures> out = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> {
            JsonNode f = e.getValue();
            out.put(e.getKey(), new io.headroom.pricing.StorageFigures(f.path("type").asText(), d(f.get("gb_start")), d(f.get("gb_end")),
                    d(f.get("usd")), numbers(f.path("by_class")), d(f.get("provisioned_usd")), d(f.get("transitions")),
                    d(f.get("transition_usd")), d(f.get("retrieval_gb")), d(f.get("retrieval_usd"))));
        });
        return out;
    }
}
