package io.headroom.design;

import io.headroom.design.cluster.ClusterSpec;
import io.headroom.design.cluster.InstanceLabels;
import io.headroom.design.cluster.Requirements;
import io.headroom.design.cluster.NodePoolSpec;
import io.headroom.design.cluster.OverprovisioningSpec;
import io.headroom.design.pricing.InstanceType;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the {@code cluster:} records cannot check alone: pools' instance types in the catalogue with room left
 * after {@code reserved}, zones the design has, services with a {@code pod:} block only where there is a cluster,
 * every pod on a pool that exists and fits on an empty node of it (a pod that names none on a cluster of several pools
 * may run on any, and must fit one), the priority expander's regular expressions.
 */
final class ClusterChecks {
    private ClusterChecks() {
    }

    static void check(Design design, YamlDocument doc, PriceCatalogue catalogue, List<InputError> errors) {
        ClusterSpec cluster = design.cluster();
        if (cluster == null) {
            for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
                if (c.getValue() instanceof ServiceSpec s && s.onCluster()) {
                    errors.add(doc.error("components." + c.getKey() + ".pod", "a pod runs on a cluster: add a cluster: section with"
                            + " node-pools (see docs/kubernetes.md), or remove pod: to run the service as instances"));
                }
            }
            return;
        }
        int designZones = design.network() == null ? 1 : design.network().zones().size();
        boolean anyKarpenter = false;
        for (Map.Entry<String, NodePoolSpec> p : cluster.nodePools().entrySet()) {
            String base = "cluster.node-pools." + p.getKey();
            NodePoolSpec pool = p.getValue();
            if (pool.zones() != null && pool.zones() > designZones) {
                errors.add(doc.error(base + ".zones", pool.zones() + " zones, but the design has " + designZones
                        + (design.network() == null ? " (no network.zones)" : " (network.zones)")));
            }
            if (pool.karpenter()) {
                anyKarpenter = true;
                checkNodePool(design, cluster, pool, catalogue, doc, errors, base);
                continue;
            }
            InstanceType type = catalogue.find(pool.instance().type()).orElse(null);
            if (type == null) {
                errors.add(doc.error(base + ".instance.type", catalogue.unknownType(pool.instance().type())));
                continue;
            }
            if (pool.allocatableCpuMilli(type) <= 0) {
                errors.add(doc.error(base + ".reserved.cpu", "reserving " + pool.reserved().cpuMilli() + "m leaves no CPU for pods:"
                        + " " + type.name() + " nodes have " + type.vcpu() + " vCPUs (" + type.vcpu() * 1000L + "m)"));
            }
            if (pool.allocatableMemoryBytes(type) <= 0) {
                errors.add(doc.error(base + ".reserved.memory", "reserving " + mib(pool.reserved().memory()) + " leaves no memory"
                        + " for pods: " + type.name() + " nodes have " + mib(pool.allocatableMemoryBytes(type) + pool.reserved().memory())));
            }
        }
        if (cluster.autoscaler().karpenter() && !anyKarpenter) {
            errors.add(doc.error("cluster.autoscaler.kind", "Karpenter provisions the pools that have a nodepool: give one pool a"
                    + " karpenter.sh/v1 NodePool (nodepool: k8s/nodepool.yaml), see docs/karpenter.md"));
        }
        if (design.network() != null && !design.network().outages().isEmpty()) {
            errors.add(doc.error("network.outages", "zone outages on a cluster's nodes are not modelled yet: remove"
                    + " network.outages or the cluster"));
        }
        for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
            if (c.getValue() instanceof ServiceSpec s && s.onCluster()) {
                String base = "components." + c.getKey() + ".pod";
                checkPod(cluster, catalogue, doc, errors, base, s.pod().nodePool(), s.pod().cpuMilli(), s.pod().memoryRequest());
            }
        }
        OverprovisioningSpec buffer = cluster.overprovisioning();
        if (buffer != null) {
            checkPod(cluster, catalogue, doc, errors, "cluster.overprovisioning", buffer.nodePool(), buffer.cpuMilli(),
                    buffer.memoryRequest());
        }
        for (Map.Entry<Integer, List<String>> e : cluster.autoscaler().priorities().entrySet()) {
            for (int i = 0; i < e.getValue().size(); i++) {
                String regex = e.getValue().get(i);
                try {
                    Pattern.compile(regex);
                } catch (PatternSyntaxException x) {
                    errors.add(doc.error("cluster.autoscaler.priorities." + e.getKey() + "[" + i + "]", "'" + regex
                            + "' is not a regular expression: " + x.getDescription()));
                }
            }
        }
    }

    private static void checkPod(ClusterSpec cluster, PriceCatalogue catalogue, YamlDocument doc, List<InputError> errors,
                                 String base, String poolName, long cpuMilli, long memoryBytes) {
        if (poolName == null && cluster.nodePools().size() > 1) {
            checkAnyPool(cluster, catalogue, doc, errors, base, cpuMilli, memoryBytes);
            return;
        }
        String pool = cluster.poolFor(poolName);
        if (pool == null) {
            errors.add(doc.error(base + ".node-pool", "no node pool '" + poolName + "' (node pools: "
                    + String.join(", ", cluster.nodePools().keySet()) + ")"));
            return;
        }
        NodePoolSpec spec = cluster.nodePools().get(pool);
        if (spec.karpenter()) {
            List<Shape> shapes = shapes(spec, catalogue);
            if (!shapes.isEmpty() && shapes.stream().noneMatch(sh -> sh.fits(cpuMilli, memoryBytes))) {
                Shape big = shapes.stream().max(java.util.Comparator.comparingLong(Shape::cpu)).get();
                errors.add(doc.error(base + ".cpu-request", "a pod requesting " + cpuMilli + "m and " + mib(memoryBytes) + " fits no"
                        + " instance type NodePool '" + pool + "' allows (the one with most CPU, " + big.name() + ", has " + big.cpu()
                        + "m and " + mib(big.memory()) + " allocatable)"));
            }
            return;
        }
        InstanceType type = catalogue.find(spec.instance().type()).orElse(null);
        if (type == null) {
            return;
        }
        long cpu = spec.allocatableCpuMilli(type);
        long mem = spec.allocatableMemoryBytes(type);
        if (cpu <= 0 || mem <= 0) {
            return;
        }
        if (cpuMilli > cpu) {
            errors.add(doc.error(base + ".cpu-request", "a pod requesting " + cpuMilli + "m fits no node of pool '" + pool + "': its "
                    + type.name() + " nodes have " + cpu + "m allocatable (" + type.vcpu() + " vCPUs less " + spec.reserved().cpuMilli()
                    + "m reserved)"));
        }
        if (memoryBytes > mem) {
            errors.add(doc.error(base + ".memory-request", "a pod requesting " + mib(memoryBytes) + " fits no node of pool '" + pool
                    + "': its " + type.name() + " nodes have " + mib(mem) + " allocatable (" + mib(mem + spec.reserved().memory())
                    + " less " + mib(spec.reserved().memory()) + " reserved)"));
        }
    }

    /** Bytes as Kubernetes writes them: whole Gi or Mi when they are, else bytes. */
    /** A pod that names no pool runs on any: it must fit an empty node of at least one. */
    private static void checkAnyPool(ClusterSpec cluster, PriceCatalogue catalogue, YamlDocument doc, List<InputError> errors,
                                     String base, long cpuMilli, long memoryBytes) {
        List<String> sizes = new java.util.ArrayList<>();
        for (Map.Entry<String, NodePoolSpec> p : cluster.nodePools().entrySet()) {
            if (p.getValue().karpenter()) {
                List<Shape> shapes = shapes(p.getValue(), catalogue);
                if (shapes.stream().anyMatch(sh -> sh.fits(cpuMilli, memoryBytes))) {
                    return;
                }
                sizes.add(p.getKey() + ": no type the NodePool allows");
                continue;
            }
            InstanceType type = catalogue.find(p.getValue().instance().type()).orElse(null);
            if (type == null) {
                return; // reported at the pool
            }
            long cpu = p.getValue().allocatableCpuMilli(type);
            long mem = p.getValue().allocatableMemoryBytes(type);
            if (cpuMilli <= cpu && memoryBytes <= mem) {
                return;
            }
            sizes.add(p.getKey() + ": " + cpu + "m and " + mib(mem));
        }
        errors.add(doc.error(base + ".cpu-request", "a pod requesting " + cpuMilli + "m and " + mib(memoryBytes)
                + " fits no node of any pool (allocatable per node: " + String.join("; ", sizes) + "); name a larger pool"
                + " with node-pool, or ask for less"));
    }

    /** A node a Karpenter pool may launch: its type and what it leaves pods. */
    private record Shape(String name, long cpu, long memory) {
        boolean fits(long cpuMilli, long memoryBytes) {
            return cpuMilli <= cpu && memoryBytes <= memory;
        }
    }

    /** Every catalogue type (on-demand or spot) the pool's NodePool admits, with room left after {@code reserved}. */
    private static List<Shape> shapes(NodePoolSpec pool, PriceCatalogue catalogue) {
        Requirements reqs = pool.nodepool().manifest().spec().template().spec().effective();
        List<Shape> out = new java.util.ArrayList<>();
        for (InstanceType t : catalogue.types().values()) {
            for (String capacity : List.of("on-demand", "spot")) {
                long memoryMib = Math.round(t.memoryGib() * 1024);
                if (reqs.admits(key -> InstanceLabels.of(key, t.name(), t.vcpu(), memoryMib, capacity))) {
                    long cpu = pool.allocatableCpuMilli(t);
                    long mem = pool.allocatableMemoryBytes(t);
                    if (cpu > 0 && mem > 0) {
                        out.add(new Shape(t.name(), cpu, mem));
                    }
                }
            }
        }
        return out;
    }

    /**
     * A Karpenter pool: its NodePool admits some catalogue type with room after {@code reserved}, its zone requirements
     * some of the design's zones, and the cluster's autoscaler is Karpenter.
     */
    private static void checkNodePool(Design design, ClusterSpec cluster, NodePoolSpec pool, PriceCatalogue catalogue,
                                      YamlDocument doc, List<InputError> errors, String base) {
        if (!cluster.autoscaler().karpenter()) {
            errors.add(doc.error(base + ".nodepool", "a Karpenter NodePool needs the cluster's autoscaler to be Karpenter: set"
                    + " cluster.autoscaler.kind: karpenter"));
            return;
        }
        if (shapes(pool, catalogue).isEmpty()) {
            errors.add(doc.error(base + ".nodepool", "the NodePool's requirements admit no instance type of the price catalogue"
                    + " (" + catalogue.name() + ") with room for pods after reserved"));
        }
        Requirements reqs = pool.nodepool().manifest().spec().template().spec().effective();
        List<String> zones = design.network() == null ? List.of() : design.network().zones();
        if (!zones.isEmpty() && zones.stream().noneMatch(reqs::admitsZone)) {
            errors.add(doc.error(base + ".nodepool", "the NodePool's topology.kubernetes.io/zone requirements admit none of the"
                    + " design's network.zones (" + String.join(", ", zones) + ")"));
        }
    }

    private static String mib(long bytes) {
        if (bytes == 0) {
            return "0";
        }
        if (bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + "Gi";
        }
        return bytes % (1L << 20) == 0 ? bytes / (1L << 20) + "Mi" : Long.toString(bytes);
    }
}
