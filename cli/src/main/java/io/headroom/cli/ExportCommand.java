package io.headroom.cli;

import io.headroom.openmetrics.RunMetrics;
import io.headroom.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code headroom export DIR... --start INSTANT}: results folders of {@code headroom run} as one OpenMetrics
 * file, for {@code promtool tsdb create-blocks-from openmetrics} and Grafana beside real metrics.
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = "Write the summary.json and timeseries.csv of one or more results folders as OpenMetrics text"
                + " (gauges with timestamps from --start, labelled design, profile, seed and run), to load into Prometheus"
                + " with promtool tsdb create-blocks-from openmetrics.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "results folders of headroom run (their --out)")
    List<Path> dirs;

    @Option(names = "--format", defaultValue = "prometheus", paramLabel = "FORMAT",
            description = "prometheus: OpenMetrics 1.0 text (the only format; default: ${DEFAULT-VALUE})")
    RunCommand.Format format;

    @Option(names = "--start", required = true, paramLabel = "INSTANT", converter = StartInstant.class,
            description = "the wall-clock instant the simulated time 0 is put at, ISO-8601 (2026-12-01T00:00:00Z);"
                    + " choose one inside Prometheus' retention (15 days by default: older blocks are deleted) and more than"
                    + " 3 hours plus the run's length back (backfilling the head block is not safe); whole seconds")
    Instant start;

    @Option(names = {"-o", "--out"}, defaultValue = "-", paramLabel = "FILE",
            description = "the file to write, atomically (default: standard output)")
    String out;

    @Option(names = "--run", paramLabel = "NAME",
            description = "the run label (default: each folder's name; names must differ)")
    List<String> runs;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (runs != null && runs.size() != dirs.size()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--run: give one per folder (" + dirs.size() + " folders, " + runs.size() + " names)");
        }
        List<RunMetrics.Source> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < dirs.size(); i++) {
            Path dir = dirs.get(i);
            if (!Files.isDirectory(dir)) {
                err.println("headroom export: " + dir + ": no such folder (name the --out folder of a headroom run)");
                err.flush();
                return Headroom.BAD_INPUT;
            }
            RunMetrics.Source s = runs == null ? RunMetrics.Source.of(dir) : new RunMetrics.Source(dir, runs.get(i));
            if (!names.add(s.run())) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "two folders would have the run label \""
                        + s.run() + "\": name them with --run, one per folder");
            }
            sources.add(s);
        }
        String text;
        try {
            text = RunMetrics.render(sources, start);
        } catch (RunReport.BadResults e) {
            err.println("headroom export: " + e.getMessage());
            err.flush();
            return Headroom.BAD_INPUT;
        }
        if (out.equals("-")) {
            var w = spec.commandLine().getOut();
            w.print(text);
            w.flush();
        } else {
            Path file = Path.of(out);
            OutputPlace.file(spec.commandLine(), file);
            io.headroom.report.AtomicFiles.write(file, text);
            err.println("headroom export: wrote " + file);
            err.flush();
        }
        return Headroom.OK;
    }

    /** An ISO-8601 instant ({@code 2026-12-01T00:00:00Z}, an offset allowed: {@code 2026-12-01T01:00:00+01:00}). */
    static final class StartInstant implements picocli.CommandLine.ITypeConverter<Instant> {
        static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
        static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

        @Override
        public Instant convert(String value) {
            try {
                Instant i = java.time.OffsetDateTime.parse(value).toInstant();
                if (i.getNano() != 0) {
                    throw new picocli.CommandLine.TypeConversionException("'" + value + "': give whole seconds (such as 2026-12-01T00:00:00Z)");
                }
                if (i.isBefore(EARLIEST) || i.isAfter(LATEST)) {
                    // Prometheus keeps milliseconds since 1970 in a long: far instants overflow it
                    throw new picocli.CommandLine.TypeConversionException("'" + value + "': give an instant from " + EARLIEST + " to " + LATEST);
                }
                return i;
            } catch (java.time.format.DateTimeParseException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not an ISO-8601 instant with its offset, such as 2026-12-01T00:00:00Z");
            }
        }
    }
}
