package io.headroom.cli;

import io.headroom.design.DesignReader;
import io.headroom.validation.Validation;
import io.headroom.validation.compare.Comparison;
import io.headroom.validation.compare.Repeats;
import io.headroom.validation.report.RepeatsReport;
import io.headroom.validation.report.ValidationReport;
import io.headroom.yaml.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code headroom validate DESIGN --load PROFILE}: the design as real servers on loopback, Gatling, the simulator, the accuracy report. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = {"Stand the design up as real HTTP servers on 127.0.0.1, drive it with Gatling from the load profile (in real time),"
                + " and compare what Gatling measured with the simulator's prediction: p50, p90, p95, p99, throughput and error rate,"
                + " overall and per window, each with its 95%% confidence interval.",
            "Writes validation.json, validation.md, validation.html, two charts, requests.csv, served.csv, calibration/ and"
                + " Gatling's own report (gatling/) into --out; with --traces also traces.otlp.jsonl, the OpenTelemetry traces"
                + " of what the testbed served (OTLP JSON lines, what headroom import traces reads)."})
final class ValidateCommand implements Callable<Integer> {
    /** An hour of repeats is what a tight p99 near saturation takes; a thousand is far beyond any review. */
    static final int MAX_REPEATS = 1000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DESIGN", description = "the design YAML (work declared as wait; services, balancers, caches)")
    Path design;

    @Option(names = {"-l", "--load"}, required = true, paramLabel = "PROFILE", description = "the load profile YAML (Gatling's steps; a warm-up is advised)")
    Path load;

    @Option(names = {"-o", "--out"}, defaultValue = "validation-out", paramLabel = "DIR", description = "folder for the results (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the testbed's and the simulator's samples (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    ComparisonOptions comparison;

    @Option(names = "--fail-on-miss", description = "exit with status 3 when a figure of the replayed, calibrated comparison misses its target")
    boolean failOnMiss;

    @Option(names = "--repeats", defaultValue = "1", paramLabel = "N", description = "run the validation N times (each into run-K/,"
            + " seeds SEED..SEED+N-1) and pool the runs: means with between-run 95%% intervals, in repeats.json and repeats.md"
            + " (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--traces", description = "also write the OpenTelemetry traces of what the testbed served (a server span per"
            + " request a worker took, a client span per call attempt) into --out as " + TRACES + ", OTLP JSON lines")
    boolean traces;

    /** The traces file's name in a run's folder. */
    static final String TRACES = "traces.otlp.jsonl";

    @Override
    public Integer call() throws Exception {
        var d = DesignReader.read(design);
        var p = DesignReader.readProfile(load);
        Validation.Options options = comparison.toOptions(spec, seed);
        if (repeats < 1 || repeats > MAX_REPEATS) {
            throw new ParameterException(spec.commandLine(), "--repeats must be between 1 and " + MAX_REPEATS);
        }
        Validation.check(d, p);
        checkOut(spec, out);
        PrintWriter w = spec.commandLine().getOut();
        w.println("validate: " + d.design().name() + " under " + p.profile().name() + " on 127.0.0.1, Gatling for "
                + Durations.format(p.profile().duration()) + " (real time)...");
        w.flush();
        if (repeats == 1) {
            Validation.Result r = once(d, p, options, out, w);
            return exit(r.gatlingExit(), r.comparisons().get(0).passes());
        }
        List<List<Repeats.Figures>> runs = new java.util.ArrayList<>();
        int gatlingExit = 0;
        for (int k = 1; k <= repeats; k++) {
            Path dir = out.resolve("run-" + k);
            List<Repeats.Figures> kept = kept(dir.resolve(ValidationReport.JSON), d.design().name(), p.profile().name(), seed + k - 1);
            if (kept != null) {
                w.println("run " + k + " of " + repeats + ": kept from an earlier attempt (" + dir.resolve(ValidationReport.JSON) + ")");
                runs.add(kept);
                continue;
            }
            w.println("run " + k + " of " + repeats + ":");
            w.flush();
            Validation.Options o = new Validation.Options(seed + k - 1, options.replications(), options.window(), options.batches());
            Validation.Result r = once(d, p, o, dir, w);
            runs.add(r.comparisons().stream().map(Repeats.Figures::of).toList());
            gatlingExit = gatlingExit != 0 ? gatlingExit : r.gatlingExit();
        }
        List<Repeats> pooled = RepeatsReport.poolWriteAndPrint(out, d.design().name(), p.profile(), runs, w);
        return exit(gatlingExit, pooled.get(0).passes());
    }

    /** One validation into {@code dir}: run, report, console. */
    private Validation.Result once(DesignReader.Loaded d, DesignReader.LoadedProfile p, Validation.Options options, Path dir,
                                   PrintWriter w) throws Exception {
        Validation.Result r = Validation.run(d, p, options, dir, traces ? dir.resolve(TRACES) : null);
        var ctx = Validation.context(r, "testbed driven by Gatling 3.15.1", options.seed(), dir,
                null, List.of(
                        "Gatling's response times are whole milliseconds; each is dequantized with a seeded uniform (-0.5, 0.5) ms"
                                + " before percentiles are taken (requests.csv holds Gatling's values).",
                        "Calibrated demand: each endpoint's work replaced by the testbed's measured busy times (empirical), see"
                                + " calibration/.",
                        "replay-trace: arrivals replayed and each request's measured service time replayed in start order"
                                + " (calibration/*.trace.csv): what is left is the model's mechanics (queueing, dispatch, timing), not sampling."));
        ValidationReport.write(dir, ctx, r.measurement(), r.comparisons(), r.scaling());
        print(w, r, dir);
        if (traces) {
            w.println("  wrote the testbed's traces to " + dir.resolve(TRACES));
        }
        for (var sc : r.scaling()) {
            w.printf(java.util.Locale.ROOT, "  instances of %s: largest difference %.2f, %d of %d s outside one sync period (%.0f s)%s%n",
                    sc.service(), sc.maxAbsDiff(), sc.secondsOutside(), sc.seconds(), sc.syncPeriodS(), sc.pass() ? "  ok" : "  MISSED");
            for (var l : sc.levels()) {
                w.printf(java.util.Locale.ROOT, "    reached %d: testbed %6.1f s  simulated %6.1f s  lag %+5.1f s (%d/%d replications)%n",
                        l.instances(), l.testbedS(), l.simulatedS(), l.lagS(), l.replicationsReached(), l.replications());
            }
        }
        w.flush();
        return r;
    }

    /**
     * A run an earlier, interrupted {@code --repeats} finished (its report is written last, atomically) for the same
     * design, profile and seed; null when there is none. A run is redone by deleting its folder.
     */
    private static List<Repeats.Figures> kept(Path json, String design, String profile, long seed) {
        if (!Files.isRegularFile(json)) {
            return null;
        }
        try {
            var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
            if (!design.equals(root.path("design").asText()) || !profile.equals(root.path("profile").asText())
                    || seed != root.path("seed").asLong(Long.MIN_VALUE)) {
                return null;
            }
            List<Repeats.Figures> figures = new java.util.ArrayList<>();
            root.get("comparisons").forEach(c -> figures.add(Repeats.Figures.read(c)));
            return figures;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private int exit(int gatlingExit, boolean passes) {
        if (gatlingExit != 0) {
            spec.commandLine().getErr().println("headroom: Gatling exited with status " + gatlingExit);
        }
        if (failOnMiss && !passes) {
            spec.commandLine().getErr().println("headroom: a figure missed its target (--fail-on-miss)");
            spec.commandLine().getErr().flush();
            return Headroom.SLO_MISSED;
        }
        return Headroom.OK;
    }

    static void checkOut(CommandSpec spec, Path out) {
        OutputPlace.folder(spec.commandLine(), out);
    }

    static void print(PrintWriter w, Validation.Result r, Path out) {
        w.printf(Locale.ROOT, "  %d requests measured after a %.0f s warm-up; client overhead %.3f ms%n", r.measurement().requests(),
                r.warmupS(), r.overheadMs());
        for (var c : r.calibration()) {
            w.printf(Locale.ROOT, "  calibrated %s.%s: busy %.3f ms per request (declared %.3f ms)%s%n", c.component(), c.endpoint(),
                    c.measuredMeanMs(), c.declaredMeanMs(), Double.isNaN(c.cpuMs()) ? ""
                            : String.format(Locale.ROOT, "; demand: held a core %.3f ms, consumed %.3f ms of CPU (declared %.3f ms)",
                                    c.heldMs(), c.cpuMs(), c.declaredCpuMs()));
        }
        r.findings().forEach(f -> w.println("  " + f));
        for (Comparison c : r.comparisons()) {
            w.println("  " + c.name() + " (arrivals " + c.arrivals() + ", demand " + c.demand() + "):");
            for (Comparison.Row row : c.rows()) {
                boolean rate = row.absolute();
                double k = rate ? 100 : 1;
                w.printf(Locale.ROOT, "    %-17s measured %9.3f ± %7.3f  simulated %9.3f ± %7.3f (one run ± %7.3f)  error %+7.2f ± %5.2f %s"
                        + "  %s%n", row.metric(), k * row.measured(), k * row.measuredHalfWidth(), k * row.simulated(),
                        k * row.simulatedHalfWidth(), k * row.runHalfWidth(), row.error(), row.errorHalfWidth(), rate ? "pp" : "% ",
                        row.pass() ? "ok" : "MISSED");
            }
        }
        w.println("  wrote " + out.resolve(ValidationReport.JSON) + ", " + ValidationReport.MARKDOWN + ", " + ValidationReport.HTML
                + (r.gatlingReport() != null ? "; Gatling's report " + r.gatlingReport().resolve("index.html") : ""));
        w.flush();
    }
}
