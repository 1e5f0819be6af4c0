package io.headroom.spark;

import io.headroom.experiment.ComparisonPlan;
import io.headroom.experiment.SeriesCapture;
import io.headroom.report.CompareReport;
import io.headroom.result.CompareResults;
import io.headroom.result.Summary;
import io.headroom.run.WorkEstimate;
import io.headroom.yaml.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code headroom compare} as a Spark job: the designs (or a study's points) and the profile are read and checked on the
 * driver, each (design, replication) run is a Spark task ({@link CompareTask}), the runs' summaries and time series are
 * collected to the driver, and the driver writes {@code compare.json}, the charts and the report exactly as
 * {@code headroom compare} does — the same bytes, since replication r of every design runs with the seed of r, wherever
 * it runs.
 *
 * <pre>spark-submit --class io.headroom.spark.SparkCompare headroom-spark.jar DESIGN... --load PROFILE --out DIR
 *     [--replications N] [--seed N] [--max-events N] [--fail-on-slo]
 * spark-submit --class io.headroom.spark.SparkCompare headroom-spark.jar --study STUDY --out DIR [...]</pre>
 *
 * <p>The inputs and the output folder must be on a filesystem the driver and every executor see at the same path, as
 * for {@link SparkSweep}. Exit status as {@code headroom compare}: 0 done, 1 internal error, 2 bad input, 3 a design
 * missed an SLO under {@code --fail-on-slo}, 4 a run failed its self-checks.
 */
public final class SparkCompare {
    public static final int SLO_MISSED = 3;
    private static final String USAGE = "usage: SparkCompare (DESIGN... --load PROFILE | --study STUDY) --out DIR [--replications N]"
            + " [--seed N] [--max-events N] [--fail-on-slo] [--master URL]";

    private SparkCompare() {
    }

    public static void main(String[] args) {
        SparkSweep.runMain(args, SparkCompare::execute); // success returns from main, as YARN's cluster mode needs
    }

    /** The job's arguments: {@code headroom compare}'s, but {@code --threads} (Spark decides) and with {@code --master}. */
    record Args(List<Path> designs, Path load, Path study, Path out, Integer replications, Long seed, long maxEvents,
                boolean failOnSlo, String master) {
        static Args parse(String[] args) {
            List<Path> designs = new ArrayList<>();
            Path load = null;
            Path study = null;
            Path out = null;
            Integer replications = null;
            Long seed = null;
            long maxEvents = WorkEstimate.DEFAULT_MAX_EVENTS;
            boolean failOnSlo = false;
            String master = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-o", "--out" -> out = Path.of(value(args, ++i, a));
                    case "-l", "--load" -> load = Path.of(value(args, ++i, a));
                    case "--study" -> study = Path.of(value(args, ++i, a));
                    case "--replications" -> replications = (int) whole(value(args, ++i, a), a, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "--seed" -> seed = whole(value(args, ++i, a), a, Long.MIN_VALUE, Long.MAX_VALUE);
                    case "--max-events" -> maxEvents = whole(value(args, ++i, a), a, 1, Long.MAX_VALUE);
                    case "--fail-on-slo" -> failOnSlo = true;
                    case "--master" -> master = value(args, ++i, a);
                    default -> {
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown argument '" + SafeText.escape(a) + "'");
                        }
                        designs.add(Path.of(a));
                    }
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("missing --out DIR");
            }
            return new Args(List.copyOf(designs), load, study, out, replications, seed, maxEvents, failOnSlo, master);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        /** A whole number in [min, max], written out or in scientific notation (3e9). */
        private static long whole(String v, String option, long min, long max) {
            try {
                long n = new java.math.BigDecimal(v.trim()).longValueExact();
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // said below
            }
            throw new IllegalArgumentException(option + ": '" + SafeText.escape(v) + "' is not a whole number"
                    + (min == 1 ? " of at least 1" : ""));
        }
    }

    /**
     * Runs the job and returns its exit status; {@code conf} is the Spark configuration (spark-submit's, or a test's),
     * completed with defaults where it says nothing (a local master without UI, on 127.0.0.1).
     */
    public static int execute(String[] argv, SparkConf conf, PrintWriter out, PrintWriter err) {
        Args args;
        try {
            args = Args.parse(argv);
        } catch (IllegalArgumentException e) {
            return usage(e, err);
        }
        try {
            ComparisonPlan plan;
            try {
                plan = ComparisonPlan.read(args.designs(), args.load(), args.study(), args.seed(), args.replications());
            } catch (ComparisonPlan.Usage e) {
                return usage(e, err);
            }
            return compare(args, plan, conf, out, err);
        } catch (Exception | LinkageError e) {
            return SparkSweep.failed(e, err);
        }
    }

    private static int usage(IllegalArgumentException e, PrintWriter err) {
        err.println("headroom-spark: " + e.getMessage());
        err.println(USAGE);
        err.flush();
        return SparkSweep.BAD_INPUT;
    }

    private static int compare(Args args, ComparisonPlan plan, SparkConf conf, PrintWriter w, PrintWriter err) throws Exception {
        if (Files.exists(args.out()) && !Files.isDirectory(args.out())) {
            err.println("headroom-spark: --out: " + args.out() + " exists and is not a folder");
            err.flush();
            return SparkSweep.BAD_INPUT;
        }
        WorkEstimate work = plan.work();
        if (!work.fits(args.maxEvents())) {
            err.println("headroom-spark: " + work.line(1));
            err.println("headroom-spark: that is more than the budget of " + WorkEstimate.count(args.maxEvents())
                    + " events; nothing was run. Raise it with --max-events N");
            err.flush();
            return SparkSweep.BAD_INPUT;
        }
        int arms = plan.arms().size();
        int reps = plan.replications();
        List<CompareTask.Task> tasks = new ArrayList<>();
        for (int a = 0; a < arms; a++) {
            for (int r = 0; r < reps; r++) {
                tasks.add(new CompareTask.Task(a, r));
            }
        }
        String profile = plan.profile().profile().name();
        SparkSweep.defaults(conf, args.master(), "headroom compare under " + profile);
        w.printf(Locale.ROOT, "compare: %d designs × %d %s as %d Spark tasks on %s%n", arms, reps, reps == 1 ? "run" : "replications",
                tasks.size(), conf.get("spark.master"));
        w.flush();
        CompareTask.Inputs inputs = new CompareTask.Inputs(args.designs().stream().map(SparkCompare::absolute).toList(),
                args.load() == null ? null : absolute(args.load()), args.study() == null ? null : absolute(args.study()), plan.seed(),
                reps);
        List<CompareTask.Done> done;
        long started;
        long ended;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            started = System.nanoTime();
            done = sc.parallelize(tasks, tasks.size()).map(new CompareTask(inputs, plan.fingerprint(), args.maxEvents())).collect();
            ended = System.nanoTime();
        }
        w.printf(Locale.ROOT, "  %d tasks done in %.1f s (the runs took %.1f s of executor time)%n", done.size(), (ended - started) / 1e9,
                done.stream().mapToDouble(CompareTask.Done::seconds).sum());
        w.flush();
        List<CompareReport.Runs> runs = runs(plan, done);
        CompareReport.write(runs, args.out(), profile, plan.seed());
        CompareResults json = CompareReport.compared(runs, profile, plan.seed());
        CompareReport.print(w, json, args.out());
        List<String> failed = CompareReport.selfCheckFailures(json);
        if (!failed.isEmpty()) {
            err.println("headroom-spark: " + failed.size() + " self-check" + (failed.size() == 1 ? "" : "s") + " failed: "
                    + String.join("; ", failed));
            err.flush();
            return SparkSweep.SELF_CHECK_FAILED;
        }
        if (args.failOnSlo()) {
            List<String> missing = CompareReport.missingSlos(json);
            if (!missing.isEmpty()) {
                err.println("headroom-spark: " + String.join(", ", missing) + " miss" + (missing.size() == 1 ? "es" : "")
                        + " an SLO (--fail-on-slo)");
                err.flush();
                return SLO_MISSED;
            }
        }
        return SparkSweep.OK;
    }

    /** Each design's runs in replication order, from the tasks' results in whatever order they came. */
    static List<CompareReport.Runs> runs(ComparisonPlan plan, List<CompareTask.Done> done) throws IOException {
        int arms = plan.arms().size();
        int reps = plan.replications();
        CompareTask.Done[][] byRun = new CompareTask.Done[arms][reps];
        for (CompareTask.Done d : done) {
            byRun[d.arm()][d.replication()] = d;
        }
        List<CompareReport.Runs> out = new ArrayList<>();
        for (int a = 0; a < arms; a++) {
            List<Summary> summaries = new ArrayList<>();
            List<SeriesCapture> series = new ArrayList<>();
            for (int r = 0; r < reps; r++) {
                CompareTask.Done d = byRun[a][r];
                if (d == null) {
                    throw new IllegalStateException("design #" + a + " replication " + r + ": no result came back");
                }
                summaries.add(RunTask.summary(d.summary()));
                series.add(d.series());
            }
            var arm = plan.arms().get(a);
            out.add(new CompareReport.Runs(arm.name(), arm.design().name(), summaries, series));
        }
        return out;
    }

    private static String absolute(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }
}
