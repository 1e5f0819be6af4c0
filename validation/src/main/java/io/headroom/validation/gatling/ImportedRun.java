package io.headroom.validation.gatling;

import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.Mark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The requests of a load-generator run, from what a user has: a CSV file ({@link RequestsCsv}); a folder
 * with headroom's {@code requests.csv}; or a Gatling results folder — the run folder holding
 * {@code simulation.log}, or the results folder above it (its newest run) — read by {@link SimulationLog}.
 */
public final class ImportedRun {
    private ImportedRun() {
    }

    /** The requests and where they were read from. */
    public record Imported(List<RecordedRequest> requests, Path source, boolean fromGatlingLog) {
    }

    public static Imported read(Path run) throws BadInputException {
        if (Files.isRegularFile(run)) {
            if (run.getFileName().toString().equals("simulation.log")) {
                return new Imported(log(run), run, true);
            }
            return new Imported(RequestsCsv.read(run), run, false);
        }
        if (!Files.isDirectory(run)) {
            throw new BadInputException(new InputError(run.toString(), Mark.UNKNOWN, "", "no such file or folder"));
        }
        Path csv = run.resolve("requests.csv");
        if (Files.isRegularFile(csv)) {
            return new Imported(RequestsCsv.read(csv), csv, false);
        }
        Path log = run.resolve("simulation.log");
        if (!Files.isRegularFile(log)) {
            try (Stream<Path> s = Files.list(run)) {
                log = s.filter(p -> Files.isRegularFile(p.resolve("simulation.log")))
                        .max(Comparator.comparing(p -> p.toFile().lastModified())).map(p -> p.resolve("simulation.log")).orElse(null);
            } catch (IOException e) {
                log = null;
            }
        }
        if (log == null) {
            throw new BadInputException(new InputError(run.toString(), Mark.UNKNOWN, "", "neither requests.csv nor a Gatling"
                    + " simulation.log here (nor in a run folder below): give a Gatling results folder or a CSV of start_ms,"
                    + " response_ms, status"));
        }
        return new Imported(log(log), log, true);
    }

    private static List<RecordedRequest> log(Path file) throws BadInputException {
        List<RecordedRequest> requests;
        try (SimulationLog parser = new SimulationLog(file.toFile())) {
            requests = parser.parse();
        } catch (RuntimeException e) {
            String hint = String.valueOf(e.getMessage()).contains("StringInternals")
                    ? " (Gatling's reader needs the JVM option --add-opens=java.base/java.lang=ALL-UNNAMED; the headroom jar sets it)" : "";
            throw new BadInputException(new InputError(file.toString(), Mark.UNKNOWN, "", "cannot read this simulation.log: " + e.getMessage()
                    + hint));
        }
        if (requests.isEmpty()) {
            throw new BadInputException(new InputError(file.toString(), Mark.UNKNOWN, "", "no requests in this simulation.log"));
        }
        return requests;
    }
}
