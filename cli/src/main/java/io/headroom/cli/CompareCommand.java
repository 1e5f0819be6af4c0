package io.headroom.cli;

import io.headroom.design.DesignReader;
import io.headroom.experiment.Comparison;
import io.headroom.report.CompareReport;
import io.headroom.result.CompareResults;
import io.headroom.result.Figures;
import io.headroom.run.RunOptions;
import io.headroom.run.WorkEstimate;
import io.headroom.study.Study;
import io.headroom.study.StudyPoint;
import io.headroom.study.StudyReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code headroom compare DESIGN... --load PROFILE}: designs side by side with common random numbers. */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = {"Run several designs (or the points of a study) under one profile with common random numbers and report "
                + "them side by side, with paired-t confidence intervals on their differences from the first and their p99 "
                + "and instances over time overlaid: compare.json, report.html, report.md."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "DESIGN", description = "the designs; the first is the baseline")
    List<Path> designs = new ArrayList<>();

    @Option(names = {"-l", "--load"}, paramLabel = "PROFILE", description = "the load profile (with designs)")
    Path load;

    @Option(names = "--study", paramLabel = "STUDY", description = "compare the points of a study (its profile, seed and replications)")
    Path study;

    @Option(names = "--replications", paramLabel = "N", description = "replications per design (default 5, or the study's)")
    Integer replications;

    @Option(names = "--seed", paramLabel = "N", description = "base seed (default 1, or the study's)")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "runs in parallel (default: all cores)")
    Integer threads;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "folder for compare.json and the report")
    Path out;

    @Option(names = "--fail-on-slo", description = "exit with status 3 when a design misses an SLO")
    boolean failOnSlo;

    @picocli.CommandLine.Mixin
    WorkBudget budget = new WorkBudget();

    @Override
    public Integer call() throws Exception {
        List<Comparison.Arm> arms = new ArrayList<>();
        DesignReader.LoadedProfile profile;
        long base;
        int reps;
        if (study != null) {
            if (!designs.isEmpty() || load != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give designs with --load, or --study, not both");
            }
            Study s = StudyReader.read(study);
            for (StudyPoint p : s.points()) {
                arms.add(new Comparison.Arm(p.name(), p.design().design(), p.design().baseDir()));
            }
            profile = s.profile();
            base = seed != null ? seed : s.spec().seed();
            reps = replications != null ? replications : s.spec().replications();
        } else {
            if (designs.isEmpty() || load == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "name the designs to compare and --load PROFILE (or --study STUDY)");
            }
            profile = DesignReader.readProfile(load);
            Set<String> names = new HashSet<>();
            for (Path d : designs) {
                DesignReader.Loaded loaded = DesignReader.read(d);
                DesignReader.checkCompatible(loaded, profile);
                String name = loaded.design().name();
                if (!names.add(name)) {
                    name = name + " (" + d + ")";
                    names.add(name);
                }
                arms.add(new Comparison.Arm(name, loaded.design(), loaded.baseDir()));
            }
            base = seed != null ? seed : 1;
            reps = replications != null ? replications : 5;
        }
        if (reps < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--replications must be at least 1");
        }
        ReplicationCount.bounded(spec.commandLine(), reps);
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        List<WorkEstimate> each = new ArrayList<>();
        for (Comparison.Arm arm : arms) {
            each.add(WorkEstimate.of(arm.design(), profile.profile()).times(reps));
        }
        if (!budget.allows(WorkEstimate.together(each), nThreads, spec.commandLine().getErr())) {
            return Headroom.BAD_INPUT;
        }
        var results = Comparison.run(arms, profile.profile(), profile.baseDir(), base, reps, budget.apply(RunOptions.DEFAULTS, null),
                nThreads);
        CompareReport.write(out, results, profile.profile().name(), base);
        CompareResults json = CompareReport.results(results, profile.profile().name(), base);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%d designs under %s, %d %s each (common random numbers)%n", arms.size(), profile.profile().name(), reps,
                reps == 1 ? "run" : "replications");
        for (CompareResults.Design d : json.designs()) {
            w.printf(Locale.ROOT, "  %-28s mean %s  p99 %s ms%n", d.name(), pm(d.figures(), "mean_ms"), pm(d.figures(), "p99_ms"));
        }
        for (CompareResults.Difference d : json.differences()) {
            CompareResults.Paired p99 = d.metrics().getOrDefault("p99_ms", new CompareResults.Paired(Double.NaN, Double.NaN, false));
            // a difference without a value prints as 0
            double mean = Double.isNaN(p99.mean()) ? 0 : p99.mean();
            w.printf(Locale.ROOT, "  %s − %s: p99 %+.2f%s ms%s%n", d.design(), d.minus(), mean,
                    !Double.isNaN(p99.ci95()) ? String.format(Locale.ROOT, " ± %.2f", p99.ci95()) : "",
                    p99.significant() ? " (significant)" : "");
        }
        w.println("  wrote " + out.resolve(CompareReport.JSON_FILE) + ", " + out.resolve("report.html") + " and " + out.resolve("report.md"));
        w.flush();
        List<String> failedChecks = new java.util.ArrayList<>();
        for (CompareResults.Design d : json.designs()) {
            d.figures().selfCheckFailures().forEach(f -> failedChecks.add(d.name() + ": " + f));
        }
        if (!RunCommand.selfChecked(failedChecks, spec.commandLine().getErr())) {
            return Headroom.SELF_CHECK_FAILED;
        }
        if (failOnSlo) {
            List<String> missing = json.designs().stream().filter(d -> !d.figures().slosMet()).map(CompareResults.Design::name).toList();
            if (!missing.isEmpty()) {
                spec.commandLine().getErr().println("headroom: " + String.join(", ", missing) + " miss"
                        + (missing.size() == 1 ? "es" : "") + " an SLO (--fail-on-slo)");
                spec.commandLine().getErr().flush();
                return Headroom.SLO_MISSED;
            }
        }
        return Headroom.OK;
    }

    private static String pm(Figures f, String key) {
        double v = f.metric(key);
        double h = f.halfWidth(key);
        String m = Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
        return Double.isNaN(h) ? m : m + " ± " + String.format(Locale.ROOT, "%.2f", h);
    }
}
