package io.headroom.cli;

import io.headroom.design.DesignReader;
import io.headroom.experiment.Comparison;
import io.headroom.report.AtomicFiles;
import io.headroom.report.DiffText;
import io.headroom.report.PullRequestDiff;
import io.headroom.run.RunOptions;
import io.headroom.run.WorkEstimate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code headroom diff BASE HEAD --load PROFILE}: what a change to a design does to its cost, latency, errors and SLOs,
 * written as a pull-request comment. Both designs run under common random numbers, as in {@code compare}, whose figures
 * these are.
 */
@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = {"Run a design before and after a change (BASE and HEAD, or HEAD against its own file at a git revision "
                + "with --git) under one profile with common random numbers, and write what changed as a pull-request comment: "
                + "the monthly cost, mean/p50/p95/p99 latency and errors before and after with 95 %% intervals and whether "
                + "each change is significant, every SLO's verdict before and after, and the components whose instances, "
                + "utilisation or cost changed.",
                "Exit status 3 when HEAD breaks an SLO that BASE met, or (--fail-on-regression) when the cost or a latency "
                        + "rose by more than the given percentage, significantly."})
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "DESIGN", description = "BASE and HEAD; with --git, HEAD alone")
    List<Path> designs = new ArrayList<>();

    @Option(names = {"-l", "--load"}, required = true, paramLabel = "PROFILE", description = "the load profile")
    Path load;

    @Option(names = "--git", paramLabel = "REF", description = "read BASE from this git revision of HEAD's path (e.g. origin/main)")
    String git;

    @Option(names = "--replications", paramLabel = "N", description = "replications of each design (default ${DEFAULT-VALUE})",
            defaultValue = "5")
    int replications;

    @Option(names = "--seed", paramLabel = "N", description = "base seed (default ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "runs in parallel (default: all cores)")
    Integer threads;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, markdown, github or json (default ${DEFAULT-VALUE})",
            defaultValue = "text", converter = FormatConverter.class)
    DiffText.Format format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "write the diff to FILE (atomically) instead of the terminal,"
            + " which then gets the text form")
    Path out;

    @Option(names = "--fail-on-regression", paramLabel = "PCT",
            description = "exit 3 also when the monthly cost or the mean, p50, p95 or p99 latency rose by more than PCT percent "
                    + "(significantly, with replications)")
    Double failOnRegression;

    @picocli.CommandLine.Mixin
    WorkBudget budget = new WorkBudget();

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (git != null && designs.size() != 1) {
            throw new CommandLine.ParameterException(cl, "with --git REF, name one design (HEAD): BASE is the same path at REF");
        }
        if (git == null && designs.size() != 2) {
            throw new CommandLine.ParameterException(cl, "name two designs, BASE and HEAD (or one with --git REF)");
        }
        if (replications < 1) {
            throw new CommandLine.ParameterException(cl, "--replications must be at least 1");
        }
        if (failOnRegression != null && !(failOnRegression >= 0) || failOnRegression != null && failOnRegression.isInfinite()) {
            throw new CommandLine.ParameterException(cl, "--fail-on-regression takes a percentage of at least 0, e.g. 10");
        }
        ReplicationCount.bounded(cl, replications);
        if (out != null) {
            OutputPlace.file(cl, out);
        }
        Path headPath = designs.get(designs.size() - 1);
        GitRevision revision = null;
        try {
            Path basePath;
            String baseSource;
            if (git != null) {
                try {
                    revision = GitRevision.of(git, headPath);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(cl, e.getMessage());
                }
                basePath = revision.file();
                baseSource = git + ":" + headPath;
            } else {
                basePath = designs.get(0);
                baseSource = basePath.toString();
            }
            return diff(cl, basePath, baseSource, headPath);
        } finally {
            if (revision != null) {
                revision.close();
            }
        }
    }

    private int diff(CommandLine cl, Path basePath, String baseSource, Path headPath) throws Exception {
        DesignReader.LoadedProfile profile = DesignReader.readProfile(load);
        DesignReader.Loaded base = DesignReader.read(basePath);
        DesignReader.Loaded head = DesignReader.read(headPath);
        DesignReader.checkCompatible(base, profile);
        DesignReader.checkCompatible(head, profile);
        String headSource = headPath.toString();
        String baseLabel = base.design().name();
        String headLabel = head.design().name();
        if (baseLabel.equals(headLabel)) {
            baseLabel = baseLabel + " (" + baseSource + ")";
            headLabel = headLabel + " (" + headSource + ")";
            if (baseLabel.equals(headLabel)) {
                baseLabel = base.design().name() + " (base)";
                headLabel = head.design().name() + " (head)";
            }
        }
        List<Comparison.Arm> arms = List.of(new Comparison.Arm(baseLabel, base.design(), base.baseDir()),
                new Comparison.Arm(headLabel, head.design(), head.baseDir()));
        int nThreads = ThreadCount.of(cl, threads);
        List<WorkEstimate> each = new ArrayList<>();
        for (Comparison.Arm arm : arms) {
            each.add(WorkEstimate.of(arm.design(), profile.profile()).times(replications));
        }
        if (!budget.allows(WorkEstimate.together(each), nThreads, cl.getErr())) {
            return Headroom.BAD_INPUT;
        }
        var results = Comparison.run(arms, profile.profile(), profile.baseDir(), seed, replications,
                budget.apply(RunOptions.DEFAULTS, null), nThreads);
        PullRequestDiff d = PullRequestDiff.of(results, profile.profile().name(), seed, baseSource, headSource);
        String rendered = DiffText.render(d, format, headSource.replace('\\', '/'));
        PrintWriter w = cl.getOut();
        if (out != null) {
            writeAtomically(out, rendered);
            w.print(DiffText.render(d, DiffText.Format.TEXT, null));
            w.println("  wrote " + out);
        } else {
            w.print(rendered);
        }
        w.flush();
        List<String> failedChecks = new ArrayList<>();
        for (PullRequestDiff.Side s : List.of(d.base(), d.head())) {
            s.selfCheckFailures().forEach(f -> failedChecks.add(s.label() + ": " + f));
        }
        if (!RunCommand.selfChecked(failedChecks, cl.getErr())) {
            return Headroom.SELF_CHECK_FAILED;
        }
        PrintWriter err = cl.getErr();
        int status = Headroom.OK;
        for (PullRequestDiff.SloChange s : d.broken()) {
            err.println("headroom: " + headLabel + " breaks the SLO " + s.expr() + ", which " + baseLabel + " met");
            status = Headroom.SLO_MISSED;
        }
        if (failOnRegression != null) {
            for (PullRequestDiff.Metric m : d.risesBeyond(failOnRegression)) {
                err.printf(Locale.ROOT, "headroom: %s rose by %.1f %% (more than --fail-on-regression %s %%)%n", m.key(),
                        m.relativePct(), failOnRegression);
                status = Headroom.SLO_MISSED;
            }
        }
        err.flush();
        return status;
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        AtomicFiles.write(file, text);
    }

    /** {@code --format}'s names, in lower case as users type them. */
    static final class FormatConverter implements CommandLine.ITypeConverter<DiffText.Format> {
        @Override
        public DiffText.Format convert(String value) {
            try {
                return DiffText.Format.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "': the formats are text, markdown, github and json");
            }
        }
    }
}
