package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.yaml.BadInputException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rollouts where the controller's bookkeeping is easy to get wrong (each case failed before its fix): a canary aborted
 * during a step's pause, changes heard inside the controller's own sync (an idle pod drained at once, an instance ready
 * at launch), pauses and scale-down delays longer than the progress deadline, a blue-green preview superseded before
 * its switch, and the nodes two rollouts of one service answer for.
 */
class RolloutEdgeCasesTest {
    /** {@code replicas} m6i.large instances (startup and readiness as given) under {@code deployments}. */
    private static String instances(int replicas, String lifecycle, String deployments) {
        return """
                name: t
                entry: api
                components:
                  api:
                    type: service
                    instance: {type: m6i.large}
                %s
                    replicas: %d
                    concurrency: 8
                    endpoints:
                      get: {demand: {dist: exponential, mean: 10ms}}
                    deployments:
                %s
                """.formatted(lifecycle.indent(4).stripTrailing(), replicas, deployments.indent(6));
    }

    private static final String READY_IN_25S = "startup: 20s\nreadiness-delay: 5s";

    private static RolloutFigures last(RunResult r) {
        return r.rollouts().get(r.rollouts().size() - 1);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCanaryAbortedDuringAPauseIsRolledBack() throws BadInputException {
        // the analysis fails at 180 s, inside the 50 % step's 30 s pause (it began when the canary pods were available,
        // at 145 s); the rollback outlasts the pause's end, which must not wake the controller for ever
        RunResult r = Models.run(ClusterTimelineTest.read(instances(8, READY_IN_25S, """
                - at: 2m
                  strategy: canary
                  steps: [{weight: 50%, pause: 30s}, {weight: 100%}]
                  analysis: {slo: "errors < 1%", interval: 1m}
                  new-version:
                    endpoints: {get: {error-rate: 0.5}}
                """)), Models.poisson(100, 600), 1);
        RolloutFigures f = last(r);
        assertEquals("rolled-back", f.outcome());
        assertEquals(180.0, f.abortedAtS(), 1e-9);
    }

    @Test
    void recreateAtALowLoadIsAnOutageOfStartupAndReadinessOnly() throws BadInputException {
        // at 2 requests/s the old instances are idle when drained: each ends at once, inside the controller's sync,
        // which must see it and create the new ones at once
        RunResult r = Models.run(ClusterTimelineTest.read(instances(4, READY_IN_25S, """
                - {at: 5m, strategy: recreate}
                """)), Models.poisson(2, 1800), 1);
        RolloutFigures f = last(r);
        assertEquals("completed", f.outcome());
        assertEquals(25.0, f.durationS(), 0.05);
    }

    @Test
    void instancesReadyAtLaunchRollOutAtOnce() throws BadInputException {
        // no startup: each new instance is ready as it is launched, inside the sync; one at a time (surge 1), all at 5 m
        RunResult r = Models.run(ClusterTimelineTest.read(instances(5, "startup: 0s", """
                - {at: 5m, strategy: rolling-update, max-surge: 1, max-unavailable: 0}
                """)), Models.poisson(2, 1800), 1);
        RolloutFigures f = last(r);
        assertEquals("completed", f.outcome());
        assertEquals(0.0, f.durationS(), 0.05);
    }

    @Test
    void pausesAndDelaysLongerThanTheDeadlineAreNotFailures() throws BadInputException {
        RunResult canary = Models.run(ClusterTimelineTest.read(instances(8, READY_IN_25S, """
                - at: 1m
                  strategy: canary
                  steps: [{weight: 10%, pause: 12m}, {weight: 100%}]
                """)), Models.poisson(50, 1800), 1);
        assertEquals("completed", last(canary).outcome());
        RunResult blueGreen = Models.run(ClusterTimelineTest.read(instances(8, READY_IN_25S, """
                - {at: 1m, strategy: blue-green, scale-down-delay: 11m}
                """)), Models.poisson(50, 1800), 1);
        RolloutFigures f = last(blueGreen);
        assertEquals("completed", f.outcome());
        assertEquals(25 + 660.0, f.durationS(), 0.05);
    }

    @Test
    void aBlueGreenPreviewSupersededBeforeItsSwitchIsScaledAway() throws BadInputException {
        // the preview is Ready at 325 s but not available until 385 s (min-ready 60 s); at 350 s a rolling update is
        // due: the preview goes, and the serving version is replaced with at most one of four unavailable
        RunResult r = Models.run(ClusterTimelineTest.read(instances(4, READY_IN_25S, """
                - {at: 300s, strategy: blue-green, min-ready: 60s}
                - {at: 350s, strategy: rolling-update}
                """)), Models.poisson(100, 600), 1);
        assertEquals("superseded", r.rollouts().get(0).outcome());
        RolloutFigures f = last(r);
        assertEquals("completed", f.outcome());
        assertEquals(3.0, f.minReady());
        assertEquals(0, f.errors());
        assertEquals(0, r.overall().errorTotal());
    }

    @Test
    void twoRolloutsAnswerForTheNodesBetweenThemOnce() throws BadInputException {
        // 8 one-CPU pods fill an m6i.2xlarge; each release's two surge pods need a second node, which the Cluster
        // Autoscaler removes once unneeded for 10 minutes. The two rollouts' extra node-hours add up to the cluster's
        // node-hours beyond its one node.
        RunResult r = Models.run(ClusterTimelineTest.read("""
                name: t
                entry: api
                cluster:
                  node-pools:
                    general:
                      instance: {type: m6i.2xlarge}
                      nodes: {initial: 1, min: 1, max: 2}
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
                      - {at: 60s, strategy: rolling-update, max-unavailable: 0}
                      - {at: 1500s, strategy: rolling-update, max-unavailable: 0}
                """), Models.poisson(100, 3000), 1);
        assertEquals(2, r.rollouts().size());
        double extra = r.rollouts().stream().mapToDouble(RolloutFigures::extraNodeHours).sum();
        double nodeHours = r.cluster().pools().get("general").nodeHours();
        assertEquals(nodeHours - 3000 / 3600.0, extra, 1e-9);
        assertTrue(r.rollouts().get(1).extraNodeHours() > 0, "the second release needs the second node again");
    }
}
