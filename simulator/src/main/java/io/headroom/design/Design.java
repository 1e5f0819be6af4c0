package io.headroom.design;

import io.headroom.design.pricing.CommitmentSpec;
import io.headroom.yaml.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A system design: named components, the {@code entry} component that receives the load, and
 * optionally the {@code network} (zones and their latencies) and {@code slos}, objectives its
 * results are checked against ({@code "p99 < 250ms"}, {@code "errors < 0.1% over 5m"}, error
 * budgets; see {@link SloSpec}); {@code pricing}, the
 * price catalogue (a bundled name or a file, default {@code aws-us-east-1}), and {@code commitments},
 * reserved instances and savings plans billed for the whole run.
 * {@code cluster}, a Kubernetes cluster that services with a {@code pod:} block run on
 * ({@link io.headroom.design.cluster.ClusterSpec}); {@code storage}, named buckets and volumes billed by the
 * month ({@link io.headroom.design.storage.StorageSpec}).
 * Bound from YAML by {@link DesignReader}, which also checks references between components.
 *
 * @param name a label for results
 * @param description free text for people reading the design
 * @param entry the component that receives the load
 * @param slos objectives the results are checked against: "p99 < 250ms", "errors < 0.1% over 5m", error budgets
 * @param components the components, by name; each says its type
 * @param network zones and the latencies within and across them; instance i of every component runs in zone i modulo
 *                          the number of zones
 * @param pricing the price catalogue: a bundled name or the path of your own (default aws-us-east-1)
 * @param commitments reserved instances and savings plans, billed for the whole run
 * @param cluster a Kubernetes cluster that services with a pod: block run on
 * @param storage buckets and volumes, by name, billed by the month
 * @param regions the regions the design runs in, their users' shares and the round trips between them
 * @param referenceInstance the instance type every demand was measured on; other types run it at the ratio of their
 *                          families' speeds
 * @param costAllocation how costs shared by several tags' owners are split
 * @param budget a monthly budget the run's spend is projected against
 */
public record Design(String name, String description, String entry, List<SloSpec> slos, Map<String, ComponentSpec> components,
                     NetworkSpec network, String pricing, List<CommitmentSpec> commitments,
                     io.headroom.design.cluster.ClusterSpec cluster, Map<String, io.headroom.design.storage.StorageSpec> storage,
                     io.headroom.design.region.Regions regions, String referenceInstance,
                     io.headroom.design.cost.CostAllocationSpec costAllocation, io.headroom.design.cost.BudgetSpec budget) {

    /** A design without cost allocation rules or a budget. */
    public Design(String name, String description, String entry, List<SloSpec> slos, Map<String, ComponentSpec> components,
                  NetworkSpec network, String pricing, List<CommitmentSpec> commitments,
                  io.headroom.design.cluster.ClusterSpec cluster, Map<String, io.headroom.design.storage.StorageSpec> storage,
                  io.headroom.design.region.Regions regions, String referenceInstance) {
        this(name, description, entry, slos, components, network, pricing, commitments, cluster, storage, regions, referenceInstance,
                null, null);
    }

    /** A design whose demands are each measured on its component's own instance type. */
    public Design(String name, String description, String entry, List<SloSpec> slos, Map<String, ComponentSpec> components,
                  NetworkSpec network, String pricing, List<CommitmentSpec> commitments,
                  io.headroom.design.cluster.ClusterSpec cluster, Map<String, io.headroom.design.storage.StorageSpec> storage,
                  io.headroom.design.region.Regions regions) {
        this(name, description, entry, slos, components, network, pricing, commitments, cluster, storage, regions, null);
    }

    /** A design in one region. */
    public Design(String name, String description, String entry, List<SloSpec> slos, Map<String, ComponentSpec> components,
                  NetworkSpec network, String pricing, List<CommitmentSpec> commitments,
                  io.headroom.design.cluster.ClusterSpec cluster, Map<String, io.headroom.design.storage.StorageSpec> storage) {
        this(name, description, entry, slos, components, network, pricing, commitments, cluster, storage, null);
    }

    /** A design without stored data of its own. */
    public Design(String name, String description, String entry, List<SloSpec> slos, Map<String, ComponentSpec> components,
                  NetworkSpec network, String pricing, List<CommitmentSpec> commitments,
                  io.headroom.design.cluster.ClusterSpec cluster) {
        this(name, description, entry, slos, components, network, pricing, commitments, cluster, null);
    }

    /** A design without a cluster. */
    public Design(String name, String description, String entry, List<SloSpec> slos, Map<String, ComponentSpec> components,
                  NetworkSpec network, String pricing, List<CommitmentSpec> commitments) {
        this(name, description, entry, slos, components, network, pricing, commitments, null);
    }

    /** A design costed with the default catalogue and no commitments. */
    public Design(String name, String description, String entry, List<SloSpec> slos, Map<String, ComponentSpec> components,
                  NetworkSpec network) {
        this(name, description, entry, slos, components, network, null, null);
    }

    /** A design without zones or SLOs. */
    public Design(String name, String description, String entry, Map<String, ComponentSpec> components) {
        this(name, description, entry, null, components, null);
    }

    /** A design with zones and no SLOs. */
    public Design(String name, String description, String entry, Map<String, ComponentSpec> components, NetworkSpec network) {
        this(name, description, entry, null, components, network);
    }

    public Design {
        slos = slos == null ? List.of() : List.copyOf(slos);
        FieldError.require(name, "name");
        FieldError.require(entry, "entry");
        if (components == null) {
            throw new FieldError("components", "missing required key 'components' (at least one component)");
        }
        if (components.isEmpty()) {
            throw new FieldError("components", "needs at least one component");
        }
        for (Map.Entry<String, ComponentSpec> e : components.entrySet()) {
            if (e.getValue() == null) {
                throw new FieldError("components." + e.getKey(), "component '" + e.getKey() + "' is empty: give it a type");
            }
        }
        components = new LinkedHashMap<>(components);
        commitments = commitments == null ? List.of() : List.copyOf(commitments);
        storage = storage == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(storage));
        for (Map.Entry<String, io.headroom.design.storage.StorageSpec> e : storage.entrySet()) {
            if (e.getValue() == null) {
                throw new FieldError("storage." + e.getKey(), "'" + e.getKey() + "' is empty: e.g. {type: bucket, class: standard, size: 1Ti}");
            }
            if (e.getValue().type() == io.headroom.design.storage.StorageSpec.Kind.DATABASE) {
                throw new FieldError("storage." + e.getKey() + ".type", "a database's storage is written in the database"
                        + " (storage: {class: gp3, size: 500Gi}); here, type is bucket or volume");
            }
            if (components.containsKey(e.getKey())) {
                throw new FieldError("storage." + e.getKey(), "'" + e.getKey() + "' is also a component: a store's cost is reported"
                        + " under its name, so give it a name of its own");
            }
        }
        for (int i = 0; i < commitments.size(); i++) {
            if (commitments.get(i) == null) {
                throw new FieldError("commitments[" + i + "]", "an empty commitment: e.g. {type: c6i.large, count: 4, term: 1y}");
            }
        }
    }

    /** This design with {@code components} and {@code cluster} in place of its own (manifests read, regions expanded). */
    public Design with(Map<String, ComponentSpec> components, io.headroom.design.cluster.ClusterSpec cluster,
                       io.headroom.design.region.Regions regions) {
        return new Design(name, description, entry, slos, components, network, pricing, commitments, cluster, storage, regions,
                referenceInstance, costAllocation, budget);
    }

    /**
     * This design with a load profile's SLOs (k6 {@code thresholds}, as expressions) after its own; itself when there are
     * none, so a profile without thresholds runs the very design it was given.
     */
    public Design withProfileSlos(List<String> expressions) {
        if (expressions.isEmpty()) {
            return this;
        }
        List<SloSpec> all = new java.util.ArrayList<>(slos);
        for (String e : expressions) {
            all.add(SloSpec.of(e));
        }
        return new Design(name, description, entry, List.copyOf(all), components, network, pricing, commitments, cluster, storage,
                regions, referenceInstance, costAllocation, budget);
    }

    /** This design with the components' {@code tags} (taken out before binding) in its cost allocation. */
    public Design withTags(Map<String, Map<String, String>> tags) {
        io.headroom.design.cost.CostAllocationSpec a = costAllocation == null
                ? new io.headroom.design.cost.CostAllocationSpec(null, tags) : costAllocation.withTags(tags);
        return new Design(name, description, entry, slos, components, network, pricing, commitments, cluster, storage, regions,
                referenceInstance, a, budget);
    }

    /** The cost allocation: its rule and the components' tags (by requests, no tags, when the design says nothing). */
    public io.headroom.design.cost.CostAllocationSpec allocation() {
        return costAllocation == null ? new io.headroom.design.cost.CostAllocationSpec(null, null) : costAllocation;
    }

    /** The endpoint a call reaches: a store's or a database's {@code read} or {@code write}, a function's, a cache's {@code lookup} or {@code write}, else the one named, else the caller's. */
    public String endpointCalled(CallSpec call, String callerEndpoint) {
        ComponentSpec callee = components.get(call.to());
        if (callee instanceof ShardedStoreSpec || callee instanceof DatabaseSpec) {
            return call.write() ? "write" : "read";
        }
        if (callee instanceof FunctionSpec f) {
            int i = f.endpointFor(call.endpoint(), callerEndpoint);
            return i < 0 ? callerEndpoint : new java.util.ArrayList<>(f.endpoints().keySet()).get(i);
        }
        if (callee instanceof CacheSpec) {
            return call.write() ? "write" : "lookup";
        }
        if (callee instanceof CdnSpec) {
            return "lookup";
        }
        return call.endpoint() != null ? call.endpoint() : callerEndpoint;
    }

    /** The endpoint a cache's misses reach: its {@code miss-endpoint}, else the first of the service behind it, else {@code read}. */
    public String missEndpoint(CacheSpec cache) {
        if (cache.missEndpoint() != null) {
            return cache.missEndpoint();
        }
        ServiceSpec behind = DesignReader.serviceBehind(components, cache.miss());
        return behind != null ? behind.endpoints().keySet().iterator().next() : "read";
    }

    /** The endpoint a cdn's misses reach when it is called: its {@code origin-endpoint}, else the first of the service behind it, else {@code read}. */
    public String originEndpoint(CdnSpec cdn) {
        if (cdn.originEndpoint() != null) {
            return cdn.originEndpoint();
        }
        ServiceSpec behind = DesignReader.serviceBehind(components, cdn.origin());
        if (behind != null) {
            return behind.endpoints().keySet().iterator().next();
        }
        return components.get(cdn.origin()) instanceof FunctionSpec f ? f.endpoints().keySet().iterator().next() : "read";
    }

    /** The endpoint a cache's writes reach: its {@code writes.endpoint}, else the first of the service behind it, else {@code write}. */
    public String writeEndpoint(CacheSpec cache) {
        if (cache.writes() != null && cache.writes().endpoint() != null) {
            return cache.writes().endpoint();
        }
        ServiceSpec behind = DesignReader.serviceBehind(components, cache.miss());
        return behind != null ? behind.endpoints().keySet().iterator().next() : "write";
    }

    /**
     * Where a load's request to {@code endpoint} of the entry cache {@code name} misses to: the cache's
     * {@code miss-endpoint}, else the request's own endpoint of the service behind it; null when {@code name} is not an
     * entry cache or {@code endpoint} not one of that service's (a call's {@code lookup} or {@code write}).
     */
    public String entryMissEndpoint(String name, String endpoint) {
        if (!name.equals(entry)) {
            return null;
        }
        String miss;
        String given;
        if (components.get(name) instanceof CacheSpec cache) {
            miss = cache.miss();
            given = cache.missEndpoint();
        } else if (components.get(name) instanceof CdnSpec cdn) {
            miss = cdn.origin();
            given = cdn.originEndpoint();
        } else {
            return null;
        }
        ServiceSpec behind = DesignReader.serviceBehind(components, miss);
        if (behind == null || !behind.endpoints().containsKey(endpoint)) {
            return null;
        }
        return given != null ? given : endpoint;
    }

    /**
     * The endpoints of the entry: those of the service behind it (through balancers, and through an entry cache's
     * {@code miss}), a function's, else a store's {@code read}.
     */
    public List<String> entryEndpoints() {
        ServiceSpec behind = DesignReader.entryService(components, entry);
        if (behind != null) {
            return new java.util.ArrayList<>(behind.endpoints().keySet());
        }
        if (components.get(entry) instanceof FunctionSpec f) {
            return new java.util.ArrayList<>(f.endpoints().keySet());
        }
        return List.of("read");
    }
}
