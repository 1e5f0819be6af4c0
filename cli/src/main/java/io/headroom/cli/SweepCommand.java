package io.headroom.cli;

import io.headroom.experiment.Sweep;
import io.headroom.experiment.SweepJournal;
import io.headroom.report.SweepReport;
import io.headroom.result.JournalHeader;
import io.headroom.result.SweepPoint;
import io.headroom.result.SweepResults;
import io.headroom.run.RunOptions;
import io.headroom.study.Study;
import io.headroom.study.StudyPoint;
import io.headroom.study.StudyReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code headroom sweep STUDY --out DIR}: run every point of a study and write its results and report. */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = {"Run every point of a study (vary: and variants: over a design) in parallel and write results.csv, "
                + "results.json and a report with the Pareto frontier of cost against latency.",
            "A journal in DIR records finished points: --resume continues an interrupted sweep; --shard i/N runs one slice "
                + "(merge the slices with headroom merge); --shard auto/N takes i from the array job running it (Kubernetes, Slurm, "
                + "AWS Batch); --emit writes a Kubernetes Indexed Job or a Slurm array script that runs the slices and the merge."})
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STUDY", description = "the study YAML")
    Path study;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "folder for the journal, results and report (required; "
            + "with --emit, where the slices and the merge write: DIR/shard-i, DIR/merged)")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "runs in parallel (default: all cores); the results do not depend on it")
    Integer threads;

    @Option(names = "--shard", paramLabel = "i/N", description = "run only slice i of N (0 <= i < N): points i, i+N, i+2N, ...; "
            + "auto/N: i from the array job (JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN, "
            + "AWS_BATCH_JOB_ARRAY_INDEX); auto: N too, from SLURM_ARRAY_TASK_COUNT or AWS_BATCH_JOB_ARRAY_SIZE")
    String shard;

    @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Array jobs (--emit: write the job, run nothing):%n")
    ArrayJobOptions array;

    @Option(names = "--resume", description = "keep the points DIR's journal already holds and run only the rest")
    boolean resume;

    @Option(names = "--fail-on-slo", description = "exit with status 3 when a point misses an SLO (each point is judged on its own)")
    boolean failOnSlo;

    @picocli.CommandLine.Mixin
    WorkBudget budget = new WorkBudget();

    @Override
    public Integer call() throws Exception {
        Study s = StudyReader.read(study);
        if (array != null && array.emit != null) {
            return array.emit(spec.commandLine(), s, study, out, threads, budget.maxEvents, failOnSlo, resume, shard);
        }
        if (array != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--shards, --parallelism, --emit-to and the other array job "
                    + "options only go with --emit kubernetes-job|slurm");
        }
        if (out == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--out=DIR'");
        }
        java.util.Map<String, String> env = System.getenv();
        int[] slice = parseShard(spec.commandLine(), shard, env);
        String shardText = shard == null ? null : slice[0] + "/" + slice[1];
        String shardFrom = shard != null && io.headroom.cli.array.ArrayShard.isAuto(shard)
                ? ", from " + io.headroom.cli.array.ArrayShard.resolve(shard, env).source() : "";
        List<StudyPoint> points = shard == null ? s.points() : Sweep.shard(s.points(), slice[0], slice[1]);
        OutputPlace.folder(spec.commandLine(), out);
        int nThreads = ThreadCount.of(spec.commandLine(), threads);
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<io.headroom.run.WorkEstimate> each = new java.util.ArrayList<>();
        for (StudyPoint p : points) {
            each.add(io.headroom.run.WorkEstimate.of(p.design().design(), s.profile().profile()).times(s.spec().replications()));
        }
        if (!budget.allows(io.headroom.run.WorkEstimate.together(each), nThreads, err)) {
            return Headroom.BAD_INPUT;
        }
        JournalHeader header = SweepJournal.header(s.fingerprint(), s.points().size(), shardText == null ? "0/1" : shardText);
        List<SweepPoint> rows;
        SweepJournal journal;
        try {
            journal = SweepJournal.open(out, header, resume);
        } catch (SweepJournal.Mismatch e) {
            err.println("headroom: --resume: " + e.getMessage());
            err.flush();
            return Headroom.BAD_INPUT;
        }
        int reps = s.spec().replications();
        w.printf(Locale.ROOT, "study %s: %d points%s × %d %s on %d threads%n", s.spec().name(), points.size(),
                shardText == null ? "" : " (slice " + shardText + " of " + s.points().size() + shardFrom + ")", reps,
                reps == 1 ? "run" : "replications", nThreads);
        w.flush();
        try (journal; Progress progress = Progress.open(points.size())) {
            rows = Sweep.run(s, points, journal, budget.apply(RunOptions.DEFAULTS, null), nThreads, SweepCommand::summarize, progress);
        }
        SweepResults.Meta meta = meta(s);
        SweepReport.write(out, meta, rows, shardText);
        SweepResults results = SweepReport.results(meta, rows, shardText);
        Integer cheapest = results.cheapestMeetingSlos();
        if (cheapest != null) {
            for (SweepPoint r : rows) {
                if (r.point() == cheapest) {
                    w.printf(Locale.ROOT, "  cheapest meeting the SLOs: #%d %s (%s %.2f, %s %.2f ms)%n", cheapest,
                            r.name(), results.xMetric(), shown(r.figures().metric(results.xMetric())), results.yMetric(),
                            shown(r.figures().metric(results.yMetric())));
                }
            }
        } else {
            w.println("  no point meets the SLOs");
        }
        w.println("  wrote " + out.resolve(SweepReport.RESULTS_CSV) + ", " + out.resolve(SweepReport.RESULTS_JSON) + ", "
                + out.resolve(SweepReport.HTML) + " and " + out.resolve(SweepReport.MARKDOWN));
        w.flush();
        List<String> failedChecks = new java.util.ArrayList<>();
        for (SweepPoint r : rows) {
            r.figures().selfCheckFailures().forEach(f -> failedChecks.add("point #" + r.point() + " " + r.name() + ": " + f));
        }
        if (!RunCommand.selfChecked(failedChecks, err)) {
            return Headroom.SELF_CHECK_FAILED;
        }
        if (failOnSlo) {
            List<String> missing = new java.util.ArrayList<>();
            for (SweepPoint r : rows) {
                if (!r.figures().slosMet()) {
                    missing.add("#" + r.point() + " " + r.name() + " (" + String.join(", ", r.figures().slo().stream()
                            .filter(x -> !x.pass()).map(io.headroom.result.Summary.SloResult::expr).toList()) + ")");
                }
            }
            if (!missing.isEmpty()) {
                err.println("headroom: " + missing.size() + " of " + rows.size() + " points miss an SLO (--fail-on-slo): "
                        + String.join("; ", missing));
                err.flush();
                return Headroom.SLO_MISSED;
            }
        }
        return Headroom.OK;
    }

    /** A point's summary: one run's, or the means and CIs of its replications. */
    static io.headroom.result.Summary summarize(List<io.headroom.experiment.AutoWarmup.Outcome> runs) {
        return io.headroom.report.TransientSummary.summarize(runs);
    }

    /** What the results say the sweep was (the same for every slice of it). */
    static SweepResults.Meta meta(Study s) {
        return SweepReport.meta(s);
    }

    /** A metric as the summary line prints it: 0 where there is no value (as a missing JSON number reads). */
    private static double shown(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    static int[] parseShard(CommandLine cl, String shard, java.util.Map<String, String> env) {
        if (shard == null) {
            return new int[] {0, 1};
        }
        if (io.headroom.cli.array.ArrayShard.isAuto(shard)) {
            try {
                io.headroom.cli.array.ArrayShard.Slice slice = io.headroom.cli.array.ArrayShard.resolve(shard, env);
                return new int[] {slice.index(), slice.count()};
            } catch (io.headroom.cli.array.ArrayShard.Refused e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
        }
        String[] parts = shard.split("/");
        try {
            if (parts.length == 2) {
                int i = Integer.parseInt(parts[0].trim());
                int n = Integer.parseInt(parts[1].trim());
                if (n >= 1 && i >= 0 && i < n) {
                    return new int[] {i, n};
                }
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new CommandLine.ParameterException(cl, "--shard: '" + shard + "' is not i/N with 0 <= i < N (e.g. --shard 0/4 … 3/4), auto/N or auto");
    }

    /** A progress bar with an ETA on stderr when it is a terminal; nothing otherwise. */
    static final class Progress implements Sweep.Listener, AutoCloseable {
        private final ProgressBar bar;

        private Progress(ProgressBar bar) {
            this.bar = bar;
        }

        static Progress open(int total) {
            if (System.console() == null) {
                return new Progress(null);
            }
            return new Progress(new ProgressBarBuilder().setTaskName("points").setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().build());
        }

        @Override
        public void started(int total, int alreadyDone) {
            if (bar != null) {
                bar.stepTo(alreadyDone);
            }
        }

        @Override
        public void pointDone(StudyPoint point, SweepPoint row) {
            if (bar != null) {
                bar.step();
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
