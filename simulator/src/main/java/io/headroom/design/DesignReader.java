package io.headroom.design;

import io.headroom.dist.DistributionSpec;
import io.headroom.load.LoadProfile;
import io.headroom.load.scenario.ScenarioStep;
import io.headroom.design.autoscaling.Autoscaling;
import io.headroom.design.autoscaling.PolicyFiles;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.Durations;
import io.headroom.yaml.InputError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a design (and optionally a load profile against it) and checks what a single record cannot
 * see: that names refer to components that exist ({@link GraphChecks}), that what it prices is in the catalogue
 * ({@link PricingChecks}, {@link ClusterChecks}), that its regions hold together ({@link RegionChecks}), that
 * sample files are readable, that a profile's mix names the entry's endpoints. Every problem is reported at its
 * file, line, column and path.
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
        columnNames(design, doc, errors);
        GraphChecks.check(design, doc, errors);
        RegionChecks.check(design, placements, doc, errors);
        checkSloEndpoints(design, doc, errors);
        PricingChecks.check(design, doc, errors);
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

    /**
     * Component and node pool names head columns of timeseries.csv and results.csv ({@code api.instances}), written
     * as they are: a comma in one would split its column in two for every reader of the file.
     */
    private static void columnNames(Design design, YamlDocument doc, List<InputError> errors) {
        for (String name : design.components().keySet()) {
            if (name.indexOf(',') >= 0) {
                errors.add(doc.keyError("components." + name, "a component's name heads columns of timeseries.csv"
                        + " (" + name + ".instances): it cannot hold a comma"));
            }
        }
        if (design.cluster() != null) {
            for (String pool : design.cluster().nodePools().keySet()) {
                if (pool.indexOf(',') >= 0) {
                    errors.add(doc.keyError("cluster.node-pools." + pool, "a node pool's name heads columns of timeseries.csv"
                            + " (" + pool + ".nodes): it cannot hold a comma"));
                }
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
                            + Durations.format(at) + " is not within the load profile "
                            + profile.document().displayName() + ", which lasts " + Durations.format(length)
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
