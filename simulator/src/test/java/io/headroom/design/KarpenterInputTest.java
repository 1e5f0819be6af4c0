package io.headroom.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headroom.design.cluster.NodePoolManifest;
import io.headroom.design.cluster.NodePoolSpec;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Karpenter NodePool in a design, inline or from a file: what it reads (defaults of the v1 CRD) and each mistake
 * refused where it is written ({@code file:line:column: yaml.path: message}), inside the manifest's own file when it has
 * one.
 */
class KarpenterInputTest {
    /** A valid design; each case changes one thing in a copy of it. */
    static final String DESIGN = """
            name: t
            entry: api
            network:
              zones: [us-east-1a, us-east-1b]
            cluster:
              node-pools:
                general:
                  nodepool:
                    apiVersion: karpenter.sh/v1
                    kind: NodePool
                    spec:
                      template:
                        spec:
                          requirements:
                            - {key: karpenter.k8s.aws/instance-category, operator: In, values: ["c", "m"]}
                      disruption: {consolidateAfter: 1m}
                  provisioning: {dist: constant, value: 60s}
              autoscaler: {kind: karpenter}
            components:
              api:
                type: service
                concurrency: 4
                pod:
                  cpu-request: 500m
                  memory-request: 1Gi
                replicas: {initial: 2, min: 1, max: 10}
                endpoints:
                  get: {demand: {dist: constant, value: 1ms}}
            """;

    private static Design read(String yaml) throws BadInputException {
        return ClusterInputTest.read(yaml);
    }

    private static Arguments refusal(String mistake, String yaml, String... expected) {
        return ClusterInputTest.refusal(mistake, yaml, expected);
    }

    @Test
    void readsTheNodePoolWithTheCrdDefaults() throws BadInputException {
        NodePoolSpec pool = read(DESIGN).cluster().nodePools().get("general");
        NodePoolManifest.Spec spec = pool.nodepool().manifest().spec();
        assertEquals(Duration.ofHours(720), spec.template().spec().expiry());
        assertEquals(Duration.ofMinutes(1), spec.disruption().consolidateAfterDuration());
        assertEquals("WhenEmptyOrUnderutilized", spec.disruption().consolidationPolicy());
        assertEquals(List.of("10%"), spec.disruption().budgets().stream().map(NodePoolManifest.BudgetEntry::nodes).toList());
        assertEquals(Long.MAX_VALUE, spec.cpuLimitMilli());
        assertEquals(0, spec.weightOrZero());
        // no capacity-type requirement: on-demand, as the AWS provider defaults it
        assertEquals("[Requirement[key=karpenter.k8s.aws/instance-category, operator=In, values=[c, m]],"
                + " Requirement[key=karpenter.sh/capacity-type, operator=In, values=[on-demand]]]",
                spec.template().spec().effective().toString());
        assertEquals(Duration.ofSeconds(5400), read(DESIGN.replace("              requirements:", "              expireAfter: 1h30m\n              requirements:"))
                .cluster().nodePools().get("general").nodepool().manifest().spec().template().spec().expiry());
    }

    @Test
    void readsAManifestFileBesideTheDesign(@TempDir Path dir) throws IOException, BadInputException {
        Files.createDirectories(dir.resolve("k8s"));
        Files.writeString(dir.resolve("k8s/pool.yaml"), """
                apiVersion: karpenter.sh/v1
                kind: NodePool
                metadata: {name: general}
                spec:
                  template:
                    spec:
                      expireAfter: Never
                      requirements: [{key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}]
                  limits: {cpu: "1000", memory: 1000Gi}
                  disruption: {consolidateAfter: Never, consolidationPolicy: WhenEmpty}
                """);
        Path design = dir.resolve("design.yaml");
        Files.writeString(design, DESIGN.replaceAll("(?s)      nodepool:.*?consolidateAfter: 1m\\}\n", "      nodepool: k8s/pool.yaml\n"));
        NodePoolManifest.Spec spec = DesignReader.read(YamlDocument.read(design)).design().cluster().nodePools().get("general")
                .nodepool().manifest().spec();
        assertEquals(null, spec.template().spec().expiry());
        assertEquals(null, spec.disruption().consolidateAfterDuration());
        assertEquals(1_000_000L, spec.cpuLimitMilli());
        assertEquals(1000L << 30, spec.memoryLimitBytes());
        assertEquals(true, spec.disruption().whenEmptyOnly());

        // a mistake inside the file: located there, at the design's nodepool key
        Files.writeString(dir.resolve("k8s/pool.yaml"), Files.readString(dir.resolve("k8s/pool.yaml")).replace("operator: In", "operator: Gte"));
        BadInputException e = assertThrows(BadInputException.class, () -> DesignReader.read(YamlDocument.read(design)));
        assertEquals(List.of("design.yaml:8:17: cluster.node-pools.general.nodepool: in " + dir.resolve("k8s/pool.yaml")
                + ":8:66: spec.template.spec.requirements[0].operator: operator 'Gte' is not modelled; supported: In, NotIn, Exists,"
                + " DoesNotExist, Gt, Lt"), e.errors().stream().map(InputError::format).map(s -> s.replace(dir + "/design.yaml", "design.yaml")).toList());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("instance beside nodepool", DESIGN.replace("      provisioning: {dist", "      instance: {type: m6i.large}\n      provisioning: {dist"),
                        "design.yaml:17:17: cluster.node-pools.general.instance: a Karpenter NodePool chooses its instance types from its requirements: remove instance, or write a node.kubernetes.io/instance-type requirement"),
                refusal("nodes beside nodepool", DESIGN.replace("      provisioning: {dist", "      nodes: {initial: 1}\n      provisioning: {dist"),
                        "design.yaml:17:14: cluster.node-pools.general.nodes: a Karpenter NodePool launches the nodes its pending pods need: remove nodes (limit it with the NodePool's spec.limits)"),
                refusal("unknown requirement key", DESIGN.replace("karpenter.k8s.aws/instance-category", "karpenter.k8s.aws/instance-hypervisor"),
                        "design.yaml:15:25: cluster.node-pools.general.nodepool.spec.template.spec.requirements[0].key: requirement key 'karpenter.k8s.aws/instance-hypervisor' is not modelled; supported keys: node.kubernetes.io/instance-type, karpenter.sh/capacity-type, karpenter.k8s.aws/instance-family, karpenter.k8s.aws/instance-category, karpenter.k8s.aws/instance-generation, karpenter.k8s.aws/instance-cpu, karpenter.k8s.aws/instance-memory, kubernetes.io/arch, topology.kubernetes.io/zone"),
                refusal("unknown operator", DESIGN.replace("operator: In", "operator: Gte"),
                        "design.yaml:15:72: cluster.node-pools.general.nodepool.spec.template.spec.requirements[0].operator: operator 'Gte' is not modelled; supported: In, NotIn, Exists, DoesNotExist, Gt, Lt"),
                refusal("In without values", DESIGN.replace("values: [\"c\", \"m\"]", "values: []"),
                        "design.yaml:15:17: cluster.node-pools.general.nodepool.spec.template.spec.requirements: requirements with operator 'In' must have a value defined"),
                refusal("consolidateAfter missing", DESIGN.replace("disruption: {consolidateAfter: 1m}", "disruption: {consolidationPolicy: WhenEmpty}"),
                        "design.yaml:16:23: cluster.node-pools.general.nodepool.spec.disruption.consolidateAfter: missing required key 'consolidateAfter' (Karpenter v1 requires it), e.g. consolidateAfter: 1m, or Never"),
                refusal("bad consolidateAfter", DESIGN.replace("consolidateAfter: 1m", "consolidateAfter: 1.5m"),
                        "design.yaml:16:42: cluster.node-pools.general.nodepool.spec.disruption.consolidateAfter: a duration such as 30s, 10m, 720h or 1h30m, or Never; got '1.5m'"),
                refusal("bad policy", DESIGN.replace("{consolidateAfter: 1m}", "{consolidateAfter: 1m, consolidationPolicy: WhenUnderutilized}"),
                        "design.yaml:16:67: cluster.node-pools.general.nodepool.spec.disruption.consolidationPolicy: WhenEmpty or WhenEmptyOrUnderutilized, got 'WhenUnderutilized'"),
                refusal("budget with reasons", DESIGN.replace("{consolidateAfter: 1m}", "{consolidateAfter: 1m, budgets: [{nodes: \"20%\", reasons: [Empty]}]}"),
                        "design.yaml:16:80: cluster.node-pools.general.nodepool.spec.disruption.budgets[0].reasons: budgets by reason are not modelled: remove reasons (the budget then binds every disruption)"),
                refusal("budget over 100%", DESIGN.replace("{consolidateAfter: 1m}", "{consolidateAfter: 1m, budgets: [{nodes: \"150%\"}]}"),
                        "design.yaml:16:64: cluster.node-pools.general.nodepool.spec.disruption.budgets[0].nodes: a count or a percentage from 0% to 100%, e.g. nodes: \"10%\" or nodes: \"3\", got '150%'"),
                refusal("gpu limit", DESIGN.replace("          disruption:", "          limits: {nvidia.com/gpu: 4}\n          disruption:"),
                        "design.yaml:16:36: cluster.node-pools.general.nodepool.spec.limits.nvidia.com/gpu: only cpu and memory limits are modelled, got 'nvidia.com/gpu'"),
                refusal("weight 0", DESIGN.replace("          disruption:", "          weight: 0\n          disruption:"),
                        "design.yaml:16:19: cluster.node-pools.general.nodepool.spec.weight: a NodePool's weight lies in 1..100, got 0"),
                refusal("v1beta1", DESIGN.replace("karpenter.sh/v1", "karpenter.sh/v1beta1"),
                        "design.yaml:9:21: cluster.node-pools.general.nodepool.apiVersion: expected karpenter.sh/v1, got 'karpenter.sh/v1beta1' (convert it to v1: see Karpenter's v1 migration guide)"),
                refusal("taints", DESIGN.replace("              requirements:", "              taints: [{key: gpu, effect: NoSchedule}]\n              requirements:"),
                        "design.yaml:14:23: cluster.node-pools.general.nodepool.spec.template.spec.taints: taints (and the tolerations they need) are not modelled: remove them"),
                refusal("expireAfter bad", DESIGN.replace("              requirements:", "              expireAfter: 30d\n              requirements:"),
                        "design.yaml:14:28: cluster.node-pools.general.nodepool.spec.template.spec.expireAfter: a duration such as 30s, 10m, 720h or 1h30m, or Never; got '30d'"),
                refusal("nodepool under cluster-autoscaler", DESIGN.replace("kind: karpenter}", "kind: cluster-autoscaler}"),
                        "design.yaml:9:9: cluster.node-pools.general.nodepool: a Karpenter NodePool needs the cluster's autoscaler to be Karpenter: set cluster.autoscaler.kind: karpenter"),
                refusal("scan-interval with karpenter", DESIGN.replace("{kind: karpenter}", "{kind: karpenter, scan-interval: 10s}"),
                        "design.yaml:18:48: cluster.autoscaler.scan-interval: scan-interval is a cluster-autoscaler setting: Karpenter takes batch here, and limits and disruption in each NodePool"),
                refusal("pod fits no type", DESIGN.replace("cpu-request: 500m", "cpu-request: 500"),
                        "design.yaml:24:20: components.api.pod.cpu-request: a pod requesting 500000m and 1Gi fits no instance type NodePool 'general' allows (the one with most CPU, c7i.48xlarge, has 192000m and 384Gi allocatable)"),
                refusal("zone requirement admits no design zone", DESIGN.replace("                - {key: karpenter.k8s.aws/instance-category", "                - {key: topology.kubernetes.io/zone, operator: In, values: [eu-west-1a]}\n                - {key: karpenter.k8s.aws/instance-category"),
                        "design.yaml:9:9: cluster.node-pools.general.nodepool: the NodePool's topology.kubernetes.io/zone requirements admit none of the design's network.zones (us-east-1a, us-east-1b)"),
                refusal("batch under the Cluster Autoscaler", ClusterInputTest.DESIGN.replace("expander: least-waste", "batch: {idle: 2s}"),
                        "design.yaml:12:23: cluster.autoscaler.batch: batch is Karpenter's: set kind: karpenter, or remove batch")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void isRefusedWhereWritten(String mistake, String yaml, List<String> expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> read(yaml), mistake);
        assertEquals(expected, e.errors().stream().map(InputError::format).toList(), mistake);
    }
}
