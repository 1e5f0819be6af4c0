package io.headroom.validation.compare;

import io.headroom.validation.testbed.ScaledService;
import java.util.ArrayList;
import java.util.List;

/**
 * An autoscaled service's instance count over time, testbed against simulation, second by second. Measured:
 * the testbed's instances in any state (starting, ready, draining) at each second from the first request.
 * Simulated: the simulator's {@code NAME.instances} in one-second windows (the time-average of the same
 * count), mean over the replications. Scale-outs are compared level by level: the time the count first
 * reached k in the testbed (its autoscaler's decision) and in the simulation (the first window whose
 * average reaches k − 0.5, mean over the replications that got there), and the lag between them.
 *
 * <p>The target (issue 7): the count within one sync period of the testbed's. A second t passes when the
 * measured count lies within the simulated counts seen over [t − P, t + P] (P the sync period) widened by
 * half an instance, i.e. the same count, shifted by at most one sync period.
 */
public record ScalingComparison(String service, double syncPeriodS, double[] tS, double[] measured, double[] simulated,
                                List<Level> levels, double maxAbsDiff, int secondsOutside, int seconds) {

    /** The count first reaching {@code instances}: when, in the testbed and simulated, and simulated − testbed. */
    public record Level(int instances, double testbedS, double simulatedS, double lagS, int replicationsReached, int replications) {
    }

    /** Whether every second is within one sync period of the simulated count. */
    public boolean pass() {
        return secondsOutside == 0;
    }

    /** The largest |lag| of a level both reached, NaN if none. */
    public double maxAbsLagS() {
        double m = Double.NaN;
        for (Level l : levels) {
            if (Double.isFinite(l.lagS())) {
                m = Double.isNaN(m) ? Math.abs(l.lagS()) : Math.max(m, Math.abs(l.lagS()));
            }
        }
        return m;
    }

    /**
     * @param simulated per replication, rows {t_s, window_s, instances} of one-second windows
     * @param endS      the profile's end: seconds compared are [0, endS)
     */
    public static ScalingComparison of(ScaledService.Timeline measured, List<List<double[]>> simulated, double endS) {
        int n = (int) Math.floor(endS);
        double[] m = new double[n];
        java.util.Arrays.fill(m, Double.NaN);
        for (int[] row : measured.perSecond()) {
            if (row[0] >= 0 && row[0] < n) {
                m[row[0]] = row[1];
            }
        }
        m[0] = Double.isNaN(m[0]) && n > 1 ? firstFinite(m) : m[0]; // the clock's second 0 has no sample
        for (int t = 1; t < n; t++) {
            if (Double.isNaN(m[t])) {
                m[t] = m[t - 1];
            }
        }
        double[] s = new double[n];
        for (int t = 0; t < n; t++) {
            double sum = 0;
            int c = 0;
            for (List<double[]> rep : simulated) {
                if (t < rep.size()) {
                    sum += rep.get(t)[2];
                    c++;
                }
            }
            s[t] = c == 0 ? Double.NaN : sum / c;
        }
        double[] ts = new double[n];
        double maxDiff = 0;
        int outside = 0;
        int p = (int) Math.ceil(Double.isFinite(measured.syncPeriodS()) ? measured.syncPeriodS() : 15);
        for (int t = 0; t < n; t++) {
            ts[t] = t;
            if (Double.isNaN(m[t]) || Double.isNaN(s[t])) {
                continue;
            }
            maxDiff = Math.max(maxDiff, Math.abs(m[t] - s[t]));
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int u = Math.max(0, t - p); u <= Math.min(n - 1, t + p); u++) {
                if (!Double.isNaN(s[u])) {
                    lo = Math.min(lo, s[u]);
                    hi = Math.max(hi, s[u]);
                }
            }
            if (m[t] < lo - 0.5 || m[t] > hi + 0.5) {
                outside++;
            }
        }
        List<Level> levels = new ArrayList<>();
        int top = 0;
        for (double v : m) {
            top = Double.isNaN(v) ? top : Math.max(top, (int) v);
        }
        for (List<double[]> rep : simulated) {
            for (double[] row : rep) {
                top = Math.max(top, (int) Math.round(row[2]));
            }
        }
        int initial = Double.isNaN(m[0]) ? 1 : (int) m[0];
        for (int k = initial + 1; k <= top; k++) {
            double tb = Double.NaN;
            for (ScaledService.ScaleEvent e : measured.events()) {
                if (e.to() >= k && e.from() < k) {
                    tb = e.tS();
                    break;
                }
            }
            double sum = 0;
            int reached = 0;
            for (List<double[]> rep : simulated) {
                for (double[] row : rep) {
                    if (row[2] >= k - 0.5) {
                        sum += row[0] + row[1] * Math.max(0, Math.min(1, 1 - (row[2] - (k - 1)))); // where in the window the step was
                        reached++;
                        break;
                    }
                }
            }
            double sim = reached == 0 ? Double.NaN : sum / reached;
            levels.add(new Level(k, tb, sim, sim - tb, reached, simulated.size()));
        }
        return new ScalingComparison(measured.service(), measured.syncPeriodS(), ts, m, s, levels, maxDiff, outside, n);
    }

    private static double firstFinite(double[] v) {
        for (double x : v) {
            if (!Double.isNaN(x)) {
                return x;
            }
        }
        return Double.NaN;
    }
}
