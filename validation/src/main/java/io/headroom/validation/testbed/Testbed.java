package io.headroom.validation.testbed;

import io.headroom.cache.KeyCache;
import io.headroom.design.CacheSpec;
import io.headroom.design.CallSpec;
import io.headroom.design.ComponentSpec;
import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.design.EndpointSpec;
import io.headroom.design.LoadBalancerSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.design.ShardedStoreSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.dist.DurationSampler;
import io.headroom.random.RandomStreams;
import io.headroom.routing.Dispatcher;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A design stood up as real HTTP servers on 127.0.0.1 (ephemeral ports), so that Gatling can measure what
 * the simulator predicts. Each service instance is an {@link InstanceServer} (its workers, its bounded queue
 * and queue timeout); a service with several replicas gets a {@link Router} with its {@code dispatch}; a
 * load balancer is a {@link Router} with its strategy and latency; a cache is a {@link CacheServer} with its
 * eviction. An endpoint's {@code demand} is CPU time computed for real on the instance's cores (a
 * {@link CpuGate}: at most {@code cores} workers compute at once, sharing them round robin in short quanta
 * of their own thread CPU time, as processor sharing; the design's cores at its largest scale must fit in
 * the machine, {@link CpuBudget}); its {@code wait} is slept, a duration drawn from the same distribution;
 * its {@code calls} are real HTTP calls made while the worker is held, in order or all at once. Only
 * loopback addresses are ever bound or called.
 *
 * An autoscaled service (hpa or target tracking on {@code utilisation} or {@code cpu}) is a
 * {@link ScaledService}: the simulator's own autoscaler on the measured busy workers or busy cores,
 * instances launched and drained for real; a load balancer in front of it picks among the instances its router takes work with now ({@link Router#over}).
 * A sharded store is a {@link ShardedStoreServer}: an instance per shard and replica behind a proxy that routes
 * by the request's key with the simulator's own mapping ({@code ?key=K}, passed on by every call of the request).
 *
 * <p>A call with a {@code timeout}, {@code retries}, a {@code circuit-breaker} or a {@code bulkhead} is a
 * {@link ResilientCall}: Resilience4j's retry, circuit breaker, bulkhead and time limiter, configured from the design
 * ({@link ResilienceConfigs}), one breaker and bulkhead per caller instance as in the simulator; its caller answers
 * the simulator's cause of a failed call ({@code timeout} 504, {@code circuit_open} 521, {@code bulkhead} 429, else
 * {@code dependency} 502), and every attempt goes into the {@link CallLog}.
 *
 * <p>With a traces file ({@link #start(DesignReader.Loaded, io.headroom.load.LoadProfile, long, Path)}), the testbed
 * records what it served as OpenTelemetry spans, written as OTLP JSON lines ({@link OtelTracing}): a server span per
 * request a service instance's worker took, a client span per HTTP request of its calls (per attempt), linked by the
 * W3C {@code traceparent} header, which balancers, caches and stores pass on without spans of their own. Without it no
 * OpenTelemetry class is loaded.
 *
 * <p>Not realised yet (refused with a located error): functions, other autoscaling, zones, a Kubernetes
 * {@code cluster:} (nodes, the scheduler, the Cluster Autoscaler), {@code cancel-on-timeout: true}, per-instance caches.
 */
public final class Testbed implements AutoCloseable {
    static {
        // Nagle's algorithm with delayed ACKs adds tens of milliseconds on keep-alive loopback connections
        // (read when the JDK's server configuration loads, so before any server is made)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final List<AutoCloseable> servers = new ArrayList<>();
    private final Map<String, URI> addresses = new LinkedHashMap<>();
    private final Map<String, CacheServer> caches = new LinkedHashMap<>();
    private final Map<String, ScaledService> scaled = new LinkedHashMap<>();
    private final Map<String, ShardedStoreServer> stores = new LinkedHashMap<>();
    private final ServedLog log = new ServedLog();
    private final CallLog calls = new CallLog();
    private final ScheduledExecutorService timer;
    private final ExecutorService clientThreads;
    private final HttpClient client;
    private final String entry;
    private io.headroom.design.pricing.PriceCatalogue catalogue;
    private Tracing tracing; // null: no traces

    private Testbed(String entry) {
        this.entry = entry;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "testbed-timer");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        timer = t;
        clientThreads = Executors.newCachedThreadPool(r -> {
            Thread th = new Thread(r, "testbed-client");
            th.setDaemon(true);
            return th;
        });
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Checks that the testbed can realise {@code loaded}: located errors for what it cannot. */
    public static void check(DesignReader.Loaded loaded) throws BadInputException {
        List<InputError> errors = new ArrayList<>();
        Design d = loaded.design();
        for (Map.Entry<String, ComponentSpec> c : d.components().entrySet()) {
            String path = "components." + c.getKey();
            ComponentSpec spec = c.getValue();
            if (spec instanceof ServiceSpec s) {
                if (s.autoscaling() == null && s.replicas().max() > s.replicas().initial()) {
                    errors.add(loaded.document().error(path + ".replicas", "the testbed scales only with autoscaling: give a"
                            + " fixed replica count or an autoscaling policy"));
                }
                if (s.autoscaling() != null) {
                    for (int k = 0; k < s.autoscaling().policies().size(); k++) {
                        if (!scalesOnMeasured(s.autoscaling().policies().get(k))) {
                            errors.add(loaded.document().error(path + ".autoscaling" + (s.autoscaling().policies().size() > 1
                                    ? "[" + k + "]" : ""), "the testbed autoscales with hpa or target-tracking policies on"
                                    + " utilisation or cpu only (it measures busy workers and busy cores, not queues,"
                                    + " request rates or latency)"));
                        }
                    }
                }
                if (s.failures() != null) {
                    errors.add(loaded.document().error(path + ".failures", "the testbed does not crash instances"));
                }
                if (s.instance() != null && s.instance().usesSpot()) {
                    errors.add(loaded.document().error(path + ".instance", "the testbed has no spot interruptions: use on-demand"));
                }
                for (Map.Entry<String, EndpointSpec> e : s.endpoints().entrySet()) {
                    EndpointSpec ep = e.getValue();
                    String ePath = path + ".endpoints." + e.getKey();
                    if (ep.async()) {
                        errors.add(loaded.document().error(ePath + ".async", "the testbed's workers are threads that hold"
                                + " the request: async endpoints are not realised"));
                    }
                    if (ep.quorum() != null) {
                        errors.add(loaded.document().error(ePath + ".quorum", "the testbed waits for all parallel calls:"
                                + " quorums are not realised"));
                    }
                    for (int k = 0; k < ep.calls().size(); k++) {
                        CallSpec call = ep.calls().get(k);
                        String cPath = ePath + ".calls[" + k + "]";
                        if (call.cancelOnTimeout()) {
                            errors.add(loaded.document().error(cPath + ".cancel-on-timeout", "the testbed's callee cannot drop"
                                    + " a request its caller gave up on: use cancel-on-timeout: false"));
                        }
                        if (call.pool() != null) {
                            errors.add(loaded.document().error(cPath + ".pool", "the testbed's calls open a connection each:"
                                    + " connection pools are not realised"));
                        }
                        ComponentSpec callee = d.components().get(call.to());
                        if (!(callee instanceof ServiceSpec || callee instanceof LoadBalancerSpec || callee instanceof CacheSpec
                                || callee instanceof ShardedStoreSpec)) {
                            errors.add(loaded.document().error(cPath + ".to", "the testbed realises services, load balancers,"
                                    + " caches and sharded stores only"));
                        }
                    }
                }
            } else if (spec instanceof CacheSpec cs) {
                if (cs.failures() != null) {
                    errors.add(loaded.document().error(path + ".failures", "the testbed does not crash cache nodes"));
                }
                if (cs.writes() != null) {
                    errors.add(loaded.document().error(path + ".writes", "the testbed does not realise writes through a cache"));
                }
                if (cs.replicas().initial() != 1 || cs.scope() == CacheSpec.Scope.PER_INSTANCE) {
                    errors.add(loaded.document().error(path, "the testbed realises one shared cache instance only"));
                }
            } else if (spec instanceof ShardedStoreSpec store) {
                if (store.failures() != null) {
                    errors.add(loaded.document().error(path + ".failures", "the testbed does not crash a store's instances"));
                }
                if (store.maxConnections() != null) {
                    errors.add(loaded.document().error(path + ".max-connections", "the testbed does not bound connections"));
                }
                if (store.cores() != null && store.concurrency() != null && store.cores() < store.concurrency()) {
                    errors.add(loaded.document().error(path + ".cores", "the testbed sleeps a sharded store's demand, so its"
                            + " workers never contend for cores: give at least one core per worker (cores >= concurrency) or none"));
                }
            } else if (!(spec instanceof LoadBalancerSpec)) {
                errors.add(loaded.document().error(path, "the testbed realises services, load balancers, caches and sharded"
                        + " stores only"));
            }
        }
        if (d.network() != null) {
            errors.add(loaded.document().error("network", "the testbed does not realise zones yet"));
        }
        if (d.cluster() != null) {
            errors.add(loaded.document().error("cluster", "the testbed does not realise a Kubernetes cluster (nodes, their"
                    + " provisioning, the scheduler, the Cluster Autoscaler): validate a design without cluster: and pod:"));
        }
        CpuBudget.check(loaded, CpuBudget.processors(), errors);
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
    }

    /** Whether a policy is one the testbed can drive: hpa or target tracking, on utilisation or cpu. */
    private static boolean scalesOnMeasured(io.headroom.design.autoscaling.AutoscalingSpec p) {
        if (p instanceof io.headroom.design.autoscaling.Hpa h) {
            return !h.targets().isEmpty() && h.targets().stream().allMatch(t -> measured(t.metric()));
        }
        return p instanceof io.headroom.design.autoscaling.TargetTracking t && measured(t.metric());
    }

    private static boolean measured(io.headroom.design.autoscaling.Metric m) {
        return m == io.headroom.design.autoscaling.Metric.UTILISATION || m == io.headroom.design.autoscaling.Metric.CPU;
    }

    /**
     * Starts every component of the design on loopback. Random streams are split per component, instance
     * and worker from {@code seed} (the real run's timing is not reproducible, its samples are).
     */
    public static Testbed start(DesignReader.Loaded loaded, long seed) throws BadInputException, IOException {
        return start(loaded, null, seed);
    }

    /**
     * As {@link #start(DesignReader.Loaded, long)}, for a run under {@code profile}: a sharded store partitioned by
     * range without a {@code key-space} splits the profile's keys, as in the simulator.
     */
    public static Testbed start(DesignReader.Loaded loaded, io.headroom.load.LoadProfile profile, long seed)
            throws BadInputException, IOException {
        return start(loaded, profile, seed, null);
    }

    /**
     * As {@link #start(DesignReader.Loaded, io.headroom.load.LoadProfile, long)}, recording the traces of what the
     * testbed serves into {@code tracesFile} (replaced), one OTLP JSON {@code ExportTraceServiceRequest} a line; the
     * file is complete when {@link #close} returns. Null: no traces, and no OpenTelemetry class is loaded.
     */
    public static Testbed start(DesignReader.Loaded loaded, io.headroom.load.LoadProfile profile, long seed, Path tracesFile)
            throws BadInputException, IOException {
        check(loaded);
        Design d = loaded.design();
        Path baseDir = loaded.baseDir();
        RandomStreams streams = new RandomStreams(seed);
        Testbed bed = new Testbed(d.entry());
        try {
            if (tracesFile != null) {
                bed.tracing = new OtelTracing(tracesFile);
            }
            Map<String, List<InstanceServer>> instances = new LinkedHashMap<>();
            for (Map.Entry<String, ComponentSpec> c : d.components().entrySet()) {
                if (c.getValue() instanceof ServiceSpec s) {
                    List<InstanceServer> list = new ArrayList<>();
                    int capacity = s.queue().capacity() == null ? -1 : s.queue().capacity();
                    long timeout = s.queue().timeout() == null ? -1 : s.queue().timeout().toNanos();
                    for (int i = 0; i < s.replicas().initial(); i++) {
                        InstanceServer server = new InstanceServer(c.getKey() + "#" + i, s.concurrency(), capacity, timeout,
                                bed.timer, bed.log);
                        bed.traced(server, c.getKey());
                        bed.servers.add(server);
                        list.add(server);
                    }
                    instances.put(c.getKey(), list);
                }
            }
            // routers and caches need their targets' addresses; targets are services, whose ports are bound
            for (Map.Entry<String, ComponentSpec> c : d.components().entrySet()) {
                String name = c.getKey();
                if (c.getValue() instanceof ServiceSpec s) {
                    List<InstanceServer> list = instances.get(name);
                    if (list.size() == 1 && s.autoscaling() == null) {
                        bed.addresses.put(name, loopback(list.get(0).port()));
                    } else {
                        Router r = new Router(name, Dispatcher.of(s.dispatch(), streams.stream("testbed:" + name + ":dispatch"),
                                null, Math.max(list.size(), s.replicas().max())), null, uris(list), bed.client, bed.timer, bed.log);
                        bed.servers.add(r);
                        bed.addresses.put(name, loopback(r.port()));
                        if (s.autoscaling() != null) {
                            int capacity = s.queue().capacity() == null ? -1 : s.queue().capacity();
                            long timeout = s.queue().timeout() == null ? -1 : s.queue().timeout().toNanos();
                            ScaledService scaled = new ScaledService(name, s, r, list, index -> {
                                InstanceServer server = new InstanceServer(name + "#" + index, s.concurrency(), capacity, timeout,
                                        bed.timer, bed.log);
                                bed.traced(server, name);
                                try {
                                    server.start(bed.work(server, s, d, streams, baseDir, true));
                                } catch (BadInputException e) {
                                    server.close();
                                    throw new IOException(e.getMessage(), e);
                                }
                                return server;
                            });
                            bed.scaled.put(name, scaled);
                        }
                        r.start();
                    }
                } else if (c.getValue() instanceof LoadBalancerSpec lb
                        && !(d.components().get(lb.target()) instanceof ServiceSpec t && t.autoscaling() != null)) {
                    List<InstanceServer> list = instances.get(lb.target());
                    double[] w = lb.weights() == null ? null : lb.weights().stream().mapToDouble(Double::doubleValue).toArray();
                    Router r = new Router(name, Dispatcher.of(lb.strategy(), streams.stream("testbed:" + name + ":strategy"), w,
                            list.size()), sampler(lb.latency(), streams.stream("testbed:" + name + ":latency"), baseDir),
                            uris(list), bed.client, bed.timer, bed.log);
                    bed.servers.add(r);
                    bed.addresses.put(name, loopback(r.port()));
                    r.start();
                }
            }
            bed.balanceAutoscaled(d, streams, baseDir);
            bed.startStores(d, profile, streams, baseDir);
            for (Map.Entry<String, ComponentSpec> c : d.components().entrySet()) {
                if (c.getValue() instanceof CacheSpec cs) {
                    String name = c.getKey();
                    String missEndpoint = cs.missEndpoint();
                    if (missEndpoint == null) {
                        ServiceSpec behind = serviceBehind(d, cs.miss());
                        missEndpoint = behind == null ? "" : behind.endpoints().keySet().iterator().next();
                    }
                    URI miss = URI.create(bed.addresses.get(cs.miss()) + "/" + missEndpoint);
                    CacheServer server = new CacheServer(name, KeyCache.create(cs.evictionConfig(),
                            streams.stream("testbed:" + name + ":cache")),
                            sampler(cs.hitLatency(), streams.stream("testbed:" + name + ":hit-latency"), baseDir), miss,
                            bed.client, bed.timer);
                    bed.servers.add(server);
                    bed.caches.put(name, server);
                    bed.addresses.put(name, loopback(server.port()));
                    server.start();
                }
            }
            for (Map.Entry<String, List<InstanceServer>> e : instances.entrySet()) {
                ServiceSpec s = (ServiceSpec) d.components().get(e.getKey());
                for (InstanceServer server : e.getValue()) {
                    server.start(bed.work(server, s, d, streams, baseDir, true));
                }
            }
        } catch (IOException | BadInputException | RuntimeException e) {
            bed.close();
            throw e;
        }
        return bed;
    }

    /** A service's instance records its server spans, when the testbed traces. */
    private void traced(InstanceServer server, String component) {
        if (tracing != null) {
            server.trace(tracing.instance(component, server.name()));
        }
    }

    /**
     * The balancers in front of autoscaled services: each picks with its own strategy among the instances the
     * service's router routes to now ({@link Router#over}).
     */
    private void balanceAutoscaled(Design d, RandomStreams streams, Path baseDir) throws IOException, BadInputException {
        for (Map.Entry<String, ComponentSpec> c : d.components().entrySet()) {
            if (c.getValue() instanceof LoadBalancerSpec lb && scaled.containsKey(lb.target())) {
                String name = c.getKey();
                ServiceSpec target = (ServiceSpec) d.components().get(lb.target());
                double[] w = lb.weights() == null ? null : lb.weights().stream().mapToDouble(Double::doubleValue).toArray();
                Router r = Router.over(scaled.get(lb.target()).router(), name, Dispatcher.of(lb.strategy(),
                        streams.stream("testbed:" + name + ":strategy"), w, Math.max(target.replicas().initial(), target.replicas().max())),
                        sampler(lb.latency(), streams.stream("testbed:" + name + ":latency"), baseDir), client, timer, log);
                servers.add(r);
                addresses.put(name, loopback(r.port()));
                r.start();
            }
        }
    }

    /** Each sharded store: an instance per shard and replica, started, behind its key-routing proxy. */
    private void startStores(Design d, io.headroom.load.LoadProfile profile, RandomStreams streams, Path baseDir)
            throws IOException, BadInputException {
        for (Map.Entry<String, ComponentSpec> c : d.components().entrySet()) {
            if (c.getValue() instanceof ShardedStoreSpec store) {
                String name = c.getKey();
                ServiceSpec shard = store.shardService();
                int capacity = shard.queue().capacity() == null ? -1 : shard.queue().capacity();
                long timeout = shard.queue().timeout() == null ? -1 : shard.queue().timeout().toNanos();
                List<List<InstanceServer>> replicas = new ArrayList<>();
                for (int k = 0; k < store.shards(); k++) {
                    List<InstanceServer> list = new ArrayList<>();
                    for (int r = 0; r < store.replicasPerShard(); r++) {
                        InstanceServer server = new InstanceServer(ShardedStoreServer.instanceName(name, k, r), shard.concurrency(),
                                capacity, timeout, timer, log);
                        servers.add(server);
                        list.add(server);
                        server.start(work(server, shard, d, streams, baseDir, false));
                    }
                    replicas.add(list);
                }
                long keySpace = store.keySpace() != null ? store.keySpace()
                        : profile != null && profile.keys() != null ? profile.keys().items() : 1;
                ShardedStoreServer front = new ShardedStoreServer(replicas, store.partitioning() == ShardedStoreSpec.Partitioning.HASH,
                        keySpace, client);
                servers.add(front);
                stores.put(name, front);
                addresses.put(name, loopback(front.port()));
                front.start();
            }
        }
    }

    /**
     * What a worker of {@code server} does: compute the demand (or sleep it, without {@code compute}), sleep the
     * wait, make the calls, answer.
     */
    private InstanceServer.Work work(InstanceServer server, ServiceSpec s, Design d, RandomStreams streams, Path baseDir,
                                     boolean compute) throws BadInputException {
        String instance = server.name();
        int workers = s.concurrency();
        CpuGate cpu = compute ? cpuOf(s, d, workers, baseDir) : null;
        server.cpu(cpu);
        Map<String, EndpointWork> byName = new LinkedHashMap<>();
        for (Map.Entry<String, EndpointSpec> e : s.endpoints().entrySet()) {
            EndpointSpec ep = e.getValue();
            String stream = "testbed:" + instance + ":" + e.getKey();
            DurationSampler[] demand = perWorker(ep.demand(), streams, stream + ":demand", workers, baseDir);
            DurationSampler[] wait = perWorker(ep.offCpu(), streams, stream + ":wait", workers, baseDir);
            RandomGenerator[] coin = new RandomGenerator[workers];
            for (int w = 0; w < workers; w++) {
                coin[w] = streams.stream(stream + ":calls:" + w);
            }
            List<URI> callees = new ArrayList<>();
            List<DurationSampler[]> latencies = new ArrayList<>();
            for (int k = 0; k < ep.calls().size(); k++) {
                CallSpec call = ep.calls().get(k);
                String calleeEndpoint = d.components().get(call.to()) instanceof CacheSpec ? ""
                        : d.components().get(call.to()) instanceof ShardedStoreSpec ? (call.write() ? "write" : "read")
                        : call.endpoint() != null ? call.endpoint() : e.getKey();
                callees.add(URI.create(addresses.get(call.to()) + "/" + calleeEndpoint));
                latencies.add(perWorker(call.latency(), streams, stream + ":call:" + k + ":latency", workers, baseDir));
            }
            byName.put(e.getKey(), new EndpointWork(ep, cpu, demand, wait, coin, callees, latencies,
                    guardedCalls(instance, e.getKey(), ep, callees, latencies, streams.stream(stream + ":retry-jitter"))));
        }
        return (worker, endpoint, key, requestId, trace) -> {
            EndpointWork w = byName.get(endpoint);
            if (w == null) {
                return 404;
            }
            return w.serve(worker, key, requestId, trace);
        };
    }

    /** Resilience4j's guards for the calls that have a timeout, retries, a breaker or a bulkhead; null for the others. */
    private ResilientCall[] guardedCalls(String instance, String endpoint, EndpointSpec ep, List<URI> callees,
                                         List<DurationSampler[]> latencies, RandomGenerator jitter) {
        ResilientCall[] guarded = new ResilientCall[ep.calls().size()];
        for (int k = 0; k < guarded.length; k++) {
            if (ResilientCall.guarded(ep.calls().get(k))) {
                guarded[k] = new ResilientCall(instance, endpoint, k, ep.calls().get(k), callees.get(k), latencies.get(k), jitter,
                        client, clientThreads, calls);
            }
        }
        return guarded;
    }

    /** The cores an instance of {@code s} computes on, or null when its endpoints only sleep. */
    private CpuGate cpuOf(ServiceSpec s, Design d, int workers, Path baseDir) throws BadInputException {
        if (!CpuBudget.computes(s)) {
            return null;
        }
        if (catalogue == null) {
            catalogue = io.headroom.design.pricing.PriceCatalogue.resolve(d.pricing(), baseDir);
        }
        return CpuGate.measured(CpuBudget.cores(s, catalogue), workers);
    }

    /** One endpoint's work on one instance, with a random stream per worker thread. */
    private final class EndpointWork {
        final EndpointSpec spec;
        final CpuGate cpu;
        final DurationSampler[] demand;
        final DurationSampler[] wait;
        final RandomGenerator[] coin;
        final List<URI> callees;
        final List<DurationSampler[]> latencies;
        final ResilientCall[] guarded;

        EndpointWork(EndpointSpec spec, CpuGate cpu, DurationSampler[] demand, DurationSampler[] wait, RandomGenerator[] coin,
                     List<URI> callees, List<DurationSampler[]> latencies, ResilientCall[] guarded) {
            this.guarded = guarded;
            this.spec = spec;
            this.cpu = cpu;
            this.demand = demand;
            this.wait = wait;
            this.coin = coin;
            this.callees = callees;
            this.latencies = latencies;
        }

        int serve(int worker, long key, long requestId, Tracing.Server trace) throws InterruptedException {
            long cpuNs = InstanceServer.sample(demand, worker);
            long offCpuNs = InstanceServer.sample(wait, worker);
            if (cpu == null) {
                InstanceServer.sleepNanos(cpuNs + offCpuNs); // a sharded store's demand: slept, its cores never contended
            } else {
                if (cpuNs > 0) {
                    cpu.compute(worker, cpuNs); // CPU first, then the wait, as the simulator's OwnWork
                }
                InstanceServer.sleepNanos(offCpuNs);
            }
            boolean ok = true;
            int failure = Http.DEPENDENCY;
            if (!callees.isEmpty()) {
                List<CompletableFuture<Integer>> inFlight = new ArrayList<>();
                for (int k = 0; k < callees.size() && ok; k++) {
                    if (coin[worker].nextDouble() >= spec.calls().get(k).p()) {
                        continue;
                    }
                    if (guarded[k] != null) {
                        if (spec.parallel()) {
                            inFlight.add(guarded[k].callAsync(worker, key, requestId, trace));
                        } else {
                            int status = guarded[k].call(worker, key, requestId, trace);
                            ok = status == Http.OK;
                            failure = ok ? Http.DEPENDENCY : status;
                        }
                        continue;
                    }
                    long latency = InstanceServer.sample(latencies.get(k), worker);
                    URI uri = URI.create(callees.get(k) + "?key=" + key);
                    // the client span starts before the call's latency, the network's time
                    Tracing.Client span = trace == null ? null : trace.call(spec.calls().get(k).to(), uri);
                    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET();
                    if (requestId >= 0) {
                        rb.header(Http.REQUEST_ID, Long.toString(requestId)); // the callee's rows match the caller's
                    }
                    if (span != null) {
                        span.inject(rb);
                    }
                    HttpRequest request = rb.build();
                    if (spec.parallel()) {
                        CompletableFuture<Integer> f = latency > 0
                                ? CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(latency,
                                        java.util.concurrent.TimeUnit.NANOSECONDS, clientThreads))
                                        .thenCompose(x -> send(request, span))
                                : send(request, span);
                        inFlight.add(f.thenApply(status -> status == Http.OK ? Http.OK : Http.DEPENDENCY));
                    } else {
                        InstanceServer.sleepNanos(latency);
                        ok = call(request, span);
                    }
                }
                for (CompletableFuture<Integer> f : inFlight) {
                    int status;
                    try {
                        status = f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        status = Http.DEPENDENCY;
                    }
                    if (ok && status != Http.OK) {
                        ok = false;
                        failure = status; // what the caller answers: a guarded call's own cause, else dependency
                    }
                }
            }
            if (!ok) {
                return failure;
            }
            if (spec.errorRate() > 0 && coin[worker].nextDouble() < spec.errorRate()) {
                return Http.FAILED;
            }
            return Http.OK;
        }
    }

    /** Sends {@code request}: its status, {@code dependency} when no answer came; {@code span} (or null) ends with it. */
    private CompletableFuture<Integer> send(HttpRequest request, Tracing.Client span) {
        CompletableFuture<Integer> status = client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
        if (span != null) {
            status = status.whenComplete((s, failure) -> span.end(failure == null ? s : -1));
        }
        return status.exceptionally(t -> Http.DEPENDENCY);
    }

    private boolean call(HttpRequest request, Tracing.Client span) throws InterruptedException {
        int status = -1;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == Http.OK;
        } catch (IOException e) {
            return false;
        } finally {
            if (span != null) {
                span.end(status);
            }
        }
    }

    private static ServiceSpec serviceBehind(Design d, String name) {
        ComponentSpec c = d.components().get(name);
        if (c instanceof LoadBalancerSpec lb) {
            c = d.components().get(lb.target());
        }
        return c instanceof ServiceSpec s ? s : null;
    }

    private static DurationSampler[] perWorker(DistributionSpec spec, RandomStreams streams, String stream, int workers, Path baseDir)
            throws BadInputException {
        if (spec == null) {
            return null;
        }
        DurationSampler[] s = new DurationSampler[workers];
        for (int w = 0; w < workers; w++) {
            s[w] = spec.sampler(streams.stream(stream + ":" + w), baseDir);
        }
        return s;
    }

    private static DurationSampler sampler(DistributionSpec spec, RandomGenerator rng, Path baseDir) throws BadInputException {
        return spec == null ? null : spec.sampler(rng, baseDir);
    }

    private static URI loopback(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static URI[] uris(List<InstanceServer> list) {
        return list.stream().map(s -> loopback(s.port())).toArray(URI[]::new);
    }

    /** The base address of the entry component, {@code http://127.0.0.1:PORT}; requests go to {@code /ENDPOINT}. */
    public URI entry() {
        return addresses.get(entry);
    }

    /** The base address of a component. */
    public URI address(String component) {
        return addresses.get(component);
    }

    /**
     * The log rows of requests as they entered the system: the entry's router ({@code ENTRY#lb}) when it
     * is a balancer or a replicated service, else its single instance ({@code ENTRY#0}).
     */
    public java.util.List<ServedLog.Served> entryRows() {
        List<ServedLog.Served> rows = log.rows();
        String router = entry + Router.ROUTER_SUFFIX;
        List<ServedLog.Served> viaRouter = rows.stream().filter(r -> r.instance().equals(router)).toList();
        return !viaRouter.isEmpty() ? viaRouter : rows.stream().filter(r -> r.instance().equals(entry + "#0")).toList();
    }

    /** Every attempt of the guarded calls so far (timeouts, retries, breakers, bulkheads). */
    public CallLog calls() {
        return calls;
    }

    /** What the servers saw so far. */
    public ServedLog log() {
        return log;
    }

    /** Each cache's hit ratio so far. */
    public Map<String, Double> hitRatios() {
        Map<String, Double> m = new LinkedHashMap<>();
        caches.forEach((k, v) -> m.put(k, v.hitRatio()));
        return m;
    }

    /**
     * What one sharded store's shards took over a period: by shard, the counted requests (rejected and timed out
     * included, as the simulator counts a shard's arrivals) and the worker-seconds busy on requests that started
     * in the period; {@code workers} per shard (replicas × concurrency).
     */
    public record ShardLoad(String store, long[] requests, double[] busyS, int workers) {
    }

    /**
     * Each sharded store's load per shard, from its instances' rows: the requests whose load generator's id is
     * {@code counted} (those it started in the measured period, as the simulator counts a request by its arrival
     * at the entry), and the busy time of service started in {@code [fromNs, toNs)} ({@link System#nanoTime()}).
     */
    public List<ShardLoad> shardLoads(java.util.function.LongPredicate counted, long fromNs, long toNs, Design d) {
        List<ShardLoad> out = new ArrayList<>();
        List<ServedLog.Served> rows = log.rows();
        for (String name : stores.keySet()) {
            ShardedStoreSpec spec = (ShardedStoreSpec) d.components().get(name);
            long[] n = new long[spec.shards()];
            double[] busy = new double[spec.shards()];
            String prefix = name + "#shard-";
            for (ServedLog.Served r : rows) {
                if (r.instance().startsWith(prefix)) {
                    String rest = r.instance().substring(prefix.length());
                    int k = Integer.parseInt(rest.substring(0, rest.indexOf('.')));
                    if (r.requestId() >= 0 && counted.test(r.requestId())) {
                        n[k]++;
                    }
                    if (r.startNs() >= fromNs && r.startNs() < toNs) {
                        busy[k] += r.busyNs() / 1e9;
                    }
                }
            }
            out.add(new ShardLoad(name, n, busy, spec.replicasPerShard() * spec.concurrency()));
        }
        return out;
    }

    /**
     * Each autoscaled service's measured instance count (per second, from its first request) and scale events.
     * Call after the run.
     */
    public List<ScaledService.Timeline> scaling() {
        return scaled.values().stream().map(ScaledService::timeline).toList();
    }

    /** Stops every server; with tracing, then writes the spans ended so far and closes the traces file. */
    @Override
    public void close() {
        for (ScaledService s : scaled.values()) {
            s.close();
        }
        for (AutoCloseable s : servers) {
            try {
                s.close();
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
        timer.shutdownNow();
        clientThreads.shutdownNow();
        if (tracing != null) {
            tracing.close();
        }
    }
}
