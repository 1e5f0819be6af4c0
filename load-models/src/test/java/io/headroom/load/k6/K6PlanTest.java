package io.headroom.load.k6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.load.arrival.ArrivalStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The k6 executors' plans against k6's documentation's worked examples, k6's own unit tests (grafana/k6
 * {@code lib/executor/*_test.go}, commit 87883075) and hand computation.
 */
class K6PlanTest {
    private static final long S = 1_000_000_000L;

    private static List<Long> times(K6Plan plan) {
        ArrivalStream st = ((K6Plan.ArrivalRate) plan).times().get();
        List<Long> out = new ArrayList<>();
        for (long t = st.next(); t != ArrivalStream.END; t = st.next()) {
            out.add(t);
        }
        return out;
    }

    private static long[] perWindow(List<Long> times, long window, int windows) {
        long[] c = new long[windows];
        for (long t : times) {
            c[(int) (t / window)]++;
        }
        return c;
    }

    private static K6Scenario scenario(String executor, Integer rate, String timeUnit, String duration, Integer pre, Integer max,
                                       Integer startRate, List<K6Stage> stages) {
        return new K6Scenario(executor, null, null, rate, timeUnit, duration, pre, max, startRate, stages, null, null, null, null, null);
    }

    /**
     * k6's docs, constant-arrival-rate: "a constant rate of 30 iterations per second for 30 seconds", 2 VUs pre-allocated,
     * up to 50. The ticker's period is time.Duration(1e9/30) = 33,333,333 ns (truncated), so iteration g starts at
     * 33,333,333·g for g = 0..900: 31 in the first second (the 31st at 999,999,990 ns), 30 in each of the others, 901 in
     * all, the last at 29,999,999,700 ns.
     */
    @Test
    void constantArrivalRateDocsExample() {
        K6Plan plan = scenario("constant-arrival-rate", 30, "1s", "30s", 2, 50, null, null).plan(1.0);
        List<Long> t = times(plan);
        assertEquals(901, t.size());
        assertEquals(0L, t.get(0));
        assertEquals(33_333_333L, t.get(1));
        assertEquals(999_999_990L, t.get(30));
        assertEquals(29_999_999_700L, t.get(900));
        long[] perSecond = perWindow(t, S, 30);
        assertEquals(31, perSecond[0]);
        for (int s = 1; s < 30; s++) {
            assertEquals(30, perSecond[s], "second " + s);
        }
        K6Plan.ArrivalRate a = (K6Plan.ArrivalRate) plan;
        assertEquals(2, a.preAllocatedVUs());
        assertEquals(50, a.maxVUs());
        assertEquals(30 * S, a.regularNs());
        assertEquals(60 * S, a.endNs()); // gracefulStop's default, 30 s
    }

    /** k6's TestConstantArrivalRateGlobalIters: rate 20 per 950 ms for 1 s starts 22 iterations (0..21), 47.5 ms apart. */
    @Test
    void constantArrivalRateOddTimeUnit() {
        List<Long> t = times(scenario("constant-arrival-rate", 20, "950ms", "1s", 5, 5, null, null).plan(1.0));
        assertEquals(22, t.size());
        assertEquals(47_500_000L * 21, t.get(21));
    }

    /**
     * 10 a second for 1 s start at 0, 100, …, 900 ms (k6's TestConstantArrivalRateDroppedIterations runs them for
     * 950 ms, below the 1 s k6's Validate asks for); the one at 1 s is the regular duration's end.
     */
    @Test
    void constantArrivalRateTenPerSecond() {
        List<Long> t = times(scenario("constant-arrival-rate", 10, null, "1s", 5, 5, null, null).plan(1.0));
        List<Long> expected = new ArrayList<>();
        for (long k = 0; k < 10; k++) {
            expected.add(k * 100_000_000L);
        }
        assertEquals(expected, t);
    }

    /**
     * k6's docs, ramping-arrival-rate: 300 a minute for a minute, up to 600 over 2 minutes, 600 for 4, down to 60 over 2.
     * The area under the rate per minute: 300; 375 and 525 (the ramp, 300→450→600); 600 four times; 465 and 195
     * (600→330→60): 4260 in all. An iteration whose area is a whole minute's falls on the minute in exact arithmetic;
     * k6's float64 puts it just after (the 300th at 60 s is minute 1's) or just before (the 4260th, before 9 m, starts):
     * so the counts are the areas but for the iteration on a boundary, and all 4260 start.
     */
    @Test
    void rampingArrivalRateDocsExample() {
        K6Plan plan = scenario("ramping-arrival-rate", null, "1m", null, 50, null, 300, List.of(
                new K6Stage("1m", 300), new K6Stage("2m", 600), new K6Stage("4m", 600), new K6Stage("2m", 60))).plan(1.0);
        List<Long> t = times(plan);
        long[] perMinute = perWindow(t, 60 * S, 9);
        assertEquals("[299, 375, 525, 600, 600, 600, 600, 466, 195]", Arrays.toString(perMinute));
        long[] areas = {300, 375, 525, 600, 600, 600, 600, 465, 195};
        long area = 0;
        long counted = 0;
        for (int m = 0; m < 9; m++) {
            area += areas[m];
            counted += perMinute[m];
            assertEquals(area, counted, 1.0, "by minute " + (m + 1)); // the boundary iteration only
        }
        assertEquals(4260, t.size());
        assertTrue(t.get(4259) < 540 * S);
        long[] firstMinute = perWindow(t.subList(0, 299), S, 60);
        // 300 a minute is 5 a second, at 0.2 s, 0.4 s, …: the fifth of each second lands on the next second's start
        assertEquals(4, firstMinute[0]);
        for (int s = 1; s < 60; s++) {
            assertEquals(5, firstMinute[s], "second " + s);
        }
        assertEquals(200_000_000L, t.get(0)); // the first when the area reaches 1: 1/5 s
        assertEquals(50, ((K6Plan.ArrivalRate) plan).maxVUs()); // maxVUs defaults to preAllocatedVUs
    }

    /**
     * k6's TestRampingArrivalRateCal: 0→1 a second over 5 s, 1 for 1 s, 1→0 over 5 s start at sqrt(10) = 3.162 s,
     * sqrt(20) = 4.472 s, 5.5 s, 6.5 s + … (11 − sqrt(20)) = 6.528 s, 11 − sqrt(10) = 7.838 s; the sixth at 11 s is the
     * end. With timeUnit 1/3 s (three times as fast), 17 start before the end (k6's list has the 18th at 10.999 s).
     */
    @Test
    void rampingArrivalRateCal() {
        List<K6Stage> stages = List.of(new K6Stage("5s", 1), new K6Stage("1s", 1), new K6Stage("5s", 0));
        List<Long> t = times(scenario("ramping-arrival-rate", null, null, null, 1, null, 0, stages).plan(1.0));
        long[] expected = {(long) (Math.sqrt(10) * S), (long) (Math.sqrt(20) * S), 5_500_000_000L,
                11 * S - (long) Math.ceil(Math.sqrt(20) * S), 11 * S - (long) Math.ceil(Math.sqrt(10) * S)};
        assertEquals(5, t.size(), t.toString());
        for (int k = 0; k < 5; k++) {
            assertEquals(expected[k], t.get(k), 2.0, "iteration " + (k + 1));
        }
        long[] k6 = {1825, 2581, 3162, 3651, 4082, 4472, 4830, 5166, 5499, 5833, 6169, 6527, 6917, 7348, 7837, 8418, 9174, 10999};
        List<Long> fast = times(scenario("ramping-arrival-rate", null, "333333333ns", null, 1, null, 0, stages).plan(1.0));
        assertTrue(fast.size() == 17 || fast.size() == 18, fast.toString());
        for (int k = 0; k < fast.size(); k++) {
            assertEquals(k6[k] * 1e6, fast.get(k), k6[k] * 1e6 * 0.001, "iteration " + (k + 1)); // k6's InEpsilon 0.001
        }
    }

    /**
     * k6's docs (Instant load increase): 50→200 a second over 30 s, jump to 500, 500 for 10 m. The ramp's area is
     * 50 t + 2.5 t²: second k holds the i with A(k) ≤ i < A(k+1), 52 in the first (i = 1..52), then 55 + 10k ± the
     * half; 3750 over the ramp, then 500 a second.
     */
    @Test
    void rampingArrivalRateInstantIncrease() {
        List<Long> t = times(scenario("ramping-arrival-rate", null, "1s", null, 50, null, 50, List.of(
                new K6Stage("30s", 200), new K6Stage("0", 500), new K6Stage("10m", 500))).plan(1.0));
        long[] perSecond = perWindow(t, S, 630);
        for (int k = 0; k < 30; k++) {
            double a0 = 50.0 * k + 2.5 * k * k;
            double a1 = 50.0 * (k + 1) + 2.5 * (k + 1) * (k + 1);
            long hand = (long) Math.ceil(a1) - (long) Math.ceil(a0) - (k == 0 ? 1 : 0) + (k == 29 ? 1 : 0);
            assertEquals(hand, perSecond[k], 1.0, "second " + k);
        }
        long ramp = 0;
        for (int k = 0; k < 30; k++) {
            ramp += perSecond[k];
        }
        assertEquals(3750, ramp, 1.0);
        for (int k = 31; k < 630; k++) {
            assertEquals(500, perSecond[k], "second " + k);
        }
    }

    /**
     * k6's TestRampingVUsConfigExecutionPlanExample: the raw steps (one VU at a time along each ramp), and the
     * graceful steps with gracefulRampDown and gracefulStop at their default 30 s, at 80 s, 3 s and 0.
     */
    @Test
    void rampingVusExecutionPlanExample() {
        List<K6Stage> stages = List.of(new K6Stage("2s", 6), new K6Stage("5s", 1), new K6Stage("4s", 5), new K6Stage("4s", 1),
                new K6Stage("3s", 4), new K6Stage("2s", 4), new K6Stage("0s", 1), new K6Stage("3s", 1));
        int[][] raw = {{0, 4}, {1, 5}, {2, 6}, {3, 5}, {4, 4}, {5, 3}, {6, 2}, {7, 1}, {8, 2}, {9, 3}, {10, 4}, {11, 5}, {12, 4},
                {13, 3}, {14, 2}, {15, 1}, {16, 2}, {17, 3}, {18, 4}, {20, 1}};
        List<K6Plan.Step> expectedRaw = steps(raw);
        assertEquals(expectedRaw, K6Plan.Vus.rawSteps(4, stages, false));
        List<K6Plan.Step> zeroEnd = new ArrayList<>(expectedRaw);
        zeroEnd.add(new K6Plan.Step(23 * S, 0));
        K6Plan.Vus plan = K6Plan.Vus.ramping(0, 4, stages, 30 * S, 30 * S);
        assertEquals(zeroEnd, plan.raw());
        assertEquals(steps(new int[][]{{0, 4}, {1, 5}, {2, 6}, {33, 5}, {42, 4}, {50, 1}, {53, 0}}), plan.graceful());
        assertEquals(23 * S, plan.regularNs());
        assertEquals(53 * S, plan.endNs());
        assertEquals(steps(new int[][]{{0, 4}, {1, 5}, {2, 6}, {33, 5}, {42, 4}, {50, 1}, {103, 0}}),
                K6Plan.Vus.ramping(0, 4, stages, 30 * S, 80 * S).graceful());
        assertEquals(steps(new int[][]{{0, 4}, {1, 5}, {2, 6}, {26, 0}}), K6Plan.Vus.ramping(0, 4, stages, 30 * S, 3 * S).graceful());
        assertEquals(steps(new int[][]{{0, 4}, {1, 5}, {2, 6}, {23, 0}}), K6Plan.Vus.ramping(0, 4, stages, 30 * S, 0).graceful());
        assertEquals(zeroEnd, K6Plan.Vus.ramping(0, 4, stages, 0, 0).graceful());
    }

    /**
     * k6's docs, ramping-vus: 0 → 10 VUs over 20 s, then → 0 over 10 s, gracefulRampDown 0s. VU v starts at 2v s;
     * on the way down one VU stops each second, at 21 s (10 → 9) … 30 s (1 → 0); with gracefulRampDown 0 the stopped
     * VU is also interrupted then, and the scenario ends at 30 s + gracefulStop (30 s).
     */
    @Test
    void rampingVusDocsExample() {
        K6Scenario s = new K6Scenario("ramping-vus", null, null, null, null, null, null, null, null,
                List.of(new K6Stage("20s", 10), new K6Stage("10s", 0)), null, 0, "0s", null, null);
        K6Plan.Vus plan = (K6Plan.Vus) s.plan(1.0);
        List<K6Plan.Step> expected = new ArrayList<>();
        expected.add(new K6Plan.Step(0, 0));
        for (int v = 1; v <= 10; v++) {
            expected.add(new K6Plan.Step(2L * v * S, v));
        }
        for (int v = 9; v >= 0; v--) {
            expected.add(new K6Plan.Step((30 - v) * S, v));
        }
        assertEquals(expected, plan.raw());
        assertEquals(plan.raw(), plan.graceful()); // gracefulRampDown 0: the raw steps, which already end at 0
        assertEquals(30 * S, plan.endNs());
        assertEquals(10, plan.maxVUs());
    }

    /** Top-level stages: [{5m, 100}, …] is ramping-vus from k6's default of 1 VU; the target is VUs. */
    @Test
    void topLevelStagesAreRampingVus() {
        K6Plan.Vus plan = (K6Plan.Vus) K6Scenario.rampingVus(List.of(new K6Stage("5m", 100), new K6Stage("10m", 100),
                new K6Stage("5m", 0))).plan(1.0);
        assertEquals(new K6Plan.Step(0, 1), plan.raw().get(0));
        // ramp 1 → 100 over 300 s: v VUs at 300 − 300·(100 − v)/99 s, integer nanoseconds
        assertEquals(new K6Plan.Step(300 * S - 300 * S * 98 / 99, 2), plan.raw().get(1));
        assertEquals(new K6Plan.Step(300 * S, 100), plan.raw().get(99));
        assertEquals(100, plan.vusAt(600 * S));
        assertEquals(new K6Plan.Step(1200 * S, 0), plan.raw().get(plan.raw().size() - 1));
        // gracefulRampDown 30 s: the VUs allowed fall 30 s behind the ramp-down; the last step cut at 1200 + 30 (gracefulStop)
        assertEquals(new K6Plan.Step(1200 * S + 30 * S, 0), plan.graceful().get(plan.graceful().size() - 1));
    }

    @Test
    void iterationsExecutorsDefaults() {
        K6Plan.Iterations p = (K6Plan.Iterations) new K6Scenario("per-vu-iterations", null, "5s", null, null, null, null, null, null,
                null, 10, null, null, 20L, null).plan(1.0);
        assertEquals(600 * S, p.regularNs()); // maxDuration's default, 10 m
        assertEquals(605 * S, p.endNs());
        assertEquals(10, p.vus());
        assertEquals(20, p.iterations());
    }

    @Test
    void k6Durations() {
        assertEquals(90 * S, K6Durations.parse("1m30s", "d"));
        assertEquals(S / 2, K6Durations.parse("500", "d")); // a bare number is milliseconds
        assertEquals(36 * 3600 * S, K6Durations.parse("1d12h", "d"));
        assertEquals(1_500_000L, K6Durations.parse("1.5ms", "d"));
        assertEquals(0, K6Durations.parse("0", "d"));
    }

    @Test
    void thresholdsAsSlos() {
        assertEquals(List.of("p99 < 300ms", "mean <= 200ms", "checkout.p95 < 250.5ms", "errors < 1%", "p50 < 150ms"),
                K6Thresholds.slos(new java.util.LinkedHashMap<>(java.util.Map.of()) {{
                    put("http_req_duration", List.of(K6Threshold.of("p(99)<300"), K6Threshold.of("avg <= 200")));
                    put("http_req_duration{name:checkout,expected_response:true}", List.of(K6Threshold.of("p(95)<250.5")));
                    put("http_req_failed", List.of(K6Threshold.of("rate<0.01")));
                    put("http_req_duration{expected_response:true}", List.of(K6Threshold.of("med<150")));
                }}));
    }

    private static List<K6Plan.Step> steps(int[][] s) {
        List<K6Plan.Step> out = new ArrayList<>();
        for (int[] x : s) {
            out.add(new K6Plan.Step(x[0] * S, x[1]));
        }
        return out;
    }
}
