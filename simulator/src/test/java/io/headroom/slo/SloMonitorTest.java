package io.headroom.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.SloSpec;
import io.headroom.request.ErrorCause;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Windowed SLOs, error budgets and incidents on scripted sequences of requests and steps. */
class SloMonitorTest {
    private static final long S = 1_000_000_000L;
    private static final List<String> COLUMNS = List.of("t_s", "errors.rejected", "api.utilisation", "api.cpu", "api.queue");

    private static SloMonitor monitor(List<SloSpec> specs, long warmupS, long horizonS) {
        return new SloMonitor(specs, new String[] {"browse", "checkout"}, warmupS * S, horizonS * S, 10 * S, COLUMNS, List.of());
    }

    private static double[] row(long startS, double rejected, double util, double queue) {
        return new double[] {startS, rejected, util, util, queue};
    }

    /** Every window's p99 is the p99 of a histogram of exactly the latencies of its steps. */
    @Test
    void slidingWindowsAreTheMergedStepsExactly() {
        SloMonitor m = monitor(List.of(SloSpec.of("checkout.p99 < 400ms over 1m")), 0, 600);
        SplittableRandom rng = new SplittableRandom(7);
        List<long[]> steps = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            int n = 150 + rng.nextInt(100);
            long[] lat = new long[n];
            double scale = s >= 30 && s < 33 ? 2_000 : 50; // p99 of the rest: 230 ms // an overload in steps 30..32
            for (int i = 0; i < n; i++) {
                lat[i] = (long) (-Math.log(1 - rng.nextDouble()) * scale * 1e6);
                m.completed(1, lat[i]);
                m.completed(0, 10 * S); // browse requests are not counted by a checkout SLO
            }
            steps.add(lat);
            m.stepClosed(s * 10 * S, (s + 1) * 10 * S, row(s * 10, 0, s >= 30 && s < 33 ? 1 : 0.5, 0));
        }
        SloMonitor.Findings f = m.finish();
        SloVerdict v = f.windowed().get(0);
        double worst = 0;
        int worstStart = -1;
        int violating = 0;
        for (int w = 0; w + 6 <= 60; w++) {
            Histogram h = new Histogram(3);
            for (int s = w; s < w + 6; s++) {
                for (long x : steps.get(s)) {
                    h.recordValue(x);
                }
            }
            double p99 = h.getValueAtPercentile(99) / 1e6;
            if (p99 > worst) {
                worst = p99;
                worstStart = w;
            }
            violating += p99 >= 400 ? 1 : 0;
        }
        assertEquals(worst, v.windows().worstValue(), 0.0);
        assertEquals(worst, v.value(), 0.0);
        assertEquals(worstStart * 10.0, v.windows().worstWindowStartS(), 0.0);
        assertEquals(55, v.windows().judged());
        assertEquals(60.0, v.windows().windowS(), 0.0);
        assertEquals(violating, v.windows().violating());
        assertTrue(violating >= 8 && violating <= 10, "windows covering the three overloaded steps: " + violating);
        assertFalse(v.met());
        // the incident is narrowed to the steps that miss the objective on their own
        assertEquals(1, f.incidents().size(), f.incidents().toString());
        Incident i = f.incidents().get(0);
        assertEquals(300.0, i.startS(), 0.0);
        assertEquals(330.0, i.endS(), 0.0);
        assertEquals(List.of("api saturated (utilisation 1.00, cpu 1.00)"), i.causes());
    }

    /** Windows with fewer than min-requests requests are not judged; a run shorter than a window is one window. */
    @Test
    void thinWindowsAreNotJudgedAndShortRunsAreOneWindow() {
        SloMonitor m = monitor(List.of(new SloSpec("errors < 1% over 1m", 50, null, null, null, null),
                SloSpec.of("errors < 1% over 10m")), 20, 200);
        for (int s = 0; s < 20; s++) {
            int requests = s < 10 ? 5 : 20; // 5 then 20 requests a step, one of them failed
            for (int i = 0; i < requests - 1; i++) {
                m.completed(0, S / 10);
            }
            m.failed(0, ErrorCause.REJECTED);
            m.stepClosed(s * 10 * S, (s + 1) * 10 * S, row(s * 10, 1, 0.5, 0));
        }
        SloMonitor.Findings f = m.finish();
        SloVerdict oneMinute = f.windowed().get(0);
        // steps 2..19 are measured (warm-up 20 s): windows 2-7 .. 14-19; those with >= 50 requests judged
        long judged = 0;
        for (int w = 2; w + 6 <= 20; w++) {
            int n = 0;
            for (int s = w; s < w + 6; s++) {
                n += s < 10 ? 5 : 20;
            }
            judged += n >= 50 ? 1 : 0;
        }
        assertEquals(judged, oneMinute.windows().judged());
        assertEquals(100.0 * 6 / 60, oneMinute.value(), 1e-12, "the worst judged window (steps 6-11): 6 failures in 4 × 5 + 2 × 20");
        assertEquals(60.0, oneMinute.windows().worstWindowStartS(), 0.0);
        SloVerdict tenMinutes = f.windowed().get(1);
        assertEquals(1, tenMinutes.windows().judged(), "18 measured steps make one (short) window of 10 minutes");
        assertEquals(180.0, tenMinutes.windows().windowS(), 0.0);
        assertEquals(100.0 * 18 / (8 * 5 + 10 * 20), tenMinutes.value(), 1e-12);
    }

    /**
     * Google SRE workbook alerting by hand: 60-second steps of 1,000 events, target 99 % (budget 1 %),
     * 200 bad events a step in hour 2 only (burn rate 20). The 14.4× rule over 1 h and 5 m fires when 44 of the
     * last 60 steps burn (20 × 44 / 60 = 14.67 ≥ 14.4; 43 give 14.33): at the end of step 103, 6,240 s; it
     * resolves when the last 5 steps hold 3 burning ones (burn 12): end of step 121, 7,320 s. The 6× rule over
     * 6 h and 30 m fires when 18 of the last 360 steps burn: at the end of step 359, 21,600 s, with its
     * 30-minute window then all quiet it does not (burn 0) — so it never fires; the 1× over 3 d is not evaluable.
     */
    @Test
    void burnRateAlertsFireWhenTheWorkbookSaysTheyWould() {
        SloSpec spec = new SloSpec(null, null, "fast", "latency < 300ms", io.headroom.yaml.Fraction.of("99%"), Duration.ofDays(30));
        SloMonitor m = new SloMonitor(List.of(spec), new String[] {"default"}, 0, 8 * 3600 * S, 60 * S, COLUMNS, List.of());
        for (int s = 0; s < 8 * 60; s++) {
            boolean burning = s >= 60 && s < 120;
            for (int i = 0; i < 1000; i++) {
                if (burning && i < 100) {
                    m.failed(0, ErrorCause.TIMEOUT);
                } else if (burning && i < 200) {
                    m.completed(0, 300_000_000L); // exactly the bound: not below it, so bad
                } else {
                    m.completed(0, 299_999_999L);
                }
            }
            m.stepClosed(s * 60 * S, (s + 1) * 60 * S, row(s * 60, 0, 0.5, 0));
        }
        SloVerdict v = m.finish().budgets().get(0);
        SloVerdict.Budget b = v.budget();
        assertEquals(480_000, b.events());
        assertEquals(12_000, b.bad());
        assertEquals(1 - 12_000.0 / 480_000, b.goodFraction(), 1e-15);
        assertEquals(12_000 / (0.01 * 480_000), b.budgetSpent(), 1e-12, "2.5 budgets spent in eight hours");
        assertFalse(v.met());
        assertEquals(List.of(new SloVerdict.Alert("page: burn rate 14.4 over 1h and 5m", 6240, 7320)), b.alerts());
        assertEquals(List.of("fired", "quiet", "not_evaluable"), b.rules().stream().map(SloVerdict.Rule::status).toList());
    }

    /** For a 7-day period the workbook's burn rates scale by 7/30. */
    @Test
    void burnRatesScaleWithThePeriod() {
        SloSpec spec = new SloSpec(null, null, "weekly", "available", io.headroom.yaml.Fraction.of(0.999), Duration.ofDays(7));
        SloMonitor m = new SloMonitor(List.of(spec), new String[] {"default"}, 0, 3600 * S, 60 * S, COLUMNS, List.of());
        m.stepClosed(0, 60 * S, row(0, 0, 0, 0));
        SloVerdict.Budget b = m.finish().budgets().get(0).budget();
        assertEquals(14.4 * 7 / 30, b.rules().get(0).burnRate(), 1e-12);
        assertEquals(6 * 7 / 30.0, b.rules().get(1).burnRate(), 1e-12);
        assertEquals(1 * 7 / 30.0, b.rules().get(2).burnRate(), 1e-12);
        assertEquals(List.of("not_evaluable", "not_evaluable", "not_evaluable"),
                b.rules().stream().map(SloVerdict.Rule::status).toList(), "one minute measured: no long window fits");
    }

    /** Without windowed SLOs, the whole-run p99 SLO applied to each step finds the incidents; its verdict stays the run's. */
    @Test
    void wholeRunSlosFindIncidentsStepByStep() {
        SloMonitor m = monitor(List.of(SloSpec.of("p99 < 100ms")), 0, 300);
        for (int s = 0; s < 30; s++) {
            long latency = s == 12 || s == 13 ? S : S / 100;
            for (int i = 0; i < 200; i++) {
                m.completed(0, latency);
            }
            m.stepClosed(s * 10 * S, (s + 1) * 10 * S, row(s * 10, 0, 0.4, s == 12 ? 30 : 1));
        }
        SloMonitor.Findings f = m.finish();
        assertTrue(f.windowed().isEmpty());
        assertEquals(1, f.incidents().size());
        Incident i = f.incidents().get(0);
        assertEquals(120.0, i.startS(), 0.0);
        assertEquals(140.0, i.endS(), 0.0);
        assertEquals(List.of("no component saturated; busiest api at 0.40", "api queue grew from 1.0 to 30.0"), i.causes());
    }

    /** A fleet's autoscaler at its maximum, and waiting for instances to become ready, in the incident's steps. */
    @Test
    void incidentsSayWhatTheAutoscalerWasDoing() {
        int[] ready = {2};
        int[] desired = {2};
        ScalingProbe probe = new ScalingProbe() {
            @Override
            public String component() {
                return "api";
            }

            @Override
            public int ready() {
                return ready[0];
            }

            @Override
            public int desired() {
                return desired[0];
            }

            @Override
            public int max() {
                return 6;
            }
        };
        SloMonitor m = new SloMonitor(List.of(SloSpec.of("p99 < 100ms over 20s")), new String[] {"default"}, 0, 300 * S, 10 * S,
                COLUMNS, List.of(probe));
        for (int s = 0; s < 30; s++) {
            boolean slow = s >= 10 && s < 14;
            desired[0] = s < 10 ? 2 : 6;
            ready[0] = s < 12 ? 2 : 6;
            for (int i = 0; i < 200; i++) {
                m.completed(0, slow ? S : S / 100);
            }
            m.stepClosed(s * 10 * S, (s + 1) * 10 * S, row(s * 10, 0, slow ? 0.99 : 0.5, 0));
        }
        Incident i = m.finish().incidents().get(0);
        assertEquals(100.0, i.startS(), 0.0);
        assertEquals(140.0, i.endS(), 0.0);
        assertEquals(List.of("api saturated (utilisation 0.99, cpu 0.99)", "api autoscaler at its maximum (6) in 4 of 4 steps",
                "api waiting for readiness in 2 of 4 steps (wanted up to 6, ready as few as 2)"), i.causes());
    }
}
