package io.headroom.result;

import static io.headroom.result.JsonValues.d;
import static io.headroom.result.JsonValues.number;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.cluster.ClusterFigures;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code cluster} object of {@code summary.json}, for a design that runs its services as pods on a Kubernetes
 * cluster: per node pool its nodes, node-hours, cost, CPU requested and used (and Karpenter's node claims and
 * consolidations), how long pods waited to be scheduled, preemptions, evictions and spot interruptions, and per
 * service its allocated cost, the Vertical Pod Autoscaler's recommendation and the CPU throttling its limit caused.
 */
final class ClusterCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ClusterCodec() {
    }

    static ObjectNode write(ClusterFigures c) {
        ObjectNode o = F.objectNode();
        ObjectNode pools = o.putObject("pools");
        c.pools().forEach((name, p) -> {
            ObjectNode n = pools.putObject(name);
            number(n, "nodes_mean", p.nodesMean());
            number(n, "nodes_peak", p.nodesPeak());
            number(n, "node_hours", p.nodeHours());
            number(n, "cost_usd", p.costUsd());
            number(n, "cpu_requested", p.cpuRequested());
            number(n, "cpu_used", p.cpuUsed());
            number(n, "idle_usd", p.idleUsd());
            ClusterFigures.KarpenterPool k = c.karpenter().get(name);
            if (k != null) {
                ObjectNode kn = n.putObject("karpenter");
                number(kn, "nodeclaims", k.nodeClaims());
                ObjectNode cons = kn.putObject("consolidations");
                number(cons, "empty", k.emptyDeletes());
                number(cons, "underutilized_delete", k.underutilizedDeletes());
                number(cons, "replace", k.replaces());
                number(kn, "nodes_consolidated", k.nodesConsolidated());
                number(kn, "expired", k.expired());
                ObjectNode hours = kn.putObject("node_hours_by_type");
                k.nodeHoursByOffering().forEach((offering, h) -> number(hours, offering, h));
            }
        });
        number(o, "pods_pending_peak", c.podsPendingPeak());
        ObjectNode t = o.putObject("pending_s");
        number(t, "p50", c.pendingS().p50());
        number(t, "p95", c.pendingS().p95());
        number(t, "max", c.pendingS().max());
        number(t, "pods", c.pendingS().pods());
        number(o, "preemptions", c.preemptions());
        number(o, "evictions", c.evictions());
        number(o, "spot_interruptions", c.spotInterruptions());
        ObjectNode services = o.putObject("services");
        c.allocatedCostUsd().forEach((name, v) -> number(services.putObject(name), "allocated_cost_usd", v));
        c.vpa().forEach((name, v) -> {
            ObjectNode s = services.has(name) ? (ObjectNode) services.get(name) : services.putObject(name);
            ObjectNode r = s.putObject("vpa");
            number(r, "target_milli", v.targetMilli());
            number(r, "lower_milli", v.lowerMilli());
            number(r, "upper_milli", v.upperMilli());
            number(r, "history_days", v.historyDays());
            r.put("enough_history", v.enoughHistory());
            number(r, "evictions", v.evictions());
            number(r, "resizes", v.resizes());
            number(r, "resize_fallbacks", v.resizeFallbacks());
        });
        c.throttling().forEach((name, v) -> {
            ObjectNode s = services.has(name) ? (ObjectNode) services.get(name) : services.putObject(name);
            number(s, "throttled_periods", v.throttledPeriods());
            number(s, "throttled_s", v.throttledS());
            number(s, "throttled_ms_per_request", v.throttledMsPerRequest());
        });
        return o;
    }

    static ClusterFigures read(JsonNode c) {
        Map<String, ClusterFigures.Pool> pools = new LinkedHashMap<>();
        Map<String, ClusterFigures.KarpenterPool> karpenter = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("pools").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode p = e.getValue();
            pools.put(e.getKey(), new ClusterFigures.Pool(d(p.get("nodes_mean")), d(p.get("nodes_peak")),
                    d(p.get("node_hours")), d(p.get("cost_usd")), d(p.get("cpu_requested")), d(p.get("cpu_used")), d(p.get("idle_usd"))));
            JsonNode k = p.path("karpenter");
            if (k.isObject()) {
                Map<String, Double> hours = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> h = k.path("node_hours_by_type").fields(); h.hasNext(); ) {
                    var o = h.next();
                    hours.put(o.getKey(), d(o.getValue()));
                }
                JsonNode cons = k.path("consolidations");
                karpenter.put(e.getKey(), new ClusterFigures.KarpenterPool(d(k.get("nodeclaims")),
                        d(cons.get("empty")), d(cons.get("underutilized_delete")), d(cons.get("replace")),
                        d(k.get("nodes_consolidated")), d(k.get("expired")), hours));
            }
        }
        Map<String, Double> allocated = new LinkedHashMap<>();
        Map<String, ClusterFigures.Vpa> vpa = new LinkedHashMap<>();
        Map<String, ClusterFigures.Throttling> throttling = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("services").fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().has("allocated_cost_usd")) {
                allocated.put(e.getKey(), d(e.getValue().get("allocated_cost_usd")));
            }
            if (e.getValue().has("throttled_periods")) {
                JsonNode th = e.getValue();
                throttling.put(e.getKey(), new ClusterFigures.Throttling(d(th.get("throttled_periods")),
                        d(th.get("throttled_s")), d(th.get("throttled_ms_per_request"))));
            }
            JsonNode v = e.getValue().path("vpa");
            if (v.isObject()) {
                vpa.put(e.getKey(), new ClusterFigures.Vpa(d(v.get("target_milli")), d(v.get("lower_milli")),
                        d(v.get("upper_milli")), d(v.get("history_days")), v.path("enough_history").asBoolean(),
                        d(v.get("evictions")), d(v.get("resizes")), d(v.get("resize_fallbacks"))));
            }
        }
        JsonNode t = c.path("pending_s");
        return new ClusterFigures(pools, d(c.get("pods_pending_peak")),
                new ClusterFigures.PendingTimes(d(t.get("p50")), d(t.get("p95")), d(t.get("max")), d(t.get("pods"))),
                d(c.get("preemptions")), d(c.get("evictions")), d(c.get("spot_interruptions")), allocated, vpa, null, karpenter,
                throttling);
    }
}
