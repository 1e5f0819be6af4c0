package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive ({@code ./headroom}, {@code scripts/cds-archive.sh}), exercised through the
 * launcher itself in a copy of the checkout that holds only what it needs: the script, the packaged jar (so this
 * runs in {@code mvn verify} after the jar is made: cli's pom binds {@code *IT} classes there) and the examples. The
 * archive is made once per jar, keeps stdout clean, serves Jackson, JFreeChart and Headroom's classes to a design it
 * was not trained on, changes no result, is not retried after a failure until the jar changes, and a damaged one is
 * ignored without a word. Also the launcher's transparent huge pages: on where Linux gives them on request, with no
 * warning from the JVM.
 */
class ClassDataArchiveIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String JAVA_BIN = Path.of(System.getProperty("java.home"), "bin").toString();
    private static final String PREPARING = "preparing the class-data archive";

    record Result(int status, String out, String err) {
    }

    @Test
    void madeOnceMappedByARunAndChangingNoResult(@TempDir Path dir) throws Exception {
        Path tree = tree(dir, true);
        Result first = launch(tree, Map.of(), "--version");
        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().startsWith("headroom "), first.out());
        assertTrue(first.err().contains(PREPARING), first.err());
        assertTrue(Files.size(tree.resolve("cli/target/headroom.jsa")) > 10_000_000L, "an archive of a few thousand classes");
        Result again = launch(tree, Map.of(), "--version");
        assertEquals(first.out(), again.out());
        assertEquals("", again.err(), "made once per jar");

        Path loaded = dir.resolve("classes.txt");
        String[] run = {"run", ROOT.resolve("examples/shop.yaml").toString(), "--load",
            ROOT.resolve("examples/profiles/ramp-then-steady.yaml").toString(), "--out"};
        Result with = launch(tree, Map.of("HEADROOM_JAVA_OPTS", "-Xlog:class+load=info:file=" + loaded), concat(run, dir.resolve("with")));
        assertEquals(0, with.status(), with.err());
        String classes = Files.readString(loaded);
        for (String name : List.of("com.fasterxml.jackson.databind.ObjectMapper", "org.jfree.chart.JFreeChart", "io.headroom.design.Design",
                "io.headroom.engine.EventQueue")) {
            assertTrue(line(classes, name).contains("shared objects file"), name + " from the archive: " + line(classes, name));
        }
        // the JIT policy's directives go to the JVM directly (the jar's manifest opens the package), not through the MBean server
        assertTrue(classes.contains("com.sun.management.internal.DiagnosticCommandImpl "), "the diagnostic command is run");
        assertFalse(classes.contains("com.sun.jmx.mbeanserver.JmxMBeanServer "), "without starting the platform MBean server");
        Result without = launch(tree, Map.of("HEADROOM_CDS", "off", "HEADROOM_JAVA_OPTS", "-Xlog:class+load=info:file=" + loaded),
                concat(run, dir.resolve("without")));
        assertEquals(0, without.status(), without.err());
        assertFalse(line(Files.readString(loaded), "com.fasterxml.jackson.databind.ObjectMapper").contains("shared objects file"),
                "HEADROOM_CDS=off runs without it");
        for (String file : List.of("summary.json", "timeseries.csv", "report.md")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("without").resolve(file)), Files.readAllBytes(dir.resolve("with").resolve(file)),
                    file + " with and without the archive");
        }

        Files.writeString(tree.resolve("cli/target/headroom.jsa"), "not an archive"); // its stamp still matches
        Result damaged = launch(tree, Map.of(), "--version");
        assertEquals(0, damaged.status(), damaged.err());
        assertEquals(first.out(), damaged.out());
        assertEquals("", damaged.err(), "a damaged archive is ignored without a word");
    }

    @Test
    void aFailureIsNotRetriedUntilTheJarChanges(@TempDir Path dir) throws Exception {
        Path tree = tree(dir, false); // no examples: the training run fails
        Result failed = launch(tree, Map.of(), "--version");
        assertEquals(0, failed.status(), "the command runs without the archive: " + failed.err());
        assertTrue(failed.out().startsWith("headroom "), failed.out());
        assertTrue(failed.err().contains("no class-data archive"), failed.err());
        Result quiet = launch(tree, Map.of(), "--version");
        assertEquals("", quiet.err(), "not retried for the same jar");

        Files.createSymbolicLink(tree.resolve("examples"), ROOT.resolve("examples"));
        Path jar = tree.resolve("cli/target/headroom.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2_000));
        Result rebuilt = launch(tree, Map.of(), "--version");
        assertEquals(0, rebuilt.status(), rebuilt.err());
        assertTrue(rebuilt.err().contains(PREPARING) && !rebuilt.err().contains("no class-data archive"), rebuilt.err());
        assertTrue(Files.exists(tree.resolve("cli/target/headroom.jsa")));
    }

    @Test
    void hugePagesWhereLinuxGivesThemOnRequestAndNoWordWhereItDoesNot(@TempDir Path dir) throws Exception {
        Path tree = tree(dir, true);
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        String mode = Files.isReadable(thp) ? Files.readString(thp) : "";
        boolean offered = mode.contains("[always]") || mode.contains("[madvise]");
        Result first = launch(tree, Map.of(), "--version"); // makes the archive, which the runs below map beside huge pages
        assertEquals(0, first.status(), first.err());
        assertTrue(Files.exists(tree.resolve("cli/target/headroom.jsa.stamp")), first.err());
        Result flags = launch(tree, Map.of("HEADROOM_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "--version");
        assertEquals(0, flags.status(), flags.err());
        assertEquals("", flags.err(), "no warning from the JVM");
        assertTrue(line(flags.out(), "UseTransparentHugePages").contains("= " + offered),
                "transparent huge pages " + (offered ? "on" : "off") + " where the kernel says " + mode.strip() + ": "
                        + line(flags.out(), "UseTransparentHugePages"));
    }

    /** The launcher, its scripts and the packaged jar (the examples linked in when asked), nothing else. */
    private static Path tree(Path dir, boolean examples) throws IOException {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("scripts"));
        Files.createDirectories(tree.resolve("cli/target"));
        Files.copy(ROOT.resolve("headroom"), tree.resolve("headroom"));
        Files.copy(ROOT.resolve("scripts/cds-archive.sh"), tree.resolve("scripts/cds-archive.sh"));
        Files.copy(ROOT.resolve("scripts/jit-directives.json"), tree.resolve("scripts/jit-directives.json"));
        Files.copy(ROOT.resolve("cli/target/headroom.jar"), tree.resolve("cli/target/headroom.jar"));
        if (examples) {
            Files.createSymbolicLink(tree.resolve("examples"), ROOT.resolve("examples"));
        }
        return tree;
    }

    private static String[] concat(String[] head, Path last) {
        List<String> all = new ArrayList<>(List.of(head));
        all.add(last.toString());
        return all.toArray(String[]::new);
    }

    private static String line(String classes, String name) {
        return classes.lines().filter(l -> l.contains(" " + name + " ")).findFirst().orElse("(not loaded)");
    }

    /** Runs {@code tree/headroom ARGS} with this JVM's java first on the PATH. */
    private static Result launch(Path tree, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", tree.resolve("headroom").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tree.toFile());
        Map<String, String> e = pb.environment();
        e.remove("HEADROOM_JAVA_OPTS");
        e.remove("HEADROOM_CDS");
        e.put("PATH", JAVA_BIN + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        e.putAll(env);
        Path out = Files.createTempFile(tree.getParent(), "out", ".txt");
        Path err = Files.createTempFile(tree.getParent(), "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("still running after 180 s: " + command);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
