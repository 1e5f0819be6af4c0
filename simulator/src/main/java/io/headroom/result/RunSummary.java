package io.headroom.result;

import io.headroom.pricing.CostLedger;
import io.headroom.request.ErrorCause;
import io.headroom.slo.Incident;
import io.headroom.slo.SloVerdict;
import io.headroom.run.Checks;
import io.headroom.run.RunResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run's {@link Summary}: the figures of a {@link RunResult} rounded as {@code summary.json}
 * shows them (seconds, ratios and rates to 6 decimals, milliseconds to 4), so that the same run
 * gives the same bytes and a summary read back from its file is the summary written.
 */
public final class RunSummary {
    private RunSummary() {
    }

    public static Summary of(RunResult r) {
        Summary.Run run = new Summary.Run(Summary.SCHEMA_VERSION, r.design(), r.profile(), r.seed(), round(r.simulatedS(), 6),
                round(r.warmupS(), 6), round(r.drainedS(), 6), r.stoppedEarlyS() == null ? null : round(r.stoppedEarlyS(), 6),
                r.events(), r.peakInFlight());
        Map<String, Summary.Requests> endpoints = new LinkedHashMap<>();
        r.endpoints().forEach((name, e) -> endpoints.put(name, requests(e)));
        Map<String, Summary.Component> components = new LinkedHashMap<>();
        r.components().forEach((name, s) -> components.put(name, service(s)));
        r.caches().forEach((name, c) -> components.put(name, new Summary.Cache(round(c.hitRatio(), 6), c.lookups(), c.crashes(),
                c.bypassed(), c.writes() == null ? null : (double) c.writes(), c.invalidations() == null ? null : (double) c.invalidations())));
        r.cdns().forEach((name, c) -> {
            Map<String, Summary.CdnEdge> edges = new LinkedHashMap<>();
            c.edges().forEach((e, f) -> edges.put(e, new Summary.CdnEdge(f.requests(), round(f.hitRatio(), 6))));
            components.put(name, new Summary.Cdn(round(c.hitRatio(), 6), c.requests(), c.hits(), edges,
                    round(c.bytesOut() / (double) (1L << 30), 6), round(c.costUsd(), 6)));
        });
        Summary.Cost cost = null;
        if (r.cost() != null) {
            var c = r.cost();
            Map<String, Double> byComponent = new LinkedHashMap<>();
            new TreeMap<>(c.byComponent()).forEach((k, v) -> byComponent.put(k, round(v, 6)));
            Map<String, Double> byMarket = new LinkedHashMap<>();
            CostLedger.MARKETS.forEach(k -> byMarket.put(k, round(c.byMarket().getOrDefault(k, 0.0), 6)));
            if (c.byMarket().containsKey(CostLedger.STORAGE)) {
                byMarket.put(CostLedger.STORAGE, round(c.byMarket().get(CostLedger.STORAGE), 6));
            }
            if (c.byMarket().containsKey(CostLedger.TRANSFER)) {
                byMarket.put(CostLedger.TRANSFER, round(c.byMarket().get(CostLedger.TRANSFER), 6));
            }
            if (c.byMarket().containsKey(CostLedger.CDN)) {
                byMarket.put(CostLedger.CDN, round(c.byMarket().get(CostLedger.CDN), 6));
            }
            Map<String, io.headroom.pricing.StorageFigures> storage = new LinkedHashMap<>();
            c.storage().forEach((k, f) -> storage.put(k, storage(f)));
            Summary.Allocation allocation = null;
            if (c.allocationRule() != null) {
                Map<String, Summary.TagRollup> byTag = new LinkedHashMap<>();
                c.allocation().forEach((k, t) -> {
                    Map<String, Map<String, Double>> shared = new LinkedHashMap<>();
                    t.splits().forEach((line, split) -> {
                        Map<String, Double> m = new LinkedHashMap<>();
                        split.forEach((v, f) -> m.put(v, round(f, 6)));
                        shared.put(line, m);
                    });
                    byTag.put(k, new Summary.TagRollup(t.values(), t.unallocated(), t.perMonth(), t.unallocatedPerMonth(), shared));
                });
                allocation = new Summary.Allocation(c.allocationRule(), byTag);
            }
            io.headroom.pricing.BudgetProjection budget = c.budget() == null ? null : new io.headroom.pricing.BudgetProjection(
                    c.budget().monthlyUsd(), round(c.budget().projectedUsd(), 6), c.budget().alerts().stream()
                    .map(a -> new io.headroom.pricing.BudgetProjection.Alert(a.threshold(), round(a.usd(), 6),
                            a.hour() == null ? null : round(a.hour(), 4), a.day())).toList());
            double perHour = round(c.perHourUsd(), 6);
            cost = new Summary.Cost(round(c.totalUsd(), 6), perHour, round(c.perMillionRequestsUsd(), 6),
                    round(c.idleUsd(), 6), byComponent, byMarket, storage, Summary.Cost.perMonth(perHour), allocation, budget);
        }
        List<Summary.SloResult> slo = r.slos().stream().map(RunSummary::slo).toList();
        List<Incident> incidents = r.incidents().stream().map(i -> new Incident(round(i.startS(), 3), round(i.endS(), 3), i.slo(),
                round(i.worstValue(), 4), i.causes())).toList();
        return new Summary(run, requests(r.overall()), endpoints, components, cost, slo, incidents, List.copyOf(r.unstable()),
                List.copyOf(r.warnings()), null, null, null, checks(r.checks()), cluster(r.cluster()), rollouts(r.rollouts()),
                databases(r.databases()), regions(r.regions()), r.iterations() == null ? null
                : new Summary.Iterations(r.iterations().completed(), r.iterations().interrupted(), r.iterations().dropped()));
    }

    /** The regions rounded as the summary writes them (shares and money to 6 places, seconds to 3). */
    private static Summary.Regions regions(io.headroom.run.RegionFigures f) {
        if (f == null) {
            return null;
        }
        Map<String, Summary.Region> regions = new LinkedHashMap<>();
        f.regions().forEach((name, r) -> regions.put(name, new Summary.Region(round(r.usersShare(), 6), requests(r.served()),
                round(r.costUsd(), 6))));
        Map<String, io.headroom.run.RegionFigures.Routing> routing = new LinkedHashMap<>();
        f.routing().forEach((name, r) -> routing.put(name, new io.headroom.run.RegionFigures.Routing(r.served(), r.healthChanges().stream()
                .map(h -> new io.headroom.run.RegionFigures.HealthChange(h.region(), round(h.atS(), 3), h.healthy())).toList())));
        return new Summary.Regions(regions, routing);
    }

    /** The databases rounded as the summary writes them (seconds and ratios to 6 places, milliseconds to 4). */
    private static Map<String, io.headroom.run.DatabaseFigures> databases(Map<String, io.headroom.run.DatabaseFigures> in) {
        Map<String, io.headroom.run.DatabaseFigures> out = new LinkedHashMap<>();
        in.forEach((name, d) -> out.put(name, new io.headroom.run.DatabaseFigures(d.reads(), d.writes(), d.staleReads(),
                round(d.staleReadRatio(), 6), d.failovers(), round(d.unavailableS(), 6), d.unavailableWrites(), d.unavailableReads(),
                d.writesLost(),
                new io.headroom.run.DatabaseFigures.Lag(round(d.replicaLagMs().mean(), 4), round(d.replicaLagMs().p99(), 4),
                        round(d.replicaLagMs().max(), 4)), d.backups())));
        return out;
    }

    /** A store's figures rounded as the summary writes them (GB and money to 6 places, objects to 3). */
    private static io.headroom.pricing.StorageFigures storage(io.headroom.pricing.StorageFigures f) {
        Map<String, Double> byClass = new LinkedHashMap<>();
        f.byClass().forEach((k, v) -> byClass.put(k, round(v, 6)));
        return new io.headroom.pricing.StorageFigures(f.type(), round(f.gbStart(), 6), round(f.gbEnd(), 6), round(f.usd(), 6), byClass,
                round(f.provisionedUsd(), 6), round(f.transitions(), 3), round(f.transitionUsd(), 6), round(f.retrievalGb(), 6),
                round(f.retrievalUsd(), 6));
    }

    /** The rollouts rounded as the summary writes them (seconds to 3 places, hours and money to 6). */
    private static List<io.headroom.run.RolloutFigures> rollouts(List<io.headroom.run.RolloutFigures> in) {
        return in.stream().map(f -> new io.headroom.run.RolloutFigures(f.service(), f.strategy(), round(f.atS(), 3), f.outcome(),
                f.durationS() == null ? null : round(f.durationS(), 3), f.switchedAtS() == null ? null : round(f.switchedAtS(), 3),
                f.abortedAtS() == null ? null : round(f.abortedAtS(), 3), f.failedMeasurements(), f.peakInstances(), f.peakNodes(),
                f.minReady(),
                f.requests(), f.errors(), f.p99Ms() == null ? null : round(f.p99Ms(), 3), round(f.extraInstanceHours(), 6),
                f.extraNodeHours() == null ? null : round(f.extraNodeHours(), 6),
                f.extraCostUsd() == null ? null : round(f.extraCostUsd(), 6), f.steps())).toList();
    }

    /** The cluster's figures rounded as the summary writes them (node-hours and money to 6 places, fractions to 4). */
    private static io.headroom.cluster.ClusterFigures cluster(io.headroom.cluster.ClusterFigures c) {
        if (c == null) {
            return null;
        }
        Map<String, io.headroom.cluster.ClusterFigures.Pool> pools = new LinkedHashMap<>();
        c.pools().forEach((k, p) -> pools.put(k, new io.headroom.cluster.ClusterFigures.Pool(round(p.nodesMean(), 4), p.nodesPeak(),
                round(p.nodeHours(), 6), round(p.costUsd(), 6), round(p.cpuRequested(), 4), round(p.cpuUsed(), 4),
                round(p.idleUsd(), 6))));
        Map<String, Double> allocated = new LinkedHashMap<>();
        c.allocatedCostUsd().forEach((k, v) -> allocated.put(k, round(v, 6)));
        Map<String, io.headroom.cluster.ClusterFigures.Vpa> vpa = new LinkedHashMap<>();
        c.vpa().forEach((k, v) -> vpa.put(k, new io.headroom.cluster.ClusterFigures.Vpa(v.targetMilli(), v.lowerMilli(),
                v.upperMilli(), round(v.historyDays(), 4), v.enoughHistory(), v.evictions(), v.resizes(), v.resizeFallbacks())));
        Map<String, io.headroom.cluster.ClusterFigures.Throttling> throttling = new LinkedHashMap<>();
        c.throttling().forEach((k, v) -> throttling.put(k, new io.headroom.cluster.ClusterFigures.Throttling(v.throttledPeriods(),
                round(v.throttledS(), 6), round(v.throttledMsPerRequest(), 6))));
        io.headroom.cluster.ClusterFigures.PendingTimes t = c.pendingS();
        return new io.headroom.cluster.ClusterFigures(pools, c.podsPendingPeak(),
                new io.headroom.cluster.ClusterFigures.PendingTimes(round(t.p50(), 3), round(t.p95(), 3), round(t.max(), 3), t.pods()),
                c.preemptions(), c.evictions(), c.spotInterruptions(), allocated, vpa, null, karpenter(c.karpenter()),
                throttling);
    }

    private static Map<String, io.headroom.cluster.ClusterFigures.KarpenterPool> karpenter(
            Map<String, io.headroom.cluster.ClusterFigures.KarpenterPool> k) {
        Map<String, io.headroom.cluster.ClusterFigures.KarpenterPool> out = new LinkedHashMap<>();
        k.forEach((pool, p) -> {
            Map<String, Double> hours = new LinkedHashMap<>();
            p.nodeHoursByOffering().forEach((o, h) -> hours.put(o, round(h, 6)));
            out.put(pool, new io.headroom.cluster.ClusterFigures.KarpenterPool(p.nodeClaims(), p.emptyDeletes(), p.underutilizedDeletes(),
                    p.replaces(), p.nodesConsolidated(), p.expired(), hours));
        });
        return out;
    }

    private static Summary.Checks checks(Checks c) {
        if (c == null) {
            return null;
        }
        Map<String, Summary.Balance> components = new LinkedHashMap<>();
        c.components().forEach((name, b) -> {
            EnumMap<ErrorCause, Double> errors = new EnumMap<>(ErrorCause.class);
            b.failed().forEach((cause, n) -> errors.put(cause, (double) n));
            components.put(name, new Summary.Balance(b.received(), b.answered(), b.passedOn(), errors, b.inside()));
        });
        Map<String, Summary.Little> littles = new LinkedHashMap<>();
        c.componentLittle().forEach((name, l) -> littles.put(name, little(l)));
        Checks.Balance o = c.overall();
        EnumMap<ErrorCause, Double> errors = new EnumMap<>(ErrorCause.class);
        o.errors().forEach((cause, n) -> errors.put(cause, (double) n));
        return new Summary.Checks(c.passed(), c.failures(), null,
                new Summary.Balance(o.requests(), o.completed(), Double.NaN, errors, o.inFlight()), components,
                little(c.overallLittle()), littles);
    }

    private static Summary.Little little(Checks.Little l) {
        return new Summary.Little(l.integralNs() / 1e9, l.sumNs() / 1e9, l.relativeError());
    }

    private static Summary.SloResult slo(SloVerdict v) {
        SloVerdict.Windows w = v.windows();
        SloVerdict.Windows windows = w == null ? null : new SloVerdict.Windows(round(w.windowS(), 3), w.judged(),
                round(w.worstWindowStartS(), 3), round(w.worstValue(), 4), w.violating(), round(w.violatingS(), 3));
        SloVerdict.Budget b = v.budget();
        SloVerdict.Budget budget = b == null ? null : new SloVerdict.Budget(b.target(), b.periodS(), b.events(), b.bad(),
                round(b.goodFraction(), 8), round(b.budgetSpent(), 6), b.rules(),
                b.alerts().stream().map(a -> new SloVerdict.Alert(a.rule(), round(a.firedAtS(), 3), round(a.resolvedAtS(), 3))).toList());
        return new Summary.SloResult(v.expr(), round(v.value(), 4), v.met(), windows, budget, Double.NaN);
    }

    private static Summary.Requests requests(RunResult.RequestStats s) {
        EnumMap<ErrorCause, Double> errors = new EnumMap<>(ErrorCause.class);
        s.errors().forEach((cause, n) -> errors.put(cause, (double) n));
        var l = s.latencyMs();
        return new Summary.Requests(s.requests(), s.completed(), s.attempts(), errors, s.inFlight(), round(s.throughputPerS(), 6),
                new Summary.Latency(round(l.mean(), 4), round(l.p50(), 4), round(l.p90(), 4), round(l.p95(), 4), round(l.p99(), 4),
                        round(l.p99_9(), 4), round(l.max(), 4)));
    }

    private static Summary.Service service(RunResult.ServiceStats s) {
        List<Double> perInstance = new ArrayList<>();
        s.instanceRequests().forEach(n -> perInstance.add((double) n));
        List<Summary.Shard> shards = s.shards() == null ? null
                : s.shards().stream().map(x -> new Summary.Shard(round(x.utilisation(), 6), x.requests())).toList();
        var life = s.lifecycle();
        return new Summary.Service(s.replicas(), s.concurrency(), s.cores(), round(s.utilisation(), 6), round(s.cpu(), 6),
                round(s.instancesMean(), 6), s.instancesPeak(), round(s.queueMean(), 6), round(s.instanceHours(), 6),
                round(s.arrivalRatePerS(), 6), round(s.inSystemMean(), 6), round(s.sojournMeanMs(), 4), s.rejected(),
                s.timedOut(), s.attempts(), s.callsNotPermitted(), life.lost(), life.crashes(), life.interruptions(),
                life.launches(), life.scaleOuts(), life.scaleIns(), perInstance, shards,
                shards == null ? Double.NaN : round(s.hottestShardUtilisation(), 6), pools(s.pools()),
                s.connections() == null ? null : new Summary.Connections(s.connections().refused(), s.connections().peak()));
    }

    /** A service's pools by callee (ms to 4 places, time averages to 6), or null without any. */
    private static Map<String, Summary.Pool> pools(List<RunResult.PoolStats> pools) {
        if (pools.isEmpty()) {
            return null;
        }
        Map<String, Summary.Pool> out = new LinkedHashMap<>();
        for (RunResult.PoolStats p : pools) {
            out.put(p.callee(), new Summary.Pool(p.size(), p.calls(), p.waited(), round(p.waitMeanMs(), 4), round(p.waitP99Ms(), 4),
                    p.poolTimeouts(), round(p.connectionsMean(), 6), round(p.connectionsShort(), 6)));
        }
        return out;
    }

    /** {@code x} rounded half-up to {@code places} decimals; NaN and infinities are no value (NaN). */
    public static double round(double x, int places) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.NaN;
        }
        return new BigDecimal(x).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }
}
