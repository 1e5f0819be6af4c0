package io.headroom.cluster.karpenter;

import io.headroom.cluster.Node;
import io.headroom.cluster.NodeShape;
import io.headroom.cluster.Pod;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled AWS us-east-1 catalogue as Karpenter offerings, and hand-made pods and nodes. Allocatable, for
 * these tests: the vCPUs less 100m, the memory less a tenth, 110 pods; a spot price is the on-demand price less
 * the catalogue's 60 % discount.
 */
final class KarpenterFixtures {
    static final long GIB = 1024L * 1024 * 1024;
    static final long MIB = 1024L * 1024;
    static final long SECOND = 1_000_000_000L;
    static final double SPOT_DISCOUNT = 0.60;
    private static final String CSV = "/io/headroom/pricing/aws-us-east-1/ec2-ondemand-linux.csv";

    private int nextPod;
    private int nextNode;

    /** Every row of the bundled price list, as {@code capacityType} offerings. */
    static List<InstanceOption> catalogue(String capacityType) {
        List<InstanceOption> options = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                KarpenterFixtures.class.getResourceAsStream(CSV), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                int vcpu = Integer.parseInt(f[4]);
                long memory = (long) (Double.parseDouble(f[5]) * GIB);
                double price = Double.parseDouble(f[6]);
                if (InstanceOption.SPOT.equals(capacityType)) {
                    price = price * (1 - SPOT_DISCOUNT);
                }
                options.add(option(f[2], f[3], vcpu, memory, capacityType, price, 110));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return options;
    }

    static List<InstanceOption> both() {
        List<InstanceOption> all = new ArrayList<>(catalogue(InstanceOption.ON_DEMAND));
        all.addAll(catalogue(InstanceOption.SPOT));
        return all;
    }

    static InstanceOption find(List<InstanceOption> options, String type, String capacityType) {
        for (InstanceOption o : options) {
            if (o.type().equals(type) && o.capacityType().equals(capacityType)) {
                return o;
            }
        }
        throw new IllegalArgumentException(type + " " + capacityType);
    }

    static InstanceOption option(String type, String family, int vcpu, long memory, String capacityType, double price,
                                 int maxPods) {
        int digit = 0;
        while (!Character.isDigit(family.charAt(digit))) {
            digit++;
        }
        int end = digit;
        while (end < family.length() && Character.isDigit(family.charAt(end))) {
            end++;
        }
        return new InstanceOption(type, family, family.substring(0, digit), Integer.parseInt(family.substring(digit, end)),
                vcpu, memory, capacityType, price, new NodeShape(vcpu * 1000L - 100, memory - memory / 10, maxPods));
    }

    Pod pod(long cpuMilli, long memoryBytes) {
        return pod(0, cpuMilli, memoryBytes);
    }

    Pod pod(int owner, long cpuMilli, long memoryBytes) {
        return new Pod(nextPod++, owner, 0, cpuMilli, memoryBytes, 0, 0);
    }

    List<Pod> pods(int n, long cpuMilli, long memoryBytes) {
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pods.add(pod(cpuMilli, memoryBytes));
        }
        return pods;
    }

    /** A Ready node of {@code type} running {@code pods}. */
    Node node(InstanceOption type, List<Pod> pods) {
        Node n = new Node(nextNode++, 0, 0, type.allocatable(), 0);
        n.ready(0);
        for (Pod p : pods) {
            n.bind(p, 0);
            p.phase(Pod.Phase.RUNNING);
        }
        return n;
    }
}
