package io.headroom.cli;

import io.headroom.experiment.ComparisonPlan;
import io.headroom.report.CompareReport;
import io.headroom.result.CompareResults;
import io.headroom.run.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        OutputPlace.folder(spec.commandLine(), out);
        ComparisonPlan plan;
        try {
            plan = ComparisonPlan.read(designs, load, study, seed, replications);
        } catch (ComparisonPlan.Usage e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        int nThreads = ThreadCount.of(spec.commandLine(), threads);
        if (!budget.allows(plan.work(), nThreads, spec.commandLine().getErr())) {
            return Headroom.BAD_INPUT;
        }
        var results = plan.run(budget.apply(RunOptions.DEFAULTS, null), nThreads);
        String profile = plan.profile().profile().name();
        CompareReport.write(out, results, profile, plan.seed());
        CompareResults json = CompareReport.results(results, profile, plan.seed());
        CompareReport.print(spec.commandLine().getOut(), json, out);
        if (!RunCommand.selfChecked(CompareReport.selfCheckFailures(json), spec.commandLine().getErr())) {
            return Headroom.SELF_CHECK_FAILED;
        }
        if (failOnSlo) {
            List<String> missing = CompareReport.missingSlos(json);
            if (!missing.isEmpty()) {
                spec.commandLine().getErr().println("headroom: " + String.join(", ", missing) + " miss"
                        + (missing.size() == 1 ? "es" : "") + " an SLO (--fail-on-slo)");
                spec.commandLine().getErr().flush();
                return Headroom.SLO_MISSED;
            }
        }
        return Headroom.OK;
    }
}
