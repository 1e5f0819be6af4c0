package io.headroom.validation;

import io.headroom.design.DesignReader;
import io.headroom.design.ServiceSpec;
import io.headroom.design.ComponentSpec;
import io.headroom.design.LoadBalancerSpec;
import io.headroom.validation.calibrate.BusyTimeCalibration;
import io.headroom.validation.compare.ClientOverhead;
import io.headroom.validation.compare.Comparison;
import io.headroom.validation.compare.Dequantize;
import io.headroom.validation.compare.MachineDelay;
import io.headroom.validation.compare.Measurement;
import io.headroom.validation.compare.Replay;
import io.headroom.validation.compare.SimulatedRuns;
import io.headroom.validation.gatling.GatlingPlan;
import io.headroom.validation.gatling.GatlingRun;
import io.headroom.validation.gatling.RecordedRequest;
import io.headroom.validation.gatling.RequestsCsv;
import io.headroom.validation.testbed.ServedLog;
import io.headroom.validation.testbed.Testbed;
import io.headroom.yaml.BadInputException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code headroom validate}: stands the design up as a {@link Testbed}, drives it with Gatling from the load
 * profile, and compares what Gatling measured with the simulator's prediction for the same design, in four
 * variants — arrivals replayed from the run with demand calibrated from the testbed's busy times (the
 * accuracy claim), the profile's own arrivals with calibrated demand (what a user gets without a run),
 * replayed arrivals with the demand as declared (what calibration is worth), and replayed arrivals with each
 * request's own busy time replayed in start order (the model's mechanics alone, without the luck of sampling;
 * only when every endpoint could be traced).
 */
public final class Validation {

    /**
     * @param seed         the simulator's and the testbed's samples (Gatling's randomized arrivals are its own)
     * @param replications simulator runs per variant
     * @param window       per-window comparison
     * @param batches      batch means over the measured period
     */
    public record Options(long seed, int replications, Duration window, int batches) {
        public static final Options DEFAULTS = new Options(1, 20, Duration.ofSeconds(10), 10);
    }

    /**
     * Everything a validation found; {@code traced} is the design {@link #REPLAY_TRACE} simulated (its files relative
     * to the validation's folder), null when it was skipped.
     */
    public record Result(String design, String profile, List<RecordedRequest> requests, Measurement measurement,
                         List<Comparison> comparisons, List<BusyTimeCalibration.Calibrated> calibration, double overheadMs,
                         double warmupS, double endS, Path gatlingReport, int gatlingExit, String overheadNote,
                         List<String> findings, List<io.headroom.validation.compare.ScalingComparison> scaling,
                         List<io.headroom.validation.compare.ShardComparison> shards, io.headroom.validation.compare.MachineDelay machine,
                         io.headroom.design.Design traced) {
        public Comparison comparison(String name) {
            return comparisons.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        }
    }

    public static final String REPLAY_CALIBRATED = "replay-calibrated";
    public static final String PROFILE_CALIBRATED = "profile-calibrated";
    public static final String REPLAY_DECLARED = "replay-declared";
    public static final String PROFILE_DECLARED = "profile-declared";
    /**
     * Arrivals replayed and each request's measured service time replayed in start order
     * ({@link BusyTimeCalibration#traceDesign()}): what is left is the model's mechanics (queueing, dispatch,
     * timing), not sampling.
     */
    public static final String REPLAY_TRACE = "replay-trace";
    /**
     * Arrivals replayed through the design imported from the testbed's own traces ({@code headroom import traces}, into
     * {@code imported/}): how well a model built from traces predicts the system the traces came from. Only with traces.
     */
    public static final String REPLAY_IMPORTED = "replay-imported";

    private Validation() {
    }

    /** Checks that the testbed and Gatling can take the inputs (located errors), before anything runs. */
    public static void check(DesignReader.Loaded design, DesignReader.LoadedProfile profile) throws BadInputException {
        DesignReader.checkCompatible(design, profile);
        Testbed.check(design);
        GatlingPlan.check(profile);
    }

    /** Runs the validation; Gatling's results, requests.csv and calibration files go into {@code work}. */
    public static Result run(DesignReader.Loaded design, DesignReader.LoadedProfile profile, Options options, Path work)
            throws BadInputException, IOException {
        return run(design, profile, options, work, null);
    }

    /**
     * As {@link #run(DesignReader.Loaded, DesignReader.LoadedProfile, Options, Path)}, with the traces of what the
     * testbed served written to {@code tracesFile} as OTLP JSON lines ({@link Testbed}); null for none. With traces, the
     * design they imply is imported into {@code work/imported/} and simulated too ({@link #REPLAY_IMPORTED}).
     */
    public static Result run(DesignReader.Loaded design, DesignReader.LoadedProfile profile, Options options, Path work,
                             Path tracesFile) throws BadInputException, IOException {
        check(design, profile);
        Files.createDirectories(work);
        var p = profile.profile();
        double warmupS = p.warmup().toNanos() / 1e9;
        double endS = p.duration().toNanos() / 1e9;
        GatlingRun.Result run;
        ServedLog log;
        List<ServedLog.Served> entryRows;
        java.util.Map<String, Double> hitRatios;
        List<io.headroom.validation.testbed.ScaledService.Timeline> timelines;
        List<Testbed.ShardLoad> shardLoads;
        io.headroom.validation.testbed.CallLog calls;
        try (Testbed bed = Testbed.start(design, p, options.seed(), tracesFile)) {
            run = GatlingRun.run(profile, bed.entry(), entryEndpoints(design), options.seed(), work.resolve("gatling"),
                    "headroom validate " + design.design().name());
            log = bed.log();
            entryRows = bed.entryRows();
            hitRatios = bed.hitRatios();
            timelines = bed.scaling();
            shardLoads = bed.shardLoads(measuredIds(run, warmupS, endS), run.epochNs() + Math.round(warmupS * 1e9),
                    run.epochNs() + Math.round(endS * 1e9), design.design());
            calls = bed.calls();
        }
        List<RecordedRequest> recorded = run.requests();
        if (recorded.isEmpty()) {
            throw new IllegalStateException("Gatling made no request (exit status " + run.exitStatus() + ")");
        }
        try (Writer w = Files.newBufferedWriter(work.resolve("requests.csv"))) {
            RequestsCsv.write(recorded, w);
        }
        writeServed(log, run.epochNs(), work.resolve("served.csv"));
        List<RecordedRequest> requests = Dequantize.of(recorded, options.seed());
        long fromNs = run.epochNs() + Math.round(warmupS * 1e9);
        ClientOverhead overhead = ClientOverhead.measure(design.design(), requests, run.ids(), entryRows, log, warmupS, work);
        BusyTimeCalibration cal = BusyTimeCalibration.of(design.design(), log, fromNs, work);
        Measurement m = Measurement.of(requests, warmupS, endS, options.batches(), options.window().toNanos() / 1e9);
        var replay = Replay.of(requests, p, endS);
        boolean modelled = overhead.modelled(design.design());
        var guarded = io.headroom.validation.calibrate.GuardedCallCalibration.of(cal.design(), calls, log, fromNs, work);
        var calibrated = modelled ? overhead.around(guarded.design()) : guarded.design();
        var declared = modelled ? overhead.around(design.design()) : design.design();
        double shift = overhead.shiftMs(design.design());
        List<Comparison> comparisons = new ArrayList<>();
        comparisons.add(Comparison.of(REPLAY_CALIBRATED, "replayed", "calibrated", m,
                SimulatedRuns.run(calibrated, work, replay, profile.baseDir(), options.seed(), options.replications(), options.window()),
                shift));
        comparisons.add(Comparison.of(PROFILE_CALIBRATED, "profile", "calibrated", m,
                SimulatedRuns.run(calibrated, work, p, profile.baseDir(), options.seed(), options.replications(), options.window()),
                shift));
        comparisons.add(Comparison.of(REPLAY_DECLARED, "replayed", "declared", m,
                SimulatedRuns.run(declared, work, replay, profile.baseDir(), options.seed(), options.replications(), options.window()),
                shift));
        List<String> findings = new ArrayList<>();
        MachineDelay machine = MachineDelay.measure(design.design(), requests, run.ids(), log, warmupS, options.seed());
        if (machine != null) {
            findings.add(machine.describe());
        }
        io.headroom.design.Design traced = null;
        if (cal.traceDesign() != null) {
            traced = modelled ? overhead.around(cal.traceDesign()) : cal.traceDesign();
            comparisons.add(Comparison.ofReplayedRun(REPLAY_TRACE, "replayed", "trace", m,
                    SimulatedRuns.run(traced, work, replay, profile.baseDir(), options.seed(), options.replications(), options.window()),
                    shift));
        } else {
            findings.add(REPLAY_TRACE + " skipped: no busy-time trace for " + cal.untraced()
                    + " (only endpoints without calls that served requests can be traced)");
        }
        List<io.headroom.validation.compare.ScalingComparison> scaling = new ArrayList<>();
        if (!timelines.isEmpty()) {
            // the instance count second by second: the replayed, calibrated design in one-second windows
            SimulatedRuns perSecond = SimulatedRuns.run(calibrated, work, replay, profile.baseDir(), options.seed(), options.replications(),
                    Duration.ofSeconds(1));
            for (var t : timelines) {
                scaling.add(io.headroom.validation.compare.ScalingComparison.of(t, perSecond.instances(t.service()), endS));
            }
        }
        if (tracesFile != null) {
            io.headroom.validation.importer.ImportedModel model = null;
            try {
                model = io.headroom.validation.importer.TraceImport.read(List.of(tracesFile),
                        io.headroom.validation.traces.TraceFormat.OTLP_JSON,
                        io.headroom.validation.importer.ImportOptions.DEFAULTS.withName(importedName(design.design().name())));
            } catch (BadInputException e) {
                // what the traces show cannot be a design (a callback cycle, say): the validation stands without it
                findings.add(REPLAY_IMPORTED + " skipped: the testbed's traces do not import: " + e.getMessage().replace('\n', ' '));
            }
            if (model != null) {
                comparisons.add(imported(model, overhead, m, replay, profile, options, work, findings));
            }
        }
        findings.addAll(guarded.notes());
        resilience(design, requests, run, calls, log, warmupS, endS, comparisons.get(0), work, findings);
        hitRatios.forEach((name, measured) -> {
            double sim = comparisons.get(0).simulated().results().stream().mapToDouble(r -> r.caches().get(name).hitRatio())
                    .average().orElse(Double.NaN);
            findings.add(String.format(Locale.ROOT, "cache %s: hit ratio %.4f in the testbed (whole run, warm-up included), %.4f"
                    + " simulated (%s, measured period, mean of the replications)", name, measured, sim, REPLAY_CALIBRATED));
        });
        List<io.headroom.validation.compare.ShardComparison> shards = new ArrayList<>();
        for (Testbed.ShardLoad load : shardLoads) {
            shards.add(io.headroom.validation.compare.ShardComparison.of(load.store(), load.requests(), load.busyS(), load.workers(),
                    endS - warmupS, comparisons.get(0).simulated().results()));
            findings.add(shards.get(shards.size() - 1).finding(REPLAY_CALIBRATED));
        }
        return new Result(design.design().name(), p.name(), requests, m, comparisons, cal.calibrated(), overhead.meanMs(), warmupS, endS,
                run.reportDir(), run.exitStatus(), overhead.describe(), findings, scaling, shards, machine, traced);
    }

    /** The imported design's name: the design's with {@code -imported}, within a name's 200 characters. */
    static String importedName(String name) {
        String suffix = "-imported";
        return (name.codePointCount(0, name.length()) + suffix.length() > 200 ? name.substring(0, name.offsetByCodePoints(0,
                200 - suffix.length())) : name) + suffix;
    }

    /**
     * The testbed's traces, imported ({@code headroom import traces}'s defaults), written into {@code work/imported/}, and that design
     * simulated on the replayed arrivals, with the client overhead put in front of it as for the other variants.
     */
    private static Comparison imported(io.headroom.validation.importer.ImportedModel model, ClientOverhead overhead, Measurement m,
                                       io.headroom.load.LoadProfile replay, DesignReader.LoadedProfile profile, Options options, Path work,
                                       List<String> findings) throws BadInputException, IOException {
        Path dir = work.resolve("imported");
        io.headroom.validation.importer.ModelWriter.write(model, dir);
        io.headroom.design.Design imported = DesignReader.read(dir.resolve("design.yaml")).design();
        io.headroom.design.Design simulated = imported;
        if (overhead.modelled(imported)) {
            Path samples = dir.resolve(ClientOverhead.FILE);
            Files.createDirectories(samples.getParent());
            Files.copy(work.resolve(ClientOverhead.FILE), samples, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            simulated = overhead.around(imported);
        }
        findings.add(String.format(Locale.ROOT, "%s: the design imported from the testbed's traces (%,d spans, %,d traces; imported/design.yaml,"
                + " imported/import-report.md)", REPLAY_IMPORTED, model.reading().spans(), model.reading().traces()));
        return Comparison.of(REPLAY_IMPORTED, "replayed", "imported", m, SimulatedRuns.run(simulated, dir, replay, profile.baseDir(),
                options.seed(), options.replications(), options.window()), overhead.shiftMs(imported));
    }

    /**
     * {@code headroom compare-run}: a run a user made against their own system, against the simulator on the
     * design as written (calibrate it first with {@code headroom calibrate}): arrivals replayed, and the
     * profile's own. {@code overheadMs} is added to the simulated latencies (what the design leaves out
     * between the load generator and the system; 0 when the design models it).
     */
    public static Result compare(DesignReader.Loaded design, DesignReader.LoadedProfile profile, List<RecordedRequest> requests,
                                 Options options, double overheadMs, Path runDir) throws BadInputException {
        DesignReader.checkCompatible(design, profile);
        var p = profile.profile();
        double warmupS = p.warmup().toNanos() / 1e9;
        double lastS = requests.get(requests.size() - 1).startMs() / 1000;
        double endS = Math.max(p.duration().toNanos() / 1e9, lastS);
        requests = Dequantize.of(requests, options.seed());
        Measurement m = Measurement.of(requests, warmupS, endS, options.batches(), options.window().toNanos() / 1e9);
        var replay = Replay.of(requests, p, endS);
        List<Comparison> comparisons = new ArrayList<>();
        comparisons.add(Comparison.of(REPLAY_DECLARED, "replayed", "declared", m,
                SimulatedRuns.run(design.design(), design.baseDir(), replay, profile.baseDir(), options.seed(), options.replications(),
                        options.window()), overheadMs));
        comparisons.add(Comparison.of(PROFILE_DECLARED, "profile", "declared", m,
                SimulatedRuns.run(design.design(), design.baseDir(), p, profile.baseDir(), options.seed(), options.replications(),
                        options.window()), overheadMs));
        return new Result(design.design().name(), p.name(), requests, m, comparisons, List.of(), overheadMs, warmupS, endS, runDir, 0,
                "a constant given with --overhead, added to the simulated latencies", List.of(), List.of(), List.of(), null, null);
    }

    /** What the report says about where the numbers come from. */
    public static io.headroom.validation.report.ValidationReport.Context context(Result r, String source, long seed, Path outDir,
                                                                                 String overheadNote, List<String> notes) {
        List<String[]> cal = new ArrayList<>();
        for (BusyTimeCalibration.Calibrated c : r.calibration()) {
            cal.add(new String[] {c.component() + "." + c.endpoint(), String.format(Locale.ROOT, "%.3f", c.declaredMeanMs()),
                String.format(Locale.ROOT, "%.3f", c.measuredMeanMs()), String.valueOf(c.samples())});
        }
        String report = null;
        if (r.gatlingReport() != null) {
            Path index = r.gatlingReport().resolve("index.html");
            report = (outDir != null && index.toAbsolutePath().startsWith(outDir.toAbsolutePath())
                    ? outDir.toAbsolutePath().relativize(index.toAbsolutePath()) : index).toString();
        }
        List<String> all = new ArrayList<>(r.findings());
        all.addAll(notes);
        return new io.headroom.validation.report.ValidationReport.Context(r.design(), r.profile(), source, seed, r.warmupS(), r.endS(),
                r.overheadMs(), overheadNote != null ? overheadNote : r.overheadNote(), cal, report, all);
    }

    /** The ids of the requests the load generator started in the measured period (what a simulated run counts). */
    private static java.util.function.LongPredicate measuredIds(GatlingRun.Result run, double warmupS, double endS) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        List<RecordedRequest> requests = run.requests();
        for (int i = 0; i < requests.size(); i++) {
            double t = requests.get(i).startMs() / 1000;
            if (t >= warmupS && t < endS) {
                ids.add(run.ids()[i]);
            }
        }
        return ids::contains;
    }

    private static List<String> entryEndpoints(DesignReader.Loaded design) {
        ComponentSpec c = design.design().components().get(design.design().entry());
        if (c instanceof LoadBalancerSpec lb) {
            c = design.design().components().get(lb.target());
        }
        return new ArrayList<>(((ServiceSpec) c).endpoints().keySet());
    }

    /**
     * For a design with guarded calls: {@code calls.csv} (every attempt), and attempts, breaker refusals and failures
     * by cause against the simulator ({@code resilience.csv}, and the findings).
     */
    private static void resilience(DesignReader.Loaded design, List<RecordedRequest> requests, GatlingRun.Result run,
                                   io.headroom.validation.testbed.CallLog calls, ServedLog log, double warmupS, double endS,
                                   Comparison simulated, Path work, List<String> findings) throws IOException {
        if (!io.headroom.validation.compare.ResilienceComparison.applies(design.design())) {
            return;
        }
        io.headroom.validation.compare.ResilienceComparison.writeCalls(calls, run.epochNs(), work.resolve("calls.csv"));
        var rows = io.headroom.validation.compare.ResilienceComparison.of(design.design(), requests, run.ids(), calls, log, warmupS, endS,
                simulated.simulated().results());
        io.headroom.validation.compare.ResilienceComparison.write(rows, work.resolve("resilience.csv"));
        findings.addAll(io.headroom.validation.compare.ResilienceComparison.lines(rows, simulated.name()));
    }

    private static void writeServed(ServedLog log, long epochNs, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("instance,endpoint,arrival_ms,start_ms,end_ms,status,request_id,cpu_ms,held_ms,compute_ms\n");
            for (ServedLog.Served r : log.rows()) {
                w.write(String.format(Locale.ROOT, "%s,%s,%.3f,%s,%.3f,%d,%d,%.3f,%.3f,%.3f%n", r.instance(), r.endpoint(),
                        (r.arrivalNs() - epochNs) / 1e6,
                        r.startNs() < 0 ? "" : String.format(Locale.ROOT, "%.3f", (r.startNs() - epochNs) / 1e6),
                        (r.endNs() - epochNs) / 1e6, r.status(), r.requestId(), r.cpuNs() / 1e6, r.heldNs() / 1e6,
                        r.computeNs() / 1e6));
            }
        }
    }
}
