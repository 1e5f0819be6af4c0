package io.headroom.cli;

import io.headroom.advice.Advisor;
import io.headroom.design.DesignReader;
import io.headroom.report.AdviceReport;
import io.headroom.run.RunOptions;
import java.io.PrintWriter;
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

/** {@code headroom advise DESIGN --load PROFILE}: right-sizing findings and options, each checked by simulation. */
@Command(name = "advise", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = {"Per service with an instance type, a finding in AWS Compute Optimizer's words (Overprovisioned, "
                + "Underprovisioned, Optimized; NotOptimized for an autoscaled group) and ranked options (instance type x count) that "
                + "meet the design's SLOs at the profile's load, each simulated with common random numbers, with its monthly cost, "
                + "savings and performance risk (0-4)."})
final class AdviseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DESIGN", description = "the design YAML")
    Path design;

    @Option(names = {"-l", "--load"}, required = true, paramLabel = "PROFILE", description = "the load profile")
    Path load;

    @Option(names = "--component", paramLabel = "NAME", description = "a service to advise on (repeatable; default: every service with an instance type)")
    List<String> components = new ArrayList<>();

    @Option(names = "--types", split = ",", paramLabel = "TYPE", description = "the instance types to try (default: the catalogue's"
            + " types of known speed with half, the same or twice the vCPUs, the cheapest --candidates by queueing theory)")
    List<String> types = new ArrayList<>();

    @Option(names = "--candidates", defaultValue = "6", paramLabel = "N", description = "types to simulate when --types is not given (default: ${DEFAULT-VALUE})")
    int candidates;

    @Option(names = "--targets", split = ",", defaultValue = "0.5,0.7", paramLabel = "T",
            description = "for an autoscaled service whose policy has a target: the other targets to try with each type (default: ${DEFAULT-VALUE})")
    List<Double> targets = new ArrayList<>();

    @Option(names = "--mins", split = ",", paramLabel = "N",
            description = "for an autoscaled service: the other minimum sizes to try with each type and target (default: half its own, rounded up)")
    List<Integer> mins = new ArrayList<>();

    @Option(names = "--replications", defaultValue = "3", paramLabel = "N", description = "replications per option (default: ${DEFAULT-VALUE})")
    int replications;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "base seed, the same for every option (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "replications in parallel (default: all cores)")
    Integer threads;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "write advice.json, report.html, report.md and the charts here")
    Path out;

    @picocli.CommandLine.Mixin
    WorkBudget budget = new WorkBudget();

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (replications < 1 || candidates < 1) {
            throw new CommandLine.ParameterException(cl, "--replications and --candidates must be at least 1");
        }
        for (Integer m : mins) {
            if (m < 1) {
                throw new CommandLine.ParameterException(cl, "--mins: a minimum size is at least 1, got " + m);
            }
        }
        for (Double t : targets) {
            if (!(t > 0 && t <= 1)) {
                throw new CommandLine.ParameterException(cl, "--targets: a utilisation target is above 0 and at most 1, got " + t);
            }
        }
        ReplicationCount.bounded(cl, replications);
        if (out != null) {
            OutputPlace.folder(cl, out);
        }
        DesignReader.Loaded base = DesignReader.read(design);
        DesignReader.LoadedProfile profile = DesignReader.readProfile(load);
        DesignReader.checkCompatible(base, profile);
        if (base.design().slos().isEmpty()) {
            throw new CommandLine.ParameterException(cl, design + " has no slos: advice is about meeting them; add slos: to the design,"
                    + " e.g. slos: [\"p99 < 250ms\"]");
        }
        List<String> sizable = Advisor.sizable(base);
        for (String c : components) {
            if (!sizable.contains(c)) {
                throw new CommandLine.ParameterException(cl, "--component " + c + ": not a service with an instance type in " + design
                        + " (those: " + String.join(", ", sizable) + ")");
            }
        }
        if (sizable.isEmpty()) {
            throw new CommandLine.ParameterException(cl, design + " has no service with an instance type to advise on");
        }
        var catalogue = io.headroom.design.pricing.PriceCatalogue.resolve(base.design().pricing(), base.baseDir());
        for (String t : types) {
            if (catalogue.find(t).isEmpty()) {
                throw new CommandLine.ParameterException(cl, "--types: " + catalogue.unknownType(t));
            }
        }
        int nThreads = ThreadCount.of(cl, threads);
        PrintWriter w = cl.getOut();
        PrintWriter err = cl.getErr();
        Advisor.Settings settings = new Advisor.Settings(replications, seed, nThreads, types, candidates,
                budget.apply(RunOptions.DEFAULTS, null), components, new Advisor.Summaries() {
                    @Override
                    public io.headroom.result.Summary of(io.headroom.experiment.AutoWarmup.Outcome run) {
                        return io.headroom.report.TransientSummary.of(run);
                    }

                    @Override
                    public io.headroom.result.Summary combine(List<io.headroom.result.Summary> each) {
                        return io.headroom.report.ReplicatedSummary.combine(each);
                    }
                }, targets, mins);
        Advisor.Advice advice;
        try {
            advice = Advisor.advise(base, profile, settings, line -> {
                err.println("  simulated " + line);
                err.flush();
            });
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, design + ": " + e.getMessage());
        }
        w.print(AdviceReport.text(advice));
        if (out != null) {
            List<Path> files = AdviceReport.write(out, advice);
            w.println("wrote " + files.get(0) + ", " + out.resolve(io.headroom.report.RunReport.HTML) + " and "
                    + out.resolve(io.headroom.report.RunReport.MARKDOWN));
        }
        w.flush();
        return Headroom.OK;
    }
}
