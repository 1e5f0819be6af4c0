package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.cluster.ClusterEvent;
import io.headroom.design.Design;
import io.headroom.yaml.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pods sharing their node's cores by CPU request ({@code cluster.cpu-sharing: node}), whole runs on one m6i.xlarge
 * (4 cores allocatable): pods kept busy by an overload get cores in proportion to their requests; a pod alone uses every
 * idle core of its node beyond its request; with the default ({@code request}) each computes on its own cores.
 */
class NodeCpuSharingTest {
    private static Design read(String yaml) throws BadInputException {
        return ClusterTimelineTest.read(yaml);
    }

    /** front fans each request out to a (1 CPU) and b (3 CPU), each a pod allowed 4 cores, 8 workers, 1 s of CPU a request. */
    private static String twoPods(String sharing) {
        return """
                name: t
                entry: front
                cluster:
                  cpu-sharing: %s
                  node-pools:
                    general:
                      instance: {type: m6i.xlarge}
                      nodes: {initial: 1}
                      provisioning: {dist: constant, value: 60s}
                  autoscaler: {kind: none}
                components:
                  front:
                    type: service
                    concurrency: 100000
                    endpoints:
                      get:
                        parallel: true
                        calls: [{to: a}, {to: b}]
                  a:
                    type: service
                    pod: {cpu-request: "1"}
                    cores: 4
                    concurrency: 8
                    endpoints:
                      get: {demand: {dist: constant, value: 1s}}
                  b:
                    type: service
                    pod: {cpu-request: "3"}
                    cores: 4
                    concurrency: 8
                    endpoints:
                      get: {demand: {dist: constant, value: 1s}}
                """.formatted(sharing);
    }

    @Test
    void podsOnASaturatedNodeGetCoresInProportionToTheirRequests() throws BadInputException {
        // 4 requests/s to each, 1 s of CPU each: both always have 8 computing after the warm-up (10 s), so a gets 1 core
        // and b 3 over the whole measured period: cpu (busy cores over the pod's 4) 0.25 and 0.75
        RunResult r = Models.run(read(twoPods("node")), Models.poisson(4, 100), 1);
        assertEquals(0.25, r.components().get("a").cpu());
        assertEquals(0.75, r.components().get("b").cpu());
    }

    @Test
    void withoutNodeSharingEachPodComputesOnItsOwnCores() throws BadInputException {
        // the default: at 6 requests/s both are kept busy on their own 4 cores, 8 on a 4-core node
        RunResult r = Models.run(read(twoPods("request")), Models.poisson(6, 100), 1);
        assertEquals(1.0, r.components().get("a").cpu());
        assertEquals(1.0, r.components().get("b").cpu());
    }

    @Test
    void aPodAloneUsesTheIdleCoresOfItsNode() throws BadInputException {
        // request 1 (so 1 core of its own), 4 workers kept busy by 8 requests/s of 1 s: on its node's 4 idle cores it
        // computes at 4 cores, cpu 4.0 of its 1; on its own core, 1.0
        String yaml = twoPods("node").replace("calls: [{to: a}, {to: b}]", "calls: [{to: a}]")
                .replace("    cores: 4\n    concurrency: 8\n    endpoints:\n      get: {demand: {dist: constant, value: 1s}}\n  b:",
                        "    concurrency: 4\n    endpoints:\n      get: {demand: {dist: constant, value: 1s}}\n  b:");
        RunResult r = Models.run(read(yaml), Models.poisson(8, 100), 1);
        assertEquals(1, r.components().get("a").cores());
        assertEquals(4.0, r.components().get("a").cpu());
        RunResult own = Models.run(read(yaml.replace("cpu-sharing: node", "cpu-sharing: request")), Models.poisson(8, 100), 1);
        assertEquals(1.0, own.components().get("a").cpu());
    }

    @Test
    void aPodResizedInPlaceWeighsItsNewRequest() throws Exception {
        // on an m6i.2xlarge (8 cores), a's two pods (1 CPU, 2 workers each: at most 2 cores of demand; a VPA in
        // InPlaceOrRecreate mode) and b's (3 CPU, 16 workers) are kept busy. At requests 1000/1000/3000 each a pod gets
        // 8 x 1000/5000 = 1.6 cores: a's cpu (over its 2 x 2 cores) 0.8. The recommendation from that use (about 2 cores
        // with the safety margin) soon lies above the requests' bounds and the updater resizes both pods in place,
        // before the warm-up ends; then their 2 cores of demand fit within their weighted share and a's cpu is 1.0.
        // Were the weights still the pods' first requests, it would stay 0.8.
        String yaml = twoPods("node").replace("m6i.xlarge", "m6i.2xlarge")
                .replace("    pod: {cpu-request: \"1\"}\n    cores: 4\n    concurrency: 8",
                        "    pod: {cpu-request: \"1\"}\n    replicas: 2\n    vertical: {policy: vpa, update-mode: InPlaceOrRecreate}\n"
                                + "    cores: 2\n    concurrency: 2\n    queue: {capacity: 100}")
                .replace("    cores: 4\n    concurrency: 8", "    cores: 8\n    concurrency: 16\n    queue: {capacity: 100}");
        RunResult r = Models.run(read(yaml), Models.poisson(20, 4000), 1);
        List<ClusterEvent> resized = r.cluster().events().stream().filter(e -> e.kind().equals("pod-resized")).toList();
        // both resized (to 1938m at 300 s and 360 s, later to 2406m): from the first pair on, a's demand fits its share
        assertEquals(true, resized.size() >= 2 && resized.get(1).tNs() <= 400_000_000_000L, resized.toString());
        assertEquals(0, r.cluster().events().stream().filter(e -> e.kind().startsWith("pod-resize-") || e.kind().equals("pod-evicted")).count());
        assertEquals(1.0, r.components().get("a").cpu(), 1e-9);
    }
}
