package io.headroom.validation.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * One simulator variant against the measurement: per figure, the measured value with its 95 % half-width,
 * the simulated value (mean over replications, plus the client-side overhead the simulator does not model)
 * with its own half-width, the error, and whether it is within the accuracy target.
 *
 * <p>Latencies and throughput: relative error {@code (simulated - measured) / measured}; the error rate: the
 * difference in percentage points. The half-width of the difference takes the larger of two estimates of
 * the noise between one measured run and the model's mean:
 * <ul>
 *   <li>the measurement's own interval ({@link Measurement}: batch means; for a percentile its side toward
 *   the simulated value, as the interval is skewed near saturation) with the simulated mean's half-width,
 *   in quadrature;</li>
 *   <li>one run's spread of the model ({@link SimulatedRuns#runHalfWidth()}, the prediction interval of the
 *   replications, which already holds the mean's uncertainty), taken relative to the simulated value and
 *   applied at the measured one, so a model that predicts a higher and noisier figure does not widen its
 *   own tolerance by its level.</li>
 * </ul>
 * Batch means understate a tail percentile's noise near saturation (an M/M/4 at rho 0.9 over 180 s: 81 %
 * coverage for a nominal 95 %); the model's spread is exact if the model is right, so a right model passes
 * at least about 95 % of the time per figure and a wrong one is caught by its mean. For a comparison that
 * replays the run itself ({@link #ofReplayedRun}) only the model's spread counts (when it is not zero). A
 * figure passes when {@code |error| <= threshold + half-width}: the target (p50, p90, p95 5 %, p99 10 %;
 * throughput and error rate 0, i.e. within the noise) widened by exactly that noise — never more.
 */
public record Comparison(String name, String arrivals, String demand, int replications, List<Row> rows,
                         Measurement measured, SimulatedRuns simulated, double overheadMs, boolean replayedRun) {

    /** Accuracy targets, in percent (error rate: percentage points), in {@link Metrics#NAMES} order. */
    public static final double[] THRESHOLDS = {5, 5, 5, 10, 0, 0};

    /**
     * @param runHalfWidth the 95 % half-width of one run of the model (its replications' spread; 0 with one)
     */
    public record Row(String metric, double measured, double measuredHalfWidth, double simulated, double simulatedHalfWidth,
                      double runHalfWidth, double error, double errorHalfWidth, double threshold, boolean pass) {
        /** True for the error rate, whose error is in percentage points rather than percent. */
        public boolean absolute() {
            return metric.equals("error_rate");
        }
    }

    public static Comparison of(String name, String arrivals, String demand, Measurement m, SimulatedRuns s, double overheadMs) {
        return of(name, arrivals, demand, m, s, overheadMs, false);
    }

    /**
     * A comparison that replays the measured run itself — its arrivals and each request's own service time
     * ({@code replay-trace}): the run's luck is replayed, not sampled, so the measurement's noise does not
     * count; what is left is the model's one-run spread (the resampled client overhead).
     */
    public static Comparison ofReplayedRun(String name, String arrivals, String demand, Measurement m, SimulatedRuns s,
                                           double overheadMs) {
        return of(name, arrivals, demand, m, s, overheadMs, true);
    }

    private static Comparison of(String name, String arrivals, String demand, Measurement m, SimulatedRuns s, double overheadMs,
                                 boolean replayedRun) {
        Metrics meas = m.overall();
        Metrics mhw = m.halfWidth();
        Metrics sim = s.mean().plusLatency(overheadMs);
        Metrics shw = s.halfWidth();
        Metrics rhw = s.runHalfWidth();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < Metrics.NAMES.length; i++) {
            double a = meas.get(i);
            double b = sim.get(i);
            double ha = mhw.get(i);
            double hb = Double.isNaN(shw.get(i)) ? 0 : shw.get(i);
            double hr = Double.isNaN(rhw.get(i)) ? 0 : rhw.get(i);
            double toward = b > a ? m.upper().get(i) - a : a - m.lower().get(i); // the measured interval's side
            double modelRun = i != 5 && b > 0 ? hr * a / b : hr; // the model's relative spread, at the measured level
            double hd = replayedRun && hr > 0 ? modelRun : Math.max(Math.sqrt(toward * toward + hb * hb), modelRun);
            double error;
            double errorHw;
            if (i == 5) {
                error = 100 * (b - a);
                errorHw = 100 * hd;
            } else {
                error = 100 * (b - a) / a;
                errorHw = 100 * hd / a;
            }
            boolean pass = Math.abs(error) <= THRESHOLDS[i] + errorHw + 1e-9;
            rows.add(new Row(Metrics.NAMES[i], a, ha, b, hb, hr, error, errorHw, THRESHOLDS[i], pass));
        }
        return new Comparison(name, arrivals, demand, s.replications(), rows, m, s, overheadMs, replayedRun);
    }

    public Row row(String metric) {
        return rows.stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
    }

    public boolean passes() {
        return rows.stream().allMatch(Row::pass);
    }
}
