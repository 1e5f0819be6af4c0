package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.yaml.BadInputException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Rollouts to the second, with constant timings (a pod's container 20 s after binding, its readiness probe every 5 s
 * after a 5 s initial delay: Ready 25 s after it is created when a node has room): the pod counts of a rolling update
 * equal the Deployment controller's, step by step ({@code rolling.go}); recreate's outage; blue-green's second fleet
 * and its cost; a rollout whose surge pods stay Pending fails at its progress deadline.
 */
class RolloutTimelineTest {
    private static String design(String deployment, String nodes) {
        return """
                name: t
                entry: api
                cluster:
                  node-pools:
                    general:
                      instance: {type: m6i.4xlarge}
                      nodes: {initial: %s, min: %s, max: %s}
                      provisioning: {dist: constant, value: 60s}
                components:
                  api:
                    type: service
                    pod:
                      cpu-request: "1"
                      startup: {dist: constant, value: 20s}
                      readiness: {initial-delay: 5s, period: 5s}
                    replicas: 8
                    concurrency: 8
                    cores: 1
                    endpoints:
                      get: {demand: {dist: exponential, mean: 10ms}}
                    deployments:
                %s
                """.formatted(nodes, nodes, nodes, deployment.indent(6));
    }

    /** {@code replicas} m6i.large instances, ready 25 s after launch (startup 20 s, readiness 5 s), with {@code deployments}. */
    private static String instances(int replicas, String deployments) {
        return """
                name: t
                entry: api
                components:
                  api:
                    type: service
                    instance: {type: m6i.large}
                    startup: 20s
                    readiness-delay: 5s
                    replicas: %d
                    concurrency: 8
                    endpoints:
                      get: {demand: {dist: exponential, mean: 10ms}}
                    deployments:
                %s
                """.formatted(replicas, deployments.indent(6));
    }

    /** "t updated/old available" each time the counts changed. */
    private static List<String> steps(RolloutFigures r) {
        return r.steps().stream().map(s -> String.format(Locale.ROOT, "%.0f %d/%d %d", s.tS(), s.updated(), s.old(), s.available()))
                .collect(Collectors.toList());
    }

    private static RolloutFigures only(RunResult r) {
        assertEquals(1, r.rollouts().size());
        return r.rollouts().get(0);
    }

    @Test
    void surgeWithoutUnavailabilityKeepsEightAvailableAndPeaksAtTen() throws BadInputException {
        // maxSurge 25% of 8 = 2 (rounded up), maxUnavailable 0: two new pods at 60 s; each time two are available
        // (25 s later) two old ones go and two more new ones come; the last old pair goes at 160 s
        RunResult r = Models.run(ClusterTimelineTest.read(design("""
                - at: 60s
                  strategy: rolling-update
                  max-surge: 25%
                  max-unavailable: 0
                """, "1")), Models.poisson(100, 300), 1);
        RolloutFigures f = only(r);
        assertEquals(List.of("60 2/8 8", "85 4/6 8", "110 6/4 8", "135 8/2 8", "160 8/0 8"), steps(f));
        assertEquals(10, f.steps().stream().mapToInt(s -> s.updated() + s.old()).max().orElseThrow());
        assertEquals(10.0, f.peakInstances()); // as the controller counts them: not the old pods terminating
        assertEquals(8, f.steps().stream().mapToInt(RolloutFigures.Step::available).min().orElseThrow());
        assertEquals("completed", f.outcome());
        assertEquals(100.0, f.durationS(), 1e-9);
        assertEquals(8, f.minReady());
        assertEquals(0, f.errors());
        // two pods beyond the eight for the 100 s (plus the old pods' drains, each a few milliseconds)
        assertEquals(200 / 3600.0, f.extraInstanceHours(), 0.5 / 3600);
    }

    @Test
    void aQuarterUnavailableDipsToSix() throws BadInputException {
        // maxUnavailable 25% = 2 (rounded down): two old pods go at once, four new ones start; at 85 s the four are
        // available, four more old go and the last four new come; done at 110 s
        RunResult r = Models.run(ClusterTimelineTest.read(design("""
                - at: 60s
                  strategy: rolling-update
                  max-surge: 25%
                  max-unavailable: 25%
                """, "1")), Models.poisson(100, 300), 1);
        RolloutFigures f = only(r);
        assertEquals(List.of("60 4/6 6", "85 8/2 6", "110 8/0 8"), steps(f));
        assertEquals(6, f.minReady());
        assertEquals(50.0, f.durationS(), 1e-9);
    }

    @Test
    void recreateIsAnOutageOfDrainPlusStartupPlusReadiness() throws BadInputException {
        // every old pod drains at 60 s (each holds a few ms of work); the new ones are created once the last is gone and
        // are Ready 25 s later: for those 25 s no pod serves, and every request fails
        RunResult r = Models.run(ClusterTimelineTest.read(design("""
                - at: 60s
                  strategy: recreate
                """, "1")), Models.poisson(100, 300), 1);
        RolloutFigures f = only(r);
        assertEquals("completed", f.outcome());
        assertEquals(0, f.minReady());
        double outage = f.durationS();
        assertTrue(outage > 25 && outage < 25.1, "outage " + outage);
        // the requests of the outage all failed: Poisson(100/s) over its length, within 4 standard deviations
        double expected = 100 * outage;
        assertEquals(expected, f.errors(), 4 * Math.sqrt(expected));
        assertEquals(f.errors(), r.overall().errorTotal());
    }

    @Test
    void surgePodsStuckPendingFailTheRolloutAtItsDeadline() throws BadInputException {
        // the one node (an m6i.4xlarge, 16 vCPUs, at its pool's max) holds the 16 pods exactly: the surge pod stays
        // Pending, no old pod may go (max-unavailable 0), and nothing progresses after 60 s
        RunResult r = Models.run(ClusterTimelineTest.read(design("""
                - at: 60s
                  strategy: rolling-update
                  max-surge: 1
                  max-unavailable: 0
                  progress-deadline: 120s
                """, "1").replace("replicas: 8", "replicas: 16")), Models.poisson(100, 400), 1);
        RolloutFigures f = only(r);
        assertEquals("failed", f.outcome());
        assertEquals(120.0, f.durationS(), 1e-9);
        assertEquals(0, f.errors());
    }

    @Test
    void blueGreenRunsTwoFleetsUntilTheOldOnesDelayEndsAndCostsExactlyThat() throws BadInputException {
        // eight m6i.large instances; at 60 s eight new ones launch (billed from then), ready 25 s later (startup 20 s,
        // readiness 5 s) but held out of service until all eight are: the switch at 85 s; the old eight are withdrawn
        // and kept 30 s (scale-down-delay), then go at 115 s. 440 instance-seconds beyond the eight.
        RunResult r = Models.run(ClusterTimelineTest.read(instances(8, """
                - at: 60s
                  strategy: blue-green
                """)), Models.poisson(100, 300), 1);
        RolloutFigures f = only(r);
        assertEquals("completed", f.outcome());
        assertEquals(85.0, f.switchedAtS(), 1e-9);
        assertEquals(16, f.peakInstances());
        assertEquals(8, f.minReady());
        assertEquals(0, f.errors());
        assertEquals(55.0, f.durationS(), 0.01); // done when the last old instance has gone, after finishing its work
        double rate = 0.096; // m6i.large on demand, USD per hour
        assertEquals(440 / 3600.0, f.extraInstanceHours(), 0.01 / 3600);
        assertEquals(440 / 3600.0 * rate, f.extraCostUsd(), 0.01 / 3600 * rate);
        // the whole bill: the old eight for 115 s, the new eight for 240 s
        assertEquals((8 * 115 + 8 * 240) / 3600.0 * rate, r.cost().byComponent().get("api"), 0.01 / 3600 * rate);
    }

    @Test
    void aPodBoundIntoTheSlotAnOldPodJustLeftBecomesReady() throws BadInputException {
        // the node is full (16 pods on 16 vCPUs): the surge pod waits, Pending, until an old pod has drained and left;
        // it is then bound at once, into the instance slot the old one freed, and must still get its readiness (its
        // clock was once cancelled by the old pod's end, and the rollout never finished)
        RunResult r = Models.run(ClusterTimelineTest.read(design("""
                - at: 60s
                  strategy: rolling-update
                  max-surge: 1
                  max-unavailable: 1
                """, "1").replace("replicas: 8", "replicas: 16")), Models.poisson(100, 900), 1);
        RolloutFigures f = only(r);
        assertEquals("completed", f.outcome());
        // one pod at a time: the Pending surge pod counts as unavailable, so an old pod goes only when a new one is
        // available, and its room takes the next new pod: 16 × 25 s (plus each old pod's drain, milliseconds)
        assertEquals(400.0, f.durationS(), 0.1);
    }

    @Test
    void aScalingEventMidRolloutIsSpreadProportionally() throws BadInputException {
        // 10 pods, surge 25% = 3 (up), unavailable 25% = 2 (down): at 60 s the new ReplicaSet has 5 and the old 8
        // (annotated desired 10, max 13). New pods take 100 s to start. At 80 s a scheduled action sets 15 replicas: the
        // Deployment may now hold 15 + 4 = 19, 6 more, spread by GetProportion over the sizes each was set for 13:
        // the old 8 → round(8 × 19 / 13) = 12 (+4), the new 5 → round(5 × 19 / 13) = 7 (+2). Nothing else moves until a
        // new pod is available (19 pods, 12 must stay available, 7 new ones unavailable).
        RunResult r = Models.run(ClusterTimelineTest.read(design("""
                - at: 60s
                  strategy: rolling-update
                """, "2").replace("replicas: 8", "replicas: {initial: 10, min: 1, max: 30}\n    autoscaling: {policy: scheduled,"
                + " actions: [{at: 80s, desired: 15}]}").replace("value: 20s}", "value: 100s}")), Models.poisson(100, 150), 1);
        RolloutFigures f = only(r);
        assertEquals(List.of("60 5/8 8", "80 7/12 8"), steps(f).subList(0, 2));
    }

    @Test
    void anInstanceRefreshKeepsNinetyPercentHealthy() throws BadInputException {
        // 10 instances, min-healthy 90%: one instance replaced at a time, each ready 25 s after its launch
        RunResult r = Models.run(ClusterTimelineTest.read(instances(10, """
                - at: 60s
                  strategy: instance-refresh
                """)), Models.poisson(100, 400), 1);
        RolloutFigures f = only(r);
        assertEquals("completed", f.outcome());
        assertEquals(250.0, f.durationS(), 0.01);
        assertEquals(9, f.minReady());
        assertEquals(10, f.steps().stream().mapToInt(s -> s.updated() + s.old()).max().orElseThrow());
        assertEquals(List.of("60 1/9 9", "85 2/8 9", "110 3/7 9"), steps(f).subList(0, 3));
    }

    @Test
    void blueGreenOnAClusterDoublesTheNodesForTheSwitch() throws BadInputException {
        // 8 one-CPU pods fill an m6i.2xlarge's 8 vCPUs; the second fleet's 8 pods wait for a second node (Ready 60 s
        // after the scale-up at the autoscaler's next loop, 70 s), are Ready 25 s later, then the switch; the old
        // fleet goes 30 s after it, and its node is left empty.
        RunResult r = Models.run(ClusterTimelineTest.read(design("""
                - at: 60s
                  strategy: blue-green
                """, "1").replace("m6i.4xlarge", "m6i.2xlarge").replace("max: 1}", "max: 2}")), Models.poisson(100, 300), 1);
        RolloutFigures f = only(r);
        assertEquals("completed", f.outcome());
        assertEquals(16, f.peakInstances());
        assertEquals(8, f.minReady());
        assertEquals(0, f.errors());
        assertEquals(2, r.cluster().pools().get("general").nodesPeak());
        assertEquals(2.0, f.peakNodes());
        // the second node from its launch (the scale-up at 70 s) to the end of the profile
        assertEquals((300 - 70) / 3600.0, f.extraNodeHours(), 1e-9);
        assertEquals((300 - 70) / 3600.0 * 0.384, f.extraCostUsd(), 1e-9);
    }

    @Test
    void aDeploymentDueMidRolloutSupersedesItAndRollsOutFromEveryVersionWithPods() throws BadInputException {
        // one pod at a time from 60 s (surge 1, none unavailable); at 100 s the next version is due: the first rollout
        // ends superseded, and the second replaces the pods of both older versions (25% surge and unavailable: 2 and 2)
        RunResult r = Models.run(ClusterTimelineTest.read(instances(8, """
                - {at: 60s, strategy: rolling-update, max-surge: 1, max-unavailable: 0}
                - {at: 100s, strategy: rolling-update}
                """)), Models.poisson(100, 300), 1);
        assertEquals(List.of("superseded", "completed"), r.rollouts().stream().map(RolloutFigures::outcome).toList());
        assertEquals(40.0, r.rollouts().get(0).durationS(), 1e-9);
        assertEquals(100.0, r.rollouts().get(1).atS(), 1e-9);
        assertEquals(6, r.rollouts().get(1).minReady());
        assertEquals(0, r.overall().errorTotal());
    }
}
