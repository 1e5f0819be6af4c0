package io.headroom.design;

import io.headroom.design.database.ReadRouting;
import io.headroom.design.database.Replication;
import io.headroom.design.pricing.InstanceSpec;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.dist.DistributionSpec;
import io.headroom.dist.EmpiricalSamples;
import io.headroom.load.LoadProfile;
import io.headroom.load.scenario.ScenarioStep;
import io.headroom.yaml.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A back-of-the-envelope check before simulating: the profile's peak arrival rate carried along the whole call
 * graph, and each component that holds workers at its initial size against the requests it then gets. The
 * entry's requests are spread over its endpoints by the profile's mix (or its scenario's requests per user);
 * each call passes on its caller's rate times its probability, so two calls to one component give it twice the
 * rate (fan-out); a cache passes on its misses — all of them unless it has a {@code fixed-hit-ratio}, since a
 * cache starts cold. A component's capacity is what its cores can serve (mean CPU demand) and what its workers
 * can serve: a worker is held for the endpoint's demand and wait and, unless the endpoint is {@code async}, for
 * its calls' unqueued time (their own work and network latency, nothing for queues or CPU sharing). Requests are
 * taken to spread evenly over instances and over a store's shards; a store's busiest instance is a shard's
 * primary (its share of the reads and all of the writes). Every rate grows with the arrival rate, so the
 * component with the highest utilisation at the peak is the first to saturate as the load grows.
 *
 * @param peakRatePerS the profile's peak arrival rate ({@link LoadProfile#peakRatePerS})
 * @param stations     the components that hold workers and get requests, in the order the call graph reaches them
 */
public record OfferedLoad(double peakRatePerS, List<Station> stations) {

    public OfferedLoad {
        stations = List.copyOf(stations);
    }

    /**
     * One component at the peak and at its initial size.
     *
     * @param ratePerS       requests per second it gets at the peak
     * @param cpuCapacity    requests/s (at its mix of endpoints) its cores can serve; infinite without CPU demand or cores
     * @param workerCapacity requests/s its workers can serve if nothing else limits them
     */
    public record Station(String component, double ratePerS, double cpuCapacity, double workerCapacity) {
        public double capacity() {
            return Math.min(cpuCapacity, workerCapacity);
        }

        public double utilisation() {
            return ratePerS / capacity();
        }

        /** What limits it: {@code cores} or {@code workers}. */
        public String limit() {
            return cpuCapacity <= workerCapacity ? "cores" : "workers";
        }
    }

    /** The component that saturates first as the load grows: the highest utilisation (the first reached of equals); null if none. */
    public Station bottleneck() {
        Station best = null;
        for (Station s : stations) {
            if (best == null || s.utilisation() > best.utilisation()) {
                best = s;
            }
        }
        return best;
    }

    /** The arrival rate at which the bottleneck saturates (its utilisation reaches 1). */
    public double saturatingRatePerS() {
        Station b = bottleneck();
        return b == null ? Double.POSITIVE_INFINITY : peakRatePerS / b.utilisation();
    }

    /** The offered load of an open profile on a design. */
    public static OfferedLoad of(Design design, Path baseDir, LoadProfile profile) throws BadInputException {
        return new Graph(design, baseDir).offer(profile);
    }

    /** The call graph's walk: rates pushed down the calls, and each endpoint's least response time. */
    private static final class Graph {
        private final Design design;
        private final Path baseDir;
        private final PriceCatalogue catalogue;
        /** Requests/s per component, per endpoint, in the order the walk reaches them. */
        private final Map<String, Map<String, Double>> rates = new LinkedHashMap<>();
        private final Map<String, Double> leastTime = new HashMap<>();

        Graph(Design design, Path baseDir) throws BadInputException {
            this.design = design;
            this.baseDir = baseDir;
            this.catalogue = PriceCatalogue.resolve(design.pricing(), baseDir);
        }

        OfferedLoad offer(LoadProfile profile) throws BadInputException {
            double peak = profile.peakRatePerS();
            if (profile.scenario() != null) {
                Map<List<String>, Double> perUser = new LinkedHashMap<>();
                requestsPerUser(profile.scenario(), 1.0, perUser);
                for (Map.Entry<List<String>, Double> e : perUser.entrySet()) {
                    push(e.getKey().get(0), e.getKey().get(1), peak * e.getValue());
                }
            } else {
                List<String> endpoints = design.entryEndpoints();
                Map<String, Double> mix = profile.mix();
                double total = mix.values().stream().mapToDouble(Double::doubleValue).sum();
                for (int i = 0; i < endpoints.size(); i++) {
                    double w = mix.isEmpty() ? (i == 0 ? 1 : 0) : mix.getOrDefault(endpoints.get(i), 0.0) / total;
                    if (w > 0) {
                        push(design.entry(), endpoints.get(i), peak * w);
                    }
                }
            }
            List<Station> stations = new ArrayList<>();
            for (Map.Entry<String, Map<String, Double>> e : rates.entrySet()) {
                Station s = station(e.getKey(), e.getValue());
                if (s != null && s.ratePerS() > 0) {
                    stations.add(s);
                }
            }
            return new OfferedLoad(peak, stations);
        }

        private void requestsPerUser(List<ScenarioStep> steps, double times, Map<List<String>, Double> out) {
            for (ScenarioStep s : steps) {
                if (s instanceof ScenarioStep.Request r) {
                    out.merge(List.of(r.to() != null ? r.to() : design.entry(), r.endpoint()), times * r.p(), Double::sum);
                } else if (s instanceof ScenarioStep.Repeat r) {
                    requestsPerUser(r.body(), times * r.repeat(), out);
                }
            }
        }

        /** Adds {@code rate} requests/s to {@code endpoint} of {@code name} and to everything it calls. */
        private void push(String name, String endpoint, double rate) {
            ComponentSpec c = design.components().get(name);
            if (c == null || rate <= 0) {
                return;
            }
            rates.computeIfAbsent(name, k -> new LinkedHashMap<>()).merge(endpoint, rate, Double::sum);
            if (c instanceof ServiceSpec s) {
                EndpointSpec e = s.endpoints().get(endpoint);
                if (e != null) {
                    for (CallSpec call : e.calls()) {
                        push(call.to(), design.endpointCalled(call, endpoint), rate * call.p());
                    }
                }
            } else if (c instanceof LoadBalancerSpec lb) {
                push(lb.target(), endpoint, rate);
            } else if (c instanceof GlobalRouterSpec router) {
                routerShares(router).forEach((copy, share) -> push(copy, endpoint, rate * share));
            } else if (c instanceof CdnSpec cdn) {
                String entryMiss = design.entryMissEndpoint(name, endpoint);
                push(cdn.origin(), entryMiss != null ? entryMiss : design.originEndpoint(cdn), rate);
            } else if (c instanceof CacheSpec cache) {
                String entryMiss = design.entryMissEndpoint(name, endpoint);
                if (entryMiss != null) {
                    push(cache.miss(), entryMiss, rate * (1 - hitRatio(cache)));
                } else if ("write".equals(endpoint)) {
                    push(cache.miss(), design.writeEndpoint(cache), rate);
                } else {
                    push(cache.miss(), design.missEndpoint(cache), rate * (1 - hitRatio(cache)));
                }
            }
        }

        /** The share of a router's requests each copy of its target takes with every record healthy, by the router's policy. */
        private Map<String, Double> routerShares(GlobalRouterSpec router) {
            var regions = design.regions();
            List<String> records = regions.placementOf(router.target());
            Map<String, Double> out = new LinkedHashMap<>();
            switch (router.policy()) {
                case WEIGHTED -> {
                    double sum = records.stream().mapToDouble(r -> router.weights().getOrDefault(r, 0)).sum();
                    for (String r : records) {
                        double w = sum > 0 ? router.weights().getOrDefault(r, 0) / sum : 1.0 / records.size();
                        out.merge(regions.regionalName(router.target(), r), w, Double::sum);
                    }
                }
                case FAILOVER -> out.put(regions.regionalName(router.target(), router.failover().primary()), 1.0);
                default -> {
                    double[] users = regions.users();
                    for (int p = 0; p < users.length; p++) {
                        String population = regions.names().get(p);
                        String r = router.policy() == io.headroom.design.region.RoutingPolicy.LATENCY
                                ? RegionalExpansion.nearest(records, population, regions)
                                : router.geolocation().getOrDefault(population, router.geolocation().get("default"));
                        if (r != null && users[p] > 0) {
                            out.merge(regions.regionalName(router.target(), r), users[p], Double::sum);
                        }
                    }
                }
            }
            return out;
        }

        private static double hitRatio(CacheSpec cache) {
            return cache.hitRatio() != null ? cache.hitRatio() : 0;
        }

        /** How many times as long a demand takes on {@code instance}'s type as on the design's reference-instance (1: no reference). */
        private double slowdown(io.headroom.design.pricing.InstanceSpec instance) {
            return catalogue.slowdown(design.referenceInstance(), instance == null ? null : instance.type());
        }

        /** The component's capacity against its rates; null for one that holds no worker (a balancer, a cache). */
        private Station station(String name, Map<String, Double> byEndpoint) throws BadInputException {
            double rate = byEndpoint.values().stream().mapToDouble(Double::doubleValue).sum();
            ComponentSpec c = design.components().get(name);
            double cpuWork = 0;
            double hold = 0;
            if (c instanceof ServiceSpec s) {
                double slowdown = slowdown(s.instance());
                for (Map.Entry<String, Double> e : byEndpoint.entrySet()) {
                    EndpointSpec ep = s.endpoints().get(e.getKey());
                    if (ep != null) {
                        double d = mean(ep.demand()) * slowdown;
                        cpuWork += e.getValue() * d;
                        hold += e.getValue() * (d + mean(ep.offCpu()) + (ep.async() ? 0 : callsTime(ep, e.getKey())));
                    }
                }
                int replicas = s.replicas().initial();
                double cores = cpus(s.cores(), s.instance(), s.concurrency(), s.onCluster() ? null : s.instance());
                return new Station(name, rate, capacity(rate, cpuWork / replicas, cores), capacity(rate, hold / replicas, s.concurrency()));
            }
            if (c instanceof ShardedStoreSpec st) {
                // a shard's primary: its share of the reads (spread over the shard's replicas) and all the writes
                double reads = byEndpoint.getOrDefault("read", 0.0);
                double writes = byEndpoint.getOrDefault("write", 0.0);
                double work = (reads / st.replicasPerShard() * mean(st.demand()) + writes * mean(st.writeDemand())) / st.shards()
                        * slowdown(st.instance());
                double cores = cpus(st.cores(), st.instance(), st.concurrency(), st.instance());
                return new Station(name, rate, capacity(rate, work, cores), capacity(rate, work, st.concurrency()));
            }
            if (c instanceof DatabaseSpec db) {
                // a shard's primary: its share of the reads (over its instances when reads go to replicas) and all the writes
                double reads = byEndpoint.getOrDefault(DatabaseSpec.READ, 0.0);
                double writes = byEndpoint.getOrDefault(DatabaseSpec.WRITE, 0.0);
                double readers = db.reads() == ReadRouting.PRIMARY ? 1 : db.instancesPerShard();
                double work = (reads / readers * mean(db.demand()) + writes * mean(db.writeDemand())) / db.shards()
                        * slowdown(db.instance());
                double cores = db.coresIn(catalogue);
                if (db.cores() == null && db.instance() != null) { // a DB class's or an EC2 type's vCPUs: hyperthreads on x86
                    java.util.OptionalDouble gain = catalogue.smtGain(db.instance().type());
                    if (gain.isPresent()) {
                        cores = io.headroom.design.pricing.CpuSpec.smtCapacity((int) cores, db.concurrency(), gain.getAsDouble());
                    }
                }
                return new Station(name, rate, capacity(rate, work, cores), capacity(rate, work, db.concurrency()));
            }
            if (c instanceof FunctionSpec f) {
                for (Map.Entry<String, Double> e : byEndpoint.entrySet()) {
                    EndpointSpec ep = f.endpoints().get(e.getKey());
                    if (ep != null) {
                        hold += e.getValue() * (mean(ep.demand()) + mean(ep.offCpu()));
                    }
                }
                return new Station(name, rate, Double.POSITIVE_INFINITY, capacity(rate, hold, f.concurrency()));
            }
            return null;
        }

        /**
         * The cores' worth of CPU {@code concurrency} workers get: the given cores, else the type's vCPUs, as many hyperthreads
         * deliver when {@code threads} (the instance, when its cores are its type's vCPUs) is of an x86 family.
         */
        private double cpus(Integer cores, InstanceSpec instance, int concurrency, InstanceSpec threads) {
            int n = catalogue.cores(cores, instance, concurrency);
            if (cores == null && threads != null) {
                java.util.OptionalDouble gain = catalogue.smtGain(threads.type());
                if (gain.isPresent()) {
                    return io.headroom.design.pricing.CpuSpec.smtCapacity(n, concurrency, gain.getAsDouble());
                }
            }
            return n;
        }

        /** Requests/s at which {@code busy} (seconds of work per second, at {@code rate}) fills {@code servers}. */
        private static double capacity(double rate, double busy, double servers) {
            return busy > 0 ? rate * servers / busy : Double.POSITIVE_INFINITY;
        }

        /** The unqueued time of an endpoint's calls: one after another, or the longest when in parallel. */
        private double callsTime(EndpointSpec ep, String endpoint) throws BadInputException {
            double sum = 0;
            double longest = 0;
            for (CallSpec call : ep.calls()) {
                double t = call.p() * (mean(call.latency()) + leastTime(call.to(), design.endpointCalled(call, endpoint)));
                sum += t;
                longest = Math.max(longest, t);
            }
            return ep.parallel() ? longest : sum;
        }

        /** The least mean time a request to {@code endpoint} of {@code name} takes: its work and its calls', no queueing. */
        private double leastTime(String name, String endpoint) throws BadInputException {
            String key = name + "\u0000" + endpoint;
            Double known = leastTime.get(key);
            if (known != null) {
                return known;
            }
            ComponentSpec c = design.components().get(name);
            double t = 0;
            if (c instanceof ServiceSpec s) {
                EndpointSpec ep = s.endpoints().get(endpoint);
                t = ep == null ? 0 : mean(ep.demand()) + mean(ep.offCpu()) + callsTime(ep, endpoint);
            } else if (c instanceof LoadBalancerSpec lb) {
                t = mean(lb.latency()) + leastTime(lb.target(), endpoint);
            } else if (c instanceof GlobalRouterSpec router) {
                t = leastTime(design.regions().regionalName(router.target(), design.regions().placementOf(router.target()).get(0)), endpoint);
            } else if (c instanceof CacheSpec cache) {
                t = mean(cache.hitLatency()) + (1 - hitRatio(cache)) * leastTime(cache.miss(), design.missEndpoint(cache));
            } else if (c instanceof ShardedStoreSpec st) {
                t = mean("write".equals(endpoint) ? st.writeDemand() : st.demand());
            } else if (c instanceof DatabaseSpec db) {
                t = mean(DatabaseSpec.WRITE.equals(endpoint) ? db.writeDemand() : db.demand())
                        + (DatabaseSpec.WRITE.equals(endpoint) && db.replication() != Replication.ASYNC
                        ? mean(db.lag()) : 0);
            } else if (c instanceof FunctionSpec f) {
                EndpointSpec ep = f.endpoints().get(endpoint);
                t = ep == null ? 0 : mean(ep.demand()) + mean(ep.offCpu());
            }
            leastTime.put(key, t);
            return t;
        }

        private double mean(DistributionSpec d) throws BadInputException {
            if (d == null) {
                return 0;
            }
            if (d instanceof DistributionSpec.Empirical e) {
                EmpiricalSamples samples = e.validate(baseDir);
                return samples.meanSeconds();
            }
            return d.meanSeconds();
        }
    }
}
