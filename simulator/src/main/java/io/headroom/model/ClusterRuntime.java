package io.headroom.model;

import io.headroom.cluster.AutoscalerSettings;
import io.headroom.cluster.Cluster;
import io.headroom.cluster.ClusterAutoscaler;
import io.headroom.cluster.Expander;
import io.headroom.cluster.NodeGroup;
import io.headroom.cluster.ClusterFigures;
import io.headroom.cluster.ClusterStats;
import io.headroom.cluster.NodePool;
import io.headroom.cluster.NodeShape;
import io.headroom.cluster.Placeholders;
import io.headroom.cluster.Scheduler;
import io.headroom.cluster.karpenter.Karpenter;
import io.headroom.design.ServiceSpec;
import io.headroom.design.cluster.AutoscalerSpec;
import io.headroom.design.cluster.ClusterSpec;
import io.headroom.design.cluster.NodePoolSpec;
import io.headroom.design.cluster.OverprovisioningSpec;
import io.headroom.design.cluster.PodSpec;
import io.headroom.design.cluster.Scoring;
import io.headroom.design.pricing.InstanceType;
import io.headroom.dist.DurationSampler;
import io.headroom.fleet.Fleet;
import io.headroom.pricing.FleetBilling;
import io.headroom.yaml.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The design's cluster as the run holds it: the {@link Cluster} with its pools (each billed to the ledger as
 * component {@code cluster/<pool>}), the services placed on it (by name, with their pool and owner index), the
 * overprovisioning buffer and the node autoscaler's loop.
 */
public final class ClusterRuntime {
    /** A service running on the cluster: its fleet and the pool its pods use. */
    public record Placed(String service, Fleet fleet, String pool, PodSpec pod, boolean vertical) {
    }

    private final ClusterSpec spec;
    private final Cluster cluster;
    private final List<FleetBilling> billing = new ArrayList<>();
    private final List<InstanceType> types = new ArrayList<>();
    private final Map<String, Placed> placed = new LinkedHashMap<>();
    /** Each placed service's pods at the start. */
    private final Map<String, Integer> initialPods = new LinkedHashMap<>();
    private final io.headroom.fleet.NodeCpu nodeCpu = new io.headroom.fleet.NodeCpu();
    private final ModelBuilder model;
    private final ClusterAutoscaler autoscaler;
    private Karpenter karpenter;
    private final List<Karpenter.Pool> karpenterPools = new ArrayList<>();
    private Map<String, Karpenter.Counts> karpenterAtHorizon;
    private Placeholders placeholders;
    /** The pools' integrals when billing stopped (the end of the profile); null before. */
    private double[] atHorizon;
    /** Per owner, its pods' bound time on each pool when billing stopped. */
    private Map<Integer, double[]> boundAtHorizon;
    private Map<String, ClusterFigures.Vpa> vpaAtHorizon;

    private ClusterRuntime(ClusterSpec spec, Cluster cluster, ModelBuilder model, ClusterAutoscaler autoscaler) {
        this.spec = spec;
        this.cluster = cluster;
        this.model = model;
        this.autoscaler = autoscaler;
    }

    static ClusterRuntime build(ClusterSpec spec, List<String> zoneNames, ModelBuilder model) throws BadInputException {
        int designZones = Math.max(1, zoneNames.size());
        List<NodePool> pools = new ArrayList<>();
        List<FleetBilling> bills = new ArrayList<>();
        List<InstanceType> types = new ArrayList<>();
        List<Karpenter.Pool> karpenterPools = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, NodePoolSpec> e : spec.nodePools().entrySet()) {
            NodePoolSpec p = e.getValue();
            if (p.karpenter()) {
                Karpenter.Pool kp = KarpenterPools.pool(e.getKey(), k++, p, zoneNames, model);
                pools.add(kp.pool());
                karpenterPools.add(kp);
                bills.add(null);
                types.add(null);
                continue;
            }
            InstanceType type = model.catalogue().type(p.instance().type());
            NodeShape shape = new NodeShape(p.allocatableCpuMilli(type), p.allocatableMemoryBytes(type), p.maxPods());
            DurationSampler provisioning = model.sampler(p.provisioning(), "cluster:" + e.getKey() + ":provisioning");
            int zones = p.zones() == null ? designZones : p.zones();
            NodeShape capacity = new NodeShape(type.vcpu() * 1000L, Math.round(type.memoryGib() * (1L << 30)), p.maxPods());
            pools.add(new NodePool(e.getKey(), k++, shape, capacity, zones, p.nodes().min(), p.nodes().max(), provisioning,
                    expectedHourlyPrice(p, type, model), expanderPriority(spec.autoscaler(), e.getKey())));
            bills.add(new FleetBilling(model.ledger(), "cluster/" + e.getKey(), p.instance(), 0));
            types.add(type);
        }
        Scheduler scheduler = new Scheduler(spec.scheduler().scoring() == Scoring.MOST_ALLOCATED
                ? Scheduler.Scoring.MOST_ALLOCATED : Scheduler.Scoring.LEAST_ALLOCATED, model.streams().stream("cluster:scheduler"));
        Cluster cluster = new Cluster(model.sim(), pools, scheduler);
        ClusterAutoscaler loop = spec.autoscaler().active() ? new ClusterAutoscaler(cluster, settings(spec.autoscaler()),
                spec.autoscaler().scaleDown().enabled(), model.sim(), model.streams().stream("cluster:autoscaler")) : null;
        ClusterRuntime rt = new ClusterRuntime(spec, cluster, model, loop);
        rt.billing.addAll(bills);
        rt.types.addAll(types);
        if (spec.autoscaler().karpenter()) {
            rt.karpenter = new Karpenter(cluster, karpenterPools, spec.autoscaler().batch().idle().toNanos(),
                    spec.autoscaler().batch().max().toNanos(), model.sim());
            rt.karpenterPools.addAll(karpenterPools);
        }
        return rt;
    }

    /**
     * What a node of {@code pool} costs an hour on its market, as the price expander compares pools: the on-demand
     * price, the spot price (on-demand less the discount), or for a mixed pool the two weighted by its on-demand
     * percentage above the base.
     */
    static double expectedHourlyPrice(NodePoolSpec pool, InstanceType type, ModelBuilder model) {
        double onDemandShare = pool.instance().onDemandPercentageAboveBase() / 100.0;
        double spot = type.onDemandUsdPerHour() * (1 - pool.instance().spotDiscount(model.catalogue()));
        return onDemandShare * type.onDemandUsdPerHour() + (1 - onDemandShare) * spot;
    }

    /** cluster-autoscaler's flags: the defaults, with what the design sets. */
    static AutoscalerSettings settings(AutoscalerSpec a) {
        AutoscalerSettings d = AutoscalerSettings.DEFAULTS;
        return new AutoscalerSettings(a.scanInterval().toNanos(), Expander.named(a.expander()), a.maxNodeProvisionTime().toNanos(),
                d.initialNodeGroupBackoffNs(), d.maxNodeGroupBackoffNs(), d.nodeGroupBackoffResetTimeoutNs(),
                a.expendablePodsPriorityCutoff(), d.newPodScaleUpDelayNs(), a.maxNodesTotal(), d.maxNodesPerScaleUp(),
                a.scaleDown().utilizationThreshold(), a.scaleDown().unneededTime().toNanos(), a.scaleDown().delayAfterAdd().toNanos(),
                d.scaleDownDelayAfterDeleteNs(), d.scaleDownDelayAfterFailureNs(), d.maxScaleDownParallelism(),
                d.maxDrainParallelism(), d.unremovableNodeRecheckTimeoutNs(), d.maxPodEvictionTimeNs(),
                d.nodeDeleteDelayAfterTaintNs());
    }

    /**
     * The priority expander's priority of {@code pool}: the highest priority one of whose regular expressions matches in
     * the pool's name (unanchored, as {@code expander/priority} matches a node group's id); none if no expression does.
     */
    static int expanderPriority(AutoscalerSpec a, String pool) {
        int best = NodeGroup.NO_PRIORITY;
        for (Map.Entry<Integer, List<String>> e : a.priorities().entrySet()) {
            for (String regex : e.getValue()) {
                if (java.util.regex.Pattern.compile(regex).matcher(pool).find() && e.getKey() > best) {
                    best = e.getKey();
                }
            }
        }
        return best;
    }

    /** Runs {@code service}'s instances as pods on the cluster. */
    void place(String service, Fleet fleet, ServiceSpec s, int designZones) throws BadInputException {
        PodSpec pod = s.pod();
        String pool = spec.poolFor(pod.nodePool());
        DurationSampler startup = pod.startup() == null ? () -> 0L
                : model.sampler(pod.startup(), "component:" + service + ":pod-startup");
        fleet.placePods(cluster, s.replicas().initial(), pod.cpuMilli(), pod.memoryRequest(), pod.priority(), poolIndex(pool), startup,
                pod.readiness().initialDelay().toNanos(), pod.readiness().period().toNanos(), s.disruptionBudget(), designZones);
        placed.put(service, new Placed(service, fleet, pool, pod, s.vertical() != null));
        initialPods.put(service, s.replicas().initial());
        if (spec.cpuSharing() == io.headroom.design.cluster.CpuSharing.NODE) {
            fleet.shareNodeCpu(nodeCpu);
        }
        if (s.vertical() != null) {
            io.headroom.vpa.Recommender recommender = new io.headroom.vpa.Recommender();
            if (s.vertical().history() != null) {
                recommender.seed(io.headroom.design.cluster.UsageHistory.read(model.baseDir().resolve(s.vertical().history())),
                        pod.cpuMilli() / 1000.0);
            }
            fleet.verticalAutoscale(recommender, pod.cpuMilli(), s.vertical().setsRequests(),
                    s.vertical().recreates(), s.vertical().inPlace());
        }
    }

    private int poolIndex(String pool) {
        return new ArrayList<>(spec.nodePools().keySet()).indexOf(pool);
    }

    /** The pools' initial nodes, Ready at time 0, billed from then. */
    void startNodes() {
        for (NodePool pool : cluster.pools()) {
            if (spec.nodePools().get(pool.name()).karpenter()) {
                pool.bill(new KarpenterPools.Billing(model.ledger(), ledgerName(pool.name()), karpenterPool(pool).options()));
                pool.spotStream(model.streams().stream("cluster:" + pool.name() + ":spot"));
                continue;
            }
            pool.bill(new NodePool.Billing() {
                private final FleetBilling b = billing.get(pool.index());

                @Override
                public void started(int node, long now) {
                    b.started(node, now);
                }

                @Override
                public void stopped(int node, long now) {
                    b.stopped(node, now);
                }

                @Override
                public boolean isSpot(int node) {
                    return b.isSpot(node);
                }

                @Override
                public double spotInterruptionsPerHour() {
                    return b.spotInterruptionsPerHour();
                }
            });
            pool.spotStream(model.streams().stream("cluster:" + pool.name() + ":spot"));
            int initial = spec.nodePools().get(pool.name()).nodes().initial();
            cluster.startNodes(pool, initial);
        }
        if (karpenter != null) {
            karpenter.prepare(expectedPods());
        }
    }

    /** The pods the run starts with, as Karpenter provisions for them before they exist (not registered anywhere). */
    private List<io.headroom.cluster.Pod> expectedPods() {
        List<io.headroom.cluster.Pod> pods = new ArrayList<>();
        int id = -1;
        for (Placed p : placed.values()) {
            for (int k = 0; k < initialPods.get(p.service()); k++) {
                pods.add(new io.headroom.cluster.Pod(id--, -1, -1, p.pod().cpuMilli(), p.pod().memoryRequest(), p.pod().priority(), 0,
                        poolIndex(p.pool())));
            }
        }
        OverprovisioningSpec buffer = spec.overprovisioning();
        if (buffer != null) {
            for (int k = 0; k < buffer.replicas(); k++) {
                pods.add(new io.headroom.cluster.Pod(id--, -1, -1, buffer.cpuMilli(), buffer.memoryRequest(), buffer.priority(), 0,
                        poolIndex(spec.poolFor(buffer.nodePool()))));
            }
        }
        return pods;
    }

    /** After the services' pods: the overprovisioning buffer, then the autoscaler's loop. */
    void startRest() {
        OverprovisioningSpec buffer = spec.overprovisioning();
        if (buffer != null && buffer.replicas() > 0) {
            placeholders = new Placeholders(cluster, buffer.replicas(), buffer.cpuMilli(), buffer.memoryRequest(), buffer.priority(),
                    poolIndex(spec.poolFor(buffer.nodePool())));
            placeholders.start();
        }
        if (autoscaler != null) {
            autoscaler.start();
        }
        if (karpenter != null) {
            karpenter.start();
        }
    }

    private Karpenter.Pool karpenterPool(NodePool pool) {
        return karpenterPools.stream().filter(p -> p.pool() == pool).findFirst().orElseThrow();
    }

    /** What Karpenter did to each NodePool (empty without Karpenter), up to the end of billing. */
    public Map<String, Karpenter.Counts> karpenterCounts() {
        return karpenterAtHorizon != null ? karpenterAtHorizon : karpenter == null ? Map.of() : karpenter.counts(model.sim().now());
    }

    void stopBilling() {
        cluster.advance(model.sim().now());
        cluster.pools().forEach(p -> p.bill(NodePool.Billing.NONE));
        cluster.stopInterruptions();
        atHorizon = snapshot();
        boundAtHorizon = bound();
        vpaAtHorizon = recommendations();
        karpenterAtHorizon = karpenter == null ? null : karpenter.counts(model.sim().now());
    }

    /** Each VPA's recommendation now (NaN throughout where there is none yet). */
    private Map<String, ClusterFigures.Vpa> recommendations() {
        Map<String, ClusterFigures.Vpa> out = new LinkedHashMap<>();
        for (Placed p : placed.values()) {
            if (p.vertical()) {
                io.headroom.vpa.Recommendation r = p.fleet().recommendation();
                double evictions = p.fleet().verticalEvictions();
                double resizes = cluster.stats().resizes(p.fleet().podOwner());
                double fallbacks = p.fleet().verticalResizeFallbacks();
                out.put(p.service(), r == null
                        ? new ClusterFigures.Vpa(Double.NaN, Double.NaN, Double.NaN, Double.NaN, evictions, resizes, fallbacks)
                        : new ClusterFigures.Vpa(r.targetMilli(), r.lowerMilli(), r.upperMilli(), r.historyDays(), evictions, resizes,
                        fallbacks));
            }
        }
        return out;
    }

    /** Each owner's bound-pod integral on each pool now. */
    private Map<Integer, double[]> bound() {
        Map<Integer, double[]> out = new java.util.HashMap<>();
        for (Placed p : placed.values()) {
            out.put(p.fleet().podOwner(), boundNs(p.fleet().podOwner()));
        }
        if (placeholders != null) {
            out.put(placeholders.owner(), boundNs(placeholders.owner()));
        }
        return out;
    }

    /** Per pool: its pods' bound time (ns), then, after the pools, their requested CPU over that time (millicore-ns). */
    private double[] boundNs(int owner) {
        int pools = cluster.pools().size();
        double[] b = new double[2 * pools];
        for (int q = 0; q < pools; q++) {
            b[q] = cluster.stats().boundNs(owner, q);
            b[pools + q] = cluster.stats().requestedCpuNs(owner, q);
        }
        return b;
    }

    /**
     * The share of {@code busyCoreNs} (a service's busy cores over the run) that ran on pool {@code pool}: all of it for
     * a service on one pool; for one whose pods may run on any, in proportion to its pods' time on each (the station
     * integrates its cores over all its pods).
     */
    private static double busyOn(double[] bound, int pool, double busyCoreNs) {
        double total = 0;
        for (int q = 0; q < bound.length / 2; q++) {
            total += bound[q];
        }
        return total > 0 ? busyCoreNs * bound[pool] / total : 0;
    }

    /** Per pool its node, requested-CPU and allocatable-CPU integrals now. */
    private double[] snapshot() {
        List<NodePool> pools = cluster.pools();
        double[] s = new double[pools.size() * 3];
        for (NodePool p : pools) {
            s[3 * p.index()] = p.nodeNs();
            s[3 * p.index() + 1] = p.requestedCpuNs();
            s[3 * p.index() + 2] = p.allocatableCpuNs();
        }
        return s;
    }

    /** OpenCost's default prices, which fix the split of a node's price between its CPUs and its memory. */
    static final double OPENCOST_CPU_USD_PER_HOUR = 0.031611;
    static final double OPENCOST_RAM_USD_PER_GIB_HOUR = 0.004237;

    /**
     * The cluster's figures over the billed period ({@code horizonNs} long): {@code poolCost} is what the ledger billed
     * each pool's nodes; {@code busyCoreNs} each service's busy-core integral over the same period.
     *
     * <p>Allocation as OpenCost does it: a node's hourly price is split into a price per vCPU-hour and per GiB-hour in
     * the ratio of OpenCost's default prices ({@code ramPrice = nodePrice / (vcpus * cpuToRAMRatio + GiB)},
     * {@code cpuPrice = ramPrice * cpuToRAMRatio}, {@code pkg/cloud/aws/provider.go}); an owner is charged
     * max(requested, used) CPU core-hours and its requested GiB-hours (memory use is not modelled) — over the whole
     * run, as one OpenCost allocation window. What a pool's nodes cost beyond the allocations is its idle cost, so
     * allocations plus idle equal the nodes' cost.
     */
    public ClusterFigures figures(long horizonNs, Map<String, Double> poolCost, Map<String, Double> busyCoreNs) {
        ClusterStats stats = cluster.stats();
        snapshotIfNeeded(horizonNs);
        Map<String, ClusterFigures.Pool> pools = new LinkedHashMap<>();
        Map<String, Double> allocated = new LinkedHashMap<>();
        for (NodePool pool : cluster.pools()) {
            double nodeNs = atHorizon[3 * pool.index()];
            double nodeHours = nodeNs / 3.6e12;
            double cost = poolCost.getOrDefault(ledgerName(pool.name()), 0.0);
            Map<String, Double> owners = allocations(pool, busyCoreNs, nodeHours > 0 ? cost / nodeHours : 0);
            owners.forEach((k, v) -> allocated.merge(k, v, Double::sum)); // a service on several pools: the sum
            double sum = owners.values().stream().mapToDouble(Double::doubleValue).sum();
            double used = 0;
            for (Placed p : placed.values()) {
                used += busyOn(boundAtHorizon.get(p.fleet().podOwner()), pool.index(), busyCoreNs.getOrDefault(p.service(), 0.0));
            }
            double alloc = atHorizon[3 * pool.index() + 2];
            pools.put(pool.name(), new ClusterFigures.Pool(nodeNs / horizonNs, pool.peak(), nodeHours, cost,
                    alloc > 0 ? atHorizon[3 * pool.index() + 1] / alloc : Double.NaN, alloc > 0 ? used * 1000 / alloc : Double.NaN,
                    cost - sum));
        }
        ClusterFigures.PendingTimes pending = new ClusterFigures.PendingTimes(stats.pendingNsAt(50) / 1e9,
                stats.pendingNsAt(95) / 1e9, stats.pendingNsAt(100) / 1e9, stats.podsStarted());
        return new ClusterFigures(pools, stats.pendingPeak(), pending, stats.preemptions(), stats.evictions(),
                cluster.interruptions(), allocated, vpaAtHorizon == null ? Map.of() : vpaAtHorizon, cluster.events(), karpenterFigures(),
                null);
    }

    private Map<String, ClusterFigures.KarpenterPool> karpenterFigures() {
        Map<String, ClusterFigures.KarpenterPool> out = new LinkedHashMap<>();
        karpenterCounts().forEach((pool, c) -> {
            Map<String, Double> hours = new LinkedHashMap<>();
            c.nodeNsByOffering().forEach((k, ns) -> hours.put(k, ns / 3.6e12));
            out.put(pool, new ClusterFigures.KarpenterPool(c.nodeClaims(), c.emptyDeletes(), c.underutilizedDeletes(), c.replaces(),
                    c.nodesConsolidated(), c.expired(), hours));
        });
        return out;
    }

    /**
     * Per pool (by its ledger name) the share of its nodes' cost allocated to pods — what the cost summary counts as
     * used, the rest being idle. The share does not depend on the price: every allocation is proportional to it.
     */
    public Map<String, Double> allocatedShares(long horizonNs, Map<String, Double> busyCoreNs) {
        snapshotIfNeeded(horizonNs);
        Map<String, Double> out = new LinkedHashMap<>();
        for (NodePool pool : cluster.pools()) {
            double nodeHours = atHorizon[3 * pool.index()] / 3.6e12;
            double sum = allocations(pool, busyCoreNs, 1).values().stream().mapToDouble(Double::doubleValue).sum();
            out.put(ledgerName(pool.name()), nodeHours > 0 ? sum / nodeHours : 0);
        }
        return out;
    }

    private void snapshotIfNeeded(long horizonNs) {
        if (atHorizon == null) {
            cluster.advance(horizonNs);
            atHorizon = snapshot();
            boundAtHorizon = bound();
            vpaAtHorizon = recommendations();
        }
    }

    /** What each owner of pods on {@code pool} is charged when a node costs {@code nodePrice} an hour. */
    private Map<String, Double> allocations(NodePool pool, Map<String, Double> busyCoreNs, double nodePrice) {
        InstanceType type = types.get(pool.index());
        double vcpu;
        double memoryGib;
        if (type != null) {
            vcpu = type.vcpu();
            memoryGib = type.memoryGib();
        } else { // a Karpenter pool's nodes differ: its average node, weighted by node time
            double[] mean = KarpenterPools.meanNode(karpenterPool(pool), karpenterCounts().get(pool.name()));
            vcpu = mean[0];
            memoryGib = mean[1];
        }
        double ratio = OPENCOST_CPU_USD_PER_HOUR / OPENCOST_RAM_USD_PER_GIB_HOUR;
        double ramPrice = nodePrice / (vcpu * ratio + memoryGib);
        double cpuPrice = ramPrice * ratio;
        Map<String, Double> out = new LinkedHashMap<>();
        int q = pool.index();
        for (Placed p : placed.values()) {
            double[] bound = boundAtHorizon.get(p.fleet().podOwner());
            if (pool.name().equals(p.pool()) || bound[q] > 0) {
                out.put(p.service(), allocation(bound[q], bound[bound.length / 2 + q], p.pod().memoryRequest(),
                        busyOn(bound, q, busyCoreNs.getOrDefault(p.service(), 0.0)), cpuPrice, ramPrice));
            }
        }
        if (placeholders != null) {
            OverprovisioningSpec buffer = spec.overprovisioning();
            double[] bound = boundAtHorizon.get(placeholders.owner());
            if (pool.name().equals(spec.poolFor(buffer.nodePool())) || bound[q] > 0) {
                out.put("overprovisioning", allocation(bound[q], bound[bound.length / 2 + q], buffer.memoryRequest(), 0, cpuPrice,
                        ramPrice));
            }
        }
        return out;
    }

    /** One owner's charge on one pool: {@code podNs} of pod time holding {@code cpuMilliNs} of requested CPU. */
    private static double allocation(double podNs, double cpuMilliNs, long memoryBytes, double busyCoreNs, double cpuPrice,
                                     double ramPrice) {
        double cpuCoreHours = Math.max(cpuMilliNs / 1000.0, busyCoreNs) / 3.6e12;
        double gibHours = podNs * (memoryBytes / (double) (1L << 30)) / 3.6e12;
        return cpuCoreHours * cpuPrice + gibHours * ramPrice;
    }

    public Cluster cluster() {
        return cluster;
    }

    public ClusterSpec spec() {
        return spec;
    }

    /** The services on the cluster, in the design's order. */
    public Map<String, Placed> placed() {
        return placed;
    }

    /** The instance type of pool {@code index}. */
    public InstanceType type(int index) {
        return types.get(index);
    }

    /** The ledger component a pool's nodes are billed to. */
    public static String ledgerName(String pool) {
        return "cluster/" + pool;
    }
}
