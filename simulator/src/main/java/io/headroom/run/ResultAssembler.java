package io.headroom.run;

import io.headroom.database.Database;
import io.headroom.design.Design;
import io.headroom.design.Slo;
import io.headroom.engine.Simulation;
import io.headroom.fleet.Fleet;
import io.headroom.load.LoadProfile;
import io.headroom.metrics.LatencyStats;
import io.headroom.metrics.RequestMetrics;
import io.headroom.model.Model;
import io.headroom.pricing.CostSummary;
import io.headroom.request.Component;
import io.headroom.request.ErrorCause;
import io.headroom.request.Requests;
import io.headroom.service.ConnectionLimit;
import io.headroom.service.PoolFigures;
import io.headroom.service.ServiceAreas;
import io.headroom.service.ServiceFigures;
import io.headroom.service.ServiceStation;
import io.headroom.design.SloSpec;
import io.headroom.slo.SloCheck;
import io.headroom.slo.SloMonitor;
import io.headroom.slo.SloVerdict;
import io.headroom.yaml.Durations;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The summary of a replication. Two periods are involved, and each figure says which it covers:
 * request counts and latencies are those of the requests that <em>arrived</em> in the measured
 * period [warm-up, end of profile), followed to completion through the drain; throughput and the
 * time averages (utilisation, cpu, queue, in system) are what happened <em>inside</em> that period.
 * A period that is empty (the in-flight guard tripped during the warm-up) gives no figures (NaN).
 */
final class ResultAssembler {
    /** What the replication ran: the design and profile, and the options it ran with. */
    record Run(Design design, LoadProfile profile, long seed, RunOptions options) {
    }

    /** What the replication measured and where it kept it. */
    record Measures(Simulation sim, Requests requests, RequestMetrics metrics, Set<Integer> reported, LoadDriver driver,
                    MeasuredPeriod period, StabilityCheck stability, SelfChecks checks, SloMonitor slos, RolloutWatch rollouts) {
    }

    private final Run run;
    private final Model model;
    private final Measures m;
    private final long warmupNs;
    private final long horizonNs;

    ResultAssembler(Run run, Model model, Measures measures) {
        this.run = run;
        this.model = model;
        this.m = measures;
        warmupNs = run.profile().warmup().toNanos();
        horizonNs = run.profile().duration().toNanos();
    }

    /**
     * The SLO verdicts in design order: whole-run ones from the figures (overall or the endpoint's),
     * windowed ones and error budgets from what {@code findings} followed through the run.
     */
    private List<SloVerdict> verdicts(RunResult.RequestStats overall, Map<String, RunResult.RequestStats> endpoints,
                                      CostSummary cost, SloMonitor.Findings findings) {
        List<SloVerdict> out = new ArrayList<>();
        int w = 0;
        int b = 0;
        for (SloSpec spec : run.design().slos()) {
            if (!spec.isExpression()) {
                out.add(findings.budgets().get(b++));
                continue;
            }
            Slo slo = spec.slo();
            if (slo.windowed()) {
                out.add(findings.windowed().get(w++));
            } else if (slo.endpoint() == null) {
                out.add(SloCheck.check(slo, overall.latencyMs(), overall.requests(), overall.errorTotal(), cost));
            } else {
                RunResult.RequestStats e = endpoints.get(slo.endpoint());
                out.add(e == null ? SloVerdict.of(slo.expression(), Double.NaN, false)
                        : SloCheck.check(slo, e.latencyMs(), e.requests(), e.errorTotal(), cost));
            }
        }
        return out;
    }

    /** The summary of a replication that ended as {@code outcome} says. */
    RunResult assemble(Replication.Outcome outcome) {
        SloMonitor.Findings findings = m.slos() == null ? null : m.slos().finish();
        long overflowAt = outcome.overflowAtNs();
        long end = outcome.endNs();
        long measuredEnd = overflowAt >= 0 ? overflowAt : horizonNs;
        double measuredS = Math.max(0, measuredEnd - warmupNs) / 1e9;
        double perSecond = measuredS > 0 ? 1 / measuredS : Double.NaN;
        String[] names = m.metrics().endpoints();
        Map<String, RunResult.RequestStats> endpoints = new LinkedHashMap<>();
        long[] totalErrors = new long[ErrorCause.values().length];
        long[] inFlight = inFlightByEndpoint(names.length);
        long totalInFlight = 0;
        long totalRequests = 0;
        long totalCompleted = 0;
        long totalCompletedInPeriod = 0;
        long totalAttempts = 0;
        for (int i : m.reported()) {
            EnumMap<ErrorCause, Long> errors = new EnumMap<>(ErrorCause.class);
            for (ErrorCause c : ErrorCause.all()) {
                long n = m.metrics().errors(i, c);
                errors.put(c, n);
                totalErrors[c.ordinal()] += n;
            }
            long req = m.metrics().requests(i);
            long done = m.metrics().completed(i);
            totalRequests += req;
            totalCompleted += done;
            totalInFlight += inFlight[i];
            totalCompletedInPeriod += m.metrics().completedInPeriod(i);
            long attempts = req + m.requests().callAttempts(i);
            totalAttempts += attempts;
            endpoints.put(names[i], new RunResult.RequestStats(req, done, attempts, errors, inFlight[i],
                    m.metrics().completedInPeriod(i) * perSecond, m.metrics().latency(i).summary()));
        }
        EnumMap<ErrorCause, Long> errors = new EnumMap<>(ErrorCause.class);
        for (ErrorCause c : ErrorCause.all()) {
            errors.put(c, totalErrors[c.ordinal()]);
        }
        RunResult.RequestStats overall = new RunResult.RequestStats(totalRequests, totalCompleted, totalAttempts, errors,
                totalInFlight, totalCompletedInPeriod * perSecond, m.metrics().overallLatency().summary());

        List<String> unstable = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String mix = run.profile().mixNormalisation();
        if (mix != null) {
            warnings.add(mix);
        }
        Checks checks = m.checks().judge(outcome, overall, m.period());
        for (String failure : checks.failures()) {
            warnings.add(Checks.warning(failure));
        }
        Map<String, RunResult.ServiceStats> components = new LinkedHashMap<>();
        double horizonS = horizonNs / 1e9;
        double simulatedS = overflowAt >= 0 ? overflowAt / 1e9 : horizonS;
        double ns = measuredEnd > warmupNs ? measuredEnd - warmupNs : Double.NaN;
        for (Map.Entry<String, List<ServiceStation>> u : model.units().entrySet()) {
            components.put(u.getKey(), serviceStats(u.getKey(), u.getValue(), overflowAt, ns, perSecond, unstable, warnings));
        }
        Double stoppedEarly = null;
        if (overflowAt >= 0) {
            stoppedEarly = overflowAt / 1e9;
            StabilityCheck.stoppedEarly(model.units(), run.design().entry(), overflowAt, warmupNs, run.profile().duration(),
                    m.requests().limit(), m.driver().stoppedByUsers(), unstable, warnings);
        } else if (m.requests().live() > 0 || m.driver().activeUsers() > 0) {
            warnings.add(m.requests().live() + " requests (" + m.driver().activeUsers() + " users) were still in flight "
                    + Durations.format(run.options().drainLimit())
                    + " after the profile ended; they are counted as in flight, and the latency figures, which cover"
                    + " completed requests only, are a lower bound");
        }
        Map<String, Double> busy = new LinkedHashMap<>();
        // the busier of workers and cores: whichever binds is what the instances were used for
        components.forEach((n, c) -> busy.put(n, Math.max(Double.isNaN(c.utilisation()) ? 0.0 : c.utilisation(),
                Double.isNaN(c.cpu()) ? 0.0 : c.cpu())));
        // a cache's nodes hold its keys: what they are bought for is memory, not idle while they answer
        model.cacheStations().keySet().forEach(n -> busy.put(n, 1.0));
        if (model.cluster() != null) {
            busy.putAll(model.cluster().allocatedShares(overflowAt >= 0 ? overflowAt : horizonNs, clusterBusyCores(overflowAt)));
        }
        long endNs = overflowAt >= 0 ? overflowAt : horizonNs;
        model.credits().values().forEach(c -> c.finish(endNs)); // surplus credits still owed are billed
        model.credits().forEach((station, c) -> {
            if (c.heldSeconds() > 0) {
                warnings.add(String.format(java.util.Locale.ROOT, "%s: its burstable instances spent their CPU credits and were held to"
                        + " their baseline for %.1f instance-seconds (credits: standard; docs/performance.md)", station, c.heldSeconds()));
            }
            if (c.surplusCreditsBilled() > 0) {
                warnings.add(String.format(java.util.Locale.ROOT, "%s: its burstable instances burst past their CPU credits: %.2f surplus"
                        + " credits billed (credits: unlimited; market cpu-credits)", station, c.surplusCreditsBilled()));
            }
        });
        // the bill covers the profile from its start, warm-up included, and so do the requests it is divided by
        CostSummary cost = allocated(model.ledger().finish(endNs, busy, m.metrics().arrivals()), endNs);
        if (!model.unpriced().isEmpty() && model.priced()) { // a design with no instance type at all is simply not priced
            warnings.add("not priced (no instance type): " + String.join(", ", model.unpriced())
                    + "; give each an instance: {type: ...} from the catalogue for a complete cost");
        }
        io.headroom.cluster.ClusterFigures clusterFigures = clusterFigures(cost, overflowAt);
        return new RunResult(run.design().name(), run.profile().name(), run.seed(), simulatedS,
                warmupNs / 1e9, overflowAt >= 0 ? 0 : Math.max(0, (end - horizonNs) / 1e9), stoppedEarly, m.sim().processed(),
                m.requests().highWater(), m.sim().events().peakSlots(), overall, endpoints, components, caches(),
                verdicts(overall, endpoints, cost, findings), findings == null ? List.of() : findings.incidents(),
                unstable, warnings, cost, checks, clusterFigures, m.rollouts() == null ? List.of()
                        : RolloutCosts.figures(model, m.rollouts(), Math.min(m.sim().now(), horizonNs), horizonNs, components, cost,
                        clusterFigures),
                databases(overflowAt >= 0 ? overflowAt : horizonNs), cdns(cost), regions(cost, ns), m.driver().iterations());
    }

    /**
     * The bill with its roll-ups by tag (when a component is tagged) and its budget projection (when the design has a
     * budget); a run's bill is its own over {@code [0, endNs]}.
     */
    private CostSummary allocated(CostSummary cost, long endNs) {
        Design d = run.design();
        var spec = d.allocation();
        if (cost == null || spec.tags().isEmpty() && d.budget() == null) {
            return cost;
        }
        double hours = endNs / 3.6e12;
        Map<String, io.headroom.pricing.CostAllocation.Rollup> byTag = null;
        if (!spec.tags().isEmpty()) {
            Map<String, String> forwards = new LinkedHashMap<>();
            d.components().forEach((n, c) -> {
                if (c instanceof io.headroom.design.LoadBalancerSpec lb) {
                    forwards.put(n, lb.target());
                }
            });
            byTag = io.headroom.pricing.CostAllocation.of(cost.byComponent(), cost.totalUsd(), hours, spec,
                    model.tally() == null ? Map.of() : model.tally().received(), forwards);
        }
        io.headroom.pricing.BudgetProjection budget = d.budget() == null ? null
                : io.headroom.pricing.BudgetProjection.of(d.budget(), model.ledger().spendCurveHours(), model.ledger().spendCurveUsd(),
                hours, cost.totalUsd());
        return cost.with(spec.tags().isEmpty() ? null : spec.shared().yamlName(), byTag, budget);
    }

    /** Where a design with regions served its users (null without regions); {@code measuredNs} for the throughput. */
    private RegionFigures regions(CostSummary cost, double measuredNs) {
        io.headroom.model.Regional regional = model.regional();
        if (regional == null) {
            return null;
        }
        List<String> names = regional.regions().names();
        int n = names.size();
        long[] requests = new long[n];
        long[] completed = new long[n];
        long[][] errors = new long[n][ErrorCause.all().length];
        io.headroom.metrics.LatencyStats[] latency = new io.headroom.metrics.LatencyStats[n];
        for (int r = 0; r < n; r++) {
            latency[r] = new io.headroom.metrics.LatencyStats();
        }
        Map<String, RegionFigures.Routing> routing = new LinkedHashMap<>();
        for (Map.Entry<String, io.headroom.region.GlobalRouter> e : regional.routers().entrySet()) {
            io.headroom.region.RouterFigures f = e.getValue().figures();
            List<String> records = regional.routerRecords().get(e.getKey());
            int[] regionOf = e.getValue().recordRegions();
            for (int k = 0; k < records.size(); k++) {
                int r = regionOf[k];
                requests[r] += f.requests(k);
                completed[r] += f.completed(k);
                for (ErrorCause c : ErrorCause.all()) {
                    errors[r][c.ordinal()] += f.errors(k, c);
                }
                latency[r].add(f.latency(k));
            }
            Map<String, Map<String, Long>> served = new LinkedHashMap<>();
            for (int p = 0; p < n; p++) {
                Map<String, Long> row = new LinkedHashMap<>();
                for (int k = 0; k < records.size(); k++) {
                    row.put(records.get(k), f.routed(p, k));
                }
                served.put(names.get(p), row);
            }
            List<RegionFigures.HealthChange> changes = new ArrayList<>();
            for (io.headroom.region.RouterFigures.Detection d : f.detections()) {
                changes.add(new RegionFigures.HealthChange(records.get(d.record()), d.atNs() / 1e9, d.healthy()));
            }
            routing.put(e.getKey(), new RegionFigures.Routing(served, changes));
        }
        Map<String, Double> regionCost = new LinkedHashMap<>();
        names.forEach(r -> regionCost.put(r, 0.0));
        if (cost != null) {
            cost.byComponent().forEach((component, usd) -> {
                String r = regional.regions().regionOf(component);
                if (r != null) {
                    regionCost.merge(r, usd, Double::sum);
                }
            });
            for (io.headroom.pricing.UsageMeter u : model.ledger().usageMeters()) {
                if (u.region() != null && regionCost.containsKey(u.region())) {
                    regionCost.merge(u.region(), u.usd(), Double::sum);
                }
            }
        }
        double[] users = regional.regions().users();
        Map<String, RegionFigures.Region> out = new LinkedHashMap<>();
        for (int r = 0; r < n; r++) {
            EnumMap<ErrorCause, Long> byCause = new EnumMap<>(ErrorCause.class);
            long failed = 0;
            for (ErrorCause c : ErrorCause.all()) {
                byCause.put(c, errors[r][c.ordinal()]);
                failed += errors[r][c.ordinal()];
            }
            double throughput = Double.isNaN(measuredNs) || measuredNs <= 0 ? Double.NaN : completed[r] / (measuredNs / 1e9);
            RunResult.RequestStats st = new RunResult.RequestStats(requests[r], completed[r], requests[r], byCause,
                    Math.max(0, requests[r] - completed[r] - failed), throughput, latency[r].summary());
            out.put(names.get(r), new RegionFigures.Region(users[r], st, regionCost.get(names.get(r))));
        }
        return new RegionFigures(out, routing);
    }

    /** Edge {@code e} of {@code edges}: {@code edge} alone, else the region of the users it serves. */
    private String edgeName(int edges, int e) {
        if (model.regional() != null && edges == model.regional().regions().names().size()) {
            return model.regional().regions().names().get(e);
        }
        return edges == 1 ? "edge" : "edge-" + e;
    }

    /** Each CDN's figures: counted requests and hits per edge, bytes and bill over the run. */
    private Map<String, RunResult.CdnStats> cdns(CostSummary cost) {
        Map<String, RunResult.CdnStats> out = new LinkedHashMap<>();
        model.cdnStations().forEach((n, c) -> {
            Map<String, RunResult.CdnStats.Edge> edges = new LinkedHashMap<>();
            for (int e = 0; e < c.edges(); e++) {
                long req = c.requests(e);
                edges.put(edgeName(c.edges(), e), new RunResult.CdnStats.Edge(req,
                        req == 0 ? Double.NaN : (double) c.hits(e) / req));
            }
            out.put(n, new RunResult.CdnStats(c.hitRatio(), c.requests(), c.hits(), edges, c.bytesOut(),
                    cost.byComponent().getOrDefault(n, 0.0)));
        });
        return out;
    }

    /** Each database's figures over the measured period, {@code [warm-up end, end)}. */
    private Map<String, DatabaseFigures> databases(long endNs) {
        Map<String, DatabaseFigures> out = new LinkedHashMap<>();
        Component[] all = model.components();
        for (int k = 0; k < all.length; k++) {
            Component c = io.headroom.model.Model.unwrap(all[k]);
            if (c instanceof Database db) {
                LatencyStats lag = db.replicaLag();
                out.put(model.componentNames().get(k), new DatabaseFigures(db.reads(), db.writes(), db.staleReads(),
                        db.reads() == 0 ? Double.NaN : (double) db.staleReads() / db.reads(), db.failovers(warmupNs, endNs),
                        db.unavailableSeconds(warmupNs, endNs), db.writesRefused(), db.readsRefused(), db.writesLost(),
                        new DatabaseFigures.Lag(lag.meanNs() / 1e6, lag.percentileNs(99) / 1e6, lag.maxNs() / 1e6),
                        db.backups(warmupNs, endNs)));
            }
        }
        return out;
    }

    /** The cluster's figures over the billed period (the profile), or null without a cluster. */
    private io.headroom.cluster.ClusterFigures clusterFigures(CostSummary cost, long overflowAt) {
        if (model.cluster() == null) {
            return null;
        }
        return model.cluster().figures(overflowAt >= 0 ? overflowAt : horizonNs, cost.byComponent(), clusterBusyCores(overflowAt))
                .withThrottling(throttling(m.sim().now()));
    }

    /** Per service with a CPU limit, its pods' throttling over the whole run (as the requests it received), up to {@code end}. */
    private Map<String, io.headroom.cluster.ClusterFigures.Throttling> throttling(long end) {
        Map<String, io.headroom.cluster.ClusterFigures.Throttling> out = new LinkedHashMap<>();
        for (String service : model.cluster().placed().keySet()) {
            ServiceStation s = model.stations().get(service);
            io.headroom.service.PodCpu cpu = s.podCpu();
            if (cpu.limited()) {
                double stalled = cpu.throttledSeconds(end);
                out.put(service, new io.headroom.cluster.ClusterFigures.Throttling(cpu.throttledPeriods(), stalled,
                        s.received() > 0 ? stalled * 1000 / s.received() : 0));
            }
        }
        return out;
    }

    /** Each service on the cluster's busy-core integral over the billed period. */
    private Map<String, Double> clusterBusyCores(long overflowAt) {
        Map<String, Double> busy = new LinkedHashMap<>();
        for (String service : model.cluster().placed().keySet()) {
            busy.put(service, m.period().atEnd(model.stations().get(service), overflowAt).busyCores());
        }
        return busy;
    }

    /** One component's figures over the measured period ({@code ns} long, NaN if empty), summed over its stations. */
    private RunResult.ServiceStats serviceStats(String component, List<ServiceStation> unit, long overflowAt, double ns,
                                                double perSecond, List<String> unstable, List<String> warnings) {
        double busy = 0;
        double cores = 0;
        double queued = 0;
        double inSys = 0;
        double sojourn = 0;
        long departures = 0;
        long arrivals = 0;
        long rejected = 0;
        long timedOut = 0;
        long attempts = 0;
        long notPermitted = 0;
        double instanceArea = 0;
        double instanceAreaWhole = 0;
        int peak = 0;
        double workerSlots = 0;
        double coreSlots = 0;
        List<Long> perInstance = new ArrayList<>();
        List<RunResult.ShardStats> shards = new ArrayList<>();
        for (ServiceStation s : unit) {
            ServiceAreas atEnd = m.period().atEnd(s, overflowAt);
            ServiceAreas a = m.period().over(s, atEnd);
            ServiceFigures f = s.figures();
            busy += a.busyWorkers();
            cores += a.busyCores();
            queued += a.queued();
            inSys += a.inSystem();
            if (f.departures() > 0) {
                sojourn += f.meanSojournNs() * f.departures();
                departures += f.departures();
            }
            arrivals += f.arrivals();
            rejected += f.rejected();
            timedOut += f.timedOut();
            attempts += f.attempts();
            notPermitted += f.callsNotPermitted();
            instanceArea += a.instances();
            instanceAreaWhole += atEnd.instances();
            peak += f.peakPresent();
            workerSlots += a.servingWorkers();
            coreSlots += a.servingCores();
            for (long n : f.enteredPerInstance()) {
                perInstance.add(n);
            }
            shards.add(new RunResult.ShardStats(Double.isNaN(ns) ? Double.NaN : a.busyWorkers() / a.servingWorkers(), f.arrivals()));
            m.stability().checkGrowth(component, s, overflowAt, unstable, warnings);
        }
        ServiceStation first = unit.get(0);
        int replicas = unit.stream().mapToInt(ServiceStation::replicas).sum();
        return new RunResult.ServiceStats(replicas, first.workers(), first.cores(),
                Double.isNaN(ns) ? Double.NaN : busy / workerSlots, Double.isNaN(ns) ? Double.NaN : cores / coreSlots,
                instanceArea / ns, peak, queued / ns,
                instanceAreaWhole / 3.6e12, arrivals * perSecond, inSys / ns,
                departures == 0 ? Double.NaN : sojourn / departures / 1e6, rejected, timedOut, attempts, notPermitted,
                perInstance, model.isSharded(component) ? shards : null, lifecycle(unit), pools(unit, overflowAt, ns),
                connections(component));
    }

    /** The connection pools of a component's stations, their time averages over the measured period ({@code ns} long). */
    private List<RunResult.PoolStats> pools(List<ServiceStation> unit, long overflowAt, double ns) {
        List<RunResult.PoolStats> out = new ArrayList<>();
        for (ServiceStation s : unit) {
            List<PoolFigures> figures = s.pools();
            if (figures.isEmpty()) {
                continue;
            }
            double[] areas = m.period().poolAreas(s, overflowAt);
            for (int k = 0; k < figures.size(); k++) {
                PoolFigures f = figures.get(k);
                out.add(new RunResult.PoolStats(f.callee(), f.size(), f.calls(), f.waited(), f.waits().meanNs() / 1e6,
                        f.waits().percentileNs(99) / 1e6, f.timedOut(), areas[2 * k] / ns, areas[2 * k + 1] / ns));
            }
        }
        return out;
    }

    /** What callers' pools opened to {@code component}, or null when it has no bound and no pool reaches it. */
    private RunResult.ConnectionStats connections(String component) {
        ConnectionLimit limit = model.connectionLimits().get(component);
        return limit == null ? null : new RunResult.ConnectionStats(limit.refused(), limit.peak());
    }

    private RunResult.Lifecycle lifecycle(List<ServiceStation> unit) {
        long lost = 0;
        long crashes = 0;
        long interruptions = 0;
        long launches = 0;
        long outs = 0;
        long ins = 0;
        for (ServiceStation s : unit) {
            Fleet f = model.fleets().get(s.name());
            lost += s.lifecycle().lost();
            crashes += f.crashes();
            interruptions += f.interruptions();
            launches += f.launches();
            outs += f.scaleOuts();
            ins += f.scaleIns();
        }
        return new RunResult.Lifecycle(lost, crashes, interruptions, launches, outs, ins);
    }

    private Map<String, RunResult.CacheStats> caches() {
        Map<String, RunResult.CacheStats> out = new LinkedHashMap<>();
        model.cacheStations().forEach((n, c) -> out.put(n, new RunResult.CacheStats(c.hitRatio(), c.lookups(), c.crashes(), c.bypassed(),
                c.takesWrites() ? c.writes() : null, c.takesWrites() ? c.invalidations() : null)));
        return out;
    }

    /** Counted requests still live, per endpoint, found by scanning the pool (not by subtraction). */
    private long[] inFlightByEndpoint(int endpoints) {
        long[] n = new long[endpoints];
        Requests requests = m.requests();
        boolean[] live = requests.liveMask();
        for (int r = 0; r < live.length; r++) {
            if (live[r] && requests.counted[r] && requests.parent[r] < 0) {
                n[requests.endpoint[r]]++;
            }
        }
        return n;
    }
}
