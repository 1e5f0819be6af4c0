package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive the launcher starts with ({@code scripts/cds-archive.sh}), built from the packaged command
 * line jar — so this runs in {@code mvn verify} after the jar is made (cli's pom binds {@code *IT} classes there). The
 * archive must hold what a run loads beyond the JDK's own archive (Jackson, JFreeChart, Headroom's classes), must be
 * refused by nothing it was built for (the JVM is told {@code -Xshare:on}, under which it will not start without
 * mapping it), must change no result, and a damaged archive must be ignored as the launcher assumes.
 */
class ClassDataArchiveIT {
    private static final Path JAR = Path.of("target", "headroom.jar").toAbsolutePath();
    private static final Path SCRIPT = Path.of("..", "scripts", "cds-archive.sh").toAbsolutePath();
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    record Result(int status, String out, String err) {
    }

    @Test
    void aRunMapsTheArchiveAndGivesTheSameResultsAsWithout(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("headroom.jsa");
        Result made = exec(dir, "bash", SCRIPT.toString(), JAR.toString(), archive.toString());
        assertEquals(0, made.status(), made.err() + read(Path.of(archive + ".log")));
        assertTrue(Files.size(archive) > 10_000_000L, "an archive of a few thousand classes: " + Files.size(archive) + " bytes");

        // a design the archive was not trained on (the training run is examples/three-tier.yaml)
        Path loaded = dir.resolve("classes.txt");
        Result with = exec(dir, JAVA, "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info:file=" + loaded,
                "-Djava.awt.headless=true", "-jar", JAR.toString(), "run", EXAMPLES.resolve("shop.yaml").toString(), "--load",
                EXAMPLES.resolve("profiles/ramp-then-steady.yaml").toString(), "--out", dir.resolve("with").toString());
        assertEquals(0, with.status(), with.err());
        String classes = read(loaded);
        for (String name : List.of("com.fasterxml.jackson.databind.ObjectMapper", "org.jfree.chart.JFreeChart",
                "io.headroom.design.Design", "io.headroom.engine.EventQueue")) {
            String line = classes.lines().filter(l -> l.contains(" " + name + " ")).findFirst().orElse("(not loaded)");
            assertTrue(line.contains("shared objects file"), name + " is read from the archive: " + line);
        }
        Result without = exec(dir, JAVA, "-Xshare:auto", "-Djava.awt.headless=true", "-jar", JAR.toString(), "run",
                EXAMPLES.resolve("shop.yaml").toString(), "--load", EXAMPLES.resolve("profiles/ramp-then-steady.yaml").toString(),
                "--out", dir.resolve("without").toString());
        assertEquals(0, without.status(), without.err());
        for (String file : List.of("summary.json", "timeseries.csv", "report.md")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("without").resolve(file)), Files.readAllBytes(dir.resolve("with").resolve(file)),
                    file + " with and without the archive");
        }
    }

    @Test
    void aDamagedArchiveIsIgnored(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("damaged.jsa");
        Files.writeString(archive, "not an archive");
        Result r = exec(dir, JAVA, "-XX:SharedArchiveFile=" + archive, "-jar", JAR.toString(), "--version");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("headroom "), r.out());
        assertEquals("", r.err(), "nothing said about the archive");
    }

    private static Result exec(Path dir, String... command) throws IOException, InterruptedException {
        Path out = dir.resolve("out-" + System.nanoTime() + ".txt");
        Path err = dir.resolve("err-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("still running after 120 s: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), read(out), read(err));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
