package io.headroom.design.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Quantities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Karpenter {@code karpenter.sh/v1 NodePool} manifest, as {@code kubectl apply} takes it: what a pool's nodes may be
 * ({@code spec.template.spec.requirements}, see {@link Requirements}; {@code expireAfter}, default 720h), how much it
 * may launch ({@code spec.limits}: {@code cpu}, {@code memory}), how it gives nodes back ({@code spec.disruption}:
 * {@code consolidationPolicy}, default {@code WhenEmptyOrUnderutilized}; {@code consolidateAfter}, required;
 * {@code budgets}, default one of {@code nodes: 10%}) and its {@code weight} among NodePools (1 to 100, none is 0).
 * Defaults and validation follow {@code pkg/apis/v1/nodepool.go} and its CRD. With no {@code karpenter.sh/capacity-type}
 * requirement the pool launches on-demand only, as the AWS provider defaults it.
 *
 * <p>Read and not used: {@code metadata}, the template's {@code metadata} (labels), {@code nodeClassRef},
 * {@code status}. Refused, because they would change what is launched or when and are not modelled: taints and
 * startup taints, {@code terminationGracePeriod}, budgets with {@code schedule}, {@code duration} or {@code reasons},
 * {@code replicas} (static NodePools), limits other than cpu and memory, {@code consolidateWhen} other than the
 * policy's own.
 */
public record NodePoolManifest(@JsonProperty("apiVersion") String apiVersion, @JsonProperty("kind") String kind,
                               @JsonProperty("metadata") JsonNode metadata, @JsonProperty("spec") Spec spec,
                               @JsonProperty("status") JsonNode status) {
    /** {@code expireAfter}'s default. */
    public static final Duration DEFAULT_EXPIRE_AFTER = Duration.ofHours(720);

    public NodePoolManifest {
        if (!"karpenter.sh/v1".equals(apiVersion)) {
            throw new FieldError("apiVersion", "expected karpenter.sh/v1, got " + quoted(apiVersion)
                    + (apiVersion != null && apiVersion.startsWith("karpenter.sh/") ? " (convert it to v1: see Karpenter's v1 migration guide)" : ""));
        }
        if (!"NodePool".equals(kind)) {
            throw new FieldError("kind", "expected NodePool, got " + quoted(kind));
        }
        FieldError.require(spec, "spec");
    }

    /** {@code spec}. */
    public record Spec(@JsonProperty("template") Template template, @JsonProperty("disruption") Disruption disruption,
                       @JsonProperty("limits") Map<String, String> limits,
                       @JsonProperty("weight") @AtMost(value = "100", why = "the NodePool CRD's maximum weight") Integer weight,
                       @JsonProperty("replicas") JsonNode replicas) {
        public Spec {
            FieldError.require(template, "template");
            if (replicas != null) {
                throw new FieldError("replicas", "static NodePools (replicas) are not modelled: remove replicas, or use a node pool"
                        + " with instance: and nodes: for a fixed group");
            }
            // the CRD's default when disruption is left out: {consolidateAfter: 0s}
            disruption = disruption == null ? new Disruption("WhenEmptyOrUnderutilized", "0s", null, null, null) : disruption;
            limits = limits == null ? Map.of() : Map.copyOf(limits);
            for (Map.Entry<String, String> e : limits.entrySet()) {
                if (!e.getKey().equals("cpu") && !e.getKey().equals("memory")) {
                    throw new FieldError("limits." + e.getKey(), "only cpu and memory limits are modelled, got " + quoted(e.getKey()));
                }
                if (e.getValue() == null) {
                    throw new FieldError("limits." + e.getKey(), "give the limit as a quantity, e.g. cpu: 1000 or memory: 1000Gi");
                }
            }
            cpuLimitMilli(limits);
            memoryLimitBytes(limits);
            if (weight != null && (weight < 1 || weight > 100)) {
                throw new FieldError("weight", "a NodePool's weight lies in 1..100, got " + weight);
            }
        }

        /** {@code limits.cpu} in millicores, {@link Long#MAX_VALUE} without one. */
        public long cpuLimitMilli() {
            return cpuLimitMilli(limits);
        }

        /** {@code limits.memory} in bytes, {@link Long#MAX_VALUE} without one. */
        public long memoryLimitBytes() {
            return memoryLimitBytes(limits);
        }

        private static long cpuLimitMilli(Map<String, String> limits) {
            String cpu = limits.get("cpu");
            try {
                return cpu == null ? Long.MAX_VALUE : (long) Math.ceil(Quantities.cpu(cpu, "limits.cpu") * 1000 - 1e-9);
            } catch (IllegalArgumentException e) {
                throw new FieldError("limits.cpu", e.getMessage());
            }
        }

        private static long memoryLimitBytes(Map<String, String> limits) {
            String memory = limits.get("memory");
            try {
                return memory == null ? Long.MAX_VALUE : Quantities.bytes(memory, "limits.memory");
            } catch (IllegalArgumentException e) {
                throw new FieldError("limits.memory", e.getMessage());
            }
        }

        /** The weight, 0 when none is given. */
        public int weightOrZero() {
            return weight == null ? 0 : weight;
        }
    }

    /** {@code spec.template}. */
    public record Template(@JsonProperty("metadata") JsonNode metadata, @JsonProperty("spec") TemplateSpec spec) {
        public Template {
            FieldError.require(spec, "spec");
        }
    }

    /** {@code spec.template.spec}. */
    public record TemplateSpec(@JsonProperty("requirements") List<Entry> requirements,
                               @JsonProperty("nodeClassRef") JsonNode nodeClassRef,
                               @JsonProperty("taints") List<JsonNode> taints,
                               @JsonProperty("startupTaints") List<JsonNode> startupTaints,
                               @JsonProperty("expireAfter") String expireAfter,
                               @JsonProperty("terminationGracePeriod") String terminationGracePeriod) {
        public TemplateSpec {
            requirements = requirements == null ? List.of() : List.copyOf(requirements);
            if (taints != null && !taints.isEmpty()) {
                throw new FieldError("taints", "taints (and the tolerations they need) are not modelled: remove them");
            }
            if (startupTaints != null && !startupTaints.isEmpty()) {
                throw new FieldError("startupTaints", "startup taints are not modelled: remove them (a node is Ready after the"
                        + " pool's provisioning time)");
            }
            if (terminationGracePeriod != null) {
                throw new FieldError("terminationGracePeriod", "terminationGracePeriod is not modelled: a node's drain waits for"
                        + " its pods' disruption budgets as long as it takes");
            }
            expireAfter = expireAfter == null ? "720h" : expireAfter;
            durationOrNever(expireAfter, "expireAfter");
            Requirements r = Requirements.of(requirementList(requirements));
            if (r.unsupported().isPresent()) {
                int i = r.unsupportedIndex();
                Requirements.Requirement bad = r.list().get(i);
                boolean key = !Requirements.KEYS.contains(bad.key());
                throw new FieldError("requirements[" + i + "]." + (key ? "key" : "operator"), (key
                        ? "requirement key " + quoted(bad.key()) + " is not modelled; supported keys: " + String.join(", ", Requirements.KEYS)
                        : "operator " + quoted(bad.operator()) + " is not modelled; supported: In, NotIn, Exists, DoesNotExist, Gt, Lt"));
            }
            if (r.invalid().isPresent()) {
                throw new FieldError("requirements", r.invalid().get());
            }
        }

        /** The requirements, as {@link Requirements} reads them. */
        public List<Requirements.Requirement> requirementList() {
            return requirementList(requirements);
        }

        private static List<Requirements.Requirement> requirementList(List<Entry> entries) {
            return entries.stream().map(e -> new Requirements.Requirement(e.key(), e.operator(), e.values())).toList();
        }

        /**
         * The requirements as the pool applies them: those written, with {@code karpenter.sh/capacity-type In
         * [on-demand]} added when none names the capacity type.
         */
        public Requirements effective() {
            List<Requirements.Requirement> list = new ArrayList<>(requirementList());
            if (list.stream().noneMatch(r -> r.key().equals(Requirements.CAPACITY_TYPE))) {
                list.add(new Requirements.Requirement(Requirements.CAPACITY_TYPE, "In", List.of("on-demand")));
            }
            return Requirements.of(list);
        }

        /** {@code expireAfter}, null for Never. */
        public Duration expiry() {
            return durationOrNever(expireAfter, "expireAfter");
        }
    }

    /** One {@code requirements[]} entry; {@code minValues} is read and not modelled. */
    public record Entry(@JsonProperty("key") String key, @JsonProperty("operator") String operator,
                        @JsonProperty("values") List<String> values,
                        @JsonProperty("minValues") @AtMost(value = "50", why = "the NodePool CRD's maximum minValues") Integer minValues) {
        public Entry {
            FieldError.require(key, "key");
            FieldError.require(operator, "operator");
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    /** {@code spec.disruption}. */
    public record Disruption(@JsonProperty("consolidationPolicy") String consolidationPolicy,
                             @JsonProperty("consolidateAfter") String consolidateAfter,
                             @JsonProperty("budgets") List<BudgetEntry> budgets,
                             @JsonProperty("consolidateWhen") String consolidateWhen,
                             @JsonProperty("decisionRatioThreshold") JsonNode decisionRatioThreshold) {
        public Disruption {
            consolidationPolicy = consolidationPolicy == null ? "WhenEmptyOrUnderutilized" : consolidationPolicy;
            if (!consolidationPolicy.equals("WhenEmpty") && !consolidationPolicy.equals("WhenEmptyOrUnderutilized")) {
                throw new FieldError("consolidationPolicy", "WhenEmpty or WhenEmptyOrUnderutilized, got " + quoted(consolidationPolicy));
            }
            if (consolidateWhen != null && !consolidateWhen.equals(consolidationPolicy)) {
                throw new FieldError("consolidateWhen", "consolidateWhen is not modelled beyond consolidationPolicy: remove it");
            }
            if (decisionRatioThreshold != null) {
                throw new FieldError("decisionRatioThreshold", "decisionRatioThreshold is not modelled: remove it");
            }
            if (consolidateAfter == null) {
                throw new FieldError("consolidateAfter", "missing required key 'consolidateAfter' (Karpenter v1 requires it), e.g."
                        + " consolidateAfter: 1m, or Never");
            }
            durationOrNever(consolidateAfter, "consolidateAfter");
            budgets = budgets == null ? List.of(new BudgetEntry("10%", null, null, null)) : List.copyOf(budgets);
        }

        /** {@code consolidateAfter}, null for Never. */
        public Duration consolidateAfterDuration() {
            return durationOrNever(consolidateAfter, "consolidateAfter");
        }

        /** Whether only empty nodes are consolidated. */
        public boolean whenEmptyOnly() {
            return consolidationPolicy.equals("WhenEmpty");
        }
    }

    /** One {@code spec.disruption.budgets[]} entry. */
    public record BudgetEntry(@JsonProperty("nodes") String nodes, @JsonProperty("schedule") String schedule,
                              @JsonProperty("duration") String duration, @JsonProperty("reasons") List<String> reasons) {
        public BudgetEntry {
            nodes = nodes == null ? "10%" : nodes;
            if (!nodes.matches("(100|[0-9]{1,2})%|[0-9]+")) {
                throw new FieldError("nodes", "a count or a percentage from 0% to 100%, e.g. nodes: \"10%\" or nodes: \"3\", got "
                        + quoted(nodes));
            }
            if (schedule != null || duration != null) {
                throw new FieldError(schedule != null ? "schedule" : "duration", "scheduled budgets are not modelled: remove"
                        + " schedule and duration (the budget then always holds)");
            }
            if (reasons != null) {
                throw new FieldError("reasons", "budgets by reason are not modelled: remove reasons (the budget then binds every"
                        + " disruption)");
            }
        }
    }

    private static final Pattern GO_DURATION = Pattern.compile("([0-9]+)(s|m|h)");

    /**
     * A duration as the NodePool CRD's pattern {@code ^(([0-9]+(s|m|h))+|Never)$} allows it ({@code 720h},
     * {@code 1h30m}, {@code 30s}); null for {@code Never}.
     */
    static Duration durationOrNever(String text, String field) {
        if (text.equals("Never")) {
            return null;
        }
        if (!text.matches("([0-9]+(s|m|h))+")) {
            throw new FieldError(field, "a duration such as 30s, 10m, 720h or 1h30m, or Never; got " + quoted(text));
        }
        Matcher m = GO_DURATION.matcher(text);
        long seconds = 0;
        while (m.find()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new FieldError(field, "too long: " + text);
            }
            long unit = switch (m.group(2)) {
                case "h" -> 3600;
                case "m" -> 60;
                default -> 1;
            };
            if (n > 87_600 * 3600 / unit) {
                throw new FieldError(field, "at most 87600h (ten years), got " + text);
            }
            seconds += n * unit;
        }
        return Duration.ofSeconds(seconds);
    }

    private static String quoted(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }
}
