package io.headroom.report;

import io.headroom.metrics.LatencyStats.LatencySummary;
import io.headroom.design.Slo;
import io.headroom.run.RunResult;
import io.headroom.slo.Incident;
import io.headroom.slo.SloVerdict;
import java.util.Locale;
import java.util.Map;

/** The few lines {@code headroom run} prints: what was simulated, latency, errors, and each component's load. */
public final class TextSummary {
    private TextSummary() {
    }

    public static String render(RunResult r) {
        StringBuilder b = new StringBuilder();
        RunResult.RequestStats o = r.overall();
        b.append(String.format(Locale.ROOT, "%s under %s (seed %d): %s simulated", r.design(), r.profile(), r.seed(), seconds(r.simulatedS())));
        if (r.warmupS() > 0) {
            b.append(String.format(Locale.ROOT, ", first %s left out as warm-up", seconds(r.warmupS())));
        }
        b.append('\n');
        b.append(String.format(Locale.ROOT, "  requests   %,d   completed %,d   errors %,d (%.3f%%)   in flight %,d   throughput %.2f/s%n",
                o.requests(), o.completed(), o.errorTotal(), o.requests() == 0 ? 0.0 : 100.0 * o.errorTotal() / o.requests(),
                o.inFlight(), o.throughputPerS()));
        if (o.errorTotal() > 0) {
            b.append("  errors    ");
            for (Map.Entry<io.headroom.request.ErrorCause, Long> e : o.errors().entrySet()) {
                if (e.getValue() > 0) {
                    b.append(String.format(Locale.ROOT, " %s %,d", e.getKey().key(), e.getValue()));
                }
            }
            b.append('\n');
        }
        LatencySummary l = o.latencyMs();
        b.append(String.format(Locale.ROOT, "  latency ms mean %s  p50 %s  p90 %s  p95 %s  p99 %s  p99.9 %s  max %s%n",
                ms(l.mean()), ms(l.p50()), ms(l.p90()), ms(l.p95()), ms(l.p99()), ms(l.p99_9()), ms(l.max())));
        if (r.endpoints().size() > 1) {
            r.endpoints().forEach((name, s) -> b.append(String.format(Locale.ROOT, "    %-12s %,9d requests  mean %s  p99 %s ms%n",
                    name, s.requests(), ms(s.latencyMs().mean()), ms(s.latencyMs().p99()))));
        }
        r.components().forEach((name, c) -> {
            var lc = c.lifecycle();
            boolean varied = lc.launches() + lc.scaleIns() > 0
                    || c.instancesPeak() != c.replicas() || Math.abs(c.instancesMean() - c.replicas()) > 1e-9;
            String size = varied ? String.format(Locale.ROOT, "%.2f instances (peak %d)", c.instancesMean(), c.instancesPeak())
                    : String.valueOf(c.replicas());
            b.append(String.format(Locale.ROOT,
                    "  %-12s %s × %d workers, %d cores: utilisation %.3f  cpu %.3f  queue %.2f  in service+queue %.2f%n",
                    name, size, c.concurrency(), c.cores(), c.utilisation(), c.cpu(), c.queueMean(), c.inSystemMean()));
            var life = c.lifecycle();
            if (life.scaleOuts() + life.scaleIns() + life.crashes() + life.interruptions() + life.lost() > 0) {
                b.append(String.format(Locale.ROOT,
                        "  %-12s scale-outs %d  scale-ins %d  launches %d  crashes %d  spot interruptions %d  lost %d%n",
                        "", life.scaleOuts(), life.scaleIns(), life.launches(), life.crashes(), life.interruptions(), life.lost()));
            }
            for (var p : c.pools()) {
                b.append(String.format(Locale.ROOT,
                        "  %-12s pool to %s: %d per instance, open %.2f short %.2f (mean)  calls %,d  waited %,d  wait mean %s p99 %s ms"
                                + "  pool timeouts %,d%n", "", p.callee(), p.size(), p.connectionsMean(), p.connectionsShort(), p.calls(),
                        p.waited(), ms(p.waitMeanMs()), ms(p.waitP99Ms()), p.poolTimeouts()));
            }
            if (c.connections() != null) {
                b.append(String.format(Locale.ROOT, "  %-12s connections from pools: peak %d  refused %,d%n", "", c.connections().peak(),
                        c.connections().refused()));
            }
        });
        for (io.headroom.run.RolloutFigures ro : r.rollouts()) {
            b.append(String.format(Locale.ROOT, "  rollout    %s %s at %.0f s: %s%s; during it %,d requests, %,d errors, p99 %s ms;"
                            + " peak %s, fewest ready %s%s%n", ro.service(), ro.strategy(), ro.atS(), ro.outcome(),
                    ro.durationS() == null ? "" : String.format(Locale.ROOT, " after %.1f s", ro.durationS()), ro.requests(), ro.errors(),
                    ro.p99Ms() == null ? "-" : ms(ro.p99Ms()), count(ro.peakInstances()), count(ro.minReady()),
                    ro.extraCostUsd() == null ? "" : String.format(Locale.ROOT, ", extra $%.4f", ro.extraCostUsd())));
        }
        r.databases().forEach((name, d) -> b.append(String.format(Locale.ROOT,
                "  database   %s: reads %,d (stale %,d, %s)  writes %,d  failovers %d  writes unavailable %s  writes lost %,d"
                        + "  replica lag ms mean %s  p99 %s  max %s  backups %d%n", name, (long) d.reads(), (long) d.staleReads(),
                Double.isNaN(d.staleReadRatio()) ? "-" : String.format(Locale.ROOT, "%.3f%%", 100 * d.staleReadRatio()), (long) d.writes(),
                (long) d.failovers(), seconds(d.unavailableS()), (long) d.writesLost(), ms(d.replicaLagMs().mean()),
                ms(d.replicaLagMs().p99()), ms(d.replicaLagMs().max()), (long) d.backups())));
        r.cdns().forEach((name, c) -> {
            StringBuilder edges = new StringBuilder();
            if (c.edges().size() > 1) {
                c.edges().forEach((e, x) -> edges.append(String.format(Locale.ROOT, "  %s %s", e,
                        Double.isNaN(x.hitRatio()) ? "-" : String.format(Locale.ROOT, "%.3f", x.hitRatio()))));
            }
            b.append(String.format(Locale.ROOT, "  cdn        %s: requests %,d  hit ratio %s%s  %.3f GB out  cost $%.4f%n", name, c.requests(),
                    Double.isNaN(c.hitRatio()) ? "-" : String.format(Locale.ROOT, "%.3f", c.hitRatio()), edges, c.bytesOut() / (double) (1L << 30),
                    c.costUsd()));
        });
        if (r.regions() != null) {
            r.regions().regions().forEach((name, g) -> {
                var q = g.served();
                b.append(String.format(Locale.ROOT, "  region     %s: users %.1f%%  served %,d  errors %,d  p50 %s  p99 %s ms  cost $%.4f%n",
                        name, 100 * g.usersShare(), q.requests(), q.errorTotal(), ms(q.latencyMs().p50()), ms(q.latencyMs().p99()),
                        g.costUsd()));
            });
            r.regions().routing().forEach((router, rt) -> rt.healthChanges().forEach(h -> b.append(String.format(Locale.ROOT,
                    "  %-10s %s %s at %.0f s%n", router, h.region(), h.healthy() ? "healthy" : "unhealthy", h.atS()))));
        }
        if (r.cost() != null && r.cost().totalUsd() > 0) {
            var cost = r.cost();
            b.append(String.format(Locale.ROOT, "  cost       $%.4f total  $%.4f/h  $%,.2f/month  $%.4f per million requests  idle $%.4f%n",
                    cost.totalUsd(), cost.perHourUsd(), io.headroom.result.Summary.Cost.perMonth(cost.perHourUsd()),
                    cost.perMillionRequestsUsd(), cost.idleUsd()));
        }
        if (r.cost() != null) {
            b.append(allocation(r.cost()));
        }
        if (r.iterations() != null) { // a k6 profile's iterations, as k6 counts them (the whole run)
            b.append(String.format(Locale.ROOT, "  iterations %,d completed  %,d interrupted  %,d dropped (k6 dropped_iterations)%n",
                    r.iterations().completed(), r.iterations().interrupted(), r.iterations().dropped()));
        }
        for (SloVerdict slo : r.slos()) {
            b.append("  SLO ").append(describe(slo)).append('\n');
        }
        for (Incident i : r.incidents()) {
            b.append(String.format(Locale.ROOT, "  INCIDENT %.0f–%.0f s (%s): %s, worst %s%n", i.startS(), i.endS(),
                    seconds(i.endS() - i.startS()), i.slo(), worst(i.slo(), i.worstValue())));
            for (String cause : i.causes()) {
                b.append("           ").append(cause).append('\n');
            }
        }
        for (String w : r.warnings()) {
            b.append("  WARNING: ").append(w).append('\n');
        }
        return b.toString();
    }

    /**
     * The roll-ups by tag ({@code cost by team: checkout $1.23 ($448.95/month), ..., unallocated $0.00}) and the budget
     * (the projected month, over or within, and the day each alert fires); empty without tags or budget.
     */
    static String allocation(io.headroom.pricing.CostSummary cost) {
        StringBuilder b = new StringBuilder();
        cost.allocation().forEach((key, r) -> {
            StringBuilder line = new StringBuilder();
            r.values().forEach((v, usd) -> line.append(line.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "%s $%,.2f ($%,.2f/month)", v, usd, r.perMonth().get(v))));
            line.append(line.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "unallocated $%,.2f ($%,.2f/month)",
                    r.unallocated(), r.unallocatedPerMonth()));
            b.append("  cost by ").append(key).append(": ").append(line).append(" [shared: ").append(cost.allocationRule())
                    .append("]\n");
        });
        io.headroom.pricing.BudgetProjection budget = cost.budget();
        if (budget != null) {
            b.append(String.format(Locale.ROOT, "  budget     $%,.2f/month: projected $%,.2f (%.1f%%) — %s%n", budget.monthlyUsd(),
                    budget.projectedUsd(), 100 * budget.share(), budget.overBudget() ? "OVER BUDGET" : "within budget"));
            StringBuilder alerts = new StringBuilder();
            for (io.headroom.pricing.BudgetProjection.Alert a : budget.alerts()) {
                alerts.append(alerts.length() == 0 ? "" : ", ").append(CostSection.percent(a.threshold())).append(' ')
                        .append(a.day() == null ? "not reached" : "day " + a.day());
            }
            b.append("  alerts     ").append(alerts).append('\n');
        }
        return b.toString();
    }

    /** One SLO's verdict for people: the value and, for windows and budgets, how they went. */
    static String describe(SloVerdict v) {
        if (v.budget() != null) {
            SloVerdict.Budget b = v.budget();
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: %s good of %,d (target %s), budget spent %s, %s",
                    v.expr(), Double.isNaN(b.goodFraction()) ? "no requests" : String.format(Locale.ROOT, "%.4f %%", 100 * b.goodFraction()),
                    b.events(), percent(b.target()), Double.isNaN(b.budgetSpent()) ? "-" : String.format(Locale.ROOT, "%.1f %%",
                            100 * b.budgetSpent()), v.met() ? "met" : "MISSED"));
            for (SloVerdict.Alert a : b.alerts()) {
                s.append(String.format(Locale.ROOT, "%n      alert %s fired at %s%s", a.rule(), seconds(a.firedAtS()),
                        Double.isNaN(a.resolvedAtS()) ? ", still firing at the end" : ", resolved at " + seconds(a.resolvedAtS())));
            }
            for (SloVerdict.Rule rule : b.rules()) {
                if (rule.status().equals("not_evaluable")) {
                    s.append(String.format(Locale.ROOT, "%n      alert %s not evaluable: the run is shorter than %s", rule.rule(),
                            seconds(rule.longS())));
                }
            }
            return s.toString();
        }
        Slo slo = Slo.parse(v.expr());
        if (v.windows() == null) {
            return slo.describe(v.value());
        }
        SloVerdict.Windows w = v.windows();
        if (w.judged() == 0) {
            return String.format(Locale.ROOT, "%s: no window had %d requests to judge, MISSED", v.expr(), slo.minRequests());
        }
        return String.format(Locale.ROOT, "%s: worst %s window %s at %s, %s (%d of %d windows missed it, %s)", v.expr(),
                seconds(w.windowS()), worst(v.expr(), w.worstValue()), seconds(w.worstWindowStartS()), v.met() ? "met" : "MISSED",
                w.violating(), w.judged(), seconds(w.violatingS()));
    }

    private static String worst(String expr, double value) {
        String unit;
        try {
            unit = Slo.parse(expr).unit();
        } catch (IllegalArgumentException e) {
            unit = "";
        }
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f%s", value, unit);
    }

    private static String percent(double fraction) {
        String s = String.format(Locale.ROOT, "%.4f", 100 * fraction).replaceAll("0+$", "");
        return (s.endsWith(".") ? s.substring(0, s.length() - 1) : s) + "%";
    }

    /** A count as written: whole for one run, with a decimal when it is a mean over replications. */
    private static String count(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String seconds(double s) {
        if (s >= 3600 && s % 3600 == 0) {
            return String.format(Locale.ROOT, "%.0f h", s / 3600);
        }
        if (s >= 60 && s % 60 == 0) {
            return String.format(Locale.ROOT, "%.0f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
