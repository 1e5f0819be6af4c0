package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.cluster.ClusterFigures;
import io.headroom.vpa.Recommendation;
import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.vpa.Recommender;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The VPA in {@code InPlaceOrRecreate} mode on a run: the updater resizes running pods in place (no restart, the node's
 * requested CPU follows), and evicts a pod whose kubelet found the resize Infeasible (beyond the node) at once, or
 * Deferred (no room beside the other pods) for more than 5 minutes.
 */
class VerticalInPlaceTest {
    private static final String DESIGN = """
            name: t
            entry: api
            cluster:
              node-pools:
                general:
                  instance: {type: m6i.large}
                  reserved: {cpu: %s}
                  nodes: %d
                  provisioning: {dist: constant, value: 60s}
              autoscaler: {kind: none}
            components:
              api:
                type: service
                pod: {cpu-request: %s, startup: {dist: constant, value: 10s}}
                replicas: {initial: 2, min: 1, max: 3}
                vertical: {policy: vpa, update-mode: InPlaceOrRecreate}
                concurrency: 4
                cores: 1
                endpoints:
                  get: {demand: {dist: constant, value: 10ms}}
            """;

    static RunResult run(String reserved, int nodes, String request, long seconds) throws BadInputException {
        var d = DesignReader.read(YamlDocument.parse(Path.of("design.yaml"), "design.yaml", DESIGN.formatted(reserved, nodes, request)))
                .design();
        LoadProfile steady = new LoadProfile("steady", null, Map.of(), Duration.ZERO,
                List.of(new OpenStep.ConstantUsersPerSec(40.0, Duration.ofSeconds(seconds), false)));
        return Models.run(d, steady, 1);
    }

    static List<String> log(RunResult r) {
        return r.cluster().events().stream().filter(e -> !e.kind().startsWith("node-"))
                .map(e -> e.tNs() / 1_000_000_000L + " " + e.kind() + " pod " + e.pod() + " node " + e.node() + " " + e.detail()).toList();
    }

    /** The recommender fed as the run feeds it: two pods at 0.2 cores, every minute from 60 s to {@code toS}. */
    private static Recommendation oracle(long toS) {
        Recommender oracle = new Recommender();
        for (long t = 60; t <= toS; t += 60) {
            oracle.addCpuSample(0.2, 0.5, t * 1_000_000_000L);
            oracle.addCpuSample(0.2, 0.5, t * 1_000_000_000L);
        }
        return oracle.recommend(toS * 1_000_000_000L);
    }

    @Test
    void podsAreResizedInPlaceHalfTheReplicasAtATimeWithoutRestarting() throws BadInputException {
        // As in Recreate (VerticalFeedTest): two pods requesting 500m use 0.2 cores each, the updater acts once they have
        // run 12 h; a resize counts against the tolerance of half the replicas, so pod 0 at 43,200 s and pod 1 at the next
        // pass, each to the target then: resized where they run, no eviction, no new pod.
        RunResult r = run("0", 2, "500m", 13 * 3600);
        long t1 = oracle(43_200).targetMilli();
        long t2 = oracle(43_260).targetMilli();
        assertEquals(247, t1); // 0.2 cores, read at the end of its histogram bucket (0.2144...), plus 15 %: 246.6
        assertEquals(List.of("43200 pod-resized pod 0 node 0 500m -> " + t1 + "m", "43260 pod-resized pod 1 node 1 500m -> " + t2 + "m"),
                log(r).stream().filter(l -> !l.startsWith("0 ")).toList());
        assertEquals(0, r.cluster().evictions());
        // the pool's requested CPU follows: 1000m for 43,200 s, 500m + t1 for 60 s, t1 + t2 to the end, over 2 x 2000m
        ClusterFigures.Pool pool = r.cluster().pools().get("general");
        double requested = (1000.0 * 43_200 + (500.0 + t1) * 60 + (double) (t1 + t2) * (13 * 3600 - 43_260)) / (4000.0 * 13 * 3600);
        assertEquals(requested, pool.cpuRequested(), 1e-12);
        // in summary.json: 2 resizes, no eviction; 0.54 days of history is not enough (under 1 day)
        var json = io.headroom.result.SummaryCodec.write(io.headroom.result.RunSummary.of(r)).path("cluster").path("services")
                .path("api").path("vpa");
        assertEquals("{\"target_milli\":247.0,\"lower_milli\":246.0,\"upper_milli\":704.0,\"history_days\":0.5403,"
                + "\"enough_history\":false,\"evictions\":0.0,\"resizes\":2.0,\"resize_fallbacks\":0.0}", json.toString());
        ClusterFigures.Vpa back = io.headroom.result.SummaryCodec.read(io.headroom.result.SummaryCodec.write(
                io.headroom.result.RunSummary.of(r))).cluster().vpa().get("api");
        assertEquals(new ClusterFigures.Vpa(247, 246, 704, 0.5403, false, 0, 2, 0), back);
    }

    @Test
    void aResizeTheNodeHasNoRoomForYetIsDeferredThenThePodIsEvicted() throws BadInputException {
        // One node with 300m allocatable holds both pods (100m each). The lower bound passes 100m once the history is
        // 180 s long (at 240 s): outside the bounds, the pods are resized without waiting 12 h. Pod 0 to 247m does not fit
        // beside pod 1 (100m + 247m > 300m): Deferred. At 300 s the updater first sees it waiting (the 5-minute clock
        // starts) and resizes pod 1, Deferred too. At 660 s (> 5 min after 300 s) pod 0 is evicted; the room it leaves
        // lets the kubelet do pod 1's resize at once; pod 0's replacement requests 247m and finds no room: Pending.
        assertTrue(oracle(180).lowerMilli() <= 100 && oracle(240).lowerMilli() > 100, oracle(180) + " " + oracle(240));
        RunResult r = run("1700m", 1, "100m", 900);
        long t = oracle(240).targetMilli();
        assertEquals(t, oracle(300).targetMilli());
        assertEquals(List.of("240 pod-resize-deferred pod 0 node 0 100m -> 247m", "300 pod-resize-deferred pod 1 node 0 100m -> 247m",
                        "660 pod-evicted pod 0 node 0 vpa", "660 pod-resized pod 1 node 0 100m -> 247m", "660 pod-pending pod 2 node -1 null",
                        "660 pod-request pod 2 node -1 " + oracle(660).targetMilli() + "m (vpa)"),
                log(r).stream().filter(l -> !l.startsWith("0 ")).toList());
        assertEquals(247, t);
        assertEquals(1, r.cluster().evictions());
        ClusterFigures.Vpa v = r.cluster().vpa().get("api");
        assertEquals(List.of(1.0, 1.0, 1.0), List.of(v.evictions(), v.resizes(), v.resizeFallbacks()));
    }

    @Test
    void aResizeBeyondTheNodeIsInfeasibleAndThePodIsEvictedAtTheNextPass() throws BadInputException {
        // 200m allocatable: 247m can never fit, Infeasible. At 300 s pod 0 could be evicted, but the updater resizes pod 1
        // first in the same pass (resizes go before evictions), which takes the tolerance; at 360 s pod 0 is evicted. Pod 1,
        // alone running, is kept.
        RunResult r = run("1800m", 1, "100m", 900);
        assertEquals(List.of("240 pod-resize-infeasible pod 0 node 0 100m -> 247m", "300 pod-resize-infeasible pod 1 node 0 100m -> 247m",
                        "360 pod-evicted pod 0 node 0 vpa", "360 pod-pending pod 2 node -1 null",
                        "360 pod-request pod 2 node -1 " + oracle(360).targetMilli() + "m (vpa)"),
                log(r).stream().filter(l -> !l.startsWith("0 ")).toList());
        assertEquals(1, r.cluster().evictions());
        ClusterFigures.Vpa v = r.cluster().vpa().get("api");
        assertEquals(List.of(1.0, 0.0, 1.0), List.of(v.evictions(), v.resizes(), v.resizeFallbacks()));
    }
}
