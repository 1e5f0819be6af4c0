package io.headroom.model;

import io.headroom.ahead.DrawAhead;
import io.headroom.autoscale.Autoscaler;
import io.headroom.design.CallSpec;
import io.headroom.design.ComponentSpec;
import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.design.NetworkSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.design.autoscaling.Metric;
import io.headroom.design.pricing.InstanceSpec;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.dist.DistributionSpec;
import io.headroom.dist.DurationSampler;
import io.headroom.engine.Simulation;
import io.headroom.fleet.Fleet;
import io.headroom.load.LoadProfile;
import io.headroom.pricing.CostLedger;
import io.headroom.pricing.FleetBilling;
import io.headroom.random.RandomStreams;
import io.headroom.request.Component;
import io.headroom.request.Requests;
import io.headroom.service.CacheStation;
import io.headroom.service.ConnectionLimit;
import io.headroom.service.ServiceStation;
import io.headroom.yaml.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a validated design into its run-time {@link Model}: each component built by its kind's
 * factory, in passes over the design's order — the stations that hold instances, then every
 * component, then the zones and one fleet per station, last each component's wiring to those it
 * calls. The order is fixed because building schedules events (cache crashes, fleet timers) and the
 * event queue breaks ties at one instant by insertion. While building, the builder is what the
 * factories see: the run's clock, requests, random streams, prices and the stations built so far.
 */
public final class ModelBuilder {
    private final Design design;
    private final Path baseDir;
    private final LoadProfile profile;
    private final RandomStreams streams;
    private DrawAhead ahead = DrawAhead.none();
    private final Simulation sim;
    private final Requests requests;
    private final ComponentKinds kinds;
    private final PriceCatalogue catalogue;
    private final CostLedger ledger;
    private final List<String> componentNames;

    private final Map<String, ServiceStation> stations = new LinkedHashMap<>();
    /** The service spec whose startup, failures and autoscaling a station's fleet follows; absent for a store's shard. */
    private final Map<String, ServiceSpec> lifecycles = new HashMap<>();
    private final Map<String, List<ServiceStation>> units = new LinkedHashMap<>();
    private final Set<String> sharded = new LinkedHashSet<>();
    private final Map<String, CacheStation> cacheStations = new LinkedHashMap<>();
    private final Map<String, io.headroom.cdn.CdnStation> cdnStations = new LinkedHashMap<>();
    private final Map<String, io.headroom.service.CpuCredits> credits = new LinkedHashMap<>();
    private final Map<String, Fleet> fleets = new LinkedHashMap<>();
    private final Map<String, org.apache.commons.math3.random.RandomGenerator> spotStreams = new LinkedHashMap<>();
    private final Map<String, Fleet.Billing> billing = new LinkedHashMap<>();
    private final List<String> unpriced = new ArrayList<>();
    private final Map<String, ConnectionLimit> connectionLimits = new LinkedHashMap<>();
    private Component[] components;
    private final Map<String, io.headroom.region.GlobalRouter> routers = new LinkedHashMap<>();
    private final Map<String, List<String>> routerRecords = new LinkedHashMap<>();
    private io.headroom.region.RegionOutages regionOutages;
    private final Map<String, io.headroom.pricing.UsageMeter> transferMeters = new LinkedHashMap<>();

    private ModelBuilder(Design design, Path baseDir, LoadProfile profile, RandomStreams streams, Simulation sim, Requests requests,
                         ComponentKinds kinds) throws BadInputException {
        this.design = design;
        this.baseDir = baseDir;
        this.profile = profile;
        this.streams = streams;
        this.sim = sim;
        this.requests = requests;
        this.kinds = kinds;
        catalogue = PriceCatalogue.resolve(design.pricing(), baseDir);
        ledger = new CostLedger(catalogue, design.commitments());
        componentNames = List.copyOf(design.components().keySet());
    }

    /** Builds the model of {@code design}; {@code baseDir} resolves the sample files it names. */
    public static Model build(Design design, Path baseDir, LoadProfile profile, RandomStreams streams, Simulation sim,
                              Requests requests) throws BadInputException {
        return build(design, baseDir, profile, streams, sim, requests, DrawAhead.none());
    }

    /** Builds the model of {@code design} with its samplers drawn ahead by {@code ahead}. */
    public static Model build(Design design, Path baseDir, LoadProfile profile, RandomStreams streams, Simulation sim,
                              Requests requests, DrawAhead ahead) throws BadInputException {
        ModelBuilder builder = forDesign(design, baseDir, profile, streams, sim, requests);
        builder.ahead = ahead;
        return builder.build();
    }

    /** A builder for {@code design} that has built nothing yet (what factories see before the first pass). */
    static ModelBuilder forDesign(Design design, Path baseDir, LoadProfile profile, RandomStreams streams, Simulation sim,
                                  Requests requests) throws BadInputException {
        return new ModelBuilder(design, baseDir, profile, streams, sim, requests, ComponentKinds.STANDARD);
    }

    private Model build() throws BadInputException {
        for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
            kinds.factoryOf(c.getValue()).addStations(c.getKey(), c.getValue(), this);
        }
        components = new Component[componentNames.size()];
        for (int k = 0; k < components.length; k++) {
            String name = componentNames.get(k);
            ComponentSpec spec = design.components().get(name);
            components[k] = kinds.factoryOf(spec).build(name, spec, this);
        }
        // allocation by requests counts what each component receives from each sender; before the wiring, so that whoever
        // keeps a reference (a router's targets) counts too. Counts only: nothing drawn or scheduled changes.
        Component[] built = components.clone();
        io.headroom.pricing.CallTally tally = null;
        if (!design.allocation().tags().isEmpty() && design.allocation().shared() == io.headroom.design.cost.SharedRule.BY_REQUESTS) {
            tally = new io.headroom.pricing.CallTally(requests, componentNames.toArray(new String[0]));
            for (int k = 0; k < components.length; k++) {
                components[k] = tally.counted(components[k], k);
            }
        }
        if (design.network() != null) {
            NetworkSpec net = design.network();
            DurationSampler intra = sampler(net.intraZone(), "network:intra-zone");
            DurationSampler cross = sampler(net.crossZone(), "network:cross-zone");
            stations.values().forEach(st -> st.setup().setZones(net.zones().size(), intra, cross));
        }
        int zoneCount = design.network() == null ? 1 : design.network().zones().size();
        ClusterRuntime cluster = design.cluster() == null ? null : ClusterRuntime.build(design.cluster(),
                design.network() == null ? List.of() : design.network().zones(), this);
        for (Map.Entry<String, ServiceStation> st : stations.entrySet()) {
            Fleet fleet = fleet(st.getKey(), st.getValue(), lifecycles.get(st.getKey()), zoneCount);
            fleets.put(st.getKey(), fleet);
            spotStreams.put(st.getKey(), streams.stream("component:" + st.getKey() + ":spot"));
            ServiceSpec spec = lifecycles.get(st.getKey());
            if (cluster != null && spec != null && spec.onCluster()) {
                cluster.place(st.getKey(), fleet, spec, zoneCount);
            }
            if (spec != null && spec.deploys()) {
                fleet.deploy(spec.deployments(), podTemplates(st.getKey(), spec), new ArrayList<>(spec.endpoints().keySet()),
                        streams.stream("component:" + st.getKey() + ":version-routing"));
            }
        }
        for (int k = 0; k < components.length; k++) {
            String name = componentNames.get(k);
            ComponentSpec spec = design.components().get(name);
            kinds.factoryOf(spec).wire(name, spec, built[k], this);
        }
        for (Map.Entry<String, io.headroom.design.storage.StorageSpec> e : design.storage().entrySet()) {
            ledger.storage(e.getKey(), storageBill(e.getKey(), e.getValue()));
        }
        if (design.regions() != null) { // calls into a region that is down fail there, whatever the callee's kind
            for (int k = 0; k < components.length; k++) {
                String region = design.regions().regionOf(componentNames.get(k));
                int index = region == null ? -1 : design.regions().indexOf(region);
                if (index >= 0 && regionOutages().any(index)) {
                    components[k] = new io.headroom.region.RegionGate(components[k], sim, requests, regionOutages(), index);
                }
            }
        }
        io.headroom.region.UserPopulations users = design.regions() == null ? null
                : new io.headroom.region.UserPopulations(requests, streams.stream("regions:users"), design.regions().users());
        Model model = new Model(componentNames, components, stations, units, sharded, cacheStations, fleets, spotStreams, billing,
                unpriced, ledger, cluster, connectionLimits, cdnStations);
        model.credits(credits);
        model.tally(tally);
        if (design.regions() != null) {
            model.regional(new Regional(design.regions(), regionOutages(), users, routers, routerRecords));
        }
        return model;
    }

    /** The bill of a store of data, its classes priced from the catalogue (the design reader has checked they are there). */
    public io.headroom.pricing.StorageBill storageBill(String name, io.headroom.design.storage.StorageSpec spec) {
        return storageBill(name, spec, 1);
    }

    /** The bill of {@code copies} identical stores of data (a database's volume on each of its instances), reported as one. */
    public io.headroom.pricing.StorageBill storageBill(String name, io.headroom.design.storage.StorageSpec spec, int copies) {
        List<io.headroom.design.pricing.StoragePrice> prices = new ArrayList<>();
        for (String c : spec.classes()) {
            String key = spec.type().catalogueKey(c);
            prices.add(catalogue.storage(key).orElseThrow(() -> new IllegalStateException("no storage class " + key + " in " + catalogue.name())));
        }
        return new io.headroom.pricing.StorageBill(name, spec, prices, copies);
    }

    /** Each deployment's new pods (on a cluster): the requests and startup its new version gives, else the service's. */
    private List<Fleet.PodTemplate> podTemplates(String name, ServiceSpec spec) throws BadInputException {
        List<Fleet.PodTemplate> out = new ArrayList<>();
        if (!spec.onCluster()) {
            return out;
        }
        var pod = spec.pod();
        for (int k = 0; k < spec.deployments().size(); k++) {
            var change = spec.deployments().get(k).newVersion().pod();
            double cpu = change != null && change.cpuRequest() != null ? change.cpuRequest() : pod.cpuRequest();
            long memory = change != null && change.memoryRequest() != null ? change.memoryRequest() : pod.memoryRequest();
            io.headroom.dist.DistributionSpec startup = change != null && change.startup() != null ? change.startup() : pod.startup();
            DurationSampler sampler = startup == null ? () -> 0L
                    : sampler(startup, "component:" + name + ":v" + (k + 1) + ":pod-startup");
            out.add(new Fleet.PodTemplate(io.headroom.design.cluster.PodSpec.milli(cpu), memory, sampler));
        }
        return out;
    }

    /** Station {@code name}'s instance lifecycle: a service's, or (spec null) a store shard's, ready at once. */
    private Fleet fleet(String name, ServiceStation station, ServiceSpec spec, int zoneCount) throws BadInputException {
        if (spec == null) {
            return new Fleet(name, station, sim, 0, 0, ServiceSpec.DEFAULT_DRAIN_TIMEOUT.toNanos(), null, null,
                    zoneCount); // a store's shard: ready at once, drains as a service does
        }
        String stream = "component:" + name + ":failures:";
        long startupNs = spec.startup().toNanos();
        long readinessNs = spec.readinessDelay().toNanos();
        if (spec.onCluster()) { // what policies count on a new pod taking once bound: its mean start, then the probe's delay
            var pod = spec.pod();
            startupNs = pod.startup() == null ? 0 : Math.round(pod.startup().meanSeconds() * 1e9);
            long period = pod.readiness().period().toNanos();
            long delay = pod.readiness().initialDelay().toNanos();
            readinessNs = delay == 0 ? 0 : (delay + period - 1) / period * period;
        }
        Fleet fleet = new Fleet(name, station, sim, startupNs, readinessNs,
                spec.drainTimeout().toNanos(),
                spec.failures() == null ? null : sampler(spec.failures().timeBetween(), stream + "time-between"),
                spec.failures() == null ? null : sampler(spec.failures().timeToRepair(), stream + "time-to-repair"),
                zoneCount);
        if (spec.autoscaling() != null) {
            Autoscaler a = Autoscaler.of(spec.autoscaling(), spec.replicas());
            if (a.active()) {
                double cpuRequest = spec.requestedCpu() != null ? spec.requestedCpu() : station.cores();
                fleet.autoscale(new AutoscalerScaler(a), a.minReplicas(), a.maxReplicas(), cpuRequest, a.historyNs(),
                        spec.autoscaling().reads(Metric.LATENCY_P95));
            }
        }
        return fleet;
    }

    // ---------------------------------------------------------------- what factories see

    /** When each of the design's regions is down (none without regions). */
    public io.headroom.region.RegionOutages regionOutages() {
        if (regionOutages == null) {
            var regions = design.regions();
            int n = regions == null ? 0 : regions.names().size();
            long[][] from = new long[n][];
            long[][] until = new long[n][];
            for (int r = 0; r < n; r++) {
                var outages = regions.byName().get(regions.names().get(r)).outages();
                from[r] = new long[outages.size()];
                until[r] = new long[outages.size()];
                for (int k = 0; k < outages.size(); k++) {
                    from[r][k] = outages.get(k).at().toNanos();
                    until[r][k] = from[r][k] + outages.get(k).duration().toNanos();
                }
            }
            regionOutages = new io.headroom.region.RegionOutages(from, until);
        }
        return regionOutages;
    }

    /**
     * How many times as long a CPU demand takes on {@code type} as on the design's {@code reference-instance}: the
     * reference family's speed over the type's; 1 without a reference or a type (the design reader has checked both
     * families are known).
     */
    public double slowdown(String type) {
        return catalogue.slowdown(design.referenceInstance(), type);
    }

    /**
     * The CPU of station {@code station}'s instances of {@code type} (billed to {@code component}): hyperthreads, two to
     * a core, when its cores are the type's vCPUs and the family's vCPUs are hyperthreads; CPU credits when the type is
     * burstable, spent on its cores as vCPUs, in the {@code instance}'s credit mode (unlimited by default), the surplus
     * billed to the market {@value #CPU_CREDITS}.
     */
    public void cpu(String station, String component, ServiceStation st, String type, InstanceSpec instance, boolean coresFromType) {
        if (type == null) {
            return;
        }
        if (coresFromType) {
            catalogue.smtGain(type).ifPresent(st.setup()::hyperthreads);
        }
        java.util.OptionalDouble baseline = catalogue.burstableBaseline(type);
        if (baseline.isPresent()) {
            boolean unlimited = instance == null || instance.credits() != InstanceSpec.Credits.STANDARD;
            double initial = instance == null || instance.initialCredits() == null ? 0 : instance.initialCredits();
            String region = design.regions() == null ? null : design.regions().regionOf(component);
            java.util.function.LongConsumer meter = unlimited && ledger != null
                    ? ledger.usage(component, CPU_CREDITS, region, catalogue.surplusUsdPerVcpuHour(type) / 3.6e6) : null;
            credits.put(station, st.setup().burstable(st.cores(), baseline.getAsDouble(), initial, unlimited, meter));
        }
    }

    /** The market of unlimited burstable instances' surplus CPU credits, in the cost only when some were billed. */
    public static final String CPU_CREDITS = "cpu-credits";

    /** The meter of bytes sent from {@code region} to another region, one per region (made when first asked for). */
    public io.headroom.pricing.UsageMeter transferMeter(String region) {
        return transferMeters.computeIfAbsent(region, r -> ledger.usage(io.headroom.pricing.CostLedger.TRANSFER,
                io.headroom.pricing.CostLedger.TRANSFER, r, io.headroom.pricing.CostLedger.perByte(catalogue.interRegionUsdPerGb())));
    }

    /** Registers a global router and the regions of its records, in order. */
    public void addRouter(String name, io.headroom.region.GlobalRouter router, List<String> records) {
        routers.put(name, router);
        routerRecords.put(name, List.copyOf(records));
    }

    /**
     * The round trip a call from component {@code caller} to {@code callee} crosses between their regions, in ns (0 in
     * one region, or in a design without regions).
     */
    public long regionTripNs(String caller, String callee) {
        var regions = design.regions();
        if (regions == null) {
            return 0;
        }
        String a = regions.regionOf(caller);
        if (a == null && caller.lastIndexOf(":v") > 0) { // a version's calls: api@eu-west-1:v2
            a = regions.regionOf(caller.substring(0, caller.lastIndexOf(":v")));
        }
        String b = regions.regionOf(callee);
        if (a == null || b == null || a.equals(b)) {
            return 0;
        }
        java.time.Duration d = regions.roundTrip(a, b);
        return d == null ? 0 : d.toNanos();
    }

    public Design design() {
        return design;
    }

    public LoadProfile profile() {
        return profile;
    }

    public Simulation sim() {
        return sim;
    }

    public Requests requests() {
        return requests;
    }

    public RandomStreams streams() {
        return streams;
    }

    public Path baseDir() {
        return baseDir;
    }

    public PriceCatalogue catalogue() {
        return catalogue;
    }

    public CostLedger ledger() {
        return ledger;
    }

    /** A sampler of {@code d} drawing from the named stream, drawn ahead if it draws random numbers; null if {@code d} is. */
    public DurationSampler sampler(DistributionSpec d, String stream) throws BadInputException {
        if (d == null) {
            return null;
        }
        DurationSampler s = d.sampler(streams.stream(stream), baseDir);
        return d.random() ? ahead.sampler(s) : s;
    }

    /** Component {@code name}'s position in the design, which requests use to address it; -1 if there is none. */
    public int indexOf(String name) {
        return componentNames.indexOf(name);
    }

    /** Every component, by position (complete from the wiring pass on). */
    public Component[] components() {
        return components;
    }

    /** The station of that name (a service, or a store's {@code name/shard-k}). */
    public ServiceStation station(String name) {
        return stations.get(name);
    }

    /** The service that serves requests sent to component {@code name}: itself, or a balancer's target; null otherwise. */
    public ServiceSpec serviceBehind(String name) {
        return DesignReader.serviceBehind(design.components(), name);
    }

    /** The endpoint of component {@code call.to()} that a call from endpoint {@code callerEndpoint} reaches. */
    public int endpointOf(CallSpec call, String callerEndpoint) {
        ComponentSpec callee = design.components().get(call.to());
        if (callee == null) {
            throw new IllegalArgumentException("a call to " + call.to() + "." + (call.endpoint() != null ? call.endpoint() : callerEndpoint)
                    + ", which the design does not have (use DesignReader for a located error)");
        }
        return kinds.factoryOf(callee).endpointOf(call.to(), callee, call, callerEndpoint, this);
    }

    /**
     * Registers an instance-bearing station; its fleet follows {@code lifecycle}'s startup, failures
     * and autoscaling, or (null) is ready at once with none.
     */
    public void addStation(String name, ServiceStation station, ServiceSpec lifecycle) {
        stations.put(name, station);
        if (lifecycle != null) {
            lifecycles.put(name, lifecycle);
        }
    }

    /** What results report for component {@code name}: its stations, each with its figures when {@code shards}. */
    public void addUnit(String name, List<ServiceStation> unit, boolean shards) {
        units.put(name, unit);
        if (shards) {
            sharded.add(name);
        }
    }

    /**
     * Component {@code name} accepts at most {@code max} connections from its callers' pools, summed over every caller
     * instance ({@code max-connections}); null: no bound, nothing to register.
     */
    public void limitConnections(String name, Integer max) {
        if (max != null) {
            connectionLimits.put(name, new ConnectionLimit(max));
        }
    }

    /** The bound on connections to component {@code index}: its own, or (made when a pool first reaches it) one without a bound. */
    public ConnectionLimit connectionLimit(int index) {
        return connectionLimits.computeIfAbsent(componentNames.get(index), n -> new ConnectionLimit(null));
    }

    public void addCdn(String name, io.headroom.cdn.CdnStation station) {
        cdnStations.put(name, station);
    }

    public void addCache(String name, CacheStation station) {
        cacheStations.put(name, station);
    }

    /** Bills station {@code station}'s instances to {@code component}, if it has an instance type. */
    public void bill(String station, String component, InstanceSpec instance, int idOffset) {
        if (instance == null) {
            if (!unpriced.contains(component)) {
                unpriced.add(component);
            }
            return;
        }
        billing.put(station, new FleetBilling(ledger, component, instance, idOffset));
    }

    /** Bills the instances of {@code station} to {@code component} as {@code type} (a managed service's row, not an EC2 type). */
    public void bill(String station, String component, InstanceSpec instance, io.headroom.design.pricing.InstanceType type, int idOffset) {
        billing.put(station, new FleetBilling(ledger, component, instance, type, idOffset));
    }
}
