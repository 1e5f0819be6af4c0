package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.headroom.request.ErrorCause;
import io.headroom.yaml.BadInputException;
import org.junit.jupiter.api.Test;

/**
 * A canary of a version that fails 5 % of its requests, under an analysis {@code errors < 1%} every minute: rolled
 * back at the first failed measurement with failure-limit 0, at the third with 2 (Argo's rule: failures counted
 * cumulatively, the run aborted once they exceed the limit); the failed requests users saw are the canary's share of
 * the traffic × the rate × 5 % × its exposure, within Poisson noise (4 standard deviations of the expected count);
 * a canary that passes its analysis goes through its steps and is promoted.
 *
 * <p>Ten instances (ready 25 s after launch) under 1,000 requests/s; at 60 s the canary's first step, 10 %: one canary
 * instance (surge), one stable instance fewer; with round-robin dispatch over the ten in service the canary takes a
 * tenth of the traffic from its readiness at 85 s.
 */
class CanaryTest {
    private static final double RATE = 1000;

    private static String design(String canary) {
        return """
                name: t
                entry: api
                components:
                  api:
                    type: service
                    startup: 20s
                    readiness-delay: 5s
                    replicas: 10
                    concurrency: 16
                    endpoints:
                      get: {demand: {dist: exponential, mean: 5ms}}
                    deployments:
                      - at: 60s
                        strategy: canary
                %s
                """.formatted(canary.indent(8));
    }

    private static final String FAILING = """
            steps: [{weight: 10%, pause: 10m}, {weight: 100%}]
            new-version:
              endpoints: {get: {error-rate: 0.05}}
            """;

    private static RolloutFigures run(String canary) throws BadInputException {
        RunResult r = Models.run(ClusterTimelineTest.read(design(canary)), Models.poisson(RATE, 900), 1);
        assertEquals(1, r.rollouts().size());
        RolloutFigures f = r.rollouts().get(0);
        // every error of the run is one of the canary's own failures (the run's figures leave out the warm-up's first
        // 90 s, so they count fewer than the rollout's, which start at 60 s)
        assertEquals(r.overall().errorTotal(), r.overall().errors().get(ErrorCause.FAILED));
        return f;
    }

    /** The expected failures of a canary with {@code share} of the traffic exposed for {@code seconds}, within 4σ. */
    private static void failuresMatch(double share, double seconds, long failures) {
        double expected = RATE * share * seconds * 0.05;
        assertEquals(expected, failures, 4 * Math.sqrt(expected), "failures against " + expected);
    }

    @Test
    void failureLimitZeroRollsBackAtTheFirstFailedMeasurement() throws BadInputException {
        RolloutFigures f = run(FAILING + "analysis: {slo: \"errors < 1%\", interval: 1m}\n");
        assertEquals("rolled-back", f.outcome());
        assertEquals(120.0, f.abortedAtS(), 1e-9); // the first measurement, a minute after the start
        assertEquals(1, f.failedMeasurements());
        // back to ten stable instances: the canary goes at once, its stable replacement is ready 25 s later
        assertEquals(85.0, f.durationS(), 1e-6);
        failuresMatch(0.1, 120 - 85, f.errors());
    }

    @Test
    void failureLimitTwoRollsBackAtTheThird() throws BadInputException {
        RolloutFigures f = run(FAILING + "analysis: {slo: \"errors < 1%\", interval: 1m, failure-limit: 2}\n");
        assertEquals("rolled-back", f.outcome());
        assertEquals(240.0, f.abortedAtS(), 1e-9);
        assertEquals(3, f.failedMeasurements());
        failuresMatch(0.1, 240 - 85, f.errors());
    }

    @Test
    void exactRoutingSendsTheWeightWhateverThePodCount() throws BadInputException {
        // a traffic router sends exactly 5 % to the canary's one instance; the stable keeps its ten
        RolloutFigures f = run(FAILING.replace("weight: 10%", "weight: 5%") + "traffic-routing: exact\n"
                + "analysis: {slo: \"errors < 1%\", interval: 1m}\n");
        assertEquals("rolled-back", f.outcome());
        assertEquals(120.0, f.abortedAtS(), 1e-9);
        failuresMatch(0.05, 120 - 85, f.errors());
    }

    @Test
    void aCanaryThatPassesIsPromoted() throws BadInputException {
        RolloutFigures f = run("""
                steps: [{weight: 10%, pause: 2m}, {weight: 50%, pause: 2m}, {weight: 100%}]
                analysis: {slo: "errors < 1%", interval: 1m}
                """);
        assertEquals("completed", f.outcome());
        assertNull(f.abortedAtS());
        assertEquals(0, f.errors());
    }
}
