package io.headroom.design;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.design.region.RegionSpec;
import io.headroom.design.region.Regions;
import io.headroom.design.region.RoutingPolicy;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the design reader checks of regions: where each component runs (its own {@code regions: [...]}, taken out of the
 * component before it is bound, since every kind may carry it), that the users' shares make a whole, that every round
 * trip between two regions is known, that balancers and caches stay in their region, and that a global router's
 * records name regions its target runs in. Each problem is located at its YAML path.
 */
final class RegionChecks {
    private RegionChecks() {
    }

    /** Kinds that are global, never placed: they reach every region. */
    static boolean global(ComponentSpec spec) {
        return spec instanceof GlobalRouterSpec || spec instanceof CdnSpec;
    }

    /**
     * The document's tree with every component's {@code regions} taken out, and what each said in {@code placements};
     * a {@code regions} that is not a list of names is an error.
     */
    static JsonNode takePlacements(YamlDocument doc, Map<String, List<String>> placements, List<InputError> errors) {
        JsonNode root = doc.root();
        JsonNode components = root == null ? null : root.get("components");
        if (components == null || !components.isObject()) {
            return root;
        }
        JsonNode copy = root.deepCopy();
        ObjectNode comps = (ObjectNode) copy.get("components");
        var names = comps.fieldNames();
        List<String> keys = new ArrayList<>();
        names.forEachRemaining(keys::add);
        for (String name : keys) {
            JsonNode c = comps.get(name);
            if (c == null || !c.isObject() || !c.has("regions")) {
                continue;
            }
            JsonNode in = ((ObjectNode) c).remove("regions");
            String path = "components." + name + ".regions";
            List<String> list = new ArrayList<>();
            if (in.isTextual()) {
                list.add(in.asText());
            } else if (in.isArray() && in.size() > 0) {
                for (int i = 0; i < in.size(); i++) {
                    if (!in.get(i).isTextual()) {
                        errors.add(doc.error(path + "[" + i + "]", "a region's name, e.g. eu-west-1"));
                    } else if (list.contains(in.get(i).asText())) {
                        errors.add(doc.error(path + "[" + i + "]", "region '" + in.get(i).asText() + "' is listed twice"));
                    } else {
                        list.add(in.get(i).asText());
                    }
                }
            } else {
                errors.add(doc.error(path, "the regions this component runs in, e.g. regions: [us-east-1, eu-west-1]"));
            }
            placements.put(name, list);
        }
        return copy;
    }

    /** The checks of a design with {@code regions:} (or of components placed without it). */
    static void check(Design design, Map<String, List<String>> placements, YamlDocument doc, List<InputError> errors) {
        Regions regions = design.regions();
        if (regions == null) {
            for (String name : placements.keySet()) {
                errors.add(doc.error("components." + name + ".regions", "declare the design's regions first, e.g. regions: {"
                        + String.join(": {users: ...}, ", placements.get(name)) + ": {users: ...}}"));
            }
            for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
                if (c.getValue() instanceof GlobalRouterSpec) {
                    errors.add(doc.error("components." + c.getKey(), "a global router routes between regions: declare the design's"
                            + " regions: {us-east-1: {users: 60%}, eu-west-1: {users: 40%}} and place its target in them"));
                }
            }
            return;
        }
        List<String> names = regions.names();
        if (names.isEmpty()) {
            errors.add(doc.error("regions", "name at least one region, e.g. regions: {us-east-1: {users: 100%}}"));
            return;
        }
        double sum = 0;
        for (double u : regions.users()) {
            sum += u;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            errors.add(doc.error("regions", "the users' shares add up to " + io.headroom.yaml.FieldError.number(Math.round(sum * 1e6) / 1e4)
                    + "%, not 100%: give each region its share, e.g. users: 60%"));
        }
        for (String a : names) {
            RegionSpec spec = regions.byName().get(a);
            for (Map.Entry<String, Duration> rt : spec.roundTrips().entrySet()) {
                String b = rt.getKey();
                String path = "regions." + a + ".round-trips." + b;
                if (!names.contains(b)) {
                    errors.add(doc.error(path, "no region '" + b + "' in regions (" + String.join(", ", names) + ")"));
                } else if (b.equals(a)) {
                    errors.add(doc.error(path, "a region's round trip to itself is zero"));
                } else {
                    Duration other = regions.byName().get(b).roundTrips().get(a);
                    if (other != null && !other.equals(rt.getValue()) && names.indexOf(b) < names.indexOf(a)) {
                        errors.add(doc.error(path, "regions." + b + " gives " + io.headroom.yaml.Durations.format(other)
                                + " for the same pair: give a round trip once"));
                    }
                }
            }
        }
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                if (regions.roundTrip(names.get(i), names.get(j)) == null) {
                    errors.add(doc.error("regions." + names.get(j), "no round trip between " + names.get(i) + " and " + names.get(j)
                            + " in the bundled table: give it, e.g. round-trips: {" + names.get(i) + ": 80ms}"));
                }
            }
        }
        Map<String, ComponentSpec> all = design.components();
        for (Map.Entry<String, ComponentSpec> c : all.entrySet()) {
            String base = "components." + c.getKey();
            List<String> in = placements.get(c.getKey());
            if (global(c.getValue())) {
                if (in != null) {
                    errors.add(doc.error(base + ".regions", "a " + ComponentType.of(c.getValue()).yamlName()
                            + " is global: it reaches every region, so it names none"));
                }
                continue;
            }
            if (in == null) {
                errors.add(doc.error(base, "say which regions '" + c.getKey() + "' runs in, e.g. regions: [" + names.get(0) + "]"));
                continue;
            }
            for (int i = 0; i < in.size(); i++) {
                if (!names.contains(in.get(i))) {
                    errors.add(doc.error(base + ".regions[" + i + "]", "no region '" + in.get(i) + "' in regions ("
                            + String.join(", ", names) + ")"));
                }
            }
        }
        if (!errors.isEmpty()) {
            return;
        }
        for (Map.Entry<String, ComponentSpec> c : all.entrySet()) {
            String base = "components." + c.getKey();
            List<String> in = placements.get(c.getKey());
            if (c.getValue() instanceof LoadBalancerSpec lb) {
                sameRegions(c.getKey(), in, lb.target(), placements, base + ".target", "a balancer's target", doc, errors);
            } else if (c.getValue() instanceof CacheSpec cache) {
                sameRegions(c.getKey(), in, cache.miss(), placements, base + ".miss", "a cache's misses", doc, errors);
            } else if (c.getValue() instanceof ServiceSpec s) {
                s.endpoints().forEach((e, ep) -> {
                    for (int k = 0; k < ep.calls().size(); k++) {
                        String to = ep.calls().get(k).to();
                        if (all.get(to) instanceof GlobalRouterSpec || (all.get(to) != null && global(all.get(to)))) {
                            errors.add(doc.error(base + ".endpoints." + e + ".calls[" + k + "].to", "'" + to + "' is global: a"
                                    + " component calls a regional one (the copy in its region, else the nearest)"));
                        }
                    }
                });
            } else if (c.getValue() instanceof GlobalRouterSpec router) {
                checkRouter(c.getKey(), router, regions, placements, all, doc, errors);
            } else if (c.getValue() instanceof CdnSpec cdn && placements.get(cdn.origin()) != null
                    && placements.get(cdn.origin()).size() > 1) {
                errors.add(doc.error(base + ".origin", "'" + cdn.origin() + "' runs in " + String.join(", ", placements.get(cdn.origin()))
                        + ": put a global router (type: global-router) in front of it and make that the origin"));
            }
        }
        ComponentSpec entry = all.get(design.entry());
        if (entry != null && !global(entry)) {
            errors.add(doc.error("entry", "with regions, users reach the design through a global router (type: global-router) or"
                    + " a CDN (type: cdn): '" + design.entry() + "' runs in " + placements.get(design.entry())));
        }
    }

    private static void sameRegions(String name, List<String> in, String target, Map<String, List<String>> placements, String path,
                                    String what, YamlDocument doc, List<InputError> errors) {
        List<String> there = placements.get(target);
        if (there == null) {
            return; // a global target is reported where it is checked
        }
        for (String r : in) {
            if (!there.contains(r)) {
                errors.add(doc.error(path, what + " stay in its region: '" + name + "' runs in " + r + " and '" + target
                        + "' does not (it runs in " + String.join(", ", there) + ")"));
                return;
            }
        }
    }

    private static void checkRouter(String name, GlobalRouterSpec router, Regions regions, Map<String, List<String>> placements,
                                    Map<String, ComponentSpec> all, YamlDocument doc, List<InputError> errors) {
        String base = "components." + name;
        if (!all.containsKey(router.target())) {
            errors.add(doc.error(base + ".target", "no component '" + router.target() + "' (components: "
                    + String.join(", ", all.keySet()) + ")"));
            return;
        }
        List<String> records = placements.get(router.target());
        if (records == null) {
            errors.add(doc.error(base + ".target", "a global router's target runs in regions; '" + router.target() + "' is global"));
            return;
        }
        if (router.policy() == RoutingPolicy.WEIGHTED) {
            for (String r : router.weights().keySet()) {
                if (!records.contains(r)) {
                    errors.add(doc.error(base + ".weights." + r, noRecord(router.target(), r, records)));
                }
            }
            for (String r : records) {
                if (!router.weights().containsKey(r)) {
                    errors.add(doc.error(base + ".weights", "give '" + r + "' (where '" + router.target() + "' runs) a weight; 0 sends it nothing"));
                }
            }
        } else if (router.policy() == RoutingPolicy.GEOLOCATION) {
            Set<String> populations = new LinkedHashSet<>(regions.names());
            for (Map.Entry<String, String> g : router.geolocation().entrySet()) {
                if (!g.getKey().equals("default") && !populations.contains(g.getKey())) {
                    errors.add(doc.error(base + ".geolocation." + g.getKey(), "no users' region '" + g.getKey() + "' in regions ("
                            + String.join(", ", populations) + "); the other users go to default"));
                } else if (!records.contains(g.getValue())) {
                    errors.add(doc.error(base + ".geolocation." + g.getKey(), noRecord(router.target(), g.getValue(), records)));
                }
            }
            if (!router.geolocation().containsKey("default")) {
                for (int p = 0; p < regions.names().size(); p++) {
                    String pop = regions.names().get(p);
                    if (regions.users()[p] > 0 && !router.geolocation().containsKey(pop)) {
                        errors.add(doc.error(base + ".geolocation", "the users in " + pop + " match no record: add " + pop
                                + ": <region> or default: <region> (Route 53 answers no record otherwise)"));
                    }
                }
            }
        } else if (router.policy() == RoutingPolicy.FAILOVER) {
            if (!records.contains(router.failover().primary())) {
                errors.add(doc.error(base + ".failover.primary", noRecord(router.target(), router.failover().primary(), records)));
            }
            if (!records.contains(router.failover().secondary())) {
                errors.add(doc.error(base + ".failover.secondary", noRecord(router.target(), router.failover().secondary(), records)));
            }
        }
    }

    private static String noRecord(String target, String region, List<String> records) {
        return "'" + target + "' does not run in " + region + " (it runs in " + String.join(", ", records) + ")";
    }
}
