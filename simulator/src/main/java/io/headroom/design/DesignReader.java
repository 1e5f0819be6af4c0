package io.headroom.design;

import io.headroom.dist.DistributionSpec;
import io.headroom.load.LoadProfile;
import io.headroom.load.scenario.ScenarioStep;
import io.headroom.design.autoscaling.Autoscaling;
import io.headroom.design.autoscaling.PolicyFiles;
import io.headroom.design.pricing.CommitmentSpec;
import io.headroom.design.pricing.InstanceSpec;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.Durations;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.InputError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a design (and optionally a load profile against it) and checks what a single record cannot
 * see: that names refer to components that exist, that sample files are readable, that a profile's
 * mix names the entry's endpoints. Every problem is reported at its file, line, column and path.
 */
public final class DesignReader {
    private DesignReader() {
    }

    /** A design read from a file, with the document it came from (for locating later errors). */
    public record Loaded(Design design, YamlDocument document) {
        public Path baseDir() {
            return document.baseDir();
        }
    }

    /** A profile read from a file, with its document. */
    public record LoadedProfile(LoadProfile profile, YamlDocument document) {
        public Path baseDir() {
            return document.baseDir();
        }
    }

    public static Loaded read(Path file) throws BadInputException {
        return read(YamlDocument.read(file));
    }

    /** Binds and checks a design from a document already read (e.g. one a study has edited: {@link YamlDocument#patched}). */
    public static Loaded read(YamlDocument doc) throws BadInputException {
        List<InputError> errors = new ArrayList<>();
        Map<String, List<String>> placements = new LinkedHashMap<>();
        com.fasterxml.jackson.databind.JsonNode root = RegionChecks.takePlacements(doc, placements, errors);
        Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        root = io.headroom.design.cost.Tags.take(doc, root, tags, errors);
        root = io.headroom.design.pricing.MixedInstancesPolicy.expand(doc, root, errors);
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        Design design = readManifests(doc.withTree(root).bind(Design.class), doc);
        if (!tags.isEmpty()) {
            design = design.withTags(tags);
        }
        if (design.regions() != null) {
            design = design.with(design.components(), design.cluster(), design.regions().withPlacements(placements));
        }
        if (!design.components().containsKey(design.entry())) {
            errors.add(doc.error("entry", "'" + design.entry() + "' is not a component of this design (components: "
                    + String.join(", ", design.components().keySet()) + ")"));
        }
        checkGraph(design, doc, errors);
        RegionChecks.check(design, placements, doc, errors);
        checkSloEndpoints(design, doc, errors);
        checkPricing(design, doc, errors);
        checkWorkers(design, doc, errors);
        for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
            Map<String, EndpointSpec> endpoints = c.getValue() instanceof ServiceSpec s ? s.endpoints()
                    : c.getValue() instanceof FunctionSpec f ? f.endpoints() : null;
            if (c.getValue() instanceof FunctionSpec f) {
                checkFile(doc, "components." + c.getKey() + ".cold-start", f.coldStart(), errors);
            }
            if (c.getValue() instanceof ServiceSpec s && s.vertical() != null && s.vertical().history() != null) {
                checkHistory(doc, "components." + c.getKey() + ".vertical.history", s.vertical().history(), errors);
            }
            if (endpoints != null) {
                for (Map.Entry<String, EndpointSpec> e : endpoints.entrySet()) {
                    String base = "components." + c.getKey() + ".endpoints." + e.getKey();
                    checkFile(doc, base + ".demand", e.getValue().demand(), errors);
                    checkFile(doc, base + ".wait", e.getValue().offCpu(), errors);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        return new Loaded(RegionalExpansion.expand(design), doc);
    }

    /**
     * The Kubernetes HPA manifest files the services' {@code autoscaling:} names, read relative to the
     * design ({@link PolicyFiles}); a manifest that cannot be read stops the reading there, as a
     * binding error does.
     */
    private static Design readManifests(Design design, YamlDocument doc) throws BadInputException {
        List<InputError> errors = new ArrayList<>();
        Map<String, ComponentSpec> components = new LinkedHashMap<>(design.components());
        boolean read = false;
        for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
            if (c.getValue() instanceof ServiceSpec s && s.autoscaling() != null) {
                Autoscaling a = PolicyFiles.read(s.autoscaling(), doc, "components." + c.getKey() + ".autoscaling", errors);
                if (a != s.autoscaling()) {
                    components.put(c.getKey(), s.withAutoscaling(a));
                    read = true;
                }
            }
        }
        io.headroom.design.cluster.ClusterSpec cluster = readNodePools(design.cluster(), doc, errors);
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        return !read && cluster == design.cluster() ? design : design.with(components, cluster, design.regions());
    }

    /**
     * The Karpenter NodePool manifest files the cluster's pools name, read relative to the design; an unreadable or
     * invalid one is an error at the pool's {@code nodepool:} key quoting the manifest's own file, line and column.
     */
    private static io.headroom.design.cluster.ClusterSpec readNodePools(io.headroom.design.cluster.ClusterSpec cluster,
                                                                        YamlDocument doc, List<InputError> errors) {
        if (cluster == null) {
            return null;
        }
        Map<String, io.headroom.design.cluster.NodePoolSpec> pools = new LinkedHashMap<>();
        boolean read = false;
        for (Map.Entry<String, io.headroom.design.cluster.NodePoolSpec> e : cluster.nodePools().entrySet()) {
            io.headroom.design.cluster.NodePoolSpec p = e.getValue();
            if (p.nodepool() != null && p.nodepool().unread()) {
                java.nio.file.Path dir = doc.baseDir() == null ? java.nio.file.Path.of(".") : doc.baseDir();
                try {
                    io.headroom.design.cluster.NodePoolManifest m = YamlDocument.read(dir.resolve(p.nodepool().file()))
                            .bind(io.headroom.design.cluster.NodePoolManifest.class);
                    p = p.withNodePool(p.nodepool().withManifest(m));
                    read = true;
                } catch (BadInputException x) {
                    errors.add(doc.error("cluster.node-pools." + e.getKey() + ".nodepool", "in " + x.errors().get(0).format()));
                }
            }
            pools.put(e.getKey(), p);
        }
        return read ? cluster.withNodePools(pools) : cluster;
    }

    /**
     * References between components: a balancer's target is a service (with one weight per instance
     * for {@code weighted}); every call names a component that exists and an endpoint it has; and the
     * call graph has no cycle (a request would call itself for ever).
     */
    private static void checkGraph(Design design, YamlDocument doc, List<InputError> errors) {
        Map<String, ComponentSpec> all = design.components();
        Map<String, List<String[]>> edges = new java.util.LinkedHashMap<>(); // component -> [target, yaml path]
        for (Map.Entry<String, ComponentSpec> c : all.entrySet()) {
            String base = "components." + c.getKey();
            List<String[]> out = new ArrayList<>();
            edges.put(c.getKey(), out);
            if (c.getValue() instanceof LoadBalancerSpec lb) {
                if (!(all.get(lb.target()) instanceof ServiceSpec target)) {
                    errors.add(doc.error(base + ".target", all.containsKey(lb.target())
                            ? "a load balancer's target must be a service; '" + lb.target() + "' is not"
                            : unknown(lb.target(), all)));
                    continue;
                }
                if (lb.weights() != null && lb.weights().size() != target.replicas().initial()) {
                    errors.add(doc.error(base + ".weights", lb.weights().size() + " weights for " + target.replicas().initial()
                            + " instances of '" + lb.target() + "': give one weight per instance"));
                }
                out.add(new String[] {lb.target(), base + ".target"});
            } else if (c.getValue() instanceof CacheSpec cache) {
                if (!all.containsKey(cache.miss())) {
                    errors.add(doc.error(base + ".miss", unknown(cache.miss(), all)));
                    continue;
                }
                if (all.get(cache.miss()) instanceof GlobalRouterSpec) {
                    errors.add(doc.error(base + ".miss", "a cache's misses go to a service, balancer or store in its region, not to a"
                            + " global router (users reach those)"));
                    continue;
                }
                ServiceSpec behind = serviceBehind(all, cache.miss());
                if (behind != null) {
                    if (cache.missEndpoint() != null && !behind.endpoints().containsKey(cache.missEndpoint())) {
                        errors.add(doc.error(base + ".miss-endpoint", "'" + cache.miss() + "' has no endpoint '" + cache.missEndpoint()
                                + "' (endpoints: " + String.join(", ", behind.endpoints().keySet()) + ")"));
                    } else if (cache.missEndpoint() == null && behind.endpoints().size() > 1 && !c.getKey().equals(design.entry())) {
                        errors.add(doc.error(base + ".miss", "'" + cache.miss() + "' has several endpoints ("
                                + String.join(", ", behind.endpoints().keySet()) + "): say which serves misses with miss-endpoint:"));
                    }
                } else if (all.get(cache.miss()) instanceof CacheSpec) {
                    errors.add(doc.error(base + ".miss", "a cache's misses go to a service, balancer or store, not another cache"));
                } else if (all.get(cache.miss()) instanceof CdnSpec) {
                    errors.add(doc.error(base + ".miss", "a cache's misses go to a service, balancer or store, not a cdn (a cdn is"
                            + " in front, near the users: make the cdn's origin the cache's caller instead)"));
                }
                if (cache.writes() != null) {
                    String we = cache.writes().endpoint();
                    if (behind == null && we != null) {
                        errors.add(doc.error(base + ".writes.endpoint", "'" + cache.miss() + "' is not a service: a store takes"
                                + " writes at its write endpoint; remove endpoint"));
                    } else if (behind != null && we != null && !behind.endpoints().containsKey(we)) {
                        errors.add(doc.error(base + ".writes.endpoint", "'" + cache.miss() + "' has no endpoint '" + we
                                + "' (endpoints: " + String.join(", ", behind.endpoints().keySet()) + ")"));
                    } else if (behind != null && we == null && behind.endpoints().size() > 1) {
                        errors.add(doc.error(base + ".writes", "'" + cache.miss() + "' has several endpoints ("
                                + String.join(", ", behind.endpoints().keySet()) + "): say which takes the writes with endpoint:"));
                    }
                }
                out.add(new String[] {cache.miss(), base + ".miss"});
            } else if (c.getValue() instanceof GlobalRouterSpec router) {
                if (all.containsKey(router.target())) {
                    out.add(new String[] {router.target(), base + ".target"});
                }
            } else if (c.getValue() instanceof CdnSpec cdn) {
                if (!all.containsKey(cdn.origin())) {
                    errors.add(doc.error(base + ".origin", unknown(cdn.origin(), all)));
                    continue;
                }
                ServiceSpec behind = serviceBehind(all, cdn.origin());
                if (all.get(cdn.origin()) instanceof CacheSpec || all.get(cdn.origin()) instanceof CdnSpec) {
                    errors.add(doc.error(base + ".origin", "a cdn's misses go to a service, balancer, store or function, not a cache"
                            + " or another cdn"));
                } else if (behind != null && cdn.originEndpoint() != null && !behind.endpoints().containsKey(cdn.originEndpoint())) {
                    errors.add(doc.error(base + ".origin-endpoint", "'" + cdn.origin() + "' has no endpoint '" + cdn.originEndpoint()
                            + "' (endpoints: " + String.join(", ", behind.endpoints().keySet()) + ")"));
                } else if (behind == null && cdn.originEndpoint() != null) {
                    errors.add(doc.error(base + ".origin-endpoint", "'" + cdn.origin() + "' is not a service: remove origin-endpoint"));
                } else if (behind != null && cdn.originEndpoint() == null && behind.endpoints().size() > 1
                        && !c.getKey().equals(design.entry())) {
                    errors.add(doc.error(base + ".origin", "'" + cdn.origin() + "' has several endpoints ("
                            + String.join(", ", behind.endpoints().keySet()) + "): say which serves misses with origin-endpoint:"));
                }
                for (int k = 0; k < cdn.pass().size(); k++) {
                    if (!c.getKey().equals(design.entry())) {
                        errors.add(doc.error(base + ".pass", "pass applies to the entry cdn, whose requests are the load's"));
                        break;
                    }
                    if (behind != null && !behind.endpoints().containsKey(cdn.pass().get(k))) {
                        errors.add(doc.error(base + ".pass[" + k + "]", "'" + cdn.origin() + "' has no endpoint '" + cdn.pass().get(k)
                                + "' (endpoints: " + String.join(", ", behind.endpoints().keySet()) + ")"));
                    }
                }
                out.add(new String[] {cdn.origin(), base + ".origin"});
            } else if (c.getValue() instanceof ServiceSpec s) {
                checkCalls(all, s.endpoints(), s.endpoints().keySet(), base + ".endpoints.", doc, errors, out);
                Map<String, CallSpec> pools = new LinkedHashMap<>();
                checkPools(s.endpoints(), s.endpoints().keySet(), base + ".endpoints.", pools, doc, errors);
                for (int k = 0; k < s.deployments().size(); k++) {
                    io.headroom.design.NewVersion nv = s.deployments().get(k).newVersion();
                    java.util.Set<String> changed = new java.util.LinkedHashSet<>();
                    nv.endpoints().forEach((name, change) -> {
                        if (change.calls() != null) {
                            changed.add(name);
                        }
                    });
                    checkCalls(all, nv.applyTo(s.endpoints()), changed, base + ".deployments[" + k + "].new-version.endpoints.", doc,
                            errors, out);
                    checkPools(nv.applyTo(s.endpoints()), changed, base + ".deployments[" + k + "].new-version.endpoints.", pools, doc,
                            errors);
                }
            }
        }
        Map<String, Integer> state = new java.util.HashMap<>(); // 1: on the path, 2: done
        for (String start : edges.keySet()) {
            cycleFrom(start, edges, state, new ArrayList<>(), doc, errors);
        }
        ComponentSpec entry = all.get(design.entry());
        if (entry instanceof CdnSpec cdn) {
            if (all.containsKey(cdn.origin()) && serviceBehind(all, cdn.origin()) == null) {
                errors.add(doc.error("components." + design.entry() + ".origin", "the entry cdn's requests are for the endpoints"
                        + " of the service behind its origin: '" + cdn.origin() + "' must be a service or a load balancer"));
            }
        } else if (entry instanceof CacheSpec cache) {
            if (all.containsKey(cache.miss()) && serviceBehind(all, cache.miss()) == null) {
                errors.add(doc.error("components." + design.entry() + ".miss", "the entry cache's lookups are for the endpoints"
                        + " of the service behind its miss: '" + cache.miss() + "' must be a service or a load balancer"));
            }
        } else if (entry != null && !(entry instanceof ServiceSpec) && !(entry instanceof LoadBalancerSpec)
                && !(entry instanceof GlobalRouterSpec)) {
            errors.add(doc.error("entry", "the entry must be a service, a load balancer, a cache, a cdn or a global router"));
        }
    }

    /**
     * Workers over all of a component's instances at their most ({@link Limits#ALL_WORKERS}): each bound key can be
     * in range while their product is not. An HPA with its own replica bounds sets the most instances.
     */
    private static void checkWorkers(Design design, YamlDocument doc, List<InputError> errors) {
        for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
            long instances;
            long workers;
            if (c.getValue() instanceof ServiceSpec s) {
                instances = s.replicas().max();
                if (s.autoscaling() != null) {
                    for (var policy : s.autoscaling().policies()) {
                        if (policy instanceof io.headroom.design.autoscaling.Hpa h && h.maxReplicas() != null) {
                            instances = Math.max(instances, h.maxReplicas());
                        }
                    }
                }
                workers = s.concurrency();
            } else if (c.getValue() instanceof ShardedStoreSpec st) {
                instances = (long) st.shards() * st.replicasPerShard();
                workers = st.concurrency();
            } else if (c.getValue() instanceof DatabaseSpec db) {
                instances = (long) db.shards() * db.instancesPerShard();
                workers = db.concurrency();
            } else {
                continue;
            }
            if (instances * workers > Limits.ALL_WORKERS) {
                errors.add(doc.error("components." + c.getKey() + ".concurrency", instances + " instances × " + workers
                        + " workers = " + instances * workers + " workers: at most " + Limits.ALL_WORKERS + ": "
                        + Limits.ALL_WORKERS_WHY));
            }
        }
    }

    /**
     * The catalogue named by {@code pricing:} can be read, and every instance type a component or a
     * reserved-instance commitment names is in it (with the nearest name when one is a few letters off),
     * as is every storage class a store names.
     */
    private static void checkPricing(Design design, YamlDocument doc, List<InputError> errors) {
        PriceCatalogue catalogue;
        try {
            catalogue = PriceCatalogue.forDesign(design.pricing(), doc);
        } catch (BadInputException e) {
            errors.addAll(e.errors());
            return;
        }
        ClusterChecks.check(design, doc, catalogue, errors);
        String reference = design.referenceInstance();
        if (reference != null && catalogue.family(reference).isEmpty()) {
            errors.add(doc.error("reference-instance", noSpeed(reference, catalogue)));
            reference = null;
        }
        for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
            InstanceSpec instance = c.getValue() instanceof ServiceSpec s ? s.instance()
                    : c.getValue() instanceof ShardedStoreSpec st ? st.instance()
                    : c.getValue() instanceof DatabaseSpec db ? db.instance() : null;
            if (reference != null && instance != null && catalogue.family(instance.type()).isEmpty()) {
                errors.add(doc.error("components." + c.getKey() + ".instance.type", noSpeed(instance.type(), catalogue)
                        + ": its demand cannot be carried over from reference-instance " + reference));
            }
            if (c.getValue() instanceof DatabaseSpec db && db.managed()) {
                checkDatabasePricing("components." + c.getKey(), db, catalogue, doc, errors);
            } else if (instance != null && catalogue.find(instance.type()).isEmpty()) {
                errors.add(doc.error("components." + c.getKey() + ".instance.type", catalogue.unknownType(instance.type())));
            } else if (instance != null) {
                checkCredits("components." + c.getKey() + ".instance", instance, catalogue, doc, errors);
            }
            if (c.getValue() instanceof DatabaseSpec db && db.storage() != null) {
                checkStorage("components." + c.getKey() + ".storage", db.storageSpec(), catalogue, doc, errors);
            }
            if (c.getValue() instanceof CacheSpec cache && cache.instance() != null) {
                try {
                    catalogue.cacheNode(cache.instance().type());
                } catch (io.headroom.yaml.FieldError e) {
                    errors.add(doc.error("components." + c.getKey() + ".instance.type", e.getMessage()));
                }
            }
        }
        for (int i = 0; i < design.commitments().size(); i++) {
            CommitmentSpec commitment = design.commitments().get(i);
            if (commitment.isReservedInstance() && (commitment.type().startsWith("db.") || commitment.type().startsWith("cache."))) {
                try {
                    if (commitment.type().startsWith("db.")) {
                        catalogue.databaseClass(commitment.engine(), commitment.type());
                    } else {
                        catalogue.cacheNode(commitment.type());
                    }
                } catch (io.headroom.yaml.FieldError e) {
                    errors.add(doc.error("commitments[" + i + "]." + e.field(), e.getMessage()));
                }
            } else if (commitment.isReservedInstance() && catalogue.find(commitment.type()).isEmpty()) {
                errors.add(doc.error("commitments[" + i + "].type", catalogue.unknownType(commitment.type())));
            }
        }
        CpuTargets.check(design, doc, catalogue, errors);
        for (Map.Entry<String, io.headroom.design.storage.StorageSpec> e : design.storage().entrySet()) {
            checkStorage("storage." + e.getKey(), e.getValue(), catalogue, doc, errors);
        }
    }

    /** A managed database's DB instance class is priced for its engine. */
    private static void checkDatabasePricing(String path, DatabaseSpec db, PriceCatalogue catalogue, YamlDocument doc,
                                             List<InputError> errors) {
        try {
            catalogue.databaseClass(db.engine(), db.instance().type());
        } catch (io.headroom.yaml.FieldError e) {
            errors.add(doc.error(path + ("engine".equals(e.field()) ? ".engine" : ".instance.type"), e.getMessage()));
        }
    }

    /** Every class a store passes through is priced in the catalogue, and each retrieval reads a class the store has. */
    static void checkStorage(String path, io.headroom.design.storage.StorageSpec store, PriceCatalogue catalogue, YamlDocument doc,
                             List<InputError> errors) {
        List<String> classes = store.classes();
        for (int k = 0; k < classes.size(); k++) {
            String key = store.type().catalogueKey(classes.get(k));
            if (catalogue.storage(key).isEmpty()) {
                String at = k == 0 ? path + ".class" : path + ".lifecycle[" + (k - 1) + "].class";
                String prefix = store.type().catalogueKey("");
                List<String> known = catalogue.storageClasses().keySet().stream().filter(n -> n.startsWith(prefix))
                        .map(n -> n.substring(prefix.length())).toList();
                errors.add(doc.error(at, "no " + store.type().yamlName() + " storage class '" + classes.get(k) + "' in catalogue "
                        + catalogue.name() + io.headroom.yaml.Suggestions.suggestion(classes.get(k), known, "classes: " + String.join(", ", known))));
            }
        }
        var own = catalogue.storage(store.type().catalogueKey(classes.get(0)));
        if (own.isPresent() && store.iops() != null && own.get().usdPerIopsMonth() == 0) {
            errors.add(doc.error(path + ".iops", "class " + classes.get(0) + " has no provisioned IOPS (its IOPS come with its size):"
                    + " remove iops, or use a class that provisions them (gp3, io1)"));
        }
        if (own.isPresent() && store.throughput() != null && own.get().usdPerMbpsMonth() == 0) {
            errors.add(doc.error(path + ".throughput", "class " + classes.get(0) + " has no provisioned throughput: remove throughput,"
                    + " or use gp3"));
        }
        for (int i = 0; i < store.retrievals().size(); i++) {
            String c = store.retrievals().get(i).storageClass();
            if (!classes.contains(c)) {
                errors.add(doc.error(path + ".retrievals[" + i + "].class", "'" + c + "' is not a class this " + store.type().yamlName()
                        + " holds data in (" + String.join(", ", classes) + ")"));
            }
        }
    }

    /** The calls of the endpoints {@code named} of {@code endpoints} (YAML at {@code path}): each reaches a component and an endpoint it has. */
    private static void checkCalls(Map<String, ComponentSpec> all, Map<String, EndpointSpec> endpoints, java.util.Set<String> named,
                                   String path, YamlDocument doc, List<InputError> errors, List<String[]> out) {
        for (Map.Entry<String, EndpointSpec> e : endpoints.entrySet()) {
            if (!named.contains(e.getKey())) {
                continue;
            }
            for (int i = 0; i < e.getValue().calls().size(); i++) {
                CallSpec call = e.getValue().calls().get(i);
                String at = path + e.getKey() + ".calls[" + i + "]";
                if (!all.containsKey(call.to())) {
                    errors.add(doc.error(at + ".to", unknown(call.to(), all)));
                    continue;
                }
                if (all.get(call.to()) instanceof DatabaseSpec && call.write() && call.cancelOnTimeout()) {
                    errors.add(doc.error(at + ".cancel-on-timeout", "a database's write is committed by its primary and"
                            + " replicated once it runs: cancelling one still waiting is not modelled; remove cancel-on-timeout"));
                }
                if (all.get(call.to()) instanceof CacheSpec cache && call.write() && cache.writes() == null) {
                    errors.add(doc.error(at + ".write", "'" + call.to() + "' is a cache that takes no writes: say what a write"
                            + " does to it with writes: {policy: invalidate} (or write-through), or call its miss target"));
                }
                if (all.get(call.to()) instanceof CdnSpec && call.write()) {
                    errors.add(doc.error(at + ".write", "'" + call.to() + "' is a cdn, which takes no writes: call its origin"));
                }
                if (all.get(call.to()) instanceof CdnSpec) {
                    out.add(new String[] {call.to(), at + ".to"});
                    continue;
                }
                if (all.get(call.to()) instanceof FunctionSpec fn) {
                    if (fn.endpointFor(call.endpoint(), e.getKey()) < 0) {
                        errors.add(doc.error(at + (call.endpoint() != null ? ".endpoint" : ".to"), "'" + call.to()
                                + "' has no endpoint '" + (call.endpoint() != null ? call.endpoint() : e.getKey())
                                + "': name one with endpoint: (endpoints: " + String.join(", ", fn.endpoints().keySet()) + ")"));
                    }
                    out.add(new String[] {call.to(), at + ".to"});
                    continue;
                }
                ServiceSpec callee = serviceBehind(all, call.to());
                String endpoint = call.endpoint() != null ? call.endpoint() : e.getKey();
                if (callee != null && !callee.endpoints().containsKey(endpoint)) {
                    errors.add(call.endpoint() != null
                            ? doc.error(at + ".endpoint", "'" + call.to() + "' has no endpoint '" + endpoint + "' (endpoints: "
                                    + String.join(", ", callee.endpoints().keySet()) + ")")
                            : doc.error(at + ".to", "'" + call.to() + "' has no endpoint '" + endpoint
                                    + "' (the caller's endpoint name, by default): name one with endpoint: (endpoints: "
                                    + String.join(", ", callee.endpoints().keySet()) + ")"));
                }
                out.add(new String[] {call.to(), at + ".to"});
            }
        }
    }

    /**
     * A service's pooled calls to one callee share one pool (per caller instance), so they name one size and one
     * timeout: the first such call of the endpoints {@code named} (YAML at {@code path}) sets them, in {@code pools}.
     */
    private static void checkPools(Map<String, EndpointSpec> endpoints, Set<String> named, String path,
                                   Map<String, CallSpec> pools, YamlDocument doc, List<InputError> errors) {
        for (Map.Entry<String, EndpointSpec> e : endpoints.entrySet()) {
            if (!named.contains(e.getKey())) {
                continue;
            }
            for (int i = 0; i < e.getValue().calls().size(); i++) {
                CallSpec call = e.getValue().calls().get(i);
                if (call.pool() == null) {
                    continue;
                }
                String at = path + e.getKey() + ".calls[" + i + "]";
                CallSpec first = pools.putIfAbsent(call.to(), call);
                if (first == null) {
                    continue;
                }
                if (!first.pool().equals(call.pool())) {
                    errors.add(doc.error(at + ".pool", "pool " + call.pool() + " for '" + call.to() + "', which another call of this"
                            + " service gives pool " + first.pool() + ": the calls of a service to one component share one pool"
                            + " (per instance); give them one size"));
                } else if (!first.poolTimeout().equals(call.poolTimeout())) {
                    errors.add(doc.error(at + (call.poolTimeout().equals(CallSpec.DEFAULT_POOL_TIMEOUT) ? ".pool" : ".pool-timeout"),
                            "pool-timeout " + Durations.format(call.poolTimeout()) + " for '" + call.to()
                            + "', which another call of this service gives pool-timeout "
                            + Durations.format(first.poolTimeout()) + ": the calls of a service to one component"
                            + " share one pool (per instance); give them one timeout"));
                }
            }
        }
    }

    private static void cycleFrom(String node, Map<String, List<String[]>> edges, Map<String, Integer> state, List<String> path,
                                  YamlDocument doc, List<InputError> errors) {
        Integer st = state.get(node);
        if (st != null) {
            return;
        }
        state.put(node, 1);
        path.add(node);
        for (String[] edge : edges.getOrDefault(node, List.of())) {
            if (Integer.valueOf(1).equals(state.get(edge[0]))) {
                List<String> loop = new ArrayList<>(path.subList(path.indexOf(edge[0]), path.size()));
                loop.add(edge[0]);
                errors.add(doc.error(edge[1], "this call closes a cycle: " + String.join(" → ", loop)
                        + " (a request would call itself for ever)"));
            } else {
                cycleFrom(edge[0], edges, state, path, doc, errors);
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
    }

    /**
     * An SLO's endpoint is one of the entry's ({@code checkout.p99}) or a component's endpoint that a
     * scenario can name ({@code orders.place.p99}).
     */
    private static void checkSloEndpoints(Design design, YamlDocument doc, List<InputError> errors) {
        ServiceSpec entry = entryService(design.components(), design.entry());
        List<SloSpec> slos = design.slos();
        for (int i = 0; i < slos.size(); i++) {
            SloSpec spec = slos.get(i);
            String endpoint = spec.isExpression() ? spec.slo().endpoint() : spec.budget().endpoint();
            if (endpoint == null || entry != null && entry.endpoints().containsKey(endpoint)) {
                continue;
            }
            int dot = endpoint.lastIndexOf('.');
            ServiceSpec other = dot < 0 ? null : serviceBehind(design.components(), endpoint.substring(0, dot));
            if (other != null && other.endpoints().containsKey(endpoint.substring(dot + 1))) {
                continue;
            }
            String at = doc.root().path("slos").path(i).isObject() ? "slos[" + i + "]." + (spec.isExpression() ? "expr" : "good")
                    : "slos[" + i + "]";
            errors.add(doc.error(at, "'" + endpoint + "' is not an endpoint of the entry '" + design.entry() + "'"
                    + (entry == null ? "" : " (endpoints: " + String.join(", ", entry.endpoints().keySet()) + ")")
                    + " nor COMPONENT.ENDPOINT of a service"));
        }
    }

    /** CPU credits belong to a burstable type, and a starting balance is no more than it can hold (24 hours of earning). */
    private static void checkCredits(String path, InstanceSpec instance, PriceCatalogue catalogue, YamlDocument doc,
                                     List<InputError> errors) {
        java.util.OptionalDouble baseline = catalogue.burstableBaseline(instance.type());
        if (baseline.isEmpty()) {
            if (instance.credits() != null || instance.initialCredits() != null) {
                errors.add(doc.error(path + (instance.credits() != null ? ".credits" : ".initial-credits"), instance.type()
                        + " is not a burstable type: CPU credits belong to the burstable families' types ("
                        + String.join(", ", new java.util.TreeSet<>(catalogue.burstableTypes().keySet().stream()
                                .map(PriceCatalogue::familyOf).toList())) + ")"));
            }
            return;
        }
        double max = 24 * 60 * baseline.getAsDouble() * catalogue.type(instance.type()).vcpu();
        if (instance.initialCredits() != null && instance.initialCredits() > max + 1e-9) {
            errors.add(doc.error(path + ".initial-credits", instance.type() + " holds at most " + FieldError.number(max)
                    + " credits (24 hours of earning), got " + FieldError.number(instance.initialCredits())));
        }
    }

    private static String noSpeed(String type, PriceCatalogue catalogue) {
        return "the catalogue " + catalogue.name() + " has no speed for the family of " + type + " ('" + PriceCatalogue.familyOf(type)
                + "'; known: " + String.join(", ", catalogue.families().keySet()) + "): add it under families: in a catalogue of your own";
    }

    private static String unknown(String name, Map<String, ComponentSpec> all) {
        return "'" + name + "' is not a component of this design (components: " + String.join(", ", all.keySet()) + ")";
    }

    /**
     * The service whose endpoints the load's requests name when {@code entry} is the entry: the one behind it, or,
     * for a cache, the one behind its {@code miss} (its lookups are for that service's endpoints); null otherwise.
     */
    public static ServiceSpec entryService(Map<String, ComponentSpec> all, String entry) {
        if (all.get(entry) instanceof CacheSpec cache) {
            return serviceBehind(all, cache.miss());
        }
        if (all.get(entry) instanceof CdnSpec cdn) {
            return serviceBehind(all, cdn.origin());
        }
        return serviceBehind(all, entry);
    }

    /** The service behind a component: itself, or a balancer's target, through a global router's target; null otherwise. */
    public static ServiceSpec serviceBehind(Map<String, ComponentSpec> all, String name) {
        ComponentSpec c = all.get(name);
        if (c instanceof GlobalRouterSpec router) {
            c = regional(all, router.target());
        }
        if (c instanceof LoadBalancerSpec lb) {
            c = all.get(lb.target());
        }
        return c instanceof ServiceSpec s ? s : null;
    }

    /** Component {@code name}, or, in a design whose regions are expanded, its first regional copy ({@code name@region}). */
    static ComponentSpec regional(Map<String, ComponentSpec> all, String name) {
        ComponentSpec c = all.get(name);
        if (c != null) {
            return c;
        }
        for (Map.Entry<String, ComponentSpec> e : all.entrySet()) {
            if (e.getKey().startsWith(name + "@")) {
                return e.getValue();
            }
        }
        return null;
    }

    private static void checkFile(YamlDocument doc, String path, DistributionSpec d, List<InputError> errors) {
        if (d instanceof DistributionSpec.Empirical e) {
            try {
                e.validate(doc.baseDir());
            } catch (BadInputException ex) {
                for (InputError inner : ex.errors()) {
                    errors.add(doc.error(path + ".file", "sample file " + inner.file() + ": " + inner.message()));
                }
            }
        }
    }

    private static void checkHistory(YamlDocument doc, String path, String file, List<InputError> errors) {
        try {
            io.headroom.design.cluster.UsageHistory.read(doc.baseDir().resolve(file));
        } catch (BadInputException ex) {
            for (InputError inner : ex.errors()) {
                errors.add(doc.error(path, "history file " + inner.file() + ":" + inner.mark().line() + ":" + inner.mark().column()
                        + ": " + inner.message()));
            }
        }
    }

    public static LoadedProfile readProfile(Path file) throws BadInputException {
        YamlDocument doc = YamlDocument.read(file);
        return new LoadedProfile(LoadProfile.read(doc), doc);
    }

    /** Checks that a profile can drive a design: its mix names endpoints of the entry service. */
    public static void checkCompatible(Loaded design, LoadedProfile profile) throws BadInputException {
        ServiceSpec entry = entryService(design.design().components(), design.design().entry());
        YamlDocument doc = profile.document();
        List<InputError> errors = new ArrayList<>();
        Map<String, Double> mix = profile.profile().mix();
        if (profile.profile().scenario() != null) {
            checkScenario(design, doc, "scenario", profile.profile().scenario(), errors);
        }
        if (mix.isEmpty()) {
            if (entry.endpoints().size() > 1 && profile.profile().scenario() == null) {
                errors.add(doc.error("mix", "no 'mix' given, but the entry '" + design.design().entry() + "' has several endpoints ("
                        + String.join(", ", entry.endpoints().keySet()) + "): say how requests split, e.g. mix: {"
                        + entry.endpoints().keySet().iterator().next() + ": 1.0}"));
            }
        } else {
            for (String endpoint : mix.keySet()) {
                if (!entry.endpoints().containsKey(endpoint)) {
                    errors.add(doc.keyError("mix." + endpoint, "'" + endpoint + "' is not an endpoint of the entry '"
                            + design.design().entry() + "' in " + design.document().displayName() + " (endpoints: "
                            + String.join(", ", entry.endpoints().keySet()) + ")"));
                }
            }
        }
        checkDeploymentTimes(design, profile, errors);
        checkThresholds(design, profile, errors);
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
    }

    /** A k6 threshold's {@code name} tag names an endpoint as an SLO's prefix does: the entry's, or COMPONENT.ENDPOINT. */
    private static void checkThresholds(Loaded design, LoadedProfile profile, List<InputError> errors) {
        var thresholds = profile.profile().thresholds();
        if (thresholds == null) {
            return;
        }
        ServiceSpec entry = entryService(design.design().components(), design.design().entry());
        thresholds.forEach((key, list) -> {
            for (String expr : io.headroom.load.k6.K6Thresholds.slos(Map.of(key, list))) {
                String endpoint = Slo.parse(expr).endpoint();
                if (endpoint == null || entry != null && entry.endpoints().containsKey(endpoint)) {
                    continue;
                }
                int dot = endpoint.lastIndexOf('.');
                ServiceSpec other = dot < 0 ? null : serviceBehind(design.design().components(), endpoint.substring(0, dot));
                if (other != null && other.endpoints().containsKey(endpoint.substring(dot + 1))) {
                    continue;
                }
                String at = "thresholds." + key;
                errors.add(profile.document().has(at) ? profile.document().keyError(at, unknownEndpoint(endpoint, design, entry))
                        : profile.document().error("thresholds", unknownEndpoint(endpoint, design, entry)));
                return;
            }
        });
    }

    private static String unknownEndpoint(String endpoint, Loaded design, ServiceSpec entry) {
        return "the tag name:" + endpoint + " is not an endpoint of the entry '" + design.design().entry() + "'"
                + (entry == null ? "" : " (endpoints: " + String.join(", ", entry.endpoints().keySet()) + ")")
                + " nor COMPONENT.ENDPOINT of a service";
    }

    /** Every deployment starts within the profile (after it, nothing would be rolled out and nothing measured). */
    private static void checkDeploymentTimes(Loaded design, LoadedProfile profile, List<InputError> errors) {
        java.time.Duration length = profile.profile().duration();
        for (Map.Entry<String, ComponentSpec> c : design.design().components().entrySet()) {
            if (!(c.getValue() instanceof ServiceSpec s)) {
                continue;
            }
            for (int k = 0; k < s.deployments().size(); k++) {
                java.time.Duration at = s.deployments().get(k).at();
                if (at.compareTo(length) >= 0) {
                    errors.add(design.document().error("components." + c.getKey() + ".deployments[" + k + "].at", "at "
                            + io.headroom.yaml.Durations.format(at) + " is not within the load profile "
                            + profile.document().displayName() + ", which lasts " + io.headroom.yaml.Durations.format(length)
                            + ": start the deployment earlier or use a longer profile"));
                }
            }
        }
    }

    /** Every request of a scenario names a service of the design ({@code to}, default the entry) and one of its endpoints. */
    private static void checkScenario(Loaded design, YamlDocument doc, String path, List<ScenarioStep> steps, List<InputError> errors) {
        for (int i = 0; i < steps.size(); i++) {
            String at = path + "[" + i + "]";
            if (steps.get(i) instanceof ScenarioStep.Request r) {
                String target = r.to() == null ? design.design().entry() : r.to();
                ServiceSpec s = r.to() == null ? entryService(design.design().components(), target)
                        : serviceBehind(design.design().components(), target);
                if (s == null) {
                    errors.add(doc.error(at + ".to", "'" + target + "' is not a service of " + design.document().displayName()
                            + " (components: " + String.join(", ", design.design().components().keySet()) + ")"));
                } else if (!s.endpoints().containsKey(r.endpoint())) {
                    errors.add(doc.error(at + ".request", "'" + r.endpoint() + "' is not an endpoint of '" + target + "' in "
                            + design.document().displayName() + " (endpoints: " + String.join(", ", s.endpoints().keySet()) + ")"));
                }
            } else if (steps.get(i) instanceof ScenarioStep.Repeat rep) {
                checkScenario(design, doc, at + ".do", rep.body(), errors);
            }
        }
    }
}
