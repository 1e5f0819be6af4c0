package io.headroom.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headroom.design.cluster.ClusterSpec;
import io.headroom.design.cluster.NodePoolSpec;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input in a design's {@code cluster:} section and a service's {@code pod:} and {@code disruption-budget:}
 * blocks: each mistake is refused alone, where it is written ({@code file:line:column: yaml.path: message}, lines and
 * columns counted in the variant of {@link #DESIGN}), with a message that says what to write instead.
 */
class ClusterInputTest {
    /** A valid design; each case changes one thing in a copy of it. */
    static final String DESIGN = """
            name: t
            entry: api
            network:
              zones: [us-east-1a, us-east-1b]
            cluster:
              node-pools:
                general:
                  instance: {type: m6i.xlarge}
                  nodes: {initial: 2, min: 1, max: 5}
                  provisioning: {dist: constant, value: 90s}
                  reserved: {cpu: 300m, memory: 1Gi}
              autoscaler: {expander: least-waste}
            components:
              api:
                type: service
                concurrency: 4
                pod:
                  cpu-request: 500m
                  memory-request: 1Gi
                  startup: {dist: constant, value: 5s}
                replicas: {initial: 2, min: 1, max: 10}
                endpoints:
                  get: {demand: {dist: constant, value: 1ms}}
            """;

    /** {@code yaml} read as the design file {@code design.yaml}. */
    static Design read(String yaml) throws BadInputException {
        return DesignReader.read(YamlDocument.parse(Path.of("design.yaml"), "design.yaml", yaml)).design();
    }

    static Arguments refusal(String mistake, String yaml, String... expected) {
        return Arguments.of(mistake, yaml, List.of(expected));
    }

    @Test
    void theDesignEveryCaseChangesIsValid() throws BadInputException {
        Design d = read(DESIGN);
        ClusterSpec cluster = d.cluster();
        NodePoolSpec general = cluster.nodePools().get("general");
        assertEquals(300, general.reserved().cpuMilli());
        assertEquals(1L << 30, general.reserved().memory());
        ServiceSpec api = (ServiceSpec) d.components().get("api");
        assertEquals(500, api.pod().cpuMilli());
        assertEquals(1L << 30, api.pod().memoryRequest());
        assertEquals("general", cluster.poolFor(api.pod().nodePool()));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("memory-request: 500x", DESIGN.replace("memory-request: 1Gi", "memory-request: 500x"),
                        "design.yaml:19:23: components.api.pod.memory-request: '500x' has an unknown suffix 'x': a Kubernetes quantity is a number with an optional suffix, e.g. 500m, 1.5, 2, 2Gi, 512Mi, 1G, 1e3 (suffixes: n u m k M G T P E, Ki Mi Gi Ti Pi Ei, e<exponent>)"),
                refusal("cpu-request: 500x", DESIGN.replace("cpu-request: 500m", "cpu-request: 500x"),
                        "design.yaml:18:20: components.api.pod.cpu-request: '500x' has an unknown suffix 'x': a Kubernetes quantity is a number with an optional suffix, e.g. 500m, 1.5, 2, 2Gi, 512Mi, 1G, 1e3 (suffixes: n u m k M G T P E, Ki Mi Gi Ti Pi Ei, e<exponent>)"),
                refusal("a pod's CPU request larger than a node's allocatable", DESIGN.replace("cpu-request: 500m", "cpu-request: \"4\""),
                        "design.yaml:18:20: components.api.pod.cpu-request: a pod requesting 4000m fits no node of pool 'general': its m6i.xlarge nodes have 3700m allocatable (4 vCPUs less 300m reserved)"),
                refusal("a pod's memory request larger than a node's allocatable", DESIGN.replace("memory-request: 1Gi", "memory-request: 16Gi"),
                        "design.yaml:19:23: components.api.pod.memory-request: a pod requesting 16Gi fits no node of pool 'general': its m6i.xlarge nodes have 15Gi allocatable (16Gi less 1Gi reserved)"),
                refusal("a pod's memory request larger than a node with nothing reserved", DESIGN.replace(
                        "      reserved: {cpu: 300m, memory: 1Gi}\n", "").replace("memory-request: 1Gi", "memory-request: 17Gi"),
                        "design.yaml:18:23: components.api.pod.memory-request: a pod requesting 17Gi fits no node of pool 'general': its m6i.xlarge nodes have 16Gi allocatable (16Gi less 0 reserved)"),
                refusal("an unknown node-pool", DESIGN.replace("      startup: {dist", "      node-pool: gpu\n      startup: {dist"),
                        "design.yaml:20:18: components.api.pod.node-pool: no node pool 'gpu' (node pools: general)"),
                refusal("no node-pool with two pools, fitting neither", DESIGN.replace("  autoscaler:", "    spot:\n      instance: {type: m6i.large}\n      nodes: 1\n      provisioning: {dist: constant, value: 90s}\n  autoscaler:")
                                .replace("memory-request: 1Gi", "memory-request: 16Gi"),
                        "design.yaml:22:20: components.api.pod.cpu-request: a pod requesting 500m and 16Gi fits no node of any pool (allocatable per node: general: 3700m and 15Gi; spot: 2000m and 8Gi); name a larger pool with node-pool, or ask for less"),
                refusal("cpu-request and pod.cpu-request", DESIGN.replace("    concurrency: 4", "    concurrency: 4\n    cpu-request: 500m"),
                        "design.yaml:17:18: components.api.cpu-request: give the CPU request once: a pod's is pod.cpu-request; remove cpu-request"),
                refusal("startup and pod.startup", DESIGN.replace("    concurrency: 4", "    concurrency: 4\n    startup: 5s"),
                        "design.yaml:17:14: components.api.startup: a pod starts after pod.startup: remove startup"),
                refusal("readiness-delay on a pod service", DESIGN.replace("    concurrency: 4", "    concurrency: 4\n    readiness-delay: 5s"),
                        "design.yaml:17:22: components.api.readiness-delay: a pod is ready by its pod.readiness probe (initial-delay, period): remove readiness-delay"),
                refusal("instance on a pod service", DESIGN.replace("    concurrency: 4", "    concurrency: 4\n    instance: {type: m6i.large}"),
                        "design.yaml:17:15: components.api.instance: a pod runs on its node pool's instances and is priced through them: remove instance"),
                refusal("cpu-limit below the request", DESIGN.replace("      startup: {dist", "      cpu-limit: 400m\n      startup: {dist"),
                        "design.yaml:20:18: components.api.pod.cpu-limit: a CPU limit of 400m is below the request of 500m: the API server refuses a limit below the request; raise cpu-limit or remove it"),
                refusal("cpu-limit not a quantity", DESIGN.replace("      startup: {dist", "      cpu-limit: 2x\n      startup: {dist"),
                        "design.yaml:20:18: components.api.pod.cpu-limit: '2x' has an unknown suffix 'x': a Kubernetes quantity is a number with an optional suffix, e.g. 500m, 1.5, 2, 2Gi, 512Mi, 1G, 1e3 (suffixes: n u m k M G T P E, Ki Mi Gi Ti Pi Ei, e<exponent>)"),
                refusal("cfs-period above 1s", DESIGN.replace("      startup: {dist", "      cpu-limit: \"1\"\n      cfs-period: 2s\n      startup: {dist"),
                        "design.yaml:21:19: components.api.pod.cfs-period: must lie between 1ms and 1s (the kernel's cpu.cfs_period_us range), e.g. 100ms"),
                refusal("cfs-period below 1ms", DESIGN.replace("      startup: {dist", "      cpu-limit: \"1\"\n      cfs-period: 500us\n      startup: {dist"),
                        "design.yaml:21:19: components.api.pod.cfs-period: must lie between 1ms and 1s (the kernel's cpu.cfs_period_us range), e.g. 100ms"),
                refusal("cfs-period without a limit", DESIGN.replace("      startup: {dist", "      cfs-period: 50ms\n      startup: {dist"),
                        "design.yaml:20:19: components.api.pod.cfs-period: cfs-period is the period of a CPU limit's quota: give cpu-limit too, or remove cfs-period"),
                refusal("cpu-sharing unknown", DESIGN.replace("  autoscaler: {expander", "  cpu-sharing: fair\n  autoscaler: {expander"),
                        "design.yaml:12:16: cluster.cpu-sharing: unknown cpu-sharing 'fair': request (the default: each pod on its own cores) or node (the node's cores shared by CPU request)"),
                refusal("a pod without a cluster", DESIGN.replace("cluster:\n", "xcluster:\n").replaceAll("(?s)xcluster:.*?components:", "components:"),
                        "design.yaml:10:7: components.api.pod: a pod runs on a cluster: add a cluster: section with node-pools (see docs/kubernetes.md), or remove pod: to run the service as instances"),
                refusal("disruption-budget without pod", DESIGN.replaceAll("(?s)    pod:.*?    replicas", "    replicas").replace("    concurrency: 4", "    concurrency: 4\n    disruption-budget: {max-unavailable: 1}"),
                        "design.yaml:17:24: components.api.disruption-budget: a PodDisruptionBudget applies to pods: give the service a pod: block"),
                refusal("disruption-budget with both keys", DESIGN.replace("    concurrency: 4", "    concurrency: 4\n    disruption-budget: {max-unavailable: 1, min-available: 1}"),
                        "design.yaml:17:60: components.api.disruption-budget.min-available: a PodDisruptionBudget takes one of max-unavailable or min-available: remove one"),
                refusal("disruption-budget with neither key", DESIGN.replace("    concurrency: 4", "    concurrency: 4\n    disruption-budget: {}"),
                        "design.yaml:17:24: components.api.disruption-budget: give one of max-unavailable or min-available (a count or a percentage)"),
                refusal("max-unavailable: 25x", DESIGN.replace("    concurrency: 4", "    concurrency: 4\n    disruption-budget: {max-unavailable: 25x}"),
                        "design.yaml:17:42: components.api.disruption-budget.max-unavailable: '25x' is not a count or a percentage: write e.g. 1 or 25%"),
                refusal("a negative min-available", DESIGN.replace("    concurrency: 4", "    concurrency: 4\n    disruption-budget: {min-available: -1}"),
                        "design.yaml:17:40: components.api.disruption-budget.min-available: must not be negative, got -1"),
                refusal("a negative percentage", DESIGN.replace("    concurrency: 4", "    concurrency: 4\n    disruption-budget: {min-available: -5%}"),
                        "design.yaml:17:40: components.api.disruption-budget.min-available: must not be negative, got -5%"),
                refusal("negative nodes.min", DESIGN.replace("nodes: {initial: 2, min: 1, max: 5}", "nodes: {initial: 2, min: -1, max: 5}"),
                        "design.yaml:9:32: cluster.node-pools.general.nodes.min: must be zero or more, got -1"),
                refusal("negative nodes.initial", DESIGN.replace("nodes: {initial: 2, min: 1, max: 5}", "nodes: {initial: -2, min: 1, max: 5}"),
                        "design.yaml:9:24: cluster.node-pools.general.nodes.initial: must be zero or more, got -2"),
                refusal("negative nodes: N", DESIGN.replace("nodes: {initial: 2, min: 1, max: 5}", "nodes: -3"),
                        "design.yaml:9:14: cluster.node-pools.general.nodes: must be zero or more, got -3"),
                refusal("nodes: N past the bound", DESIGN.replace("nodes: {initial: 2, min: 1, max: 5}", "nodes: 100001"),
                        "design.yaml:9:14: cluster.node-pools.general.nodes: at most 100000: every instance a component may have is a slot in arrays sized for its maximum; got 100001"),
                refusal("nodes: {initial: 5, max: 3}", DESIGN.replace("nodes: {initial: 2, min: 1, max: 5}", "nodes: {initial: 5, max: 3}"),
                        "design.yaml:9:32: cluster.node-pools.general.nodes.max: max (3) is below initial (5)"),
                refusal("zones beyond network.zones", DESIGN.replace("      reserved:", "      zones: 3\n      reserved:"),
                        "design.yaml:11:14: cluster.node-pools.general.zones: 3 zones, but the design has 2 (network.zones)"),
                refusal("an unknown instance type in a pool", DESIGN.replace("type: m6i.xlarge", "type: m6i.huge"),
                        "design.yaml:8:24: cluster.node-pools.general.instance.type: unknown instance type 'm6i.huge' in catalogue aws-us-east-1 (types of that family: m6i.12xlarge, m6i.16xlarge, m6i.24xlarge, m6i.2xlarge, m6i.32xlarge, m6i.4xlarge, m6i.8xlarge, m6i.large, m6i.xlarge)"),
                refusal("reserved CPU that eats the node", DESIGN.replace("reserved: {cpu: 300m, memory: 1Gi}", "reserved: {cpu: \"4\", memory: 1Gi}"),
                        "design.yaml:11:23: cluster.node-pools.general.reserved.cpu: reserving 4000m leaves no CPU for pods: m6i.xlarge nodes have 4 vCPUs (4000m)"),
                refusal("reserved memory that eats the node", DESIGN.replace("reserved: {cpu: 300m, memory: 1Gi}", "reserved: {cpu: 300m, memory: 16Gi}"),
                        "design.yaml:11:37: cluster.node-pools.general.reserved.memory: reserving 16Gi leaves no memory for pods: m6i.xlarge nodes have 16Gi"),
                refusal("an unknown expander", DESIGN.replace("expander: least-waste", "expander: cheapest"),
                        "design.yaml:12:26: cluster.autoscaler.expander: unknown expander 'cheapest': one of least-waste, random, most-pods, price, priority"),
                refusal("kind: karpenter without a NodePool", DESIGN.replace("expander: least-waste", "kind: karpenter"),
                        "design.yaml:12:22: cluster.autoscaler.kind: Karpenter provisions the pools that have a nodepool: give one pool a karpenter.sh/v1 NodePool (nodepool: k8s/nodepool.yaml), see docs/karpenter.md"),
                refusal("priorities without the priority expander", DESIGN.replace("expander: least-waste", "expander: least-waste, priorities: {10: [\".*\"]}"),
                        "design.yaml:12:51: cluster.autoscaler.priorities: priorities are read by the priority expander only: set expander: priority"),
                refusal("a bad priority regular expression", DESIGN.replace("expander: least-waste", "expander: priority, priorities: {10: [\"gen(\"]}"),
                        "design.yaml:12:54: cluster.autoscaler.priorities.10[0]: 'gen(' is not a regular expression: Unclosed group"),
                refusal("scoring: foo", DESIGN.replace("  autoscaler:", "  scheduler: {scoring: foo}\n  autoscaler:"),
                        "design.yaml:12:24: cluster.scheduler.scoring: unknown scoring 'foo': least-allocated (the default) or most-allocated"),
                refusal("unknown key in cluster", DESIGN.replace("  autoscaler:", "  schedular: {}\n  autoscaler:"),
                        "design.yaml:12:3: cluster.schedular: unknown key 'schedular': did you mean 'scheduler'?"),
                refusal("unknown key in a node pool", DESIGN.replace("      reserved:", "      maxpods: 3\n      reserved:"),
                        "design.yaml:11:7: cluster.node-pools.general.maxpods: unknown key 'maxpods': did you mean 'max-pods'?"),
                refusal("unknown key in pod", DESIGN.replace("      startup: {dist", "      cpu-requests: 1\n      startup: {dist"),
                        "design.yaml:20:7: components.api.pod.cpu-requests: unknown key 'cpu-requests': did you mean 'cpu-request'?"),
                refusal("unknown key in autoscaler", DESIGN.replace("expander: least-waste", "expandr: least-waste"),
                        "design.yaml:12:16: cluster.autoscaler.expandr: unknown key 'expandr': did you mean 'expander'?"),
                refusal("unknown key in scale-down", DESIGN.replace("expander: least-waste", "scale-down: {unneded-time: 5m}"),
                        "design.yaml:12:29: cluster.autoscaler.scale-down.unneded-time: unknown key 'unneded-time': did you mean 'unneeded-time'?"),
                refusal("unknown key in nodes", DESIGN.replace("nodes: {initial: 2, min: 1, max: 5}", "nodes: {initial: 2, maximum: 5}"),
                        "design.yaml:9:27: cluster.node-pools.general.nodes.maximum: unknown key 'maximum' (known keys: initial, max, min)"),
                refusal("unknown key in reserved", DESIGN.replace("reserved: {cpu: 300m, memory: 1Gi}", "reserved: {cpu: 300m, mem: 1Gi}"),
                        "design.yaml:11:29: cluster.node-pools.general.reserved.mem: unknown key 'mem' (known keys: cpu, memory)"),
                refusal("unknown key in readiness", DESIGN.replace("      startup: {dist", "      readiness: {delay: 5s}\n      startup: {dist"),
                        "design.yaml:20:19: components.api.pod.readiness.delay: unknown key 'delay' (known keys: failure-threshold, initial-delay, period)"),
                refusal("unknown key in overprovisioning", DESIGN.replace("  autoscaler:", "  overprovisioning: {replicas: 2, cpu-request: 1, prio: 1}\n  autoscaler:"),
                        "design.yaml:12:51: cluster.overprovisioning.prio: unknown key 'prio' (known keys: cpu-request, memory-request, node-pool, priority, replicas)"),
                refusal("unknown key in disruption-budget", DESIGN.replace("    concurrency: 4", "    concurrency: 4\n    disruption-budget: {max-unavail: 1}"),
                        "design.yaml:17:25: components.api.disruption-budget.max-unavail: unknown key 'max-unavail' (known keys: max-unavailable, min-available)"),
                refusal("network.outages with a cluster", DESIGN.replace("  zones: [us-east-1a, us-east-1b]", "  zones: [us-east-1a, us-east-1b]\n  outages: [{zone: us-east-1a, at: 1m, for: 1m}]"),
                        "design.yaml:5:12: network.outages: zone outages on a cluster's nodes are not modelled yet: remove network.outages or the cluster"),
                refusal("negative reserved CPU", DESIGN.replace("reserved: {cpu: 300m, memory: 1Gi}", "reserved: {cpu: -1, memory: 1Gi}"),
                        "design.yaml:11:23: cluster.node-pools.general.reserved.cpu: must not be negative, got -1"),
                refusal("negative reserved memory", DESIGN.replace("reserved: {cpu: 300m, memory: 1Gi}", "reserved: {cpu: 1, memory: -1Gi}"),
                        "design.yaml:11:34: cluster.node-pools.general.reserved.memory: memory must not be negative, got -1Gi"),
                refusal("a priority that is not a number", DESIGN.replace("      startup: {dist", "      priority: x\n      startup: {dist"),
                        "design.yaml:20:17: components.api.pod.priority: expected a whole number, found 'x'"),
                refusal("no node pools", DESIGN.replaceAll("(?s)  node-pools:.*?  autoscaler", "  node-pools: {}\n  autoscaler"),
                        "design.yaml:6:15: cluster.node-pools: name at least one node pool, e.g. node-pools: {general: {instance: {type: m6i.xlarge}, nodes: {initial: 3, min: 2, max: 20}, provisioning: {dist: constant, value: 90s}}}"),
                refusal("max-pods: 0", DESIGN.replace("      reserved:", "      max-pods: 0\n      reserved:"),
                        "design.yaml:11:17: cluster.node-pools.general.max-pods: must be positive, got 0"),
                refusal("an empty node pool", DESIGN.replace("  autoscaler:", "    other:\n  autoscaler:"),
                        "design.yaml:12:11: cluster.node-pools.other: node pool 'other' is empty: give it an instance and nodes"),
                refusal("scan-interval: 0s", DESIGN.replace("expander: least-waste", "scan-interval: 0s"),
                        "design.yaml:12:31: cluster.autoscaler.scan-interval: must be a positive duration, got 0s"),
                refusal("utilization-threshold: 1.5", DESIGN.replace("expander: least-waste", "scale-down: {utilization-threshold: 1.5}"),
                        "design.yaml:12:52: cluster.autoscaler.scale-down.utilization-threshold: a fraction from 0 to 1, got 1.5; write 0.015 or 1.5%"),
                refusal("a placeholder pod larger than a node", DESIGN.replace("  autoscaler:", "  overprovisioning: {replicas: 2, cpu-request: 8}\n  autoscaler:"),
                        "design.yaml:12:48: cluster.overprovisioning.cpu-request: a pod requesting 8000m fits no node of pool 'general': its m6i.xlarge nodes have 3700m allocatable (4 vCPUs less 300m reserved)"),
                refusal("a pod without cpu-request", DESIGN.replace("      cpu-request: 500m\n", ""),
                        "design.yaml:18:7: components.api.pod.cpu-request: give the pod's CPU request, e.g. cpu-request: 500m"),
                refusal("readiness period: 0s", DESIGN.replace("      startup: {dist", "      readiness: {period: 0s}\n      startup: {dist"),
                        "design.yaml:20:27: components.api.pod.readiness.period: must be a positive duration, got 0s"),
                refusal("an unknown market in a pool", DESIGN.replace("type: m6i.xlarge}", "type: m6i.xlarge, market: cheap}"),
                        "design.yaml:8:44: cluster.node-pools.general.instance.market: 'cheap' is not one of: on-demand, spot"),
                refusal("startup on a pod service", DESIGN.replace("    concurrency: 4", "    concurrency: 4\n    startup: 5s").replace("      startup: {dist: constant, value: 5s}\n", ""),
                        "design.yaml:17:14: components.api.startup: a pod starts after pod.startup (image pull and container start, a distribution): write it there, e.g. pod: {startup: {dist: constant, value: 5s}}"),
                refusal("a priority with no pools", DESIGN.replace("expander: least-waste", "expander: priority, priorities: {10: []}"),
                        "design.yaml:12:53: cluster.autoscaler.priorities.10: give the node pools of priority 10 as regular expressions over their names, e.g. [\"spot-.*\"]"),
                refusal("min-available over 100%", DESIGN.replace("    concurrency: 4", "    concurrency: 4\n    disruption-budget: {min-available: 101%}"),
                        "design.yaml:17:40: components.api.disruption-budget.min-available: a percentage of the pods, at most 100%, got 101%"),
                refusal("a fractional percentage", DESIGN.replace("    concurrency: 4", "    concurrency: 4\n    disruption-budget: {max-unavailable: 12.5%}"),
                        "design.yaml:17:42: components.api.disruption-budget.max-unavailable: '12.5%' is not a count or a percentage: write e.g. 1 or 25% (Kubernetes takes whole percentages)"),
                refusal("a budget's count past the bound", DESIGN.replace("    concurrency: 4", "    concurrency: 4\n    disruption-budget: {max-unavailable: 100001}"),
                        "design.yaml:17:42: components.api.disruption-budget.max-unavailable: at most 100000: every instance a component may have is a slot in arrays sized for its maximum; got 100001"),
                refusal("a priority past a PriorityClass's bound", DESIGN.replace("      startup: {dist", "      priority: 2000000000\n      startup: {dist"),
                        "design.yaml:20:17: components.api.pod.priority: at most 1000000000: a PriorityClass value: Kubernetes accepts user-defined classes up to one billion; got 2000000000"),
                refusal("memory-request past the bound", DESIGN.replace("memory-request: 1Gi", "memory-request: 2Ei"),
                        "design.yaml:19:23: components.api.pod.memory-request: at most 1e15: bytes are counted in 64 bits and billed in double arithmetic; got 2305843009213693952")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void isRefusedWhereWritten(String mistake, String yaml, List<String> expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> read(yaml), mistake);
        assertEquals(expected, e.errors().stream().map(InputError::format).toList(), mistake);
    }
}
