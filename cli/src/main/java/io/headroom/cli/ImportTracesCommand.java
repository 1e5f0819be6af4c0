package io.headroom.cli;

import io.headroom.validation.importer.ImportOptions;
import io.headroom.validation.importer.ImportedModel;
import io.headroom.validation.importer.ModelWriter;
import io.headroom.validation.importer.TraceImport;
import io.headroom.validation.traces.TraceFormat;
import io.headroom.yaml.Durations;
import io.headroom.yaml.SafeText;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom import traces FILES --format F --out DIR}: a design and a profile inferred from distributed traces. */
@Command(name = "traces", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = {"Infer a design and a load profile from distributed traces: services and endpoints from spans, the call graph"
                + " with call probabilities, parallel or sequential calls from span overlap, each endpoint's own time (its span less"
                + " its calls, fitted lognormal or gamma by maximum likelihood, else empirical), worker counts from the most spans at"
                + " once on an instance, the arrivals at the entry per window.",
            "Writes DIR/design.yaml, DIR/profile.yaml, DIR/arrivals.csv, DIR/import-report.md (what was inferred, each fit's"
                + " Kolmogorov-Smirnov distance, every correction) and DIR/import.json, and DIR/own-times/*.csv where own times are"
                + " empirical (an earlier import's own-times/*.csv are removed). The files are written beside DIR first and moved"
                + " in only once the design and the profile read back. Files are read as streams: memory follows the traces open"
                + " at once, not the export's size."})
final class ImportTracesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "export files (.gz read through gzip), read in the order given")
    List<Path> files;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "otlp-json (OTLP protobuf JSON, or JSON lines of it), zipkin (v2 JSON) or jaeger (its JSON export)")
    String format;

    @Option(names = {"-o", "--out"}, defaultValue = "imported", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--name", defaultValue = "imported", description = "the design's and the profile's name: up to 200 characters, no control characters (quoted in the YAML as"
                    + " need be; default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--window", defaultValue = "1s", paramLabel = "DURATION",
            description = "arrivals are counted per window of this length (default: ${DEFAULT-VALUE})")
    String window;

    @Option(names = "--grace", defaultValue = "30s", paramLabel = "DURATION",
            description = "a trace stays open this long (in span time) after its latest span, for late spans (default: ${DEFAULT-VALUE})")
    String grace;

    @Option(names = "--max-open-spans", defaultValue = "1000000", paramLabel = "N",
            description = "the most spans held in open traces; beyond it the oldest close early (default: ${DEFAULT-VALUE})")
    int maxOpenSpans;

    @Option(names = "--max-ks", defaultValue = "0.05", paramLabel = "D",
            description = "the largest Kolmogorov-Smirnov distance a fitted family may have; beyond it own times are written as"
                    + " an empirical distribution (default: ${DEFAULT-VALUE})")
    double maxKs;

    @Option(names = "--workers", defaultValue = "auto", paramLabel = "N|auto",
            description = "every service's worker count (1 to 100000), or auto: the most spans at once on one instance (default: ${DEFAULT-VALUE})")
    String workers;

    @Option(names = "--default-workers", defaultValue = "8", paramLabel = "N",
            description = "the worker count (1 to 100000) of a service seen in fewer than 50 spans (default: ${DEFAULT-VALUE})")
    String defaultWorkers;

    @Option(names = "--seed", defaultValue = "1", description = "the random stream that picks the own times kept per endpoint for the KS distance and empirical files (default: ${DEFAULT-VALUE})")
    long seed;

    /** The bounds of a worker count, as {@code --workers} and {@code --default-workers} take it. */
    static final int MAX_WORKERS = 100_000;

    @Override
    public Integer call() throws Exception {
        TraceFormat f = TraceFormat.of(format);
        if (f == null) {
            throw bad("--format: " + format + " is not one of "
                    + String.join(", ", Arrays.stream(TraceFormat.values()).map(TraceFormat::cliName).toList()));
        }
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                throw bad(file + ": not a file");
            }
            if (!Files.isRegularFile(file)) {
                throw bad(file + ": no such file");
            }
        }
        String nameProblem = ModelWriter.nameProblem(name);
        if (nameProblem != null) {
            throw bad("--name: " + nameProblem);
        }
        String outProblem = ModelWriter.outProblem(out);
        if (outProblem != null) {
            throw bad("--out: " + outProblem);
        }
        OutputPlace.folder(spec.commandLine(), out);
        ImportOptions options = new ImportOptions(name, duration("--window", window, false), duration("--grace", grace, true),
                atLeastOne("--max-open-spans", maxOpenSpans), ImportOptions.DEFAULTS.reservoir(), maxKs(),
                workers.equals("auto") ? 0 : workers("--workers", workers, ", or auto"),
                workers("--default-workers", defaultWorkers, ""), seed);
        ImportedModel m = TraceImport.read(files, f, options);
        // written only once the design and the profile read back (else an IllegalStateException: a bug, exit 1)
        ModelWriter.write(m, out);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "import traces: %,d spans in %,d traces, %,d requests served; entry %s, %,d arrivals%n", m.reading().spans(),
                m.reading().traces(), m.reading().executions(), SafeText.escape(m.entry()), m.arrivals().total());
        for (ImportedModel.Service s : m.services()) {
            w.printf(Locale.ROOT, "  %s: %d replica(s) x %d workers, endpoints %s%n", SafeText.escape(s.name()), s.replicas(), s.workers(),
                    SafeText.escape(String.join(", ", s.endpoints().stream().map(ImportedModel.Endpoint::name).toList())));
        }
        for (String c : m.corrections()) {
            w.println("  corrected: " + SafeText.escape(c));
        }
        w.println("wrote " + out.resolve("design.yaml") + ", " + out.resolve("profile.yaml") + " and " + out.resolve("import-report.md"));
        w.flush();
        return Headroom.OK;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A worker count from 1 to {@link #MAX_WORKERS}. */
    private int workers(String option, String text, String orAuto) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= MAX_WORKERS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below, as an out-of-range number is
        }
        throw bad(option + ": a number from 1 to " + MAX_WORKERS + orAuto + ", got " + text);
    }

    private int atLeastOne(String option, int n) {
        if (n < 1) {
            throw bad(option + ": at least 1, got " + n);
        }
        return n;
    }

    private double maxKs() {
        if (!(maxKs > 0 && maxKs <= 1)) {
            throw bad("--max-ks: a distance above 0 and at most 1, got " + maxKs);
        }
        return maxKs;
    }

    /** A duration option: positive, or (a grace period) zero or positive. */
    private Duration duration(String option, String text, boolean zeroAllowed) {
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw bad(option + ": " + e.getMessage());
        }
        if (d.isNegative() || d.isZero() && !zeroAllowed) {
            throw bad(option + ": " + (zeroAllowed ? "zero or longer" : "longer than zero") + ", got " + text);
        }
        return d;
    }
}
