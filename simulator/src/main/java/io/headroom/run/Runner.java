package io.headroom.run;

import io.headroom.cache.KeyCache;
import io.headroom.design.CacheSpec;
import io.headroom.design.CallSpec;
import io.headroom.design.resilience.BulkheadConfig;
import io.headroom.design.resilience.CircuitBreakerConfig;
import io.headroom.design.resilience.RetryPolicy;
import io.headroom.design.ComponentSpec;
import io.headroom.design.LoadBalancerSpec;
import io.headroom.design.NetworkSpec;
import io.headroom.design.ShardedStoreSpec;
import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.design.EndpointSpec;
import io.headroom.design.FunctionSpec;
import io.headroom.function.FunctionStation;
import io.headroom.design.ServiceSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventHandler;
import io.headroom.engine.Simulation;
import io.headroom.autoscale.Autoscaler;
import io.headroom.design.autoscaling.Metric;
import io.headroom.fleet.Fleet;
import io.headroom.pricing.CostLedger;
import io.headroom.pricing.CostSummary;
import io.headroom.pricing.FleetBilling;
import io.headroom.design.pricing.InstanceSpec;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.design.faults.OutageSpec;
import io.headroom.load.LoadProfile;
import io.headroom.load.keys.KeySampler;
import io.headroom.metrics.RequestMetrics;
import io.headroom.metrics.SeriesSink;
import io.headroom.metrics.WindowLatency;
import io.headroom.random.RandomStreams;
import io.headroom.request.ErrorCause;
import io.headroom.request.Requests;
import io.headroom.routing.Dispatcher;
import io.headroom.request.Component;
import io.headroom.service.CacheStation;
import io.headroom.service.CallPlan;
import io.headroom.service.LoadBalancerStation;
import io.headroom.service.ServiceStation;
import io.headroom.service.ShardedStore;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.Durations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One replication: builds the run-time model of a design, plays a load profile through it with a
 * given seed, and returns what it measured. A pure function of (design, profile, seed, options):
 * the same inputs give the same {@link RunResult}, bit for bit.
 */
public final class Runner {
    private final Design design;
    private final Path baseDir;
    private final LoadProfile profile;
    private final long seed;
    private final RunOptions options;

    private final Simulation sim = new Simulation();
    private final Requests requests;
    private final Map<String, ServiceStation> stations = new LinkedHashMap<>();
    /** What results report per component: a service's one station, or a store's shards. */
    private final Map<String, List<ServiceStation>> units = new LinkedHashMap<>();
    private final Map<String, CacheStation> cacheStations = new LinkedHashMap<>();
    private final Map<String, FunctionStation> functionStations = new LinkedHashMap<>();
    /** Every station's instance lifecycle (store shards included), by station name. */
    private final Map<String, Fleet> fleets = new LinkedHashMap<>();
    private final Map<String, org.apache.commons.math3.random.RandomGenerator> spotStreams = new LinkedHashMap<>();
    /** Each station's bill (stations of components with an instance type only). */
    private final Map<String, Fleet.Billing> billing = new LinkedHashMap<>();
    private final PriceCatalogue catalogue;
    private final CostLedger ledger;
    /** Instance-bearing components without an instance type: not priced. */
    private final List<String> unpriced = new ArrayList<>();
    private final RequestMetrics metrics;
    private final LoadDriver driver;
    /** Endpoint numbers that appear in the results: those the mix or the scenario can send to. */
    private final Set<Integer> reported;
    private final long warmupNs;
    private final long horizonNs;
    private final long windowNs;
    private final SeriesSink series;
    private final int columnCount;

    private long windowStart;
    private int windowTimer;
    private final Map<String, ServiceStation.Areas> areasAtEnd = new LinkedHashMap<>();
    private final Map<String, Integer> inSystemAtEnd = new LinkedHashMap<>();
    private final Map<String, ServiceStation.Areas> windowAreas = new LinkedHashMap<>();
    private final Map<String, ServiceStation.Areas> areasAtWarmup = new LinkedHashMap<>();
    private final Map<String, Integer> inSystemAtMid = new LinkedHashMap<>();
    private final Map<String, Long> arrivalsAtMid = new LinkedHashMap<>();

    private Runner(Design design, Path baseDir, LoadProfile profile, Path profileBaseDir, long seed, RunOptions options,
                   SeriesSink series) throws BadInputException {
        this.design = design;
        this.baseDir = baseDir;
        this.profile = profile;
        this.seed = seed;
        this.options = options;
        RandomStreams streams = new RandomStreams(seed);
        requests = new Requests(1024, options.maxInFlight());
        catalogue = PriceCatalogue.resolve(design.pricing(), baseDir);
        ledger = new CostLedger(catalogue, design.commitments());
        warmupNs = profile.warmup().toNanos();
        horizonNs = profile.duration().toNanos();
        windowNs = options.window().toNanos();

        for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
            if (c.getValue() instanceof ServiceSpec s) {
                ServiceStation st = buildService(c.getKey(), s, streams);
                stations.put(c.getKey(), st);
                units.put(c.getKey(), List.of(st));
                bill(c.getKey(), c.getKey(), s.instance(), 0);
            } else if (c.getValue() instanceof ShardedStoreSpec store) {
                List<ServiceStation> shards = new ArrayList<>();
                for (int k = 0; k < store.shards(); k++) {
                    String shardName = c.getKey() + "/shard-" + k;
                    ServiceStation st = buildService(shardName, store.shardService(), streams);
                    stations.put(shardName, st);
                    shards.add(st);
                    bill(shardName, c.getKey(), store.instance(), k << 20);
                }
                units.put(c.getKey(), shards);
            }
        }
        List<String> componentNames = new ArrayList<>(design.components().keySet());
        Component[] components = new Component[componentNames.size()];
        for (int k = 0; k < components.length; k++) {
            String name = componentNames.get(k);
            ComponentSpec spec = design.components().get(name);
            if (spec instanceof ServiceSpec) {
                components[k] = stations.get(name);
            } else if (spec instanceof ShardedStoreSpec store) {
                long keySpace = store.keySpace() != null ? store.keySpace() : profile.keys() != null ? profile.keys().items() : 1;
                components[k] = new ShardedStore(name, requests, units.get(name).toArray(ServiceStation[]::new),
                        store.partitioning() == ShardedStoreSpec.Partitioning.HASH, keySpace);
            } else if (spec instanceof CacheSpec cs) {
                int replicas = cs.replicas().initial();
                KeyCache[] caches = new KeyCache[replicas];
                for (int i = 0; i < replicas; i++) {
                    caches[i] = cs.scope() == CacheSpec.Scope.SHARED && i > 0 ? caches[0]
                            : KeyCache.create(cs.evictionConfig(), streams.stream("component:" + name + ":cache:" + i));
                }
                int missEndpoint = 0;
                ServiceSpec behind = serviceBehind(cs.miss());
                if (behind != null) {
                    missEndpoint = cs.missEndpoint() == null ? 0 : new ArrayList<>(behind.endpoints().keySet()).indexOf(cs.missEndpoint());
                }
                CacheStation station = new CacheStation(name, sim, requests, caches,
                        sampler(cs.hitLatency(), streams, "component:" + name + ":hit-latency"), componentNames.indexOf(cs.miss()),
                        missEndpoint);
                if (cs.failures() != null) {
                    station.fail(sampler(cs.failures().timeBetween(), streams, "component:" + name + ":failures:time-between"),
                            sampler(cs.failures().timeToRepair(), streams, "component:" + name + ":failures:time-to-repair"));
                }
                cacheStations.put(name, station);
                components[k] = station;
            } else if (spec instanceof FunctionSpec fs) {
                FunctionStation fn = FunctionStation.of(name, fs, sim, requests, streams, baseDir, catalogue, ledger);
                functionStations.put(name, fn);
                components[k] = fn;
            } else if (spec instanceof LoadBalancerSpec lb) {
                ledger.loadBalancer(name);
                ServiceStation target = stations.get(lb.target());
                double[] w = lb.weights() == null ? null : lb.weights().stream().mapToDouble(Double::doubleValue).toArray();
                components[k] = new LoadBalancerStation(name, sim, requests,
                        sampler(lb.latency(), streams, "component:" + name + ":latency"),
                        Dispatcher.of(lb.strategy(), streams.stream("component:" + name + ":strategy"), w, target.replicas()),
                        target);
            }
        }
        cacheStations.values().forEach(cs -> cs.wire(components));
        if (design.network() != null) {
            NetworkSpec net = design.network();
            DurationSampler intra = sampler(net.intraZone(), streams, "network:intra-zone");
            DurationSampler cross = sampler(net.crossZone(), streams, "network:cross-zone");
            stations.values().forEach(st -> st.setZones(net.zones().size(), intra, cross));
        }
        int zoneCount = design.network() == null ? 1 : design.network().zones().size();
        for (Map.Entry<String, ServiceStation> st : stations.entrySet()) {
            ServiceSpec spec = design.components().get(st.getKey()) instanceof ServiceSpec s ? s : null;
            Fleet fleet;
            if (spec == null) {
                fleet = new Fleet(st.getKey(), st.getValue(), sim, 0, 0, ServiceSpec.DEFAULT_DRAIN_TIMEOUT.toNanos(), null, null,
                        zoneCount); // a store's shard: ready at once, drains as a service does
            } else {
                String stream = "component:" + st.getKey() + ":failures:";
                fleet = new Fleet(st.getKey(), st.getValue(), sim, spec.startup().toNanos(), spec.readinessDelay().toNanos(),
                        spec.drainTimeout().toNanos(),
                        spec.failures() == null ? null : sampler(spec.failures().timeBetween(), streams, stream + "time-between"),
                        spec.failures() == null ? null : sampler(spec.failures().timeToRepair(), streams, stream + "time-to-repair"),
                        zoneCount);
            }
            fleets.put(st.getKey(), fleet);
            spotStreams.put(st.getKey(), streams.stream("component:" + st.getKey() + ":spot"));
            if (spec != null && spec.autoscaling() != null) {
                Autoscaler a = Autoscaler.of(spec.autoscaling(), spec.replicas());
                if (a.active()) {
                    double cpuRequest = spec.cpuRequest() != null ? spec.cpuRequest() : st.getValue().cores();
                    fleet.autoscale(scaler(a), a.minReplicas(), a.maxReplicas(), cpuRequest, a.historyNs(),
                            spec.autoscaling().reads(Metric.LATENCY_P95));
                }
            }
        }
        for (Map.Entry<String, ServiceStation> st : stations.entrySet()) {
            if (!(design.components().get(st.getKey()) instanceof ServiceSpec spec)) {
                continue; // a store's shard: no calls
            }
            CallPlan[] plans = new CallPlan[spec.endpoints().size()];
            int local = 0;
            for (Map.Entry<String, EndpointSpec> ep : spec.endpoints().entrySet()) {
                plans[local++] = callPlan(st.getKey(), ep.getKey(), ep.getValue(), componentNames, streams);
            }
            st.getValue().wire(components, plans, streams.stream("component:" + st.getKey() + ":calls"));
            if (design.network() != null) {
                long[][] bytes = new long[spec.endpoints().size()][];
                int e = 0;
                for (Map.Entry<String, EndpointSpec> ep : spec.endpoints().entrySet()) {
                    bytes[e++] = callBytes(ep.getKey(), ep.getValue());
                }
                st.getValue().meterCrossZone(bytes, ledger::crossZone);
            }
            st.getValue().setErrorRates(spec.endpoints().values().stream().mapToDouble(EndpointSpec::errorRate).toArray());
        }
        ServiceSpec entrySpec = serviceBehind(design.entry());
        int entryIndex = componentNames.indexOf(design.entry());
        String[] entryEndpoints = entrySpec.endpoints().keySet().toArray(String[]::new);
        Endpoints endpoints = new Endpoints();
        for (int i = 0; i < entryEndpoints.length; i++) {
            endpoints.register(entryEndpoints[i], entryIndex, i);
        }
        for (String m : profile.mix().keySet()) {
            if (!entrySpec.endpoints().containsKey(m)) {
                throw new IllegalArgumentException("mix names '" + m + "', not an endpoint of " + design.entry()
                        + " (use DesignReader.checkCompatible for a located error)");
            }
        }
        ScenarioProgram program;
        Set<Integer> used = new java.util.TreeSet<>();
        if (profile.scenario() == null) {
            var closed = profile.scaledClosed();
            program = ScenarioProgram.oneRequest(closed == null ? null : closed.think(), streams, profileBaseDir);
        } else {
            program = ScenarioProgram.compile(profile.scenario(), (endpoint, component) -> {
                String target = component == null ? design.entry() : component;
                int index = componentNames.indexOf(target);
                ServiceSpec ts = index < 0 ? null : serviceBehind(target);
                if (ts == null || !ts.endpoints().containsKey(endpoint)) {
                    throw new IllegalArgumentException("the scenario names " + target + "." + endpoint
                            + ", which the design does not have (use DesignReader.checkCompatible for a located error)");
                }
                int localEndpoint = new ArrayList<>(ts.endpoints().keySet()).indexOf(endpoint);
                int e = endpoints.register(index == entryIndex ? endpoint : target + "." + endpoint, index, localEndpoint);
                used.add(e);
                return e;
            }, streams, profileBaseDir);
        }
        boolean usesMix = false;
        for (int pc = 0; pc < program.op.length; pc++) {
            usesMix |= program.op[pc] == ScenarioProgram.REQUEST && program.a[pc] == ScenarioProgram.FROM_MIX;
        }
        if (usesMix && profile.mix().isEmpty() && entryEndpoints.length > 1) {
            throw new IllegalArgumentException("no mix, but " + design.entry() + " has several endpoints");
        }
        double[] weights = new double[entryEndpoints.length];
        for (int i = 0; i < entryEndpoints.length; i++) {
            weights[i] = profile.mix().isEmpty() ? (i == 0 ? 1 : 0) : profile.mix().getOrDefault(entryEndpoints[i], 0.0);
            if (usesMix && weights[i] > 0) {
                used.add(i);
            }
        }
        reported = used;
        metrics = new RequestMetrics(endpoints.labels());
        LoadDriver.KeySource keys = profile.keys() == null ? () -> 0L
                : KeySampler.of(profile.keys(), streams.stream("load:keys"))::next;
        driver = new LoadDriver(sim, requests, metrics, endpoints, components, program,
                weights, streams.stream("load:mix"), streams.stream("load:scenario"), keys, warmupNs,
                profile.isClosed() ? null : profile.arrivals(streams), profile.scaledClosed());
        this.series = series;
        List<String> columns = columns();
        columnCount = columns.size();
        series.columns(columns);
    }

    /** Runs a design read by {@link DesignReader} against a profile. */
    public static RunResult run(DesignReader.Loaded design, DesignReader.LoadedProfile profile, long seed, RunOptions options,
                                SeriesSink series) throws BadInputException {
        DesignReader.checkCompatible(design, profile);
        return new Runner(design.design(), design.baseDir(), profile.profile(), profile.baseDir(), seed, options, series).execute();
    }

    /** Runs a design against a profile, each with the folder its relative file names are resolved against. */
    public static RunResult run(Design design, Path designDir, LoadProfile profile, Path profileDir, long seed, RunOptions options,
                                SeriesSink series) throws BadInputException {
        return new Runner(design, designDir, profile, profileDir, seed, options, series).execute();
    }

    /** Runs a design against a profile; {@code baseDir} resolves sample files named in the design. */
    public static RunResult run(Design design, Path baseDir, LoadProfile profile, long seed, RunOptions options,
                                SeriesSink series) throws BadInputException {
        return new Runner(design, baseDir, profile, baseDir, seed, options, series).execute();
    }

    /** The service that serves requests sent to component {@code name}: itself, or a balancer's target. */
    private ServiceSpec serviceBehind(String name) {
        ComponentSpec c = design.components().get(name);
        if (c instanceof LoadBalancerSpec lb) {
            c = design.components().get(lb.target());
        }
        return c instanceof ServiceSpec s ? s : null;
    }

    private CallPlan callPlan(String component, String endpointName, EndpointSpec endpoint, List<String> componentNames,
                              RandomStreams streams) throws BadInputException {
        if (endpoint.calls().isEmpty()) {
            return CallPlan.NONE;
        }
        int n = endpoint.calls().size();
        int[] targets = new int[n];
        int[] targetEndpoints = new int[n];
        double[] p = new double[n];
        DurationSampler[] latencies = new DurationSampler[n];
        long[] timeouts = new long[n];
        boolean[] cancel = new boolean[n];
        RetryPolicy[] retries = new RetryPolicy[n];
        CircuitBreakerConfig[] breakers = new CircuitBreakerConfig[n];
        BulkheadConfig[] bulkheads = new BulkheadConfig[n];
        for (int c = 0; c < n; c++) {
            CallSpec call = endpoint.calls().get(c);
            timeouts[c] = call.timeout() == null ? -1 : call.timeout().toNanos();
            cancel[c] = call.cancelOnTimeout();
            retries[c] = call.retries();
            breakers[c] = call.circuitBreaker();
            bulkheads[c] = call.bulkhead();
            latencies[c] = sampler(call.latency(), streams, "component:" + component + ":endpoint:" + endpointName + ":call:" + c
                    + ":latency");
            targets[c] = componentNames.indexOf(call.to());
            if (design.components().get(call.to()) instanceof CacheSpec) {
                targetEndpoints[c] = 0; // a cache has no endpoints of its own
                p[c] = call.p();
                continue;
            }
            if (design.components().get(call.to()) instanceof FunctionSpec fs) {
                targetEndpoints[c] = fs.endpointFor(call.endpoint(), endpointName);
                if (targetEndpoints[c] < 0) {
                    throw new IllegalArgumentException("a call to " + call.to() + ", which has no such endpoint"
                            + " (use DesignReader for a located error)");
                }
                p[c] = call.p();
                continue;
            }
            if (design.components().get(call.to()) instanceof ShardedStoreSpec) {
                targetEndpoints[c] = call.write() ? 1 : 0; // a shard's endpoints: read, write
                p[c] = call.p();
                continue;
            }
            ServiceSpec callee = serviceBehind(call.to());
            String calleeEndpoint = call.endpoint() != null ? call.endpoint() : endpointName;
            if (targets[c] < 0 || callee == null || !callee.endpoints().containsKey(calleeEndpoint)) {
                throw new IllegalArgumentException("a call to " + call.to() + "." + calleeEndpoint
                        + ", which the design does not have (use DesignReader for a located error)");
            }
            targetEndpoints[c] = new ArrayList<>(callee.endpoints().keySet()).indexOf(calleeEndpoint);
            p[c] = call.p();
        }
        return new CallPlan(targets, targetEndpoints, p, latencies, timeouts, cancel, retries, breakers, bulkheads,
                endpoint.parallel(), endpoint.needed(), endpoint.async());
    }

    /** Per call of an endpoint, the bytes it carries both ways (the callee endpoint's request and response sizes). */
    private long[] callBytes(String endpointName, EndpointSpec endpoint) {
        long[] bytes = new long[endpoint.calls().size()];
        for (int c = 0; c < bytes.length; c++) {
            CallSpec call = endpoint.calls().get(c);
            ServiceSpec callee = serviceBehind(call.to());
            if (callee != null) {
                EndpointSpec ce = callee.endpoints().get(call.endpoint() != null ? call.endpoint() : endpointName);
                bytes[c] = ce == null ? 0 : ce.callBytes();
            } // functions run outside the zones (AWS bills no cross-zone transfer for Lambda); stores and caches carry no sizes
        }
        return bytes;
    }

    /** The fleet's view of an autoscaler: asked at the times it names. */
    private static Fleet.Scaler scaler(Autoscaler a) {
        return new Fleet.Scaler() {
            @Override
            public long firstAtNs() {
                return a.nextEvaluationNs();
            }

            @Override
            public int decide(io.headroom.autoscale.ScalingView view) {
                return a.decide(view);
            }

            @Override
            public long nextAtNs(long now) {
                return a.nextEvaluationNs();
            }
        };
    }

    /** Bills station {@code station}'s instances to {@code component}, if it has an instance type. */
    private void bill(String station, String component, InstanceSpec instance, int idOffset) {
        if (instance == null) {
            if (!unpriced.contains(component)) {
                unpriced.add(component);
            }
            return;
        }
        billing.put(station, new FleetBilling(ledger, component, instance, idOffset));
    }

    private ServiceStation buildService(String name, ServiceSpec s, RandomStreams streams) throws BadInputException {
        int n = s.endpoints().size();
        DurationSampler[] demand = new DurationSampler[n];
        DurationSampler[] wait = new DurationSampler[n];
        int i = 0;
        for (Map.Entry<String, EndpointSpec> e : s.endpoints().entrySet()) {
            String stream = "component:" + name + ":endpoint:" + e.getKey();
            demand[i] = sampler(e.getValue().demand(), streams, stream + ":demand");
            wait[i] = sampler(e.getValue().offCpu(), streams, stream + ":wait");
            i++;
        }
        int capacity = s.queue().capacity() == null ? -1 : s.queue().capacity();
        long timeout = s.queue().timeout() == null ? -1 : s.queue().timeout().toNanos();
        int cores = catalogue.cores(s.cores(), s.instance(), s.concurrency());
        return new ServiceStation(name, sim, requests, s.replicas().initial(), s.concurrency(), cores,
                capacity, timeout, demand, wait, Dispatcher.of(s.dispatch(), streams.stream("component:" + name + ":dispatch"), null, s.replicas().initial()));
    }

    private DurationSampler sampler(DistributionSpec d, RandomStreams streams, String stream) throws BadInputException {
        return d == null ? null : d.sampler(streams.stream(stream), baseDir);
    }

    private List<String> columns() {
        List<String> cols = new ArrayList<>(List.of("t_s", "arrivals", "completions", "errors"));
        for (ErrorCause c : ErrorCause.all()) {
            cols.add("errors." + c.key());
        }
        cols.addAll(List.of("p50_ms", "p95_ms", "p99_ms"));
        for (String name : units.keySet()) {
            cols.addAll(List.of(name + ".instances", name + ".utilisation", name + ".cpu", name + ".queue"));
        }
        for (String name : cacheStations.keySet()) {
            cols.add(name + ".hit_ratio");
        }
        cols.add("cost_usd_per_hour");
        cols.add("window_s");
        return cols;
    }

    private RunResult execute() {
        // Marks and window boundaries observe the state at their instant: they go ahead of every
        // ordinary event at the same time, so an arrival at exactly 20 s belongs to the window from 20 s.
        EventHandler marks = this::mark;
        var events = sim.events();
        if (warmupNs > 0) {
            events.scheduleFirst(events.timer(marks, 0), warmupNs);
        }
        events.scheduleFirst(events.timer(marks, 1), warmupNs + (horizonNs - warmupNs) / 2);
        events.scheduleFirst(events.timer(marks, 2), horizonNs);
        windowTimer = events.timer(this::onWindowTimer, 0);
        events.scheduleFirst(windowTimer, windowNs);
        for (Map.Entry<String, ServiceStation> s : stations.entrySet()) {
            windowAreas.put(s.getKey(), s.getValue().areas(0));
            areasAtWarmup.put(s.getKey(), s.getValue().areas(0));
        }
        fleets.forEach((n, f) -> f.start(billing.getOrDefault(n, Fleet.Billing.NONE), spotStreams.get(n)));
        if (design.network() != null) {
            for (OutageSpec o : design.network().outages()) {
                int z = design.network().zones().indexOf(o.zone());
                long at = o.at().toNanos();
                fleets.values().forEach(f -> f.outage(z, at, at + o.duration().toNanos()));
            }
        }
        driver.start();

        long limit = horizonNs + options.drainLimit().toNanos();
        sim.run(limit);
        long overflowAt = requests.fullAt();
        long end;
        if (overflowAt >= 0) {
            end = overflowAt;
        } else {
            end = sim.stopped() ? Math.max(sim.now(), horizonNs) : limit;
        }
        sim.advanceTo(end);
        if (end > windowStart) {
            closeWindow(end);
        }
        long measuredEnd = overflowAt >= 0 ? overflowAt : horizonNs;
        return results(measuredEnd, end, overflowAt);
    }

    private void mark(int which) {
        long now = sim.now();
        switch (which) {
            case 0 -> stations.forEach((n, s) -> areasAtWarmup.put(n, s.areas(now)));
            case 1 -> stations.forEach((n, s) -> {
                inSystemAtMid.put(n, s.inSystem());
                arrivalsAtMid.put(n, s.arrivals());
            });
            case 2 -> {
                fleets.values().forEach(Fleet::stopBilling); // the bill covers the profile; the ledger closes at its end
                stations.forEach((n, s) -> {
                    areasAtEnd.put(n, s.areas(now));
                    inSystemAtEnd.put(n, s.inSystem());
                });
                driver.injectionOver();
            }
            default -> throw new IllegalStateException("mark " + which);
        }
    }

    private void onWindowTimer(int unused) {
        long now = sim.now();
        closeWindow(now);
        sim.events().scheduleFirst(windowTimer, now + windowNs);
    }

    /** The per-window latency percentiles of the time series (p50_ms, p95_ms, p99_ms). */
    private static final double[] WINDOW_PERCENTS = {50, 95, 99};
    private final double[] windowPercentiles = new double[WINDOW_PERCENTS.length];

    private void closeWindow(long now) {
        double dt = now - windowStart;
        double[] row = new double[columnCount];
        int k = 0;
        row[k++] = windowStart / 1e9;
        row[k++] = metrics.windowArrivals();
        row[k++] = metrics.windowCompletions();
        long errs = 0;
        for (ErrorCause c : ErrorCause.all()) {
            errs += metrics.windowErrors(c);
        }
        row[k++] = errs;
        for (ErrorCause c : ErrorCause.all()) {
            row[k++] = metrics.windowErrors(c);
        }
        WindowLatency w = metrics.windowLatency();
        w.percentilesNs(WINDOW_PERCENTS, windowPercentiles);
        row[k++] = windowPercentiles[0] / 1e6;
        row[k++] = windowPercentiles[1] / 1e6;
        row[k++] = windowPercentiles[2] / 1e6;
        for (List<ServiceStation> unit : units.values()) {
            double busy = 0;
            double cores = 0;
            double queued = 0;
            double instances = 0;
            double workerSlots = 0;
            double coreSlots = 0;
            for (ServiceStation s : unit) {
                ServiceStation.Areas now_ = s.areas(now);
                ServiceStation.Areas d = now_.minus(windowAreas.get(s.name()));
                windowAreas.put(s.name(), now_);
                busy += d.busyWorkers();
                cores += d.busyCores();
                queued += d.queued();
                instances += d.instances();
                workerSlots += d.servingWorkers();
                coreSlots += d.servingCores();
            }
            row[k++] = instances / dt;
            row[k++] = workerSlots > 0 ? busy / workerSlots : 0;
            row[k++] = coreSlots > 0 ? cores / coreSlots : 0;
            row[k++] = queued / dt;
        }
        for (CacheStation cs : cacheStations.values()) {
            row[k++] = cs.takeWindowHitRatio();
        }
        // billed up to the end of the profile; windows of the drain after it carry no cost
        row[k++] = windowStart < horizonNs ? ledger.windowRatePerHour(windowStart, Math.min(now, horizonNs)) : Double.NaN;
        row[k] = dt / 1e9;
        series.row(row);
        metrics.resetWindow();
        windowStart = now;
    }

    /**
     * The summary. Two periods are involved, and each figure says which it covers: request counts
     * and latencies are those of the requests that <em>arrived</em> in the measured period
     * [warm-up, end of profile), followed to completion through the drain; throughput and the time
     * averages (utilisation, cpu, queue, in system) are what happened <em>inside</em> that period.
     * A period that is empty (the in-flight guard tripped during the warm-up) gives no figures (NaN).
     */
    private RunResult results(long measuredEnd, long end, long overflowAt) {
        double measuredS = Math.max(0, measuredEnd - warmupNs) / 1e9;
        double perSecond = measuredS > 0 ? 1 / measuredS : Double.NaN;
        String[] names = metrics.endpoints();
        Map<String, RunResult.RequestStats> endpoints = new LinkedHashMap<>();
        long[] totalErrors = new long[ErrorCause.values().length];
        long[] inFlight = inFlightByEndpoint(names.length);
        long totalInFlight = 0;
        long totalRequests = 0;
        long totalCompleted = 0;
        long totalCompletedInPeriod = 0;
        long totalAttempts = 0;
        for (int i : reported) {
            EnumMap<ErrorCause, Long> errors = new EnumMap<>(ErrorCause.class);
            long errorSum = 0;
            for (ErrorCause c : ErrorCause.all()) {
                long n = metrics.errors(i, c);
                errors.put(c, n);
                errorSum += n;
                totalErrors[c.ordinal()] += n;
            }
            long req = metrics.requests(i);
            long done = metrics.completed(i);
            totalRequests += req;
            totalCompleted += done;
            totalInFlight += inFlight[i];
            totalCompletedInPeriod += metrics.completedInPeriod(i);
            long attempts = req + requests.callAttempts(i);
            totalAttempts += attempts;
            endpoints.put(names[i], new RunResult.RequestStats(req, done, attempts, errors, inFlight[i],
                    metrics.completedInPeriod(i) * perSecond, metrics.latency(i).summary()));
        }
        EnumMap<ErrorCause, Long> errors = new EnumMap<>(ErrorCause.class);
        long errorSum = 0;
        for (ErrorCause c : ErrorCause.all()) {
            errors.put(c, totalErrors[c.ordinal()]);
            errorSum += totalErrors[c.ordinal()];
        }
        RunResult.RequestStats overall = new RunResult.RequestStats(totalRequests, totalCompleted, totalAttempts, errors,
                totalInFlight, totalCompletedInPeriod * perSecond, metrics.overallLatency().summary());

        List<String> unstable = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, RunResult.ServiceStats> components = new LinkedHashMap<>();
        double horizonS = horizonNs / 1e9;
        double simulatedS = overflowAt >= 0 ? overflowAt / 1e9 : horizonS;
        double ns = measuredEnd > warmupNs ? measuredEnd - warmupNs : Double.NaN;
        for (Map.Entry<String, List<ServiceStation>> u : units.entrySet()) {
            List<ServiceStation> unit = u.getValue();
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
                ServiceStation.Areas atEnd = overflowAt >= 0 ? s.areas(overflowAt) : areasAtEnd.get(s.name());
                ServiceStation.Areas a = atEnd.minus(areasAtWarmup.get(s.name()));
                busy += a.busyWorkers();
                cores += a.busyCores();
                queued += a.queued();
                inSys += a.inSystem();
                if (s.departures() > 0) {
                    sojourn += s.meanSojournNs() * s.departures();
                    departures += s.departures();
                }
                arrivals += s.arrivals();
                rejected += s.rejected();
                timedOut += s.timedOut();
                attempts += s.attempts();
                notPermitted += s.callsNotPermitted();
                instanceArea += a.instances();
                instanceAreaWhole += atEnd.instances();
                peak += s.peakPresent();
                workerSlots += a.servingWorkers();
                coreSlots += a.servingCores();
                for (long n : s.enteredPerInstance()) {
                    perInstance.add(n);
                }
                shards.add(new RunResult.ShardStats(Double.isNaN(ns) ? Double.NaN : a.busyWorkers() / a.servingWorkers(), s.arrivals()));
                checkGrowth(u.getKey(), s, overflowAt, unstable, warnings);
            }
            boolean store = design.components().get(u.getKey()) instanceof ShardedStoreSpec;
            ServiceStation first = unit.get(0);
            int replicas = unit.stream().mapToInt(ServiceStation::replicas).sum();
            components.put(u.getKey(), new RunResult.ServiceStats(replicas, first.workers(), first.cores(),
                    Double.isNaN(ns) ? Double.NaN : busy / workerSlots, Double.isNaN(ns) ? Double.NaN : cores / coreSlots, instanceArea / ns, peak, queued / ns,
                    instanceAreaWhole / 3.6e12, arrivals * perSecond, inSys / ns,
                    departures == 0 ? Double.NaN : sojourn / departures / 1e6, rejected, timedOut, attempts, notPermitted,
                    perInstance, store ? shards : null, lifecycle(unit)));
        }
        Double stoppedEarly = null;
        if (overflowAt >= 0) {
            stoppedEarly = overflowAt / 1e9;
            String worst = units.entrySet().stream().max((x, y) -> Integer.compare(
                    x.getValue().stream().mapToInt(ServiceStation::inSystem).sum(),
                    y.getValue().stream().mapToInt(ServiceStation::inSystem).sum())).map(Map.Entry::getKey).orElse(design.entry());
            if (!unstable.contains(worst)) {
                unstable.add(worst);
            }
            warnings.add("stopped at " + Durations.format(java.time.Duration.ofNanos(overflowAt)) + " of "
                    + Durations.format(profile.duration()) + ": " + requests.limit() + " requests were in flight, most of them"
                    + " queued at " + worst + ", whose queue grows without bound; results cover the run up to that point");
            if (overflowAt <= warmupNs) {
                warnings.add("the run stopped before the warm-up ended: nothing was measured");
            }
        } else if (requests.live() > 0 || driver.activeUsers() > 0) {
            warnings.add(requests.live() + " requests (" + driver.activeUsers() + " users) were still in flight " + Durations.format(options.drainLimit())
                    + " after the profile ended; they are counted as in flight, and the latency figures, which cover"
                    + " completed requests only, are a lower bound");
        }
        Map<String, Double> busy = new LinkedHashMap<>();
        // the busier of workers and cores: whichever binds is what the instances were used for
        components.forEach((n, c) -> busy.put(n, Math.max(Double.isNaN(c.utilisation()) ? 0.0 : c.utilisation(),
                Double.isNaN(c.cpu()) ? 0.0 : c.cpu())));
        CostSummary cost = ledger.finish(overflowAt >= 0 ? overflowAt : horizonNs, busy, overall.requests());
        if (!unpriced.isEmpty() && !billing.isEmpty()) { // a design with no instance type at all is simply not priced
            warnings.add("not priced (no instance type): " + String.join(", ", unpriced)
                    + "; give each an instance: {type: ...} from the catalogue for a complete cost");
        }
        return new RunResult(design.name(), profile.name(), seed, simulatedS,
                warmupNs / 1e9, overflowAt >= 0 ? 0 : Math.max(0, (end - horizonNs) / 1e9), stoppedEarly, sim.processed(),
                requests.highWater(), sim.events().peakSlots(), overall, endpoints, components, caches(),
                design.slos().stream().map(io.headroom.design.Slo::parse)
                        .map(slo -> io.headroom.slo.SloCheck.check(slo, overall.latencyMs(), overall.requests(), overall.errorTotal(), cost)).toList(),
                unstable, warnings, cost);
    }

    private RunResult.Lifecycle lifecycle(List<ServiceStation> unit) {
        long lost = 0;
        long crashes = 0;
        long interruptions = 0;
        long launches = 0;
        long outs = 0;
        long ins = 0;
        for (ServiceStation s : unit) {
            Fleet f = fleets.get(s.name());
            lost += s.lost();
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
        cacheStations.forEach((n, c) -> out.put(n, new RunResult.CacheStats(c.hitRatio(), c.lookups(), c.crashes(), c.bypassed())));
        return out;
    }

    /** Flags a station whose unbounded queue grew over the second half of the measured period. */
    private void checkGrowth(String component, ServiceStation s, long overflowAt, List<String> unstable, List<String> warnings) {
        if (overflowAt >= 0 || !s.unboundedQueue() || !inSystemAtMid.containsKey(s.name()) || unstable.contains(component)) {
            return;
        }
        long growth = inSystemAtEnd.get(s.name()) - inSystemAtMid.get(s.name());
        long lateArrivals = s.arrivals() - arrivalsAtMid.get(s.name());
        double threshold = 4 * Math.sqrt(lateArrivals) + 2.0 * s.replicas() * s.workers();
        if (growth > threshold) {
            unstable.add(component);
            warnings.add(component + " is unstable: its backlog grew by " + growth + " requests over the second half of "
                    + "the measured period and was still growing at the end (arrivals exceed what its "
                    + s.replicas() + " × " + s.workers() + " workers can serve, and its queue is unbounded)");
        }
    }

    /** Counted requests still live, per endpoint, found by scanning the pool (not by subtraction). */
    private long[] inFlightByEndpoint(int endpoints) {
        long[] n = new long[endpoints];
        boolean[] live = requests.liveMask();
        for (int r = 0; r < live.length; r++) {
            if (live[r] && requests.counted[r] && requests.parent[r] < 0) {
                n[requests.endpoint[r]]++;
            }
        }
        return n;
    }
}
