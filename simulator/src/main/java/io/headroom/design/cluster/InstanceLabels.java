package io.headroom.design.cluster;

/**
 * An EC2 offering as a Karpenter NodePool's requirements see it: the well-known labels aws/karpenter-provider-aws
 * puts on every instance type ({@code pkg/providers/instancetype/types.go}) and the capacity type. The family is the
 * type's name before the dot ({@code m6i} of {@code m6i.large}), the category its letters before the generation
 * digits ({@code m}), the generation those digits ({@code 6}); memory is in MiB; the architecture is {@code arm64}
 * for Graviton families (a {@code g} right after the generation: {@code c7g}, {@code m6g}, {@code t4g}), else
 * {@code amd64}.
 */
public interface InstanceLabels {
    /** The value of label {@code key} (one of {@link Requirements#KEYS} but the zone). */
    String label(String key);

    /** The labels of instance type {@code type} ({@code vcpu} vCPUs, {@code memoryMib} MiB) bought as {@code capacityType}. */
    static String of(String key, String type, int vcpu, long memoryMib, String capacityType) {
        String family = family(type);
        return switch (key) {
            case Requirements.INSTANCE_TYPE -> type;
            case Requirements.CAPACITY_TYPE -> capacityType;
            case Requirements.FAMILY -> family;
            case Requirements.CATEGORY -> category(family);
            case Requirements.GENERATION -> Integer.toString(generation(family));
            case Requirements.CPU -> Integer.toString(vcpu);
            case Requirements.MEMORY -> Long.toString(memoryMib);
            case Requirements.ARCH -> arm64(family) ? "arm64" : "amd64";
            default -> throw new IllegalArgumentException("unsupported requirement key " + key);
        };
    }

    /** {@code m6i} of {@code m6i.large}. */
    static String family(String type) {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }

    /** The letters before the generation digits: {@code m} of {@code m6i}. */
    static String category(String family) {
        int i = 0;
        while (i < family.length() && !Character.isDigit(family.charAt(i))) {
            i++;
        }
        return family.substring(0, i);
    }

    /** The generation digits as a number ({@code 6} of {@code m6i}), 0 if there are none. */
    static int generation(String family) {
        int i = category(family).length();
        int end = i;
        while (end < family.length() && Character.isDigit(family.charAt(end))) {
            end++;
        }
        return end == i ? 0 : Integer.parseInt(family.substring(i, end));
    }

    /** Whether {@code family} is Graviton: a {@code g} right after its generation digits. */
    static boolean arm64(String family) {
        int i = category(family).length();
        while (i < family.length() && Character.isDigit(family.charAt(i))) {
            i++;
        }
        return i < family.length() && family.charAt(i) == 'g';
    }
}
