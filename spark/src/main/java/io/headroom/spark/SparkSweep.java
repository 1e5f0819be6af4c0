package io.headroom.spark;

import io.headroom.engine.EventBudgetExceeded;
import io.headroom.experiment.Sweep;
import io.headroom.experiment.SweepJournal;
import io.headroom.experiment.SweepRow;
import io.headroom.report.SweepReport;
import io.headroom.report.TransientSummary;
import io.headroom.result.JournalHeader;
import io.headroom.result.Summary;
import io.headroom.result.SweepPoint;
import io.headroom.result.SweepResults;
import io.headroom.run.WorkEstimate;
import io.headroom.study.Study;
import io.headroom.study.StudyPoint;
import io.headroom.study.StudyReader;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * {@code headroom sweep} as a Spark job: the study is read and checked on the driver, each (point, replication) run
 * is a Spark task ({@link RunTask}), the tasks' results are collected to the driver — a Spark job per point (or per few
 * points), each point journaled as soon as its job is done — and the driver writes {@code results.csv},
 * {@code results.json} and the report into the output folder exactly as {@code headroom sweep} does — the same bytes,
 * since a run's seed depends only on the study's seed and its replication.
 *
 * <pre>spark-submit --class io.headroom.spark.SparkSweep headroom-spark.jar STUDY --out DIR [--resume] [--max-events N]</pre>
 *
 * <p>The study's files and the output folder must be on a filesystem the driver and every executor see at the same
 * path. Without a master (neither {@code spark-submit --master} nor {@code --master}), it runs in {@code local[*]}. A
 * local master gets no web UI and a driver bound to 127.0.0.1 unless the configuration says otherwise.
 *
 * <p>Exit status as {@code headroom sweep}: 0 done, 1 internal error, 2 bad input (a located error per line, no stack
 * trace), 4 a run failed its self-checks.
 */
public final class SparkSweep {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;
    public static final int SELF_CHECK_FAILED = 4;
    private static final String USAGE = "usage: SparkSweep STUDY --out DIR [--resume] [--max-events N] [--master URL]";

    private SparkSweep() {
    }

    public static void main(String[] args) {
        runMain(args, SparkSweep::execute);
    }

    /** A job's whole run from its arguments, on a configuration, to its exit status. */
    interface Job {
        int execute(String[] args, SparkConf conf, PrintWriter out, PrintWriter err);
    }

    /**
     * Runs {@code job} as a {@code main}. Success returns from main: under YARN's cluster mode the ApplicationMaster
     * runs main in a thread and takes an exit before it returns, even System.exit(0), for a failed attempt (and starts
     * another). A failure exits with its status, which spark-submit passes on.
     */
    static void runMain(String[] args, Job job) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int status = job.execute(args, new SparkConf(), out, err);
        out.flush();
        err.flush();
        if (status != OK) {
            System.exit(status);
        }
    }

    /** The job's arguments. */
    record Args(Path study, Path out, boolean resume, long maxEvents, String master) {
        static Args parse(String[] args) {
            Path study = null;
            Path out = null;
            boolean resume = false;
            long maxEvents = WorkEstimate.DEFAULT_MAX_EVENTS;
            String master = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-o", "--out" -> out = Path.of(value(args, ++i, a));
                    case "--resume" -> resume = true;
                    case "--max-events" -> maxEvents = events(value(args, ++i, a));
                    case "--master" -> master = value(args, ++i, a);
                    default -> {
                        if (a.startsWith("-") || study != null) {
                            throw new IllegalArgumentException("unknown or extra argument '" + SafeText.escape(a) + "'");
                        }
                        study = Path.of(a);
                    }
                }
            }
            if (study == null || out == null) {
                throw new IllegalArgumentException(study == null ? "missing STUDY" : "missing --out DIR");
            }
            return new Args(study, out, resume, maxEvents, master);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static long events(String v) {
            try {
                long n = new java.math.BigDecimal(v.trim()).longValueExact();
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // said below
            }
            throw new IllegalArgumentException("--max-events: '" + SafeText.escape(v) + "' is not a positive whole number of events");
        }
    }

    /**
     * Runs the job and returns its exit status; {@code conf} is the Spark configuration (spark-submit's, or a test's),
     * completed with defaults where it says nothing (a local master without UI, on 127.0.0.1).
     */
    public static int execute(String[] argv, SparkConf conf, PrintWriter out, PrintWriter err) {
        return execute(argv, conf, out, err, RunTask::new);
    }

    /** What makes the executors' function from the study's path, its fingerprint and the event budget ({@link RunTask}). */
    @FunctionalInterface
    interface Runs {
        Function<RunTask.Task, RunTask.Done> task(String studyPath, String fingerprint, long maxEvents);
    }

    /** {@link #execute(String[], SparkConf, PrintWriter, PrintWriter)} with the executors' function made by {@code runs}. */
    static int execute(String[] argv, SparkConf conf, PrintWriter out, PrintWriter err, Runs runs) {
        Args args;
        try {
            args = Args.parse(argv);
        } catch (IllegalArgumentException e) {
            err.println("headroom-spark: " + e.getMessage());
            err.println(USAGE);
            err.flush();
            return BAD_INPUT;
        }
        try {
            return sweep(args, conf, out, err, runs);
        } catch (Exception | LinkageError e) {
            return failed(e, err);
        }
    }

    /**
     * A job's failure as its exit status, said on {@code err}: bad input (from the driver or, wrapped by Spark, from an
     * executor) as its located errors, a run past the event budget, and anything else as an internal error.
     */
    static int failed(Throwable e, PrintWriter err) {
        Throwable cause = e instanceof BadInputException ? e : rootCause(e);
        if (cause instanceof BadInputException bad) {
            bad.errors().forEach(x -> err.println(x.format()));
            err.flush();
            return BAD_INPUT;
        }
        if (cause instanceof EventBudgetExceeded over) {
            err.println("headroom-spark: stopped: " + over.getMessage() + "; raise the budget with --max-events");
            err.flush();
            return BAD_INPUT;
        }
        err.println("headroom-spark: internal error: " + SafeText.escape(String.valueOf(cause)));
        if (System.getenv("HEADROOM_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(set HEADROOM_DEBUG=1 for the stack trace)");
        }
        err.flush();
        return INTERNAL_ERROR;
    }

    private static int sweep(Args args, SparkConf conf, PrintWriter w, PrintWriter err, Runs runs) throws Exception {
        Study s = StudyReader.read(args.study());
        if (Files.exists(args.out()) && !Files.isDirectory(args.out())) {
            err.println("headroom-spark: --out: " + args.out() + " exists and is not a folder");
            err.flush();
            return BAD_INPUT;
        }
        int reps = s.spec().replications();
        List<WorkEstimate> each = new ArrayList<>();
        for (StudyPoint p : s.points()) {
            each.add(WorkEstimate.of(p.design().design(), s.profile().profile()).times(reps));
        }
        WorkEstimate work = WorkEstimate.together(each);
        if (!work.fits(args.maxEvents())) {
            err.println("headroom-spark: " + work.line(1));
            err.println("headroom-spark: that is more than the budget of " + WorkEstimate.count(args.maxEvents())
                    + " events; nothing was run. Raise it with --max-events N");
            err.flush();
            return BAD_INPUT;
        }
        JournalHeader header = SweepJournal.header(s.fingerprint(), s.points().size(), "0/1");
        SweepJournal journal;
        try {
            journal = SweepJournal.open(args.out(), header, args.resume());
        } catch (SweepJournal.Mismatch e) {
            err.println("headroom-spark: --resume: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        List<SweepPoint> rows;
        try (journal) {
            int perPoint = Sweep.tasksPerPoint(s);
            List<Integer> pending = new ArrayList<>();
            for (StudyPoint p : s.points()) {
                if (!journal.finished().containsKey(p.index())) {
                    pending.add(p.index());
                }
            }
            int tasks = pending.size() * perPoint;
            defaults(conf, args.master(), "headroom sweep " + s.spec().name());
            w.printf(Locale.ROOT, "study %s: %d points × %d %s as %d Spark tasks on %s%n", s.spec().name(), s.points().size(), reps,
                    reps == 1 ? "run" : "replications", tasks, conf.get("spark.master"));
            w.flush();
            if (tasks > 0) {
                List<RunTask.Done> done = new ArrayList<>();
                long started;
                long ended;
                try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                    String path = args.study().toAbsolutePath().normalize().toString();
                    Function<RunTask.Task, RunTask.Done> run = runs.task(path, s.fingerprint(), args.maxEvents());
                    started = System.nanoTime();
                    List<JavaFutureAction<List<RunTask.Done>>> jobs = new ArrayList<>();
                    for (List<RunTask.Task> group : groups(pending, perPoint)) {
                        jobs.add(sc.parallelize(group, group.size()).map(run).collectAsync());
                    }
                    journalAsDone(s, jobs, journal, done);
                    ended = System.nanoTime();
                }
                w.printf(Locale.ROOT, "  %d tasks done in %.1f s (the runs took %.1f s of executor time)%n", done.size(),
                        (ended - started) / 1e9, done.stream().mapToDouble(RunTask.Done::seconds).sum());
                w.flush();
            }
            rows = journal.rows();
        }
        SweepResults.Meta meta = SweepReport.meta(s);
        SweepReport.write(args.out(), meta, rows, null);
        SweepResults results = SweepReport.results(meta, rows, null);
        Integer cheapest = results.cheapestMeetingSlos();
        w.println(cheapest == null ? "  no point meets the SLOs"
                : "  cheapest meeting the SLOs: #" + cheapest + " " + rows.stream().filter(r -> r.point() == cheapest)
                .map(SweepPoint::name).findFirst().orElse(""));
        w.println("  wrote " + args.out().resolve(SweepReport.RESULTS_CSV) + ", " + args.out().resolve(SweepReport.RESULTS_JSON) + ", "
                + args.out().resolve(SweepReport.HTML) + " and " + args.out().resolve(SweepReport.MARKDOWN));
        w.flush();
        List<String> failed = new ArrayList<>();
        for (SweepPoint r : rows) {
            r.figures().selfCheckFailures().forEach(f -> failed.add("point #" + r.point() + " " + r.name() + ": " + f));
        }
        if (!failed.isEmpty()) {
            err.println("headroom-spark: " + failed.size() + " self-check" + (failed.size() == 1 ? "" : "s") + " failed: "
                    + String.join("; ", failed));
            err.flush();
            return SELF_CHECK_FAILED;
        }
        return OK;
    }

    /** Most Spark jobs a sweep submits at once: a bigger study puts several consecutive points in each job. */
    static final int MAX_JOBS = 256;

    /**
     * The pending points' tasks in groups of whole points, in point order: one group per point, or as few consecutive
     * points per group as keep the groups within {@link #MAX_JOBS}. Each group is one Spark job, so the journal takes a
     * group's points as soon as its job is done.
     */
    static List<List<RunTask.Task>> groups(List<Integer> points, int perPoint) {
        int per = Math.max(1, (points.size() + MAX_JOBS - 1) / MAX_JOBS);
        List<List<RunTask.Task>> out = new ArrayList<>();
        for (int from = 0; from < points.size(); from += per) {
            List<RunTask.Task> group = new ArrayList<>();
            for (int point : points.subList(from, Math.min(points.size(), from + per))) {
                for (int t = 0; t < perPoint; t++) {
                    group.add(new RunTask.Task(point, t));
                }
            }
            out.add(group);
        }
        return out;
    }

    /**
     * Waits for the jobs in the order they were submitted (Spark's FIFO scheduler runs them in that order) and journals
     * each job's points as it is done, so a sweep stopped part way keeps them for {@code --resume}. A failed job cancels
     * the jobs still running; the points of those already done are journaled all the same, then the failure is thrown.
     */
    static void journalAsDone(Study s, List<JavaFutureAction<List<RunTask.Done>>> jobs, SweepJournal journal, List<RunTask.Done> done)
            throws IOException, InterruptedException, ExecutionException {
        for (int i = 0; i < jobs.size(); i++) {
            List<RunTask.Done> group;
            try {
                group = jobs.get(i).get();
            } catch (ExecutionException failed) {
                for (JavaFutureAction<List<RunTask.Done>> later : jobs.subList(i + 1, jobs.size())) {
                    if (!later.cancel(true)) {
                        try {
                            journal(s, later.get(), journal, done);
                        } catch (ExecutionException | CancellationException also) {
                            // failed or cancelled too: nothing to keep
                        }
                    }
                }
                throw failed;
            }
            journal(s, group, journal, done);
        }
    }

    private static void journal(Study s, List<RunTask.Done> group, SweepJournal journal, List<RunTask.Done> done) throws IOException {
        for (SweepPoint row : rows(s, group)) {
            journal.append(row);
        }
        done.addAll(group);
    }

    /**
     * The rows of the points the tasks ran, by point: a row made on an executor as it is, or the point's replications
     * combined here in replication order, as {@code headroom sweep} combines them.
     */
    static List<SweepPoint> rows(Study s, List<RunTask.Done> done) throws IOException {
        Map<Integer, String> made = new TreeMap<>();
        Map<Integer, Map<Integer, List<String>>> runs = new TreeMap<>();
        for (RunTask.Done d : done) {
            if (d.row() != null) {
                made.put(d.point(), d.row());
            } else {
                runs.computeIfAbsent(d.point(), k -> new TreeMap<>()).put(d.task(), d.summaries());
            }
        }
        List<SweepPoint> rows = new ArrayList<>();
        for (Map.Entry<Integer, String> e : made.entrySet()) {
            rows.add(RunTask.row(e.getValue()));
        }
        for (Map.Entry<Integer, Map<Integer, List<String>>> e : runs.entrySet()) {
            List<Summary> each = new ArrayList<>();
            for (List<String> texts : e.getValue().values()) {
                for (String t : texts) {
                    each.add(RunTask.summary(t));
                }
            }
            if (each.size() != s.spec().replications()) {
                throw new IllegalStateException("point #" + e.getKey() + ": " + each.size() + " runs came back, not "
                        + s.spec().replications());
            }
            rows.add(SweepRow.of(RunTask.point(s, e.getKey()), TransientSummary.combine(each)));
        }
        rows.sort(java.util.Comparator.comparingInt(SweepPoint::point));
        return rows;
    }

    /** What the configuration leaves unsaid: the app's name, a local master, and for a local master no UI and loopback only. */
    static void defaults(SparkConf conf, String master, String appName) {
        if (master != null) {
            conf.setMaster(master);
        }
        conf.setIfMissing("spark.master", "local[*]");
        conf.setIfMissing("spark.app.name", appName);
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
