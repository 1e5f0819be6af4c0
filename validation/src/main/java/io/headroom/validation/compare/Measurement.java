package io.headroom.validation.compare;

import io.headroom.metrics.LatencyStats;
import io.headroom.validation.gatling.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * What a load-generator run measured, over its measured period [warm-up, end): the {@link Metrics} with
 * the same definitions as the simulator's summary (percentiles of successful requests that started in the
 * period, from an HdrHistogram as the simulator's; throughput from successful completions inside the
 * period; error rate over requests started in it), and each figure's 95 % confidence interval by batch
 * means: the period is cut into {@code batches} consecutive batches and Student's t(0.975, B-1) is applied
 * to the spread of a per-batch mean over sqrt(B).
 *
 * <p>Throughput and error rate are means, so their batch values are averaged directly. A percentile is not:
 * the run's p99 is set by the few excursions of the queue that put responses above it, and the p99s of
 * the batches scatter far less than the run's p99 does from run to run (an M/M/4 at rho 0.91 over 180 s:
 * run-to-run SD of p99 62 ms, the batch p99s' estimate 19.5 ms, "95 %" intervals that covered the true p99
 * in 53 % of 60 runs, measured while writing this). The interval of a percentile q is therefore the batch-means interval of the fraction
 * of successful requests above the run's value, inverted through the run's own distribution:
 * [Q(q - t·se), Q(q + t·se)] with Q the run's empirical quantile function (the exceedance of a fixed
 * level is a mean, whose standard error over the batches is the ratio estimator's, so batches may differ in size; batches
 * without a successful request are left out).
 * Its half-width is half that interval's length; {@link #lower()} and {@link #upper()} keep its skew. In
 * {@code PercentileNoiseTest} it covered the exact p99 in 187 of 200 runs at rho 0.5 and 81 of 100 at
 * rho 0.9 (batches still hold too few excursions); validations compare against the larger of it and the
 * model's own run-to-run spread ({@link Comparison}).
 */
public final class Measurement {
    private final Metrics overall;
    private final Metrics halfWidth;
    private final Metrics lower;
    private final Metrics upper;
    private final int batches;
    private final long requests;
    private final double[] sortedOkMs;
    private final List<Window> windows;

    /** One time window (by completion time, as the simulator's series): the percentiles with order-statistic CIs. */
    public record Window(double tS, double widthS, long ok, long errors, double throughput, double[] percentiles,
                         double[] lower, double[] upper) {
    }

    /** The percentiles of {@link Metrics}, in its order (its first four figures). */
    private static final double[] PERCENTILES = {50, 90, 95, 99};

    /** The window percentiles reported: p50, p95, p99 (as the simulator's time series). */
    public static final double[] WINDOW_PERCENTILES = {50, 95, 99};

    private Measurement(Metrics overall, Metrics halfWidth, Metrics lower, Metrics upper, int batches, long requests, double[] sortedOkMs,
                        List<Window> windows) {
        this.overall = overall;
        this.halfWidth = halfWidth;
        this.lower = lower;
        this.upper = upper;
        this.batches = batches;
        this.requests = requests;
        this.sortedOkMs = sortedOkMs;
        this.windows = windows;
    }

    public static Measurement of(List<RecordedRequest> all, double warmupS, double endS, int batches, double windowS) {
        double from = warmupS * 1000;
        double to = endS * 1000;
        Metrics overall = metrics(all, from, to);
        double[][] perBatch = new double[batches][];
        double width = (to - from) / batches;
        for (int b = 0; b < batches; b++) {
            perBatch[b] = metrics(all, from + b * width, from + (b + 1) * width).toArray();
        }
        double t = new TDistribution(batches - 1).inverseCumulativeProbability(0.975);
        double[] hw = new double[Metrics.NAMES.length];
        for (int m = 0; m < hw.length; m++) {
            SummaryStatistics s = new SummaryStatistics();
            for (double[] v : perBatch) {
                s.addValue(v[m]);
            }
            hw[m] = t * s.getStandardDeviation() / Math.sqrt(batches);
        }
        double[] ok = all.stream().filter(r -> r.ok() && r.startMs() >= from && r.startMs() < to)
                .mapToDouble(RecordedRequest::responseMs).sorted().toArray();
        double[] lower = overall.toArray();
        double[] upper = overall.toArray();
        for (int k = 0; k < PERCENTILES.length; k++) {
            double q = PERCENTILES[k] / 100;
            double level = quantile(ok, q); // exact; the reported value is HdrHistogram's, within its 0.1 %
            // the exceedance over all batches is a ratio (batches may hold different numbers of requests: a ramp):
            // its standard error by the ratio estimator over the batches that had successful requests
            long[] okIn = new long[batches];
            long[] aboveIn = new long[batches];
            long okAll = 0;
            long aboveAll = 0;
            int used = 0;
            for (int b = 0; b < batches; b++) {
                countAbove(all, level, from + b * width, from + (b + 1) * width, okIn, aboveIn, b);
                okAll += okIn[b];
                aboveAll += aboveIn[b];
                used += okIn[b] > 0 ? 1 : 0;
            }
            double p = okAll == 0 ? Double.NaN : (double) aboveAll / okAll;
            double squares = 0;
            for (int b = 0; b < batches; b++) {
                double d = aboveIn[b] - p * okIn[b];
                squares += d * d;
            }
            double tn = used < 2 ? Double.NaN : new TDistribution(used - 1).inverseCumulativeProbability(0.975);
            double se = used < 2 ? Double.NaN : Math.sqrt(squares / ((double) used * (used - 1))) / ((double) okAll / used);
            double lo = Double.isNaN(se) ? Double.NaN : quantile(ok, Math.max(0, q - tn * se));
            double hi = Double.isNaN(se) ? Double.NaN : quantile(ok, Math.min(1, q + tn * se));
            hw[k] = (hi - lo) / 2;
            lower[k] = Math.min(lo, overall.get(k));
            upper[k] = Math.max(hi, overall.get(k));
        }
        for (int m = PERCENTILES.length; m < hw.length; m++) {
            lower[m] -= hw[m];
            upper[m] += hw[m];
        }
        long requests = all.stream().filter(r -> r.startMs() >= from && r.startMs() < to).count();
        return new Measurement(overall, Metrics.of(hw), Metrics.of(lower), Metrics.of(upper), batches, requests, ok, windows(all, windowS));
    }

    /** The figures of the requests that started in [fromMs, toMs). */
    static Metrics metrics(List<RecordedRequest> all, double fromMs, double toMs) {
        LatencyStats lat = new LatencyStats();
        long started = 0;
        long errors = 0;
        long completedInside = 0;
        for (RecordedRequest r : all) {
            double end = r.startMs() + r.responseMs();
            if (r.ok() && end >= fromMs && end < toMs) {
                completedInside++;
            }
            if (r.startMs() < fromMs || r.startMs() >= toMs) {
                continue;
            }
            started++;
            if (r.ok()) {
                lat.record(Math.round(r.responseMs() * 1e6));
            } else {
                errors++;
            }
        }
        double ms = 1e-6;
        return new Metrics(lat.percentileNs(50) * ms, lat.percentileNs(90) * ms, lat.percentileNs(95) * ms,
                lat.percentileNs(99) * ms, completedInside / ((toMs - fromMs) / 1000), started == 0 ? 0 : (double) errors / started);
    }

    private static List<Window> windows(List<RecordedRequest> all, double windowS) {
        double lastEnd = all.stream().mapToDouble(r -> r.startMs() + r.responseMs()).max().orElse(0);
        int n = (int) Math.ceil(lastEnd / 1000 / windowS);
        List<List<Double>> ok = new ArrayList<>();
        long[] errors = new long[n];
        for (int w = 0; w < n; w++) {
            ok.add(new ArrayList<>());
        }
        for (RecordedRequest r : all) {
            int w = Math.min(n - 1, (int) ((r.startMs() + r.responseMs()) / 1000 / windowS));
            if (r.ok()) {
                ok.get(w).add(r.responseMs());
            } else {
                errors[w]++;
            }
        }
        List<Window> out = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            double[] x = ok.get(w).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] p = new double[WINDOW_PERCENTILES.length];
            double[] lo = new double[p.length];
            double[] hi = new double[p.length];
            for (int k = 0; k < p.length; k++) {
                double q = WINDOW_PERCENTILES[k] / 100;
                p[k] = quantile(x, q);
                // distribution-free interval from the binomial law of the order statistics (independent samples)
                double sd = Math.sqrt(x.length * q * (1 - q));
                lo[k] = x.length == 0 ? Double.NaN : x[clamp((int) Math.floor(x.length * q - 1.96 * sd) - 1, x.length)];
                hi[k] = x.length == 0 ? Double.NaN : x[clamp((int) Math.ceil(x.length * q + 1.96 * sd) - 1, x.length)];
            }
            out.add(new Window(w * windowS, windowS, x.length, errors[w], x.length / windowS, p, lo, hi));
        }
        return out;
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }

    /** Counts into {@code ok[b]} and {@code above[b]} the successful requests started in [fromMs, toMs), and those slower than {@code levelMs}. */
    private static void countAbove(List<RecordedRequest> all, double levelMs, double fromMs, double toMs, long[] ok, long[] above, int b) {
        for (RecordedRequest r : all) {
            if (r.ok() && r.startMs() >= fromMs && r.startMs() < toMs) {
                ok[b]++;
                if (r.responseMs() > levelMs) {
                    above[b]++;
                }
            }
        }
    }

    /** The smallest value with at least a fraction {@code q} of the samples at or below it (NaN when none). */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[clamp(rank - 1, sorted.length)];
    }

    public Metrics overall() {
        return overall;
    }

    public Metrics halfWidth() {
        return halfWidth;
    }

    /** The 95 % intervals' lower ends (percentiles: the inverted exceedance interval; the others: value minus half-width). */
    public Metrics lower() {
        return lower;
    }

    /** The 95 % intervals' upper ends. */
    public Metrics upper() {
        return upper;
    }

    public int batches() {
        return batches;
    }

    /** Requests that started in the measured period. */
    public long requests() {
        return requests;
    }

    /** Response times of the successful requests of the measured period, ascending (for the CDF). */
    public double[] sortedOkMs() {
        return sortedOkMs.clone();
    }

    public List<Window> windows() {
        return windows;
    }

    @Override
    public String toString() {
        return "Measurement" + overall + " ± " + halfWidth + " (" + requests + " requests, " + batches + " batches)";
    }
}
