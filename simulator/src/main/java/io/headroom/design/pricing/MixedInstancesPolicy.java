package io.headroom.design.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An EC2 Auto Scaling group's {@code MixedInstancesPolicy} as AWS writes it, in place of an {@code instance:}'s market
 * terms: inline ({@code instance: {MixedInstancesPolicy: {...}}}) or from a file beside the design
 * ({@code instance: {mixed-instances-policy: aws/asg.json}}) holding the policy, a {@code CreateAutoScalingGroup} request
 * or {@code describe-auto-scaling-groups}' answer for one group. Its {@code InstancesDistribution} becomes
 * {@code on-demand-base} and {@code on-demand-percentage-above-base} (AWS's defaults 0 and 100), and the instance type
 * its one {@code LaunchTemplate.Overrides} type (or the {@code type:} written beside it).
 *
 * <p>Headroom runs a group on one instance type: several override types, weights other than 1, attribute-based
 * requirements and a spot maximum price are refused with the reason; the allocation strategies and spot pool count
 * are accepted (with one type they choose nothing). Done before binding, as {@code tags:} are: the {@code instance:}
 * block is rewritten in Headroom's terms, and an error of the AWS JSON names AWS's key in the file it was written in.
 */
public final class MixedInstancesPolicy {
    private static final String INLINE = "MixedInstancesPolicy";
    private static final String FILE = "mixed-instances-policy";
    private static final Set<String> POLICY_KEYS = Set.of("LaunchTemplate", "InstancesDistribution");
    private static final Set<String> DISTRIBUTION_KEYS = Set.of("OnDemandAllocationStrategy", "OnDemandBaseCapacity",
            "OnDemandPercentageAboveBaseCapacity", "SpotAllocationStrategy", "SpotInstancePools", "SpotMaxPrice");
    private static final Set<String> ON_DEMAND_STRATEGIES = Set.of("prioritized", "lowest-price");
    private static final Set<String> SPOT_STRATEGIES = Set.of("lowest-price", "capacity-optimized", "capacity-optimized-prioritized",
            "price-capacity-optimized");

    private MixedInstancesPolicy() {
    }

    /**
     * {@code root} with every {@code instance:} that carries a mixed instances policy (of a component, or of a cluster's
     * node pool) rewritten in Headroom's terms (a copy when there was one); a mistake is a located error in {@code errors}.
     */
    public static JsonNode expand(YamlDocument doc, JsonNode root, List<InputError> errors) {
        if (root == null || !root.isObject()) {
            return root;
        }
        Map<String, JsonNode> found = new LinkedHashMap<>();
        collect(root.get("components"), "components", found);
        JsonNode cluster = root.get("cluster");
        if (cluster != null && cluster.isObject()) {
            collect(cluster.get("node-pools"), "cluster.node-pools", found);
        }
        if (found.isEmpty()) {
            return root;
        }
        JsonNode copy = root.deepCopy();
        for (Map.Entry<String, JsonNode> e : found.entrySet()) {
            String path = e.getKey();
            ObjectNode instance = (ObjectNode) at(copy, path);
            try {
                rewrite(doc, path, instance);
            } catch (Located l) {
                errors.add(l.error);
            }
        }
        return copy;
    }

    private static void collect(JsonNode section, String path, Map<String, JsonNode> found) {
        if (section == null || !section.isObject()) {
            return;
        }
        section.fields().forEachRemaining(c -> {
            JsonNode instance = c.getValue() == null ? null : c.getValue().get("instance");
            if (instance != null && instance.isObject() && (instance.has(INLINE) || instance.has(FILE))) {
                found.put(path + "." + c.getKey() + ".instance", instance);
            }
        });
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            n = n.get(part);
        }
        return n;
    }

    /** An error already located (in the design or in the policy's file). */
    private static final class Located extends Exception {
        final InputError error;

        Located(InputError error) {
            super(error.format(), null, false, false);
            this.error = error;
        }
    }

    private static void rewrite(YamlDocument doc, String path, ObjectNode instance) throws Located {
        if (instance.has(INLINE) && instance.has(FILE)) {
            throw new Located(doc.error(path + "." + FILE, "give the mixed instances policy inline (" + INLINE + ") or as a file ("
                    + FILE + "), not both"));
        }
        if (instance.has("market") || instance.has("on-demand-base") || instance.has("on-demand-percentage-above-base")) {
            String k = instance.has("market") ? "market" : instance.has("on-demand-base") ? "on-demand-base" : "on-demand-percentage-above-base";
            throw new Located(doc.error(path + "." + k, "the mixed instances policy says how the group buys its instances: leave "
                    + k + " out"));
        }
        String written = instance.has("type") && instance.get("type").isTextual() ? instance.get("type").asText() : null;
        Translation t;
        if (instance.has(INLINE)) {
            try {
                t = translate(instance.get(INLINE), written);
            } catch (FieldError e) {
                String p = path + "." + INLINE + (e.field().isEmpty() ? "" : "." + e.field());
                throw new Located(doc.error(nearest(doc, p), e.getMessage()));
            }
            instance.remove(INLINE);
        } else {
            JsonNode file = instance.get(FILE);
            if (!file.isTextual()) {
                throw new Located(doc.error(path + "." + FILE, "a file name (JSON or YAML beside the design), e.g. aws/asg.json"));
            }
            YamlDocument json;
            try {
                json = YamlDocument.read((doc.baseDir() == null ? Path.of(".") : doc.baseDir()).resolve(file.asText()));
            } catch (BadInputException e) {
                throw new Located(doc.error(path + "." + FILE, "in " + e.errors().get(0).format()));
            }
            try {
                t = translate(unwrap(json.root()), written);
            } catch (FieldError e) {
                String prefix = prefix(json.root());
                String p = prefix + (e.field().isEmpty() ? "" : (prefix.isEmpty() ? "" : ".") + e.field());
                throw new Located(doc.error(path + "." + FILE, "in " + json.error(nearest(json, p), e.getMessage()).format()));
            }
            instance.remove(FILE);
        }
        instance.put("type", t.type);
        instance.put("on-demand-base", t.base);
        instance.put("on-demand-percentage-above-base", t.percentage);
    }

    private static String nearest(YamlDocument doc, String path) {
        String p = path;
        while (!p.isEmpty() && !doc.has(p)) {
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return p.isEmpty() ? path : p;
    }

    /** The policy inside a file: the policy itself, a group's request, or describe-auto-scaling-groups' answer. */
    private static JsonNode unwrap(JsonNode n) {
        if (n != null && n.has("AutoScalingGroups") && n.get("AutoScalingGroups").isArray() && n.get("AutoScalingGroups").size() == 1) {
            n = n.get("AutoScalingGroups").get(0);
        }
        return n != null && n.has(INLINE) ? n.get(INLINE) : n;
    }

    private static String prefix(JsonNode n) {
        String p = "";
        if (n != null && n.has("AutoScalingGroups") && n.get("AutoScalingGroups").isArray() && n.get("AutoScalingGroups").size() == 1) {
            p = "AutoScalingGroups[0]";
            n = n.get("AutoScalingGroups").get(0);
        }
        return n != null && n.has(INLINE) ? (p.isEmpty() ? INLINE : p + "." + INLINE) : p;
    }

    private record Translation(String type, int base, int percentage) {
    }

    private static Translation translate(JsonNode p, String written) {
        if (p == null || !p.isObject()) {
            throw new FieldError("", "expected a MixedInstancesPolicy: {LaunchTemplate: {Overrides: [...]}, InstancesDistribution: {...}}"
                    + " (or a CreateAutoScalingGroup request, or describe-auto-scaling-groups' answer for one group)");
        }
        keys(p, POLICY_KEYS, "", "a MixedInstancesPolicy key");
        String type = written;
        JsonNode lt = p.get("LaunchTemplate");
        if (lt != null) {
            keys(lt, Set.of("LaunchTemplateSpecification", "Overrides"), "LaunchTemplate.", "a LaunchTemplate key");
            JsonNode overrides = lt.get("Overrides");
            if (overrides != null) {
                if (!overrides.isArray()) {
                    throw new FieldError("LaunchTemplate.Overrides", "expected a list of overrides");
                }
                for (int i = 0; i < overrides.size(); i++) {
                    JsonNode o = overrides.get(i);
                    String at = "LaunchTemplate.Overrides[" + i + "].";
                    keys(o, Set.of("InstanceType", "WeightedCapacity", "LaunchTemplateSpecification", "InstanceRequirements"), at,
                            "an override key");
                    if (o.has("InstanceRequirements")) {
                        throw new FieldError(at + "InstanceRequirements", "attribute-based instance selection is not modelled: name"
                                + " the instance type (InstanceType)");
                    }
                    JsonNode w = o.get("WeightedCapacity");
                    if (w != null && !(w.asText().equals("1"))) {
                        throw new FieldError(at + "WeightedCapacity", "weighted capacity is not modelled: each instance counts as one"
                                + " (got " + w.asText() + ")");
                    }
                    JsonNode it = o.get("InstanceType");
                    if (it == null || !it.isTextual()) {
                        throw new FieldError(at + "InstanceType", "missing: the override's instance type, e.g. c6i.large");
                    }
                    if (type == null) {
                        type = it.asText();
                    } else if (!type.equals(it.asText())) {
                        throw new FieldError(at + "InstanceType", "Headroom runs a group on one instance type: this override's "
                                + it.asText() + " differs from " + type + (written != null ? " (the type: written beside it)" : "")
                                + "; a group over several types is not modelled: keep one");
                    }
                }
            }
        }
        if (type == null) {
            throw new FieldError("LaunchTemplate", "the instance type is in the launch template, which this JSON does not hold:"
                    + " give LaunchTemplate.Overrides [{InstanceType: ...}] or type: beside the policy");
        }
        int base = 0;
        int percentage = 100;
        JsonNode d = p.get("InstancesDistribution");
        if (d != null) {
            String at = "InstancesDistribution.";
            keys(d, DISTRIBUTION_KEYS, at, "an InstancesDistribution key");
            if (d.has("OnDemandBaseCapacity")) {
                base = whole(d, "OnDemandBaseCapacity", at, 0, 100_000);
            }
            if (d.has("OnDemandPercentageAboveBaseCapacity")) {
                percentage = whole(d, "OnDemandPercentageAboveBaseCapacity", at, 0, 100);
            }
            strategy(d, "OnDemandAllocationStrategy", ON_DEMAND_STRATEGIES, at);
            strategy(d, "SpotAllocationStrategy", SPOT_STRATEGIES, at);
            if (d.has("SpotInstancePools")) {
                whole(d, "SpotInstancePools", at, 1, 20);
            }
            JsonNode max = d.get("SpotMaxPrice");
            if (max != null && !max.isNull() && !max.asText().isEmpty()) {
                throw new FieldError(at + "SpotMaxPrice", "a spot maximum price is not modelled (AWS advises against it): leave it"
                        + " empty, and set the spot price and interruptions with spot: in the catalogue or on the instance");
            }
        }
        return new Translation(type, base, percentage);
    }

    private static void strategy(JsonNode d, String key, Set<String> allowed, String at) {
        JsonNode v = d.get(key);
        if (v != null && !(v.isTextual() && allowed.contains(v.asText()))) {
            throw new FieldError(at + key, "'" + v.asText() + "' is not one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
    }

    private static int whole(JsonNode d, String key, String at, int min, int max) {
        JsonNode v = d.get(key);
        if (!v.isNumber() || v.asDouble() != Math.rint(v.asDouble()) || v.asDouble() < min || v.asDouble() > max) {
            throw new FieldError(at + key, "a whole number from " + min + " to " + max + ", got " + v);
        }
        return v.asInt();
    }

    private static void keys(JsonNode n, Set<String> known, String at, String what) {
        if (!n.isObject()) {
            throw new FieldError(at.isEmpty() ? "" : at.substring(0, at.length() - 1), "expected a mapping");
        }
        Iterator<String> it = n.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new FieldError(at + k, "'" + k + "' is not " + what + " (" + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }
}
