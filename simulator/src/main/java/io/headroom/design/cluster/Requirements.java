package io.headroom.design.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A NodePool's {@code spec.template.spec.requirements}: node-selector requirements over the well-known labels
 * that every instance type carries, which keep or drop each offering. An offering is admitted when every
 * requirement holds (requirements on one key intersect). Operators as kubernetes-sigs/karpenter
 * {@code pkg/scheduling/requirement.go} ({@code Has}): {@code In} and {@code NotIn} compare the label's value
 * with the list, {@code Exists} holds and {@code DoesNotExist} fails for every offering (each carries every
 * label), {@code Gt} and {@code Lt} compare the label as an integer with the single value (a label that is not
 * an integer fails).
 *
 * <p>Keys: {@code node.kubernetes.io/instance-type}, {@code karpenter.sh/capacity-type},
 * {@code karpenter.k8s.aws/instance-family}, {@code -category}, {@code -generation}, {@code -cpu},
 * {@code -memory} (MiB), {@code kubernetes.io/arch} and {@code topology.kubernetes.io/zone} (zones do not
 * filter types here; {@link #admitsZone} answers for a zone). Any other key or operator is reported by
 * {@link #unsupported()}. {@code minValues} is not modelled: the cheapest option launches whatever the
 * flexibility left.
 */
public final class Requirements {
    /** One {@code {key, operator, values}} entry of the list. */
    public record Requirement(String key, String operator, List<String> values) {
        public Requirement {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    public static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";
    public static final String CAPACITY_TYPE = "karpenter.sh/capacity-type";
    public static final String FAMILY = "karpenter.k8s.aws/instance-family";
    public static final String CATEGORY = "karpenter.k8s.aws/instance-category";
    public static final String GENERATION = "karpenter.k8s.aws/instance-generation";
    public static final String CPU = "karpenter.k8s.aws/instance-cpu";
    public static final String MEMORY = "karpenter.k8s.aws/instance-memory";
    public static final String ARCH = "kubernetes.io/arch";
    public static final String ZONE = "topology.kubernetes.io/zone";

    /** The keys understood, in the docs' order. */
    public static final List<String> KEYS = List.of(INSTANCE_TYPE, CAPACITY_TYPE, FAMILY, CATEGORY, GENERATION, CPU,
            MEMORY, ARCH, ZONE);
    /** The operators understood. */
    public static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt");

    /** None: every offering is admitted. */
    public static final Requirements NONE = of(List.of());

    private final List<Requirement> reqs;
    private final int unsupportedIndex;
    private final String unsupported;
    private final String invalid;

    private Requirements(List<Requirement> reqs) {
        this.reqs = List.copyOf(reqs);
        int index = -1;
        String name = null;
        String bad = null;
        for (int i = 0; i < this.reqs.size() && index < 0; i++) {
            Requirement r = this.reqs.get(i);
            if (!KEYS.contains(r.key())) {
                index = i;
                name = r.key();
            } else if (!OPERATORS.contains(r.operator())) {
                index = i;
                name = r.operator();
            }
        }
        for (int i = 0; i < this.reqs.size() && bad == null && index < 0; i++) {
            bad = malformed(this.reqs.get(i));
        }
        this.unsupportedIndex = index;
        this.unsupported = name;
        this.invalid = bad;
    }

    public static Requirements of(List<Requirement> reqs) {
        return new Requirements(reqs);
    }

    /** The first key or operator not supported (the bare name), if any. */
    public Optional<String> unsupported() {
        return Optional.ofNullable(unsupported);
    }

    /** The index in the list of the entry {@link #unsupported()} names, -1 when all are supported. */
    public int unsupportedIndex() {
        return unsupportedIndex;
    }

    /**
     * What the NodePool CRD's validation refuses, for the first entry it refuses: {@code In} without values,
     * {@code Gt}/{@code Lt} without exactly one non-negative integer. Empty when all are well formed.
     */
    public Optional<String> invalid() {
        return Optional.ofNullable(invalid);
    }

    public List<Requirement> list() {
        return reqs;
    }

    /** Whether offering {@code o} satisfies every requirement (zone requirements aside). */
    public boolean admits(InstanceLabels o) {
        for (Requirement r : reqs) {
            if (!ZONE.equals(r.key()) && !holds(r, o.label(r.key()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the {@code topology.kubernetes.io/zone} requirements admit zone {@code zone}. */
    public boolean admitsZone(String zone) {
        for (Requirement r : reqs) {
            if (ZONE.equals(r.key()) && !holds(r, zone)) {
                return false;
            }
        }
        return true;
    }

    /** The zones named by {@code In} zone requirements (their intersection), or empty for any zone. */
    public List<String> zones() {
        List<String> zones = null;
        for (Requirement r : reqs) {
            if (ZONE.equals(r.key()) && "In".equals(r.operator())) {
                if (zones == null) {
                    zones = new ArrayList<>(r.values());
                } else {
                    zones.retainAll(r.values());
                }
            }
        }
        return zones == null ? List.of() : List.copyOf(zones);
    }

    /** Offerings of {@code options} this admits, in their order. */
    public <T extends InstanceLabels> List<T> filter(List<T> options) {
        List<T> kept = new ArrayList<>();
        for (T o : options) {
            if (admits(o)) {
                kept.add(o);
            }
        }
        return kept;
    }

    private static boolean holds(Requirement r, String value) {
        return switch (r.operator()) {
            case "In" -> r.values().contains(value);
            case "NotIn" -> !r.values().contains(value);
            case "Exists" -> true;
            case "DoesNotExist" -> false;
            case "Gt" -> compare(value, r.values().get(0)) > 0;
            case "Lt" -> compare(value, r.values().get(0)) < 0;
            default -> throw new IllegalArgumentException("unsupported requirement operator " + r.operator());
        };
    }

    /** The label against the bound as integers; a label that is no integer satisfies neither Gt nor Lt. */
    private static int compare(String value, String bound) {
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
        return Long.compare(v, Long.parseLong(bound));
    }

    private static String malformed(Requirement r) {
        switch (r.operator()) {
            case "In":
                return r.values().isEmpty() ? "requirements with operator 'In' must have a value defined" : null;
            case "Gt":
            case "Lt":
                if (r.values().size() == 1) {
                    try {
                        if (Long.parseLong(r.values().get(0)) >= 0) {
                            return null;
                        }
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                }
                return "requirements operator 'Gt' or 'Lt' must have a single positive integer value";
            default:
                return null;
        }
    }

    @Override
    public String toString() {
        return reqs.toString();
    }
}
