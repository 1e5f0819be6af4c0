package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.cluster.ClusterEvent;
import io.headroom.cluster.ClusterFigures;
import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The cluster's timeline to the second, with constant timings (a node Ready 60 s after launch, a pod's container 10 s
 * after binding, its readiness probe every 5 s): pods Pending from the moment the count goes up, the Cluster
 * Autoscaler's scale-up at its next loop (every 10 s, once the oldest pending pod is 2 s old), pods bound when the node
 * is Ready, Running after startup, Ready at the probe; nodes removed only when unneeded for more than 10 minutes and
 * not within 10 minutes of a scale-up, empty ones in bulk, one drained at a time, none a PodDisruptionBudget forbids.
 */
class ClusterTimelineTest {
    private static final double M6I_LARGE_USD_PER_HOUR = 0.096;

    /** {@code yaml} read as the design file {@code design.yaml}. */
    static Design read(String yaml) throws BadInputException {
        return DesignReader.read(YamlDocument.parse(Path.of("design.yaml"), "design.yaml", yaml)).design();
    }

    /** The events as "t kind pool/node owner/pod detail" lines, pod events of the initial pods left out. */
    static List<String> lines(ClusterFigures c, String... kinds) {
        List<String> out = new ArrayList<>();
        for (ClusterEvent e : c.events()) {
            if (List.of(kinds).contains(e.kind())) {
                out.add(String.format(Locale.ROOT, "%.0f %s%s%s%s", e.tNs() / 1e9, e.kind(),
                        e.node() >= 0 ? " node " + e.node() : "", e.pod() >= 0 ? " pod " + e.pod() : "",
                        e.detail() == null ? "" : " " + e.detail()));
            }
        }
        return out;
    }

    private static final String SCALE_UP = """
            name: t
            entry: api
            cluster:
              node-pools:
                general:
                  instance: {type: m6i.large}
                  nodes: {initial: 1, min: 1, max: 3}
                  provisioning: {dist: constant, value: 60s}
            components:
              api:
                type: service
                pod:
                  cpu-request: "1"
                  memory-request: 1Gi
                  startup: {dist: constant, value: 10s}
                  readiness: {initial-delay: 5s, period: 5s}
                replicas: {initial: 2, min: 4, max: 5}
                autoscaling: {policy: hpa, metric: cpu, target: 0.6}
                concurrency: 4
                cores: 1
                endpoints:
                  get: {demand: {dist: constant, value: 10ms}}
            """;

    @Test
    void podsBeyondTheNodesRoomWaitForANewNode() throws BadInputException {
        // One m6i.large (2000m allocatable) holds the two 1-CPU pods of the start. The HPA's first sync (15 s) moves the
        // count to its min of 4: two pods Pending. The autoscaler's loop at 20 s (the pods 5 s old) adds one node (the
        // binpacking estimate: two 1-CPU pods fill one node); Ready at 80 s, both pods are bound then, Running at 90 s
        // (startup 10 s) and Ready at 95 s (the probe's first run after the 5 s initial delay).
        RunResult r = Models.run(read(SCALE_UP), Models.poisson(20, 300), 1);
        ClusterFigures c = r.cluster();
        assertEquals(List.of(
                "15 pod-pending pod 2", "15 pod-pending pod 3",
                "20 scale-up 1",
                "20 node-launched node 1",
                "80 node-ready node 1",
                "80 pod-bound node 1 pod 2", "80 pod-bound node 1 pod 3",
                "90 pod-running node 1 pod 2", "90 pod-running node 1 pod 3",
                "95 pod-ready node 1 pod 2", "95 pod-ready node 1 pod 3"),
                lines(c, "pod-pending", "scale-up", "node-launched", "node-ready", "pod-bound", "pod-running", "pod-ready")
                        .stream().filter(l -> !l.startsWith("0 ")).collect(Collectors.toList()));
        assertEquals(2, c.podsPendingPeak());
        // pending time: created at 15 s, Running at 90 s
        assertEquals(75.0, c.pendingS().p50(), 0.001);
        assertEquals(75.0, c.pendingS().max(), 0.001);
        assertEquals(2, c.pendingS().pods());

        // money: node 0 for 300 s, node 1 from 20 s: 580 node-seconds at $0.096 an hour (both past the 60 s minimum)
        ClusterFigures.Pool pool = c.pools().get("general");
        assertEquals(580 / 3600.0, pool.nodeHours(), 1e-12);
        assertEquals(580 / 3600.0 * M6I_LARGE_USD_PER_HOUR, pool.costUsd(), 1e-12);
        assertEquals(pool.costUsd(), r.cost().byComponent().get("cluster/general"), 1e-12);
        assertEquals(580 / 300.0, pool.nodesMean(), 1e-12);
        assertEquals(2, pool.nodesPeak());
        // allocations plus idle are the nodes' cost
        double allocated = c.allocatedCostUsd().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(pool.costUsd(), allocated + pool.idleUsd(), 1e-12);
        // the api's pods: 2 for 300 s and 2 from 80 s (bound), 1 CPU and 1 GiB each; 20 requests/s x 10 ms use 0.2 cores,
        // below the request, so the request is charged. OpenCost's split of an m6i.large's price (2 vCPU, 8 GiB):
        double ratio = 0.031611 / 0.004237;
        double nodePrice = M6I_LARGE_USD_PER_HOUR;
        double ramPrice = nodePrice / (2 * ratio + 8);
        double cpuPrice = ramPrice * ratio;
        double podHours = (2 * 300 + 2 * 220) / 3600.0;
        assertEquals(podHours * (cpuPrice + ramPrice), c.allocatedCostUsd().get("api"), 1e-12);
    }

    private static final String SCALE_DOWN = """
            name: t
            entry: api
            cluster:
              node-pools:
                general:
                  instance: {type: m6i.large}
                  nodes: {initial: 2, min: 1, max: 3}
                  provisioning: {dist: constant, value: 60s}
                spare:
                  instance: {type: m6i.large}
                  nodes: {initial: 1, min: 0, max: 1}
                  provisioning: {dist: constant, value: 60s}
            components:
              api:
                type: service
                pod:
                  cpu-request: 700m
                  memory-request: 1Gi
                  node-pool: general
                  startup: {dist: constant, value: 10s}
                replicas: {initial: 2, min: 1, max: 6}
                autoscaling:
                  policy: scheduled
                  actions: [{at: 300s, desired: 6}, {at: 485s, desired: 2}]
                concurrency: 4
                cores: 1
                %s
                endpoints:
                  get: {demand: {dist: constant, value: 10ms}}
            """;

    @Test
    void nodesGoAfterTenMinutesUnneededAndNotWithinTenMinutesOfAScaleUp() throws BadInputException {
        // general: two m6i.large (2000m each) holding one 700m pod each; spare: one empty node no pod selects.
        // At 300 s six pods: two more fit (one a node), two are Pending and the loop at 310 s adds a node for both,
        // Ready at 370 s. At 485 s back to two: the four newest pods go, leaving the first two, one on each general node.
        // spare's node has been unneeded since the first loop (10 s), but the scale-up at 310 s holds every removal
        // until 910 s (delay-after-add 10 min): it goes then. The new node is empty from 485 s; it and the two general
        // nodes (each 35 % requested) are unneeded from the loop at 490 s, removable once unneeded for more than 10 min:
        // at 1100 s. Then the empty node goes, and one general node is drained (one drain at a time; the other must
        // take its pod): its pod is evicted, replaced on the other node, and the node deleted once the pod has ended.
        RunResult r = Models.run(read(SCALE_DOWN.formatted("")), Models.poisson(20, 1500), 1);
        List<String> nodes = lines(r.cluster(), "scale-up", "node-launched", "node-ready", "node-draining", "node-deleted")
                .stream().filter(l -> !l.startsWith("0 ")).collect(Collectors.toList());
        assertEquals("310 scale-up 1", nodes.get(0));
        assertEquals("310 node-launched node 3", nodes.get(1));
        assertEquals("370 node-ready node 3", nodes.get(2));
        assertEquals("910 node-deleted node 2 empty", nodes.get(3));
        assertEquals("1100 node-deleted node 3 empty", nodes.get(4));
        assertEquals("1100 node-draining node 0 1 pods", nodes.get(5));
        assertEquals("1100 node-deleted node 0 drained", nodes.get(6));
        assertEquals(7, nodes.size(), nodes.toString());
        List<String> evicted = lines(r.cluster(), "pod-evicted");
        assertEquals(1, evicted.size());
        assertTrue(evicted.get(0).startsWith("1100 pod-evicted"), evicted.toString());
        assertEquals(1, r.cluster().evictions());
        assertEquals(3, r.cluster().pools().get("general").nodesPeak());
        List<String> bound = lines(r.cluster(), "pod-bound");
        assertEquals("1100 pod-bound node 1 pod 6", bound.get(bound.size() - 1));
    }

    @Test
    void aDisruptionBudgetThatAllowsNoEvictionKeepsTheNode() throws BadInputException {
        // The same, with a PodDisruptionBudget of max-unavailable 0: the two ready pods of two allow no disruption, so
        // neither general node is drained; the empty ones go as before.
        RunResult r = Models.run(read(SCALE_DOWN.formatted("disruption-budget: {max-unavailable: 0}")), Models.poisson(20, 1500), 1);
        List<String> nodes = lines(r.cluster(), "node-draining", "node-deleted");
        assertEquals(List.of("910 node-deleted node 2 empty", "1100 node-deleted node 3 empty"), nodes);
        assertEquals(0, r.cluster().evictions());
        // general: nodes 0 and 1 throughout, node 3 from 310 s to 1100 s
        assertEquals((2 * 1500 + 790) / 1500.0, r.cluster().pools().get("general").nodesMean(), 1e-12);
    }

    private static final String BUFFER = """
            name: t
            entry: api
            cluster:
              node-pools:
                general:
                  instance: {type: m6i.large}
                  nodes: {initial: 1, min: 1, max: 3}
                  provisioning: {dist: constant, value: 60s}
              overprovisioning: {replicas: 1, cpu-request: "1", memory-request: 1Gi, priority: -1}
            components:
              api:
                type: service
                pod:
                  cpu-request: "1"
                  memory-request: 1Gi
                  startup: {dist: constant, value: 10s}
                replicas: {initial: 1, min: 2, max: 3}
                autoscaling: {policy: hpa, metric: cpu, target: 0.6}
                concurrency: 4
                cores: 1
                endpoints:
                  get: {demand: {dist: constant, value: 10ms}}
            """;

    @Test
    void aRealPodPreemptsThePlaceholderAndTheBufferIsRebuiltOnANewNode() throws BadInputException {
        // One m6i.large holds the api's pod and one 1-CPU placeholder (priority -1). At the HPA's first sync (15 s) the
        // count goes to 2: the new pod fits nowhere, preempts the placeholder (lower priority) and is bound at once,
        // Running and Ready 10 s later; the placeholder's replacement is Pending (not expendable: -1 is above the
        // cutoff -10), so the loop at 20 s adds a node, where it is bound at 80 s. The api's pod waited 10 s, not 75.
        RunResult r = Models.run(read(BUFFER), Models.poisson(20, 300), 1);
        ClusterFigures c = r.cluster();
        assertEquals(List.of(
                "15 pod-preempted node 0 pod 1", "15 pod-pending pod 3", "15 pod-bound node 0 pod 2",
                "20 scale-up 1", "20 node-launched node 1",
                "25 pod-running node 0 pod 2", "25 pod-ready node 0 pod 2",
                "80 node-ready node 1", "80 pod-bound node 1 pod 3", "80 pod-running node 1 pod 3", "80 pod-ready node 1 pod 3"),
                lines(c, "pod-preempted", "pod-pending", "pod-bound", "pod-running", "pod-ready", "scale-up", "node-launched",
                        "node-ready").stream().filter(l -> !l.startsWith("0 ")).collect(Collectors.toList()));
        assertEquals(1, c.preemptions());
        // the pending figures count the services' pods only: the api's one pod, Running 10 s after it was created
        assertEquals(1, c.pendingS().pods());
        assertEquals(10.0, c.pendingS().max(), 1e-9);
        assertEquals(0, c.podsPendingPeak());
        // the buffer's pods are charged as their own owner: one placeholder bound throughout but for 15-80 s
        double ratio = 0.031611 / 0.004237;
        double ramPrice = M6I_LARGE_USD_PER_HOUR / (2 * ratio + 8);
        double cpuPrice = ramPrice * ratio;
        assertEquals((300 - 65) / 3600.0 * (cpuPrice + ramPrice), c.allocatedCostUsd().get("overprovisioning"), 1e-12);
    }

    private static final String SPOT = """
            name: t
            entry: api
            cluster:
              node-pools:
                general:
                  instance: {type: m6i.large, market: spot, spot: {interruptions-per-hour: 1}}
                  nodes: {initial: 2, min: 0, max: 6}
                  provisioning: {dist: constant, value: 60s}
            components:
              api:
                type: service
                pod:
                  cpu-request: "1"
                  startup: {dist: constant, value: 10s}
                replicas: 4
                concurrency: 4
                cores: 1
                endpoints:
                  get: {demand: {dist: constant, value: 10ms}}
            """;

    @Test
    void spotNodesAreDrainedAtTheNoticeAndReclaimedTwoMinutesLater() throws BadInputException {
        // Two spot m6i.large, each full with two 1-CPU pods, interrupted at 1 per node-hour over 10 h. At each notice
        // the node is drained at once (its pods evicted, their replacements Pending), the autoscaler's next loop adds a
        // node, and EC2 reclaims the old one exactly 120 s after the notice. The notices are a Poisson process over
        // the spot node-hours exposed (launch to notice, or to the end).
        long horizon = 36_000;
        RunResult r = Models.run(read(SPOT), Models.poisson(5, horizon), 1);
        List<ClusterEvent> events = r.cluster().events();
        double exposedS = 0;
        int notices = 0;
        for (ClusterEvent e : events) {
            if (e.kind().equals("node-launched")) {
                long end = events.stream().filter(x -> x.node() == e.node() && x.kind().equals("node-interrupted"))
                        .mapToLong(ClusterEvent::tNs).findFirst().orElse(horizon * 1_000_000_000L);
                exposedS += (Math.min(end, horizon * 1_000_000_000L) - e.tNs()) / 1e9;
            }
            if (e.kind().equals("node-interrupted")) {
                notices++;
                long t = e.tNs();
                int node = e.node();
                assertTrue(events.stream().anyMatch(x -> x.kind().equals("node-draining") && x.node() == node && x.tNs() == t));
                assertTrue(events.stream().anyMatch(x -> x.kind().equals("node-deleted") && x.node() == node
                        && "spot-reclaimed".equals(x.detail()) && x.tNs() == t + 120_000_000_000L) || t + 120e9 > horizon * 1e9,
                        "node " + node + " reclaimed 120 s after its notice at " + t / 1e9);
                // the next loop (every 10 s from 0, the evicted pods' replacements at least 2 s old) adds a node for them
                long loop = ((t + 2_000_000_000L + 9_999_999_999L) / 10_000_000_000L) * 10_000_000_000L;
                assertTrue(events.stream().anyMatch(x -> x.kind().equals("scale-up") && x.tNs() == loop),
                        "a scale-up at " + loop / 1e9 + " s after the notice at " + t / 1e9);
            }
        }
        double mean = exposedS / 3600;
        assertEquals(notices, r.cluster().spotInterruptions(), 0);
        assertTrue(Math.abs(notices - mean) < 4 * Math.sqrt(mean), notices + " notices over " + mean + " node-hours");
        assertTrue(notices >= 10, "enough notices to test: " + notices);
    }

    private static final String PACED = """
            name: t
            entry: api
            cluster:
              node-pools:
                general:
                  instance: {type: m6i.large}
                  nodes: {initial: 2, min: 1, max: 2}
                  provisioning: {dist: constant, value: 60s}
            components:
              api:
                type: service
                pod:
                  cpu-request: 400m
                  startup: {dist: constant, value: 10s}
                replicas: 4
                concurrency: 4
                cores: 1
                %s
                endpoints:
                  get: {demand: {dist: constant, value: 1ms}}
            """;

    @Test
    void aDrainEvictsOnlyWhatTheBudgetAllowsAndRetriesEveryTenSeconds() throws BadInputException {
        // Two nodes, two 400m pods on each (40 % requested): both are unneeded from the loop at 10 s, and at 620 s the
        // first is drained (its two pods fit on the other). With max-unavailable 1 the first pod is evicted at once;
        // the second only when the first's replacement is Ready (10 s later, on the other node), at the drain's retry
        // 10 s on; the node goes when that pod has ended. Without a budget both go at once.
        RunResult paced = Models.run(read(PACED.formatted("disruption-budget: {max-unavailable: 1}")), Models.poisson(5, 900), 1);
        assertEquals(List.of("620 node-draining node 0 2 pods", "620 pod-evicted node 0 pod 0", "630 pod-ready node 1 pod 4",
                "630 pod-evicted node 0 pod 3", "630 node-deleted node 0 drained", "640 pod-ready node 1 pod 5"),
                lines(paced.cluster(), "node-draining", "pod-evicted", "pod-ready", "node-deleted", "node-drain-failed").stream()
                        .filter(l -> !l.startsWith("0 ")).collect(Collectors.toList()));
        RunResult free = Models.run(read(PACED.formatted("")), Models.poisson(5, 900), 1);
        assertEquals(List.of("620 node-draining node 0 2 pods", "620 pod-evicted node 0 pod 0", "620 pod-evicted node 0 pod 3",
                "620 node-deleted node 0 drained", "630 pod-ready node 1 pod 4", "630 pod-ready node 1 pod 5"),
                lines(free.cluster(), "node-draining", "pod-evicted", "pod-ready", "node-deleted", "node-drain-failed").stream()
                        .filter(l -> !l.startsWith("0 ")).collect(Collectors.toList()));
    }

    private static final String SLOW_POOL = """
            name: t
            entry: api
            cluster:
              node-pools:
                cheap:
                  instance: {type: c6i.large}
                  nodes: {initial: 0, min: 0, max: 3}
                  provisioning: {dist: constant, value: 20m}
                fast:
                  instance: {type: m6i.large}
                  nodes: {initial: 1, min: 1, max: 3}
                  provisioning: {dist: constant, value: 60s}
              autoscaler: {expander: price}
            components:
              api:
                type: service
                pod:
                  cpu-request: "1"
                  memory-request: 1Gi
                  startup: {dist: constant, value: 10s}
                replicas: {initial: 2, min: 3, max: 4}
                autoscaling: {policy: hpa, metric: cpu, target: 0.6}
                concurrency: 4
                cores: 1
                endpoints:
                  get: {demand: {dist: constant, value: 10ms}}
            """;

    @Test
    void aNodeThatIsNotReadyInFifteenMinutesIsDeletedAndItsPoolBackedOff() throws BadInputException {
        // The HPA asks for a third pod at 15 s; the pod selects no pool, so both can take it. The price expander picks
        // the cheaper c6i.large ($0.085 an hour against $0.096; both 2 vCPU, so equally fit), whose nodes take 20 minutes
        // to be Ready. At the first loop more than max-node-provision-time (15 m) after the launch (20 s + 900 s:
        // 930 s) the node is deleted and its pool backed off for 5 minutes; the same loop's scale-up then picks the other
        // pool, whose node is Ready 60 s later, and the pod is bound there.
        RunResult r = Models.run(read(SLOW_POOL), Models.poisson(5, 1500), 1);
        assertEquals(List.of("20 scale-up 1", "20 node-launched node 1", "930 node-deleted node 1 provision-timeout",
                "930 scale-up 1", "930 node-launched node 2", "990 node-ready node 2", "990 pod-bound node 2 pod 2"),
                lines(r.cluster(), "scale-up", "node-launched", "node-ready", "node-deleted", "pod-bound").stream()
                        .filter(l -> !l.startsWith("0 ")).collect(Collectors.toList()));
        // the bill: the cheap node billed from 20 s to 930 s, never Ready
        assertEquals(910 / 3600.0 * 0.085, r.cost().byComponent().get("cluster/cheap"), 1e-12);
    }
}
