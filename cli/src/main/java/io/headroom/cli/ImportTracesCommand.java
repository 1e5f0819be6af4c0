package io.headroom.cli;

import io.headroom.design.DesignReader;
import io.headroom.validation.importer.ImportOptions;
import io.headroom.validation.importer.ImportedModel;
import io.headroom.validation.importer.ModelWriter;
import io.headroom.validation.importer.TraceImport;
import io.headroom.validation.traces.TraceFormat;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.Durations;
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
                + " Kolmogorov-Smirnov distance, every correction) and DIR/import.json. Files are read as streams: memory follows"
                + " the traces open at once, not the export's size."})
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

    @Option(names = "--name", defaultValue = "imported", description = "the design's and the profile's name (default: ${DEFAULT-VALUE})")
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
            description = "every service's worker count, or auto: the most spans at once on one instance (default: ${DEFAULT-VALUE})")
    String workers;

    @Option(names = "--default-workers", defaultValue = "8", paramLabel = "N",
            description = "the worker count of a service seen in fewer than 50 spans (default: ${DEFAULT-VALUE})")
    int defaultWorkers;

    @Option(names = "--seed", defaultValue = "1", description = "the samples kept per endpoint (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        TraceFormat f = TraceFormat.of(format);
        if (f == null) {
            throw new ParameterException(spec.commandLine(), "--format: " + format + " is not one of "
                    + String.join(", ", Arrays.stream(TraceFormat.values()).map(TraceFormat::cliName).toList()));
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), file + ": no such file");
            }
        }
        ImportOptions options;
        try {
            int w = workers.equals("auto") ? 0 : Integer.parseInt(workers);
            Duration win = Durations.parse(window);
            Duration g = Durations.parse(grace);
            if (w < 0 || w > 100_000) {
                throw new IllegalArgumentException("--workers: between 1 and 100000, or auto");
            }
            if (!(maxKs > 0 && maxKs <= 1)) {
                throw new IllegalArgumentException("--max-ks: a distance between 0 and 1");
            }
            options = new ImportOptions(name, win, g, maxOpenSpans, ImportOptions.DEFAULTS.reservoir(), maxKs, w, defaultWorkers, seed);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--workers: a number or auto, got " + workers);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ImportedModel m = TraceImport.read(files, f, options);
        ModelWriter.write(m, out);
        // what was written must read back as a design and a profile that go together (a failure here is a bug)
        DesignReader.Loaded design = DesignReader.read(out.resolve("design.yaml"));
        DesignReader.LoadedProfile profile = DesignReader.readProfile(out.resolve("profile.yaml"));
        try {
            DesignReader.checkCompatible(design, profile);
        } catch (BadInputException e) {
            throw new IllegalStateException("the imported profile does not fit the imported design: " + e.getMessage(), e);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "import traces: %,d spans in %,d traces, %,d requests served; entry %s, %,d arrivals%n", m.reading().spans(),
                m.reading().traces(), m.reading().executions(), m.entry(), m.arrivals().total());
        for (ImportedModel.Service s : m.services()) {
            w.printf(Locale.ROOT, "  %s: %d replica(s) x %d workers, endpoints %s%n", s.name(), s.replicas(), s.workers(),
                    String.join(", ", s.endpoints().stream().map(ImportedModel.Endpoint::name).toList()));
        }
        for (String c : m.corrections()) {
            w.println("  corrected: " + c);
        }
        w.println("wrote " + out.resolve("design.yaml") + ", " + out.resolve("profile.yaml") + " and " + out.resolve("import-report.md"));
        w.flush();
        return Headroom.OK;
    }
}
