package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.cluster.ClusterEvent;
import io.headroom.cluster.ClusterFigures;
import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.vpa.Recommendation;
import io.headroom.vpa.Recommender;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Vertical Pod Autoscaler on a run: the recommender is fed every minute with each ready pod's CPU use over that
 * minute, as metrics-server reports it; what it recommends is reported, and in {@code Initial} mode new pods request it.
 */
class VerticalFeedTest {
    private static final String DESIGN = """
            name: t
            entry: api
            cluster:
              node-pools:
                general:
                  instance: {type: m6i.large}
                  nodes: 2
                  provisioning: {dist: constant, value: 60s}
              autoscaler: {kind: none}
            components:
              api:
                type: service
                pod: {cpu-request: 500m, startup: {dist: constant, value: 10s}}
                replicas: {initial: 2, min: 1, max: 3}
                vertical: {policy: vpa, update-mode: %s}
                %s
                concurrency: 4
                cores: 1
                endpoints:
                  get: {demand: {dist: constant, value: 10ms}}
            """;

    private static RunResult run(String mode, String autoscaling, long seconds) throws BadInputException {
        var d = DesignReader.read(YamlDocument.parse(Path.of("design.yaml"), "design.yaml", DESIGN.formatted(mode, autoscaling)))
                .design();
        // 40 requests a second, evenly spaced, 10 ms each, alternating between the two pods: 0.2 cores each, every minute
        LoadProfile steady = new LoadProfile("steady", null, Map.of(), Duration.ZERO,
                List.of(new OpenStep.ConstantUsersPerSec(40.0, Duration.ofSeconds(seconds), false)));
        return Models.run(d, steady, 1);
    }

    @Test
    void theRecommenderIsFedEachPodsCpuEveryMinute() throws BadInputException {
        // 3 h 30 s: samples at 60 s, 120 s, ... 10,800 s, two pods each, of 0.2 cores; the recommendation at the end of
        // the profile is the recommender's on exactly that stream.
        RunResult r = run("Off", "", 10_830);
        Recommender oracle = new Recommender();
        for (long t = 60; t <= 10_800; t += 60) {
            oracle.addCpuSample(0.2, 0.5, t * 1_000_000_000L);
            oracle.addCpuSample(0.2, 0.5, t * 1_000_000_000L);
        }
        Recommendation expected = oracle.recommend(10_830 * 1_000_000_000L);
        ClusterFigures.Vpa got = r.cluster().vpa().get("api");
        assertEquals(expected.targetMilli(), got.targetMilli(), 0);
        assertEquals(expected.lowerMilli(), got.lowerMilli(), 0);
        assertEquals(expected.upperMilli(), got.upperMilli(), 0);
        assertEquals(expected.historyDays(), got.historyDays(), 1e-12);
        // 0.2 cores x the 15 % margin, read at the end of the histogram bucket that holds 0.2 (HistogramTest and RecommenderTest check
        // them against upstream): above 230m
        assertTrue(got.targetMilli() > 230, "target " + got.targetMilli());
        assertTrue(r.cluster().events().stream().noneMatch(e -> e.kind().equals("pod-request")), "Off sets no request");
    }

    @Test
    void inInitialModeANewPodRequestsTheRecommendation() throws BadInputException {
        // a third pod at 2 h (a scheduled action): created with the recommendation's target as its CPU request
        RunResult r = run("Initial", "autoscaling: {policy: scheduled, actions: [{at: 2h, desired: 3}]}", 3 * 3600);
        List<ClusterEvent> requests = r.cluster().events().stream().filter(e -> e.kind().equals("pod-request")).toList();
        assertEquals(1, requests.size());
        assertEquals(7200_000_000_000L, requests.get(0).tNs());
        Recommender oracle = new Recommender();
        for (long t = 60; t <= 7200; t += 60) {
            oracle.addCpuSample(0.2, 0.5, t * 1_000_000_000L);
            oracle.addCpuSample(0.2, 0.5, t * 1_000_000_000L);
        }
        assertEquals(oracle.recommend(7200 * 1_000_000_000L).targetMilli() + "m (vpa)", requests.get(0).detail());
    }

    @Test
    void aVpaBesideACpuAutoscalerIsRefused() {
        BadInputException e = assertThrows(BadInputException.class, () -> run("Off",
                "autoscaling: {policy: hpa, metric: cpu, target: 0.6}", 60));
        assertTrue(e.errors().get(0).format().contains("components.api.vertical: a VPA and an autoscaler both acting on CPU"),
                e.errors().get(0).format());
    }

    @Test
    void autoAndUnknownModesAreRefusedWhereWritten() {
        BadInputException e = assertThrows(BadInputException.class, () -> run("Auto", "", 60));
        assertEquals("design.yaml:15:42: components.api.vertical.update-mode: update-mode Auto is deprecated upstream: write"
                + " Recreate (pods evicted and recreated with the recommendation) or InPlaceOrRecreate (resized in place where"
                + " their node allows)", e.errors().get(0).format());
        e = assertThrows(BadInputException.class, () -> run("Sometimes", "", 60));
        assertEquals("design.yaml:15:42: components.api.vertical.update-mode: unknown update-mode 'Sometimes': Off, Initial,"
                + " Recreate or InPlaceOrRecreate", e.errors().get(0).format());
    }

    @Test
    void recreateEvictsPodsOffTheirRecommendationHalfTheReplicasAtATime() throws BadInputException {
        // Two pods requesting 500m use 0.2 cores each. Within the wide bounds of a young history the updater waits until
        // a pod has run 12 h, then evicts pods whose request is more than 10 % off the target: at most half of the two
        // replicas at once (eviction tolerance 0.5), so pod 0 at 43,200 s (the pass at exactly 12 h) and, its
        // replacement running 10 s later, pod 1 at the next pass, 43,260 s. Each replacement requests the target then.
        RunResult r = run("Recreate", "", 13 * 3600);
        List<String> evictions = r.cluster().events().stream()
                .filter(e -> e.kind().equals("pod-evicted") || e.kind().equals("pod-request"))
                .map(e -> e.tNs() / 1_000_000_000L + " " + e.kind() + " pod " + e.pod() + " " + e.detail()).toList();
        Recommender oracle = new Recommender();
        for (long t = 60; t <= 43_260; t += 60) {
            oracle.addCpuSample(0.2, 0.5, t * 1_000_000_000L);
            oracle.addCpuSample(0.2, 0.5, t * 1_000_000_000L);
            if (t == 43_200) {
                long at12h = oracle.recommend(t * 1_000_000_000L).targetMilli();
                assertEquals(List.of("43200 pod-evicted pod 0 vpa", "43200 pod-request pod 2 " + at12h + "m (vpa)"),
                        evictions.subList(0, 2));
            }
        }
        // the second pass: pod 0's replacement counts as running, pod 0 no longer; pod 2 is young and on target
        assertEquals("43260 pod-evicted pod 1 vpa", evictions.get(2));
        assertEquals(4, evictions.size(), evictions.toString());
        assertEquals(2, r.cluster().evictions());
        ClusterFigures.Vpa v = r.cluster().vpa().get("api");
        assertEquals(List.of(2.0, 0.0, 0.0), List.of(v.evictions(), v.resizes(), v.resizeFallbacks()));
    }
}
