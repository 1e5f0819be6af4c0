package io.headroom.cli;

import io.headroom.design.DesignReader;
import io.headroom.report.AtomicFiles;
import io.headroom.report.TextSummary;
import io.headroom.report.TimeseriesCsv;
import io.headroom.run.Checks;
import io.headroom.run.RunOptions;
import io.headroom.run.RunResult;
import io.headroom.run.WorkEstimate;
import io.headroom.yaml.Durations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code headroom run DESIGN --load PROFILE}: simulate, print a summary, write the result files. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = "Play a load profile through a design and write summary.json, timeseries.csv and a report (report.html, report.md, charts).")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DESIGN", description = "the design YAML")
    Path design;

    @Option(names = {"-l", "--load"}, required = true, paramLabel = "PROFILE", description = "the load profile YAML")
    Path load;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE}); same seed, same results")
    long seed;

    @Option(names = {"-o", "--out"}, defaultValue = "out", paramLabel = "DIR",
            description = "folder for the results (default: ${DEFAULT-VALUE}); created when the run starts and removed again if it fails;"
                    + " what a killed run left there is removed by the next run")
    Path out;

    @Option(names = "--replications", defaultValue = "1", paramLabel = "N",
            description = "independent replications (seeds derived from --seed); the summary holds means and 95%% CIs")
    int replications;

    @Option(names = "--threads", paramLabel = "N", description = "replications run in parallel on this many threads (default: all cores)")
    Integer threads;

    @Option(names = "--fail-on-slo", description = "exit with status 3 when an SLO of the design is missed (for CI gates)")
    boolean failOnSlo;

    @Option(names = "--warmup", paramLabel = "auto|DURATION",
            description = "auto: find the warm-up by MSER-5 (White) on the number in the system, averaged over the replications;"
                    + " a duration: this warm-up instead of the profile's")
    String warmup;

    @Option(names = "--window", defaultValue = "10s", paramLabel = "DURATION",
            description = "time-series window (default: ${DEFAULT-VALUE})")
    String window;

    @picocli.CommandLine.Mixin
    WorkBudget budget = new WorkBudget();

    @Option(names = "--timings", description = "print to stderr how long each phase took (start-up, reading, simulating, writing, report), with the simulation's events/s")
    boolean timings;

    /** Extra result formats: {@code prometheus} writes metrics.om (OpenMetrics text) beside summary.json and timeseries.csv. */
    enum Format { prometheus }

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "prometheus: also write metrics.om, the summary and the time series as OpenMetrics text with"
                    + " timestamps from --start (for promtool tsdb create-blocks-from openmetrics; see headroom export)")
    Format format;

    @Option(names = "--start", paramLabel = "INSTANT", converter = ExportCommand.StartInstant.class,
            description = "with --format prometheus (required there): the wall-clock instant of simulated time 0, ISO-8601"
                    + " (2026-12-01T00:00:00Z)")
    java.time.Instant start;

    /**
     * The fewest events (estimated) a run needs for the report's prewarm to pay: a shorter simulation ends before the
     * prewarm's throwaway charts are drawn, the report waits for them and then draws its own. Measured on the M/M/4,
     * 2 cores, alternated: 600 events 1.33–1.39 s without against 1.46–1.54 s with; 32,500 events 1.29–1.33 against
     * 1.32–1.37 s; 97,500 events the same; 4.5 million events the report 0.39 s with against about 0.6 s without.
     */
    static final double PREWARM_MIN_EVENTS = 50_000;

    /** Whether a run of {@code work} simulates long enough for the report's prewarm to overlap it. */
    static boolean worthPrewarming(WorkEstimate work) {
        return work.totalEvents() >= PREWARM_MIN_EVENTS;
    }

    /** The progress shown while the runs simulate (closed before the results are printed). */
    private RunProgress progress;

    @Override
    public Integer call() throws Exception {
        PhaseTimer timer = timings ? PhaseTimer.sinceJvmStart() : PhaseTimer.OFF;
        timer.lap("start-up (JVM, command line)");
        var d = DesignReader.read(design);
        var p = DesignReader.readProfile(load);
        boolean autoWarmup = "auto".equals(warmup);
        if (warmup != null && !autoWarmup) {
            try {
                p = new DesignReader.LoadedProfile(p.profile().withWarmup(Durations.parse(warmup)), p.document());
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--warmup: " + e.getMessage());
            }
        }
        RunOptions options;
        try {
            options = RunOptions.DEFAULTS.withWindow(Durations.parse(window));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--window: " + e.getMessage());
        }
        String tooFine = options.tooManyWindows(p.profile().duration());
        if (tooFine != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--window " + window + ": " + tooFine);
        }
        if (format != null && start == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--format prometheus needs --start INSTANT, the wall-clock time of simulated time 0 (such as 2026-12-01T00:00:00Z)");
        }
        if (format == null && start != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--start is for --format prometheus");
        }
        Path summaryFile = out.resolve("summary.json");
        Path seriesFile = out.resolve("timeseries.csv");
        // the results, and the report's files too, so that a folder in the way of one is found before the run, not
        // between its files
        List<String> files = new java.util.ArrayList<>(List.of(summaryFile.getFileName().toString(), seriesFile.getFileName().toString(),
                io.headroom.report.RunReport.HTML, io.headroom.report.RunReport.MARKDOWN));
        List<String> charts = new java.util.ArrayList<>(io.headroom.report.RunReport.CHARTS);
        charts.add(io.headroom.report.RunReport.CLUSTER_CHART);
        charts.add(io.headroom.report.RunReport.THROTTLING_CHART);
        for (String chart : charts) {
            files.add(chart);
            files.add(chart.replace(".png", ".svg"));
        }
        if (format != null) {
            files.add(io.headroom.openmetrics.RunMetrics.FILE);
        }
        checkWritable(files);
        if (replications < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--replications must be at least 1");
        }
        ReplicationCount.bounded(spec.commandLine(), replications);
        DesignReader.checkCompatible(d, p);
        int given = ThreadCount.of(spec.commandLine(), threads);
        int nThreads = replications == 1 ? 1 : given;
        // an automatic warm-up runs every replication twice: once to find it, once to measure
        WorkEstimate work = WorkEstimate.of(d.design(), p.profile()).times((long) replications * (autoWarmup ? 2 : 1));
        if (!budget.allows(work, nThreads, spec.commandLine().getErr())) {
            return Headroom.BAD_INPUT;
        }
        if (worthPrewarming(work)) {
            io.headroom.report.RunReport.prewarm(); // chart machinery loads on the other core while the run simulates
        }
        AtomicFiles.sweep(out);
        try (RunProgress shown = RunProgress.open(work.totalEvents(), spec.commandLine().getErr())) {
            progress = shown;
            options = budget.apply(options, shown.counter());
            if (replications > 1) {
                return replicated(d, p, options, summaryFile, seriesFile, autoWarmup, nThreads);
            }
            return single(d, p, options, summaryFile, seriesFile, autoWarmup, timer);
        }
    }

    /** One run: its summary, time series and report. */
    private int single(DesignReader.Loaded d, DesignReader.LoadedProfile p, RunOptions options, Path summaryFile, Path seriesFile,
                       boolean autoWarmup, PhaseTimer timer) throws Exception {
        RunResult result;
        Path stagedSeries;
        Path stagedSummary;
        java.util.List<io.headroom.experiment.AutoWarmup.Outcome> runs;
        DesignReader.checkCompatible(d, p);
        timer.lap("reading the design and profile");
        TimeseriesCsv written;
        try (TimeseriesCsv series = TimeseriesCsv.open(seriesFile)) {
            written = series;
            runs = io.headroom.experiment.Replications.runWatched(d.design(), d.baseDir(), p.profile(), p.baseDir(), seed, 1, options, 1,
                    autoWarmup, i -> series);
            result = runs.get(0).result();
            timer.lapSimulation(result);
            progress.close();
            stagedSeries = series.stage();
        }
        Path eventsFile = out.resolve(io.headroom.report.ClusterEventsCsv.FILE);
        Path stagedEvents = null;
        Path allocationFile = out.resolve(io.headroom.report.CostAllocationCsv.FILE);
        Path stagedAllocation = null;
        try {
            String text = io.headroom.report.TransientSummary.render(io.headroom.report.TransientSummary.summarize(runs));
            stagedSummary = AtomicFiles.stage(summaryFile, w -> w.write(text));
            if (result.cluster() != null) {
                String events = io.headroom.report.ClusterEventsCsv.render(result.cluster().events());
                stagedEvents = AtomicFiles.stage(eventsFile, w -> w.write(events));
            }
            stagedAllocation = io.headroom.report.CostAllocationCsv.stage(io.headroom.result.RunSummary.of(result), allocationFile);
        } catch (java.io.IOException | RuntimeException e) {
            java.nio.file.Files.deleteIfExists(stagedSeries);
            throw e;
        }
        AtomicFiles.commit(stagedSummary, summaryFile);
        AtomicFiles.commit(stagedSeries, seriesFile);
        if (stagedEvents != null) {
            AtomicFiles.commit(stagedEvents, eventsFile);
        }
        if (stagedAllocation != null) {
            AtomicFiles.commit(stagedAllocation, allocationFile);
        }
        timer.lap("writing summary.json and timeseries.csv");
        // the report is rendered from the files as written, as `headroom report DIR` does (the time
        // series' rows from memory when the sink held them: the file's values to the bit)
        io.headroom.report.RunReport.write(out, written);
        timer.lap("the report");
        Path metrics = writeMetrics();
        timer.print(spec.commandLine().getErr());
        var w = spec.commandLine().getOut();
        w.print(TextSummary.render(result));
        w.println("  wrote " + out.resolve("summary.json") + " and " + out.resolve("timeseries.csv"));
        if (stagedAllocation != null) {
            w.println("  wrote " + allocationFile + " (the cost by tag)");
        }
        w.println("  report " + out.resolve(io.headroom.report.RunReport.HTML) + " and "
                + out.resolve(io.headroom.report.RunReport.MARKDOWN) + " (charts beside them)");
        if (metrics != null) {
            w.println("  wrote " + metrics + " (OpenMetrics)");
        }
        w.flush();
        if (!selfChecked(result.checks().failures())) {
            return Headroom.SELF_CHECK_FAILED;
        }
        if (failOnSlo && !result.slosMet()) {
            spec.commandLine().getErr().println("headroom: an SLO was missed (--fail-on-slo)");
            spec.commandLine().getErr().flush();
            return Headroom.SLO_MISSED;
        }
        return Headroom.OK;
    }

    /** {@code --replications N}: the summary of means and CIs; the time series of the first replication. */
    private int replicated(DesignReader.Loaded d, DesignReader.LoadedProfile p, RunOptions options, Path summaryFile, Path seriesFile,
                           boolean autoWarmup, int nThreads) throws Exception {
        java.util.List<io.headroom.experiment.AutoWarmup.Outcome> runs;
        Path stagedSeries;
        TimeseriesCsv written;
        try (TimeseriesCsv series = TimeseriesCsv.open(seriesFile)) {
            written = series;
            runs = io.headroom.experiment.Replications.runWatched(d.design(), d.baseDir(), p.profile(), p.baseDir(), seed, replications,
                    options, nThreads, autoWarmup, i -> i == 0 ? series : io.headroom.experiment.Replications.discard());
            progress.close();
            stagedSeries = series.stage();
        }
        var json = io.headroom.report.TransientSummary.summarize(runs);
        Path stagedSummary;
        try {
            String text = io.headroom.report.TransientSummary.render(json);
            stagedSummary = io.headroom.report.AtomicFiles.stage(summaryFile, w -> w.write(text));
        } catch (java.io.IOException | RuntimeException e) {
            java.nio.file.Files.deleteIfExists(stagedSeries);
            throw e;
        }
        AtomicFiles.commit(stagedSummary, summaryFile);
        AtomicFiles.commit(stagedSeries, seriesFile);
        // the report of the means (and the first replication's time series), as `headroom report DIR` renders it: a
        // report left from an earlier run in the same folder would otherwise stand beside these results
        io.headroom.report.RunReport.write(out, written);
        Path metrics = writeMetrics();
        var w = spec.commandLine().getOut();
        w.print(io.headroom.report.ReplicatedSummary.text(json));
        w.println("  wrote " + summaryFile + " and " + seriesFile + " (the time series of the first replication)");
        w.println("  report " + out.resolve(io.headroom.report.RunReport.HTML) + " and "
                + out.resolve(io.headroom.report.RunReport.MARKDOWN) + " (charts beside them)");
        if (metrics != null) {
            w.println("  wrote " + metrics + " (OpenMetrics)");
        }
        w.flush();
        if (json.checks() != null && !selfChecked(json.checks().failures())) {
            return Headroom.SELF_CHECK_FAILED;
        }
        boolean met = true;
        for (var slo : json.slo()) {
            met &= slo.pass();
        }
        if (failOnSlo && !met) {
            spec.commandLine().getErr().println("headroom: an SLO was missed (whole-run SLOs on the mean of the replications, windows and budgets in any replication; --fail-on-slo)");
            spec.commandLine().getErr().flush();
            return Headroom.SLO_MISSED;
        }
        return Headroom.OK;
    }

    /** With {@code --format prometheus}: metrics.om from the files as written (as headroom export reads them); else nothing. */
    private Path writeMetrics() throws Exception {
        if (format == null) {
            return null;
        }
        Path file = out.resolve(io.headroom.openmetrics.RunMetrics.FILE);
        String text = io.headroom.openmetrics.RunMetrics.render(List.of(io.headroom.openmetrics.RunMetrics.Source.of(out)), start);
        AtomicFiles.write(file, text);
        return file;
    }

    /** Says on stderr what self-check failed, if one did; true when none did. */
    private boolean selfChecked(List<String> failures) {
        return selfChecked(failures, spec.commandLine().getErr());
    }

    /** Says on {@code err} what self-check failed, if one did; true when none did. */
    static boolean selfChecked(List<String> failures, PrintWriter err) {
        for (String f : failures) {
            err.println("headroom: " + Checks.FAILED + f);
        }
        if (!failures.isEmpty()) {
            err.println("headroom: a run's self-checks failed: a bug of the simulator, not a property of the design;"
                    + " the results were written but are not to be trusted (exit status 4)");
        }
        err.flush();
        return failures.isEmpty();
    }

    /** Refuses, before running, an output place that cannot take the result files. */
    private void checkWritable(List<String> names) {
        OutputPlace.folder(spec.commandLine(), out);
        for (String name : names) {
            Path f = out.resolve(name);
            if (java.nio.file.Files.isDirectory(f)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--out: " + f + " is a folder; it would be overwritten by a file");
            }
        }
    }
}
