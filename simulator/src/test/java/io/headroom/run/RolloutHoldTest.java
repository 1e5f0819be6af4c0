package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.yaml.BadInputException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/**
 * A rollout that holds the service at 6 available pods for 40 minutes — 8 pods, max-surge 0, max-unavailable 25 %,
 * a new version that takes 10 minutes to start, so each pair of old pods goes before its replacements are Ready — is,
 * for the users, a 6-pod service: the p99 of the requests during it equals a fixed 6-pod run's within the confidence
 * interval of the difference (8 replications each, Welch's t), and is far from the 8-pod run's.
 */
class RolloutHoldTest {
    private static final int REPLICATIONS = 8;
    private static final double RATE = 480; // 6 pods of 100 requests/s at 80 %

    private static String design(int replicas, String deployments) {
        return """
                name: t
                entry: api
                cluster:
                  node-pools:
                    general:
                      instance: {type: m6i.4xlarge}
                      nodes: 1
                      provisioning: {dist: constant, value: 60s}
                components:
                  api:
                    type: service
                    pod:
                      cpu-request: "1"
                      startup: {dist: constant, value: 20s}
                      readiness: {initial-delay: 5s, period: 5s}
                    replicas: %d
                    concurrency: 8
                    cores: 1
                    endpoints:
                      get: {demand: {dist: exponential, mean: 10ms}}
                %s
                """.formatted(replicas, deployments.indent(4));
    }

    /** Mean p99 over the replications, its standard error squared and the degrees of freedom' share (Welch). */
    private record P99(double mean, double varianceOfMean, int n) {
        static P99 of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new P99(mean, ss / (values.size() - 1) / values.size(), values.size());
        }
    }

    /** Half-width of the 95 % Welch interval for the difference of two means. */
    private static double welchHalfWidth(P99 a, P99 b) {
        double v = a.varianceOfMean + b.varianceOfMean;
        double df = v * v / (a.varianceOfMean * a.varianceOfMean / (a.n - 1) + b.varianceOfMean * b.varianceOfMean / (b.n - 1));
        return new TDistribution(df).inverseCumulativeProbability(0.975) * Math.sqrt(v);
    }

    @Test
    void aRolloutHeldAtSixAvailablePodsServesAsSixPodsDo() throws BadInputException {
        String rollout = design(8, """
                deployments:
                  - at: 300s
                    strategy: rolling-update
                    max-surge: 0
                    progress-deadline: 15m   # each pair takes 10 minutes to start: more than the default 600 s
                    max-unavailable: 25%
                    new-version:
                      pod: {startup: {dist: constant, value: 600s}}
                """);
        List<Double> during = new ArrayList<>();
        List<Double> six = new ArrayList<>();
        List<Double> eight = new ArrayList<>();
        for (int seed = 1; seed <= REPLICATIONS; seed++) {
            RunResult r = Models.run(ClusterTimelineTest.read(rollout), Models.poisson(RATE, 3000), seed);
            RolloutFigures f = r.rollouts().get(0);
            assertEquals("completed", f.outcome());
            assertEquals(6, f.minReady());
            // four pairs, each 600 s to start and 5 s to its first probe
            assertEquals(4 * 605.0, f.durationS(), 0.1);
            during.add(f.p99Ms());
            six.add(Models.run(ClusterTimelineTest.read(design(6, "")), Models.poisson(RATE, 3000), seed).overall().latencyMs().p99());
            eight.add(Models.run(ClusterTimelineTest.read(design(8, "")), Models.poisson(RATE, 3000), seed).overall().latencyMs().p99());
        }
        P99 d = P99.of(during);
        P99 s = P99.of(six);
        P99 e = P99.of(eight);
        double hw = welchHalfWidth(d, s);
        System.out.printf(java.util.Locale.ROOT, "p99 held at 6 pods: during the rollout %.2f ms, 6 pods %.2f ms (difference ±%.2f), 8 pods %.2f ms%n",
                d.mean, s.mean, hw, e.mean);
        assertTrue(Math.abs(d.mean - s.mean) <= hw, String.format("p99 during the rollout %.2f ms, 6 pods %.2f ms, ±%.2f", d.mean, s.mean, hw));
        double hw8 = welchHalfWidth(d, e);
        assertTrue(d.mean - e.mean > 5 * hw8, String.format("p99 during the rollout %.2f ms, 8 pods %.2f ms, ±%.2f", d.mean, e.mean, hw8));
    }
}
