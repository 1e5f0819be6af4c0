package io.headroom.model;

import io.headroom.cluster.NodeGroup;
import io.headroom.cluster.NodePool;
import io.headroom.cluster.NodeShape;
import io.headroom.cluster.karpenter.Budget;
import io.headroom.cluster.karpenter.Consolidation;
import io.headroom.cluster.karpenter.InstanceOption;
import io.headroom.cluster.karpenter.Karpenter;
import io.headroom.cluster.karpenter.Limits;
import io.headroom.design.cluster.InstanceLabels;
import io.headroom.design.cluster.NodePoolManifest;
import io.headroom.design.cluster.NodePoolSpec;
import io.headroom.design.cluster.Requirements;
import io.headroom.design.pricing.InstanceType;
import io.headroom.design.pricing.Market;
import io.headroom.dist.DurationSampler;
import io.headroom.pricing.CostLedger;
import io.headroom.yaml.BadInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A design's Karpenter NodePool as the run holds it: its offerings (every type of the price catalogue, on-demand at its
 * price and spot at the catalogue's spot discount, that its requirements admit and that leaves room after
 * {@code reserved}), its zones (the design's zones its requirements admit), limits, disruption settings and billing
 * (each node billed as its own type and market).
 */
final class KarpenterPools {
    private KarpenterPools() {
    }

    static Karpenter.Pool pool(String name, int index, NodePoolSpec spec, List<String> zoneNames, ModelBuilder model)
            throws BadInputException {
        NodePoolManifest.Spec m = spec.nodepool().manifest().spec();
        Requirements reqs = m.template().spec().effective();
        List<InstanceOption> options = offerings(spec, reqs, model);
        int[] zones = zones(spec, reqs, zoneNames);
        DurationSampler provisioning = model.sampler(spec.provisioning(), "cluster:" + name + ":provisioning");
        NodeShape any = options.get(0).allocatable();
        NodePool pool = new NodePool(name, index, any, any, zones, 0, Integer.MAX_VALUE, provisioning, 0, NodeGroup.NO_PRIORITY);
        List<Budget> budgets = m.disruption().budgets().stream().map(b -> new Budget(b.nodes())).toList();
        Duration after = m.disruption().consolidateAfterDuration();
        Duration expire = m.template().spec().expiry();
        return new Karpenter.Pool(pool, options, new Limits(m.cpuLimitMilli(), m.memoryLimitBytes()),
                m.disruption().whenEmptyOnly() ? Consolidation.Policy.WHEN_EMPTY : Consolidation.Policy.WHEN_EMPTY_OR_UNDERUTILIZED,
                after == null ? Consolidation.NEVER : after.toNanos(), budgets,
                expire == null ? Consolidation.NEVER : expire.toNanos(), m.weightOrZero());
    }

    /** The offerings the NodePool admits, cheapest first. */
    static List<InstanceOption> offerings(NodePoolSpec spec, Requirements reqs, ModelBuilder model) {
        double spotDiscount = model.catalogue().spotDiscount();
        List<InstanceOption> out = new ArrayList<>();
        for (InstanceType t : model.catalogue().types().values()) {
            long cpu = spec.allocatableCpuMilli(t);
            long memory = spec.allocatableMemoryBytes(t);
            if (cpu <= 0 || memory <= 0) {
                continue;
            }
            for (String capacity : List.of(InstanceOption.ON_DEMAND, InstanceOption.SPOT)) {
                String family = InstanceLabels.family(t.name());
                double price = capacity.equals(InstanceOption.SPOT) ? t.onDemandUsdPerHour() * (1 - spotDiscount) : t.onDemandUsdPerHour();
                InstanceOption o = new InstanceOption(t.name(), family, InstanceLabels.category(family), InstanceLabels.generation(family),
                        t.vcpu(), Math.round(t.memoryGib() * (1L << 30)), capacity, price, new NodeShape(cpu, memory, spec.maxPods()));
                if (reqs.admits(o)) {
                    out.add(o);
                }
            }
        }
        out.sort(InstanceOption.BY_PRICE);
        return out;
    }

    /** The design's zones (indices) the pool may use: the first {@code zones} of them, less those its requirements refuse. */
    private static int[] zones(NodePoolSpec spec, Requirements reqs, List<String> zoneNames) {
        int n = Math.max(1, spec.zones() == null ? zoneNames.size() : spec.zones());
        List<Integer> ids = new ArrayList<>();
        for (int z = 0; z < n; z++) {
            if (zoneNames.isEmpty() || reqs.admitsZone(zoneNames.get(z))) {
                ids.add(z);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Per vCPU and GiB: a NodePool's average node over the run, weighted by each offering's node time. */
    static double[] meanNode(Karpenter.Pool pool, Karpenter.Counts counts) {
        double ns = 0;
        double vcpu = 0;
        double gib = 0;
        for (Map.Entry<String, Double> e : counts.nodeNsByOffering().entrySet()) {
            for (InstanceOption o : pool.options()) {
                if (o.key().equals(e.getKey())) {
                    ns += e.getValue();
                    vcpu += o.vcpu() * e.getValue();
                    gib += o.memoryBytes() / (double) (1L << 30) * e.getValue();
                    break;
                }
            }
        }
        return ns > 0 ? new double[] {vcpu / ns, gib / ns} : new double[] {1, 1};
    }

    /** Bills each node of a Karpenter pool as its own instance type and market. */
    static final class Billing implements NodePool.Billing {
        private final CostLedger ledger;
        private final String component;
        private final List<InstanceOption> options;
        private final Map<Integer, InstanceOption> nodes = new HashMap<>();

        Billing(CostLedger ledger, String component, List<InstanceOption> options) {
            this.ledger = ledger;
            this.component = component;
            this.options = options;
        }

        @Override
        public void launched(io.headroom.cluster.Node node, long now) {
            InstanceOption o = options.get(node.offering());
            nodes.put(node.id(), o);
            ledger.instanceStarted(component, node.id(), ledger.catalogue().type(o.type()), o.spot() ? Market.SPOT : Market.ON_DEMAND,
                    ledger.catalogue().spotDiscount(), now);
        }

        @Override
        public void started(int node, long now) {
            throw new IllegalStateException("a Karpenter node is billed by its offering");
        }

        @Override
        public void stopped(int node, long now) {
            if (nodes.remove(node) != null) {
                ledger.instanceStopped(component, node, now);
            }
        }

        @Override
        public boolean isSpot(int node) {
            InstanceOption o = nodes.get(node);
            return o != null && o.spot();
        }

        @Override
        public double spotInterruptionsPerHour() {
            return ledger.catalogue().spotInterruptionsPerHour();
        }
    }
}
