package io.headroom.validation.compare;

import io.headroom.design.Design;
import io.headroom.load.LoadProfile;
import io.headroom.metrics.SeriesSink;
import io.headroom.random.RandomStreams;
import io.headroom.run.RunOptions;
import io.headroom.run.RunResult;
import io.headroom.run.Runner;
import io.headroom.yaml.BadInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The simulator's prediction for a validation: {@code replications} independent runs of the design under a
 * profile (seeds derived from the base seed as {@code --replications} derives them), their mean figures, the
 * 95 % half-width of those means (Student's t over the replications: the simulation's own noise, which
 * replications shrink), the 95 % half-width of one run (the prediction interval t·s·sqrt(1 + 1/n): where a
 * single run of a system that behaves exactly like the model lands, which no number of replications
 * shrinks), and the per-window series averaged over the replications.
 */
public final class SimulatedRuns {
    private final Metrics mean;
    private final Metrics halfWidth;
    private final Metrics runHalfWidth;
    private final int replications;
    private final List<double[]> windows;
    private final List<RunResult> results;
    private final List<Collector> sinks;

    /** Per window: t_s, throughput (completions/s), errors, p50, p95, p99 (ms), averaged over replications. */
    public List<double[]> windows() {
        return windows;
    }

    private SimulatedRuns(Metrics mean, Metrics halfWidth, Metrics runHalfWidth, int replications, List<double[]> windows,
                          List<RunResult> results, List<Collector> sinks) {
        this.sinks = sinks;
        this.mean = mean;
        this.halfWidth = halfWidth;
        this.runHalfWidth = runHalfWidth;
        this.replications = replications;
        this.windows = windows;
        this.results = results;
    }

    public static SimulatedRuns run(Design design, Path designDir, LoadProfile profile, Path profileDir, long seed, int replications,
                                    Duration window) throws BadInputException {
        List<double[]> figures = new ArrayList<>();
        List<List<double[]>> series = new ArrayList<>();
        List<RunResult> results = new ArrayList<>();
        List<Collector> sinks = new ArrayList<>();
        RunOptions options = RunOptions.DEFAULTS.withWindow(window);
        for (int i = 0; i < replications; i++) {
            Collector sink = new Collector();
            RunResult r = Runner.run(design, designDir, profile, profileDir, RandomStreams.replicationSeed(seed, i), options, sink);
            results.add(r);
            figures.add(metrics(r).toArray());
            series.add(sink.rows);
            sinks.add(sink);
        }
        Metrics[] summary = summarise(figures);
        int n = series.stream().mapToInt(List::size).min().orElse(0);
        List<double[]> windows = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            double[] acc = new double[6];
            int[] count = new int[6];
            for (List<double[]> s : series) {
                double[] row = s.get(w);
                for (int k = 0; k < 6; k++) {
                    if (!Double.isNaN(row[k])) {
                        acc[k] += row[k];
                        count[k]++;
                    }
                }
            }
            for (int k = 0; k < 6; k++) {
                acc[k] = count[k] == 0 ? Double.NaN : acc[k] / count[k];
            }
            windows.add(acc);
        }
        return new SimulatedRuns(summary[0], summary[1], summary[2], replications, windows, results, sinks);
    }

    /** Replications' figures summarised without their series (for checking the statistics on generated runs). */
    static SimulatedRuns of(List<Metrics> figures) {
        Metrics[] summary = summarise(figures.stream().map(Metrics::toArray).toList());
        return new SimulatedRuns(summary[0], summary[1], summary[2], figures.size(), List.of(), List.of(), List.of());
    }

    /** Mean, the mean's 95 % half-width and one run's 95 % half-width of each figure over the replications. */
    private static Metrics[] summarise(List<double[]> figures) {
        int replications = figures.size();
        double[] mean = new double[Metrics.NAMES.length];
        double[] hw = new double[mean.length];
        double[] runHw = new double[mean.length];
        double t = replications > 1 ? new TDistribution(replications - 1).inverseCumulativeProbability(0.975) : Double.NaN;
        for (int m = 0; m < mean.length; m++) {
            SummaryStatistics s = new SummaryStatistics();
            for (double[] f : figures) {
                s.addValue(f[m]);
            }
            mean[m] = s.getMean();
            hw[m] = replications > 1 ? t * s.getStandardDeviation() / Math.sqrt(replications) : Double.NaN;
            runHw[m] = replications > 1 ? t * s.getStandardDeviation() * Math.sqrt(1 + 1.0 / replications) : Double.NaN;
        }
        return new Metrics[] {Metrics.of(mean), Metrics.of(hw), Metrics.of(runHw)};
    }

    static Metrics metrics(RunResult r) {
        var o = r.overall();
        var l = o.latencyMs();
        return new Metrics(l.p50(), l.p90(), l.p95(), l.p99(), o.throughputPerS(),
                o.requests() == 0 ? 0 : (double) o.errorTotal() / o.requests());
    }

    public Metrics mean() {
        return mean;
    }

    public Metrics halfWidth() {
        return halfWidth;
    }

    /** The 95 % half-width of a single run's figures (NaN with one replication). */
    public Metrics runHalfWidth() {
        return runHalfWidth;
    }

    public int replications() {
        return replications;
    }

    /**
     * Each replication's per-window {@code COMPONENT.instances} (the time-average of its instances in any state
     * over the window) for {@code component}: rows of {t_s (window start), window_s, instances}; empty if the
     * component has no such column.
     */
    public List<List<double[]>> instances(String component) {
        List<List<double[]>> out = new ArrayList<>();
        for (Collector c : sinks) {
            int k = c.columnNames.indexOf(component + ".instances");
            if (k < 0) {
                return List.of();
            }
            List<double[]> rows = new ArrayList<>();
            for (double[] v : c.raw) {
                rows.add(new double[] {v[c.t], v[c.width], v[k]});
            }
            out.add(rows);
        }
        return out;
    }

    /** The runs themselves (the first one's utilisation and warnings go into the report). */
    public List<RunResult> results() {
        return results;
    }

    /** Keeps the series columns a validation compares: t_s, completions/s, errors, p50, p95, p99. */
    private static final class Collector implements SeriesSink {
        final List<double[]> rows = new ArrayList<>();
        final List<double[]> raw = new ArrayList<>();
        List<String> columnNames = List.of();
        int t;
        int completions;
        int errors;
        int p50;
        int p95;
        int p99;
        int width;

        @Override
        public void columns(List<String> columns) {
            columnNames = List.copyOf(columns);
            t = columns.indexOf("t_s");
            completions = columns.indexOf("completions");
            errors = columns.indexOf("errors");
            p50 = columns.indexOf("p50_ms");
            p95 = columns.indexOf("p95_ms");
            p99 = columns.indexOf("p99_ms");
            width = columns.indexOf("window_s");
        }

        @Override
        public void row(double[] v) {
            double w = v[width];
            if (columnNames.stream().anyMatch(n -> n.endsWith(".instances"))) {
                raw.add(v.clone());
            }
            rows.add(new double[] {v[t], v[completions] / w, v[errors], v[p50], v[p95], v[p99]});
        }
    }
}
