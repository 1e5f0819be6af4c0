package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.QueueSpec;
import io.headroom.load.LoadProfile;
import io.headroom.load.k6.K6Scenario;
import io.headroom.load.k6.K6Stage;
import io.headroom.load.k6.K6Threshold;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * k6 scenarios played through the simulator: every iteration is one request to a service whose answer takes a fixed
 * time D (100 workers on 100 cores: no request waits), so an iteration lasts exactly D and the counts of started,
 * dropped, completed and interrupted iterations follow by hand from k6's plan.
 */
class K6ExecutorsTest {
    private static final long S = 1_000_000_000L;

    private static Design fixed(double ms) {
        return Models.design(Models.service(1, 100, 100, QueueSpec.UNBOUNDED, Models.constant(ms)));
    }

    private static LoadProfile k6(K6Scenario s) {
        return new LoadProfile("k6", null, Map.of(), null, null, null, null, null, null, Map.of("default", s), null, null);
    }

    private static K6Scenario constantRate(int rate, String duration, int pre, Integer max) {
        return new K6Scenario("constant-arrival-rate", null, null, rate, null, duration, pre, max, null, null, null, null, null, null,
                null);
    }

    private static long requests(RunResult r) {
        return r.overall().requests();
    }

    /**
     * 10 iterations a second (one every 100 ms) lasting 250 ms, on at most 2 VUs: the iteration at 200 ms finds both
     * busy (until 250 and 350 ms) and is dropped, the one at 300 ms starts, and so on — of every three, the third is
     * dropped. Over 10 s: g = 0..99, dropped when g ≡ 2 (mod 3): 33 dropped, 67 run, all to completion.
     */
    @Test
    void droppedIterationsWhenMaxVusBinds() {
        RunResult r = Models.run(fixed(250), k6(constantRate(10, "10s", 2, null)), 1);
        assertEquals(new IterationFigures(67, 0, 33), r.iterations());
        assertEquals(67, requests(r));
    }

    /**
     * Regular arrivals at λ with a fixed duration D keep at most ceil(D·λ) iterations in flight: with D = 250 ms and
     * λ = 10/s, 3 VUs never bind — nothing is dropped, 100 run.
     */
    @Test
    void noDropWithCeilDLambdaVus() {
        RunResult r = Models.run(fixed(250), k6(constantRate(10, "10s", 3, null)), 1);
        assertEquals(new IterationFigures(100, 0, 0), r.iterations());
    }

    /**
     * preAllocatedVUs 1, maxVUs 2: the iteration at 100 ms finds the one VU busy and is dropped while k6 initialises a
     * second VU (ready at once here); from then on as with 2 VUs: dropped at g = 1, 4, 7, … 97 — 33 — and 67 run.
     */
    @Test
    void unplannedVuIsMadeByADroppedIteration() {
        RunResult r = Models.run(fixed(250), k6(constantRate(10, "10s", 1, 2)), 1);
        assertEquals(new IterationFigures(67, 0, 33), r.iterations());
    }

    /**
     * gracefulStop: 30/s for 2 s, iterations of 5 s, 200 VUs (none dropped): 61 start (k6's 33,333,333 ns ticker, g =
     * 0..60); those started before 2 s − … all run past the 2 s + gracefulStop 1 s = 3 s end and are interrupted.
     * With gracefulStop 30s they all complete.
     */
    @Test
    void gracefulStopInterruptsLongIterations() {
        K6Scenario s = new K6Scenario("constant-arrival-rate", null, "1s", 30, null, "2s", 200, null, null, null, null, null, null,
                null, null);
        RunResult r = Models.run(fixed(5000), k6(s), 1);
        assertEquals(new IterationFigures(0, 61, 0), r.iterations());
        assertEquals(61, requests(r)); // the interrupted iterations' requests were sent, and go on in the system
        RunResult whole = Models.run(fixed(5000), k6(constantRate(30, "2s", 200, null)), 1);
        assertEquals(new IterationFigures(61, 0, 0), whole.iterations());
    }

    /**
     * k6's docs, ramping-vus: 0 → 10 VUs over 20 s, → 0 over 10 s. VU h (0-based) starts at 2(h+1) s and is stopped at
     * 30 − h s (one VU a second from 21 s), a span of 28 − 3h s, looping iterations of 0.3 s. gracefulRampDown 0s: the
     * iteration running at the stop is interrupted; completed Σ floor((28 − 3h)/0.3) = 93 + 83 + … + 3 = 480, 10
     * interrupted. With the default 30s, each finishes it: 490, none interrupted.
     */
    @Test
    void rampingVusTimelineWithGracefulRampDown() {
        List<K6Stage> stages = List.of(new K6Stage("20s", 10), new K6Stage("10s", 0));
        K6Scenario hard = new K6Scenario("ramping-vus", null, null, null, null, null, null, null, null, stages, null, 0, "0s", null,
                null);
        assertEquals(new IterationFigures(480, 10, 0), Models.run(fixed(300), k6(hard), 1).iterations());
        K6Scenario graceful = new K6Scenario("ramping-vus", null, null, null, null, null, null, null, null, stages, null, 0, null,
                null, null);
        assertEquals(new IterationFigures(490, 0, 0), Models.run(fixed(300), k6(graceful), 1).iterations());
    }

    /**
     * The same ramp with iterations of 0.45 s and gracefulRampDown 150ms: at its stop VU h is r = (28 − 3h) mod 0.45 s
     * into an iteration (0.1, 0.25 or 0.4 s); it finishes within 150 ms only when r = 0.4 (h = 2, 5, 8), else it is
     * interrupted 150 ms after the stop. Completed Σ floor((28 − 3h)/0.45) + 3 = 317 + 3 = 320, 7 interrupted.
     */
    @Test
    void gracefulRampDownCutsLongIterations() {
        List<K6Stage> stages = List.of(new K6Stage("20s", 10), new K6Stage("10s", 0));
        K6Scenario s = new K6Scenario("ramping-vus", null, null, null, null, null, null, null, null, stages, null, 0, "150ms", null,
                null);
        assertEquals(new IterationFigures(320, 7, 0), Models.run(fixed(450), k6(s), 1).iterations());
    }

    /**
     * Top-level stages (ramping-vus from 1 VU): 1 → 3 VUs over 2 s, 3 for 2 s, → 0 over 0 s with iterations of 0.3 s.
     * VU 0 runs 0–4 s, VU 1 from 1 s, VU 2 from 2 s; at 4 s all are stopped gracefully and finish: ceil(4/0.3) = 14,
     * ceil(3/0.3) = 10, ceil(2/0.3) = 7 — 31 completed.
     */
    @Test
    void topLevelStages() {
        LoadProfile p = new LoadProfile("stages", null, Map.of(), null, null, null, null, null, null, null,
                List.of(new K6Stage("2s", 3), new K6Stage("2s", 3), new K6Stage("0s", 0)), null);
        assertTrue(p.isClosed());
        assertEquals(new IterationFigures(31, 0, 0), Models.run(fixed(300), p, 1).iterations());
    }

    /**
     * constant-vus: 4 VUs for 2 s, iterations of 0.3 s: each starts 7 (at 0, 0.3, …, 1.8 s), the seventh ending at 2.1 s
     * within gracefulStop: 28 completed.
     */
    @Test
    void constantVus() {
        K6Scenario s = new K6Scenario("constant-vus", null, null, null, null, "2s", null, null, null, null, 4, null, null, null, null);
        assertEquals(new IterationFigures(28, 0, 0), Models.run(fixed(300), k6(s), 1).iterations());
    }

    /**
     * per-vu-iterations: 3 VUs × 10 iterations of 0.3 s, maxDuration 2s: each starts 7 before 2 s, 3 are left
     * (dropped, 9 in all); with gracefulStop 0 the seventh, running at 2 s, is interrupted: 18 completed, 3
     * interrupted. shared-iterations: 3 VUs share 10: all done by 1.2 s.
     */
    @Test
    void iterationsExecutors() {
        K6Scenario perVu = new K6Scenario("per-vu-iterations", null, "0s", null, null, null, null, null, null, null, 3, null, null,
                10L, "2s");
        assertEquals(new IterationFigures(18, 3, 9), Models.run(fixed(300), k6(perVu), 1).iterations());
        K6Scenario shared = new K6Scenario("shared-iterations", null, null, null, null, null, null, null, null, null, 3, null, null,
                10L, "2s");
        assertEquals(new IterationFigures(10, 0, 0), Models.run(fixed(300), k6(shared), 1).iterations());
    }

    /** A k6 threshold is judged as the design's SLOs are: p(99)<300 on 250 ms answers passes, avg<200 fails. */
    @Test
    void thresholdsAreSlos() {
        LoadProfile p = new LoadProfile("k6", null, Map.of(), null, null, null, null, null, null,
                Map.of("default", constantRate(10, "10s", 3, null)), null,
                Map.of("http_req_duration", List.of(K6Threshold.of("p(99)<300"), K6Threshold.of("avg<200"))));
        RunResult r = Models.run(fixed(250), p, 1);
        assertEquals(2, r.slos().size());
        assertEquals("p99 < 300ms", r.slos().get(0).expr());
        assertTrue(r.slos().get(0).met());
        assertEquals("mean < 200ms", r.slos().get(1).expr());
        assertTrue(!r.slos().get(1).met());
    }

    /** A Gatling profile has no iterations figure, so its summary gains no key. */
    @Test
    void gatlingProfileHasNoIterations() {
        assertEquals(null, Models.run(fixed(10), Models.poisson(10, 10), 1).iterations());
    }
}
