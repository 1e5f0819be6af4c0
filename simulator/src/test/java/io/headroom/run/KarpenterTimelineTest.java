package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.cluster.ClusterFigures;
import io.headroom.design.Design;
import io.headroom.yaml.BadInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Karpenter's timeline on a run, to the second, with constant timings (a node Ready 60 s after launch, a pod's container
 * 10 s after binding) and replica counts set by scheduled actions: the initial pods' node, a batch closing 1 s after its
 * last pod, the cheapest type that holds it, consolidation 30 s after the pods last changed (an empty node deleted, an
 * underused one replaced by a cheaper node, drained once the replacement is Ready), NodePool limits and expireAfter;
 * and the bill, each node at its own type's price.
 *
 * <p>The NodePool admits categories c and m of generation 6 and later on amd64, on-demand (the default capacity type).
 * From the bundled us-east-1 prices: 2 vCPU c6i.large $0.085 (c7i.large $0.08925, m6i.large $0.096), 8 vCPU c6i.2xlarge
 * $0.34 (c7i.2xlarge $0.357, m6i.2xlarge $0.384); no 6-vCPU type.
 */
class KarpenterTimelineTest {
    private static final double C6I_LARGE = 0.085;
    private static final double C6I_2XLARGE = 0.34;

    private static final String DESIGN = """
            name: t
            entry: api
            cluster:
              node-pools:
                general:
                  nodepool:
                    apiVersion: karpenter.sh/v1
                    kind: NodePool
                    metadata: {name: general}
                    spec:
                      template:
                        spec:
                          nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
                          requirements:
                            - {key: karpenter.k8s.aws/instance-category, operator: In, values: ["c", "m"]}
                            - {key: karpenter.k8s.aws/instance-generation, operator: Gt, values: ["5"]}
                            - {key: kubernetes.io/arch, operator: In, values: ["amd64"]}
                      disruption:
                        consolidateAfter: 30s
                        budgets: [{nodes: "100%"}]
                  provisioning: {dist: constant, value: 60s}
              autoscaler: {kind: karpenter}
            components:
              api:
                type: service
                pod:
                  cpu-request: "1"
                  memory-request: 1Gi
                  startup: {dist: constant, value: 10s}
                  readiness: {initial-delay: 5s, period: 5s}
                replicas: {initial: 5, min: 1, max: 10}
                autoscaling: {policy: scheduled, actions: [{at: 100s, desired: 9}, {at: 400s, desired: 2}]}
                concurrency: 4
                cores: 1
                endpoints:
                  get: {demand: {dist: constant, value: 10ms}}
            """;

    private static Design read(String yaml) throws BadInputException {
        return ClusterTimelineTest.read(yaml);
    }

    /** The node events and the pods' Pending, binding and evictions, as "t kind node/pod detail" lines. */
    private static List<String> lines(ClusterFigures c) {
        return ClusterTimelineTest.lines(c, "node-launched", "node-ready", "node-disrupting", "node-draining", "node-deleted",
                "pod-pending", "pod-bound", "pod-evicted");
    }

    @Test
    void batchesTakeTheCheapestTypeAndConsolidationReplacesAnUnderusedNode() throws BadInputException {
        RunResult r = Models.run(read(DESIGN), Models.poisson(20, 900), 1);
        ClusterFigures c = r.cluster();
        assertEquals(List.of(
                // the start: five 1-CPU pods need 5 vCPU: the cheapest type that holds them is the 8-vCPU c6i.2xlarge
                // (28 types of 8 vCPU or more pass the requirements)
                "0 node-launched node 0 c6i.2xlarge on-demand (5 pods, 28 options)",
                "0 node-ready node 0 initial",
                "0 pod-bound node 0 pod 0", "0 pod-bound node 0 pod 1", "0 pod-bound node 0 pod 2", "0 pod-bound node 0 pod 3",
                "0 pod-bound node 0 pod 4",
                // four more at 100 s: three fit the node's 3000m left; the fourth is Pending, its batch closes 1 s later
                // and the cheapest type for one 1-CPU pod is the c6i.large ($0.085), Ready 60 s later
                "100 pod-bound node 0 pod 5", "100 pod-bound node 0 pod 6", "100 pod-bound node 0 pod 7",
                "100 pod-pending pod 8",
                "101 node-launched node 1 c6i.large on-demand (1 pods, 36 options)",
                "161 node-ready node 1",
                "161 pod-bound node 1 pod 8",
                // down to two pods at 400 s (the c6i.large's pod among the deleted): 30 s later (the pass at 430 s) the
                // empty node goes, then the c6i.2xlarge with two pods (2000m) is replaced by a c6i.large, whose 2000m
                // hold them: launched, Ready at 490 s, when the old node is drained and its pods move over
                "430 node-deleted node 1 empty",
                "430 node-disrupting node 0 replaced by c6i.large on-demand (underutilized)",
                "430 node-launched node 2 c6i.large on-demand (replacing 1 nodes)",
                "490 node-ready node 2",
                "490 node-draining node 0 2 pods",
                "490 pod-evicted node 0 pod 0", "490 pod-bound node 2 pod 9",
                "490 pod-evicted node 0 pod 1", "490 pod-bound node 2 pod 10",
                "490 node-deleted node 0 drained"),
                lines(c));
        ClusterFigures.KarpenterPool k = c.karpenter().get("general");
        assertEquals(3, k.nodeClaims());
        assertEquals(1, k.emptyDeletes());
        assertEquals(0, k.underutilizedDeletes());
        assertEquals(1, k.replaces());
        assertEquals(2, k.nodesConsolidated());
        // the bill: the c6i.2xlarge 0-490 s, c6i.larges 101-430 s and 430-900 s (the end of the profile)
        assertEquals(Map.of("c6i.2xlarge/on-demand", 490 / 3600.0, "c6i.large/on-demand", (329 + 470) / 3600.0),
                k.nodeHoursByOffering());
        double cost = (490 * C6I_2XLARGE + (329 + 470) * C6I_LARGE) / 3600;
        ClusterFigures.Pool pool = c.pools().get("general");
        assertEquals(cost, pool.costUsd(), 1e-12);
        assertEquals(cost, r.cost().byComponent().get("cluster/general"), 1e-12);
        assertEquals((490 + 329 + 470) / 3600.0, pool.nodeHours(), 1e-12);
        double allocated = c.allocatedCostUsd().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(pool.costUsd(), allocated + pool.idleUsd(), 1e-12);
        // pending: pods 5-7 wait for their containers (10 s), pod 8 from 100 s to Running at 171 s, the two moved pods 10 s
        assertEquals(1, c.podsPendingPeak());
        assertEquals(6, c.pendingS().pods());
        assertEquals(71.0, c.pendingS().max(), 1e-9);
    }

    @Test
    void limitsKeepAPodPending() throws BadInputException {
        // limits.cpu 8: only types of at most 8 vCPU are options (c6i, c7i, m6i, m7i .2xlarge hold five pods), and the
        // c6i.2xlarge's 8 vCPU use the limit up: pod 8 stays Pending until it is deleted at 400 s, and no replacement
        // may be launched beside the node it would replace, so the node with its two pods stays to the end
        RunResult r = Models.run(read(DESIGN.replace("budgets: [{nodes: \"100%\"}]",
                "budgets: [{nodes: \"100%\"}]\n          limits: {cpu: \"8\"}")), Models.poisson(20, 900), 1);
        List<String> l = lines(r.cluster());
        assertEquals(List.of("0 node-launched node 0 c6i.2xlarge on-demand (5 pods, 4 options)", "100 pod-pending pod 8"),
                l.stream().filter(s -> s.contains("node-") && !s.contains("node-ready") || s.contains("pending")).toList());
        assertEquals(1, r.cluster().karpenter().get("general").nodeClaims());
        assertEquals(0, r.cluster().karpenter().get("general").nodesConsolidated());
    }

    @Test
    void nodePoolsAreTriedByWeightAndAPodTheFirstCannotHoldGoesToTheNext() throws BadInputException {
        // a spot NodePool of weight 50 limited to 8 vCPU, and the on-demand one (weight 0): the start's five pods go to
        // spot (the 8-vCPU c types under the limit: c6i and c7i .2xlarge; c6i at 40 % of $0.34); at 100 s the spot pool's limit is used up and pod 8 gets an on-demand
        // c6i.large from the other pool
        String spot = """
                    spot:
                      nodepool:
                        apiVersion: karpenter.sh/v1
                        kind: NodePool
                        spec:
                          weight: 50
                          limits: {cpu: "8"}
                          template:
                            spec:
                              requirements:
                                - {key: karpenter.sh/capacity-type, operator: In, values: ["spot"]}
                                - {key: karpenter.k8s.aws/instance-category, operator: In, values: ["c"]}
                                - {key: karpenter.k8s.aws/instance-generation, operator: Gt, values: ["5"]}
                                - {key: kubernetes.io/arch, operator: In, values: ["amd64"]}
                          disruption: {consolidateAfter: Never}
                      provisioning: {dist: constant, value: 60s}
                """;
        RunResult r = Models.run(read(DESIGN.replace("  node-pools:\n", "  node-pools:\n" + spot)
                .replace(", {at: 400s, desired: 2}", "")), Models.poisson(20, 300), 1);
        assertEquals(List.of("0 node-launched node 0 c6i.2xlarge spot (5 pods, 2 options)",
                        "101 node-launched node 1 c6i.large on-demand (1 pods, 36 options)"),
                lines(r.cluster()).stream().filter(s -> s.contains("launched")).toList());
        assertEquals(1, r.cluster().karpenter().get("spot").nodeClaims());
        assertEquals(1, r.cluster().karpenter().get("general").nodeClaims());
        assertEquals(300 * C6I_2XLARGE * 0.4 / 3600, r.cost().byComponent().get("cluster/spot"), 1e-12);
    }

    @Test
    void theFiguresStopWithTheBill() throws BadInputException {
        // a 290 s profile of requests that wait 15 s: the run drains them past 300 s, when node 0 expires, and past its
        // deletion when its last request is done — after the bill has closed, so node time by type stops at 290 s, and
        // neither the expiry nor the NodeClaim launched at 301 s counts
        RunResult r = Models.run(read(DESIGN.replace("requirements:", "expireAfter: 5m\n              requirements:")
                .replace(", {at: 400s, desired: 2}", "").replace("{demand: {dist: constant, value: 10ms}}",
                        "{demand: {dist: constant, value: 10ms}, wait: {dist: constant, value: 15s}}")), Models.poisson(1, 290), 1);
        assertEquals(true, r.cluster().events().stream().anyMatch(e -> e.kind().equals("node-deleted") && e.tNs() > 300_000_000_000L));
        ClusterFigures.KarpenterPool k = r.cluster().karpenter().get("general");
        assertEquals(Map.of("c6i.2xlarge/on-demand", 290 / 3600.0, "c6i.large/on-demand", 189 / 3600.0), k.nodeHoursByOffering());
        assertEquals(0, k.expired());
        assertEquals(2, k.nodeClaims());
    }

    @Test
    void expiredNodesAreDrainedAndTheirPodsProvisionedAgain() throws BadInputException {
        RunResult r = Models.run(read(DESIGN.replace("requirements:", "expireAfter: 5m\n              requirements:")
                .replace(", {at: 400s, desired: 2}", "")), Models.poisson(20, 500), 1);
        List<String> l = lines(r.cluster()).stream().filter(s -> s.contains("node-")).toList();
        assertEquals(List.of(
                "0 node-launched node 0 c6i.2xlarge on-demand (5 pods, 28 options)", "0 node-ready node 0 initial",
                "101 node-launched node 1 c6i.large on-demand (1 pods, 36 options)", "161 node-ready node 1",
                // 300 s after its launch node 0 is drained whatever the budget: of its 8 pods one fits node 1's room,
                // seven are Pending and get a c6i.2xlarge of their own 1 s later
                "300 node-disrupting node 0 expired", "300 node-draining node 0 8 pods", "300 node-deleted node 0 drained",
                "301 node-launched node 2 c6i.2xlarge on-demand (7 pods, 28 options)", "361 node-ready node 2",
                // node 1 expires at 401 s: one of its two pods fits node 2, the other needs a c6i.large
                "401 node-disrupting node 1 expired", "401 node-draining node 1 2 pods", "401 node-deleted node 1 drained",
                "402 node-launched node 3 c6i.large on-demand (1 pods, 36 options)", "462 node-ready node 3"), l);
        assertEquals(2, r.cluster().karpenter().get("general").expired());
    }
}
