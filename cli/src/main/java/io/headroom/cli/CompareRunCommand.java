package io.headroom.cli;

import io.headroom.design.DesignReader;
import io.headroom.validation.Validation;
import io.headroom.validation.compare.Repeats;
import io.headroom.validation.gatling.ImportedRun;
import io.headroom.validation.report.RepeatsReport;
import io.headroom.validation.report.ValidationReport;
import io.headroom.yaml.Durations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code headroom compare-run --gatling RUN DESIGN --load PROFILE}: a user's own Gatling run against the simulator. */
@Command(name = "compare-run", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = {"Compare a load-generator run made against a real system with the simulator's prediction for its design:"
                + " the same accuracy report as validate (validation.json, .md, .html, charts), with arrivals replayed from the run"
                + " and from the profile alone.",
            "RUN is a Gatling results folder (simulation.log of Gatling 3.15, or headroom's requests.csv) or a CSV with columns"
                + " start_ms, response_ms and optionally status, endpoint."})
final class CompareRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--gatling", required = true, paramLabel = "RUN", description = "the run: a Gatling results folder or a CSV of"
            + " requests; give it several times for repeated runs of the same profile, each compared into run-K/ and pooled (means"
            + " with between-run 95%% intervals) into repeats.json and repeats.md")
    List<Path> runs;

    @Parameters(index = "0", paramLabel = "DESIGN", description = "the design YAML (calibrate its demand first: headroom calibrate)")
    Path design;

    @Option(names = {"-l", "--load"}, required = true, paramLabel = "PROFILE", description = "the load profile the run was made from")
    Path load;

    @Option(names = {"-o", "--out"}, defaultValue = "compare-out", paramLabel = "DIR", description = "folder for the report (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--overhead", defaultValue = "0ms", paramLabel = "DURATION",
            description = "client-side time the design leaves out, added to simulated latencies (default: ${DEFAULT-VALUE})")
    String overhead;

    @Option(names = "--seed", defaultValue = "1", description = "simulator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    ComparisonOptions comparison;

    @Override
    public Integer call() throws Exception {
        var d = DesignReader.read(design);
        var p = DesignReader.readProfile(load);
        DesignReader.checkCompatible(d, p);
        Validation.Options options = comparison.toOptions(spec, seed);
        double overheadMs;
        try {
            overheadMs = Durations.parse(overhead).toNanos() / 1e6;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--overhead: " + e.getMessage());
        }
        ValidateCommand.checkOut(spec, out);
        if (runs.size() == 1) {
            once(d, p, runs.get(0), options, overheadMs, out);
            return Headroom.OK;
        }
        List<List<Repeats.Figures>> pooledRuns = new ArrayList<>();
        for (int k = 1; k <= runs.size(); k++) {
            spec.commandLine().getOut().println("run " + k + " of " + runs.size() + ": " + runs.get(k - 1));
            Validation.Result r = once(d, p, runs.get(k - 1), options, overheadMs, out.resolve("run-" + k));
            pooledRuns.add(r.comparisons().stream().map(Repeats.Figures::of).toList());
        }
        RepeatsReport.poolWriteAndPrint(out, d.design().name(), p.profile(), pooledRuns, spec.commandLine().getOut());
        return Headroom.OK;
    }

    private Validation.Result once(DesignReader.Loaded d, DesignReader.LoadedProfile p, Path run, Validation.Options options,
                                   double overheadMs, Path out) throws Exception {
        ImportedRun.Imported imported = ImportedRun.read(run);
        Validation.Result r = Validation.compare(d, p, imported.requests(), options, overheadMs, null);
        List<String> notes = new ArrayList<>();
        notes.add("Requests read from " + imported.source() + (imported.fromGatlingLog()
                ? " (Gatling's simulation.log: whole milliseconds, which put up to ±0.5 ms of rounding on each percentile; KO counts"
                        + " as an error)" : "") + ".");
        notes.add("The design's demand is used as written: fit it from a low-load run first (headroom calibrate).");
        var ctx = Validation.context(r, "imported run " + imported.source(), seed, out, "given with --overhead", notes);
        ValidationReport.write(out, ctx, r.measurement(), r.comparisons());
        ValidateCommand.print(spec.commandLine().getOut(), r, out);
        return r;
    }
}
