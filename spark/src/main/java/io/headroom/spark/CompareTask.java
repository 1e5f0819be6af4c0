package io.headroom.spark;

import io.headroom.experiment.AutoWarmup;
import io.headroom.experiment.ComparisonPlan;
import io.headroom.experiment.SeriesCapture;
import io.headroom.report.TransientSummary;
import io.headroom.run.RunOptions;
import io.headroom.yaml.BadInputException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.Function;

/**
 * What an executor does with one task of a Spark comparison: reads the comparison's inputs (once per executor JVM, from
 * the paths the driver gave, so its files must be at those paths on every node), checks that it read the same bytes as
 * the driver (the plan's fingerprint), makes one replication of one design with the replication's seed, and returns
 * the run's summary ({@code summary.json}'s form) and its time series, which the driver puts together as
 * {@code headroom compare} does.
 */
public final class CompareTask implements Function<CompareTask.Task, CompareTask.Done> {
    private static final long serialVersionUID = 1L;
    /** Plans already read by this JVM, by inputs and fingerprint: an executor runs many tasks of one comparison. */
    private static final Map<String, ComparisonPlan> PLANS = new ConcurrentHashMap<>();

    private final Inputs inputs;
    private final String fingerprint;
    private final long maxEvents;

    /**
     * @param inputs      the comparison's inputs, with absolute paths as every executor sees them, and the seed and
     *                    replications the driver settled
     * @param fingerprint the plan's fingerprint as the driver read it
     * @param maxEvents   the event budget of each run (a run past it stops)
     */
    public CompareTask(Inputs inputs, String fingerprint, long maxEvents) {
        this.inputs = inputs;
        this.fingerprint = fingerprint;
        this.maxEvents = maxEvents;
    }

    /** What {@link ComparisonPlan#read} reads, as text (paths absolute; {@code study} null with designs). */
    public record Inputs(List<String> designs, String load, String study, long seed, int replications) implements Serializable {
        public Inputs {
            designs = List.copyOf(designs);
        }

        ComparisonPlan read() throws BadInputException {
            return ComparisonPlan.read(designs.stream().map(Path::of).toList(), load == null ? null : Path.of(load),
                    study == null ? null : Path.of(study), seed, replications);
        }
    }

    /** One task: replication {@code replication} of design {@code arm} (its index in the comparison). */
    public record Task(int arm, int replication) implements Serializable {
    }

    /**
     * A task's result.
     *
     * @param summary the run's summary ({@code SummaryCodec}'s JSON, checked to read back as itself)
     * @param columns the time series' columns
     * @param rows    the time series' rows, one per window
     * @param seconds the task's wall time on its executor (for the job's log line; no result depends on it)
     */
    public record Done(int arm, int replication, String summary, List<String> columns, double[][] rows, double seconds)
            implements Serializable {
        public Done {
            columns = new ArrayList<>(columns);
        }

        /** The run's time series as the report reads it. */
        SeriesCapture series() {
            SeriesCapture c = new SeriesCapture();
            c.columns(columns);
            for (double[] row : rows) {
                c.row(row);
            }
            return c;
        }
    }

    @Override
    public Done call(Task t) throws BadInputException, IOException {
        long start = System.nanoTime();
        ComparisonPlan plan = plan(inputs, fingerprint);
        SeriesCapture series = new SeriesCapture();
        AutoWarmup.Outcome run = plan.run(t.arm(), t.replication(), RunOptions.DEFAULTS.withBudget(maxEvents, null), series);
        String summary = RunTask.summaryText(TransientSummary.of(run));
        return new Done(t.arm(), t.replication(), summary, series.columns(), series.rows().toArray(double[][]::new),
                (System.nanoTime() - start) / 1e9);
    }

    private static ComparisonPlan plan(Inputs inputs, String fingerprint) throws BadInputException {
        String key = inputs + "#" + fingerprint;
        ComparisonPlan p = PLANS.get(key);
        if (p == null) {
            p = inputs.read();
            if (!p.fingerprint().equals(fingerprint)) {
                throw new IllegalStateException("the comparison's files on this executor are not those the driver read (fingerprint "
                        + p.fingerprint() + ", the driver's " + fingerprint + "): put the designs, the profile or the study on a "
                        + "filesystem every node shares, at the same path");
            }
            PLANS.put(key, p);
        }
        return p;
    }
}
