package io.headroom.model;

import io.headroom.design.NetworkSpec;
import io.headroom.design.faults.OutageSpec;
import io.headroom.fleet.Fleet;
import io.headroom.pricing.CostLedger;
import io.headroom.request.Component;
import io.headroom.service.CacheStation;
import io.headroom.service.ConnectionLimit;
import io.headroom.service.ServiceStation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A design at run time: its components, addressed by their position in the design, the stations
 * whose instances serve them, one fleet per station (instance lifecycle, faults, autoscaling) and
 * the cost ledger its instances are billed to. Built by {@link ModelBuilder}; every map keeps the
 * design's order, which is the order of the time-series columns and of the results.
 */
public final class Model {
    private final List<String> componentNames;
    private final Component[] components;
    private final Map<String, ServiceStation> stations;
    private final Map<String, List<ServiceStation>> units;
    private final Set<String> sharded;
    private final Map<String, CacheStation> cacheStations;
    private final Map<String, Fleet> fleets;
    private final Map<String, RandomGenerator> spotStreams;
    private final Map<String, Fleet.Billing> billing;
    private final List<String> unpriced;
    private final CostLedger ledger;
    private final ClusterRuntime cluster;
    private final Map<String, ConnectionLimit> connectionLimits;
    private Regional regional;
    private Map<String, io.headroom.service.CpuCredits> credits = Map.of();
    private final Map<String, io.headroom.cdn.CdnStation> cdnStations;

    Model(List<String> componentNames, Component[] components, Map<String, ServiceStation> stations,
          Map<String, List<ServiceStation>> units, Set<String> sharded, Map<String, CacheStation> cacheStations,
          Map<String, Fleet> fleets, Map<String, RandomGenerator> spotStreams, Map<String, Fleet.Billing> billing,
          List<String> unpriced, CostLedger ledger, ClusterRuntime cluster, Map<String, ConnectionLimit> connectionLimits,
          Map<String, io.headroom.cdn.CdnStation> cdnStations) {
        this.cdnStations = Collections.unmodifiableMap(cdnStations);
        this.connectionLimits = Collections.unmodifiableMap(connectionLimits);
        this.componentNames = componentNames;
        this.components = components;
        this.stations = Collections.unmodifiableMap(stations);
        this.units = Collections.unmodifiableMap(units);
        this.sharded = sharded;
        this.cacheStations = Collections.unmodifiableMap(cacheStations);
        this.fleets = Collections.unmodifiableMap(fleets);
        this.spotStreams = spotStreams;
        this.billing = billing;
        this.unpriced = List.copyOf(unpriced);
        this.ledger = ledger;
        this.cluster = cluster;
    }

    /** The bound on connections of each component that has one or that a pool reaches, by name. */
    public Map<String, ConnectionLimit> connectionLimits() {
        return connectionLimits;
    }

    void credits(Map<String, io.headroom.service.CpuCredits> credits) {
        this.credits = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(credits));
    }

    /** The CPU credits of burstable stations, by station name. */
    public Map<String, io.headroom.service.CpuCredits> credits() {
        return credits;
    }

    void regional(Regional r) {
        this.regional = r;
    }

    private io.headroom.pricing.CallTally tally;

    void tally(io.headroom.pricing.CallTally t) {
        this.tally = t;
    }

    /** The requests each component received by sender, for cost allocation by requests; null when not counted. */
    public io.headroom.pricing.CallTally tally() {
        return tally;
    }

    /** {@code c} without the wrappers the model puts in front of components (a region's gate, a request tally). */
    public static Component unwrap(Component c) {
        while (true) {
            if (c instanceof io.headroom.region.RegionGate g) {
                c = g.inner();
            } else if (io.headroom.pricing.CallTally.inner(c) != c) {
                c = io.headroom.pricing.CallTally.inner(c);
            } else {
                return c;
            }
        }
    }

    /** The design's regions at run time (routers, populations, outages), or null without regions. */
    public Regional regional() {
        return regional;
    }

    /** The design's Kubernetes cluster at run time, or null without one. */
    public ClusterRuntime cluster() {
        return cluster;
    }

    /** Component names in the design's order: a component's position is its address. */
    public List<String> componentNames() {
        return componentNames;
    }

    public Component[] components() {
        return components;
    }

    /** Every instance-bearing station, a store's shards included, by station name. */
    public Map<String, ServiceStation> stations() {
        return stations;
    }

    /** What results report per component: a service's one station, or a store's shards. */
    public Map<String, List<ServiceStation>> units() {
        return units;
    }

    /** True when component {@code name}'s stations are a store's shards (reported one by one). */
    public boolean isSharded(String name) {
        return sharded.contains(name);
    }

    public Map<String, CacheStation> cacheStations() {
        return cacheStations;
    }

    /** The CDNs, by name. */
    public Map<String, io.headroom.cdn.CdnStation> cdnStations() {
        return cdnStations;
    }

    /** Every station's instance lifecycle, by station name. */
    public Map<String, Fleet> fleets() {
        return fleets;
    }

    public CostLedger ledger() {
        return ledger;
    }

    /** True when some station is billed (has an instance type). */
    public boolean priced() {
        return !billing.isEmpty() || cluster != null;
    }

    /** Instance-bearing components without an instance type: not priced. */
    public List<String> unpriced() {
        return unpriced;
    }

    /** Starts every fleet (its billing and spot market) and schedules the zone outages of {@code network}, if any. */
    public void start(NetworkSpec network) {
        if (cluster != null) {
            cluster.startNodes();
        }
        fleets.forEach((n, f) -> f.start(billing.getOrDefault(n, Fleet.Billing.NONE), spotStreams.get(n)));
        if (cluster != null) {
            cluster.startRest();
        }
        if (regional != null) { // a region's outage takes down every zone of every fleet that runs there
            int zones = network == null ? 1 : network.zones().size();
            List<String> names = regional.regions().names();
            for (Map.Entry<String, List<ServiceStation>> u : units.entrySet()) {
                String region = regional.regions().regionOf(u.getKey());
                if (region == null) {
                    continue;
                }
                int r = names.indexOf(region);
                long[] from = regional.outages().starts(r);
                long[] until = regional.outages().ends(r);
                for (ServiceStation st : u.getValue()) {
                    Fleet f = fleets.get(st.name());
                    for (int k = 0; k < from.length; k++) {
                        for (int z = 0; z < zones; z++) {
                            f.outage(z, from[k], until[k]);
                        }
                    }
                }
            }
        }
        if (network != null) {
            for (OutageSpec o : network.outages()) {
                int z = network.zones().indexOf(o.zone());
                long at = o.at().toNanos();
                fleets.values().forEach(f -> f.outage(z, at, at + o.duration().toNanos()));
            }
        }
    }

    /** Stops billing every fleet: the bill covers the profile, and the ledger closes at its end. */
    public void stopBilling() {
        fleets.values().forEach(Fleet::stopBilling);
        if (cluster != null) {
            cluster.stopBilling();
        }
    }
}
