package io.headroom.autoscale;

import io.headroom.design.autoscaling.Autoscaling;
import io.headroom.design.autoscaling.Metric;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.ReplicasSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Autoscalers closing the loop on a fluid service: the load (requests per second) is spread evenly over the
 * ready instances, each instance saturates at 100 rps (cpu 1.0 of its request), and a new instance is ready 60 s
 * after launch. The load ramps from 100 to 1000 rps in 20 min, holds for 20 min, then drops to 300 rps. Checks the
 * settled counts (both aim at cpu 0.6: 1000 rps needs 16.7 instances, which target tracking rounds up to 17 while
 * the HPA stops at 16, inside its tolerance; 300 rps needs 5), the HPA's rate limit on the way up and the scale-in delays (the HPA's 300 s window, target
 * tracking's 15 one-minute datapoints), and prints the minute-by-minute table docs/autoscaling.md shows.
 */
class ClosedLoopTest {
    private static final long S = 1_000_000_000L;
    private static final long MIN = 60 * S;

    static double load(long t) {
        double m = t / (double) MIN;
        if (m < 0) {
            return 100;
        }
        if (m < 20) {
            return 100 + 900 * m / 20;
        }
        return m < 40 ? 1000 : 300;
    }

    /** A fleet whose instances follow the desired count (the newest go first) and share the load evenly. */
    static final class FluidFleet implements ScalingView {
        long now;
        int desired;
        final List<Long> started = new ArrayList<>();
        final long startup = 60 * S;

        FluidFleet(int initial) {
            desired = initial;
            for (int i = 0; i < initial; i++) {
                started.add(-10 * MIN);
            }
        }

        void follow(int n) {
            desired = n;
            while (started.size() > n) {
                started.remove(started.size() - 1);
            }
            while (started.size() < n) {
                started.add(now);
            }
        }

        int readyAt(long t) {
            int r = 0;
            for (long s : started) {
                if (s + startup <= t) {
                    r++;
                }
            }
            return r;
        }

        public long nowNs() {
            return now;
        }

        public int desired() {
            return desired;
        }

        public int minReplicas() {
            return 1;
        }

        public int maxReplicas() {
            return 100;
        }

        public int pods() {
            return started.size();
        }

        public boolean ready(int pod) {
            return started.get(pod) + startup <= now;
        }

        public long startedNs(int pod) {
            return started.get(pod);
        }

        public long readySinceNs(int pod) {
            return ready(pod) ? started.get(pod) + startup : -1;
        }

        public double podValue(Metric metric, int pod, long intervalNs, long windowNs, long lagNs) {
            long to = now - lagNs;
            long from = to - windowNs;
            if (started.get(pod) + startup > to) {
                return Double.NaN;
            }
            double perPod = load((from + to) / 2) / Math.max(1, readyAt(to));
            return switch (metric) {
                case CPU, UTILISATION -> Math.min(1.0, perPod / 100);
                case RPS -> perPod;
                default -> Double.NaN;
            };
        }

        public double fleetValue(Metric metric, long intervalNs, long windowNs, long lagNs) {
            long to = now - lagNs;
            if (metric == Metric.RPS_TOTAL) {
                return load(to - windowNs / 2);
            }
            int r = readyAt(to);
            return r == 0 ? Double.NaN : podValue(metric, 0, intervalNs, windowNs, lagNs);
        }

        public long startupNs() {
            return startup;
        }
    }

    /** Runs the autoscaler for 80 minutes; returns the desired count at each whole minute (index = minute). */
    static int[] run(Autoscaler a, FluidFleet f) {
        int[] perMinute = new int[81];
        long t = 0;
        int minute = 0;
        while (minute <= 80) {
            long next = Math.min(a.nextEvaluationNs(), minute * MIN);
            t = next;
            f.now = t;
            if (t == minute * MIN) {
                perMinute[minute++] = f.desired;
            }
            if (a.nextEvaluationNs() == t) {
                f.follow(a.decide(f));
            }
        }
        return perMinute;
    }

    @Test
    void hpaAndTargetTrackingFollowARampAndADrop() {
        ReplicasSpec bounds = new ReplicasSpec(2, 1, 100);
        Autoscaling hpaSpec = YamlSpecTest.one0("{policy: hpa, metric: cpu, target: 0.6}");
        Autoscaling ttSpec = YamlSpecTest.one0("{policy: target-tracking, metric: cpu, target: 0.6}");
        FluidFleet hf = new FluidFleet(2);
        FluidFleet tf = new FluidFleet(2);
        int[] hpa = run(Autoscaler.of(hpaSpec, bounds), hf);
        int[] tt = run(Autoscaler.of(ttSpec, bounds), tf);
        StringBuilder table = new StringBuilder("minute  load rps  hpa  target-tracking\n");
        for (int m = 0; m <= 80; m += 2) {
            table.append(String.format(Locale.ROOT, "%6d  %8.0f  %3d  %15d%n", m, load(m * MIN), hpa[m], tt[m]));
        }
        System.out.print(table);
        // settled at the hold. Target tracking: 1000 rps at 0.6 of 100 rps per instance is 16.7 → 17. The HPA stops at
        // 16: there cpu is 62 % of 60 %, a ratio of 1.03, inside the 10 % tolerance (16, 17 and 18 are all stable)
        assertEquals(16, hpa[39]);
        assertEquals(17, tt[39]);
        // after the drop: 300 rps → 5
        assertEquals(5, hpa[80]);
        assertEquals(5, tt[80]);
        // the HPA keeps 16 for its 300 s scale-down window after the drop at 40 min (metrics lag 15 s, window 15 s)
        assertEquals(16, hpa[45]);
        assertTrue(hpa[46] < 16, "hpa at 46 min: " + hpa[46]);
        // target tracking needs 15 low datapoints, published 60 s late: nothing before 40 + 16 min
        assertEquals(17, tt[55]);
        assertTrue(tt[58] < 17, "tt at 58 min: " + tt[58]);
        // on the ramp the HPA is never further behind than its tolerance and two minutes of load: at least enough
        // instances to hold the load of two minutes ago at 0.6 × 1.1 = 66 % cpu
        for (int m = 3; m <= 20; m++) {
            int needed = (int) Math.ceil(load((m - 2) * MIN) / 66 - 1e-9);
            assertTrue(hpa[m] >= needed, "minute " + m + ": hpa " + hpa[m] + " < " + needed);
        }
    }
}
