package io.headroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps every main class of the simulator at most {@value #MAX_LINES} lines long, so that a class that grows by
 * accretion is split by responsibility before it becomes the next thousand-line coordinator. {@code io/headroom/theory/}
 * (the closed-form formulas the tests use as oracles) is exempt: a formula is read whole.
 */
class SourceSizeTest {
    static final int MAX_LINES = 600;
    private static final Path EXEMPT = Path.of("io", "headroom", "theory");

    @Test
    void noMainClassOfTheSimulatorIsOver600Lines() {
        Path main = moduleDir().resolve("src/main/java");
        assertTrue(Files.isDirectory(main.resolve("io/headroom")), "no simulator sources at " + main);
        check(main);
    }

    @Test
    void anOverlongFileFailsTheCheckByName(@TempDir Path root) throws IOException {
        write(root.resolve("io/headroom/big/Grown.java"), 601);
        write(root.resolve("io/headroom/big/Full.java"), 600);
        write(root.resolve("io/headroom/theory/Formulas.java"), 900);
        AssertionError e = assertThrows(AssertionError.class, () -> check(root));
        String grown = Path.of("io", "headroom", "big", "Grown.java").toString();
        assertTrue(e.getMessage().contains(grown + ": 601 lines"), e.getMessage());
        assertFalse(e.getMessage().contains("Full.java"), "600 lines is allowed: " + e.getMessage());
        assertFalse(e.getMessage().contains("Formulas.java"), "theory/ is exempt: " + e.getMessage());
        assertEquals(List.of(grown + ": 601 lines"), overLong(root));
    }

    @Test
    void aTreeWithinTheLimitPasses(@TempDir Path root) throws IOException {
        write(root.resolve("io/headroom/small/Fits.java"), 600);
        write(root.resolve("io/headroom/theory/Formulas.java"), 900);
        check(root);
    }

    /** Fails naming every {@code .java} file under {@code root} over {@value #MAX_LINES} lines, outside {@code theory/}. */
    static void check(Path root) {
        List<String> over = overLong(root);
        if (!over.isEmpty()) {
            throw new AssertionError("over " + MAX_LINES + " lines (split them by responsibility, see docs/architecture.md):\n  "
                    + String.join("\n  ", over));
        }
    }

    /** Each file over the limit, as {@code path/relative/to/root.java: N lines}, in path order. */
    static List<String> overLong(Path root) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f)).sorted().toList()) {
                Path rel = root.relativize(p);
                if (rel.startsWith(EXEMPT)) {
                    continue;
                }
                int lines = Files.readAllLines(p).size();
                if (lines > MAX_LINES) {
                    out.add(rel + ": " + lines + " lines");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The simulator module's folder: where this test's classes were compiled to is {@code target/test-classes} in it,
     * whatever the working directory (Maven runs tests in the module's folder, an IDE perhaps in the repository's).
     */
    private static Path moduleDir() {
        try {
            Path classes = Path.of(SourceSizeTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = classes.getParent().getParent();
            if (Files.isDirectory(dir.resolve("src/main/java"))) {
                return dir;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall back on the working directory below
        }
        Path cwd = Path.of("").toAbsolutePath();
        return Files.isDirectory(cwd.resolve("simulator/src/main/java")) ? cwd.resolve("simulator") : cwd;
    }

    private static void write(Path file, int lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, Collections.nCopies(lines, "// a line"));
    }
}
