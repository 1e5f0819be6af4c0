package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom run} of a design that prices nothing never reads the bundled catalogue's prices (about a tenth of a
 * second of a short run's start), and one that names an instance type does. Each runs in a JVM of its own, which logs
 * the classes it loads: the catalogue file's record is loaded only to read the prices.
 */
class PricesReadTest {
    private static final String CATALOGUE_FILE = "io.headroom.design.pricing.CatalogueFile ";

    /** The classes {@code headroom run DESIGN} loads in a JVM of its own (its log of class loading). */
    private static String classesLoaded(Path tmp, String design) throws Exception {
        Path profile = tmp.resolve("short.yaml");
        Files.writeString(profile, "name: short\ninjection:\n  - constantUsersPerSec: {rate: 5, during: 60s, randomized: true}\n");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = tmp.resolve(Path.of(design).getFileName() + ".log");
        Path out = tmp.resolve(Path.of(design).getFileName() + ".out");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true",
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:off", "-Xlog:class+load=info:file=" + tmp.resolve("classes.txt"),
                "-cp", cp, Headroom.class.getName(), "run", Path.of(design).toAbsolutePath().toString(), "--load", profile.toString(),
                "--out", out.toString());
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("no end after 3 minutes: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), Files.readString(log));
        return Files.readString(tmp.resolve("classes.txt"));
    }

    @Test
    void aDesignThatPricesNothingRunsWithoutReadingThePrices(@TempDir Path tmp) throws Exception {
        String loaded = classesLoaded(tmp, "../examples/mm4.yaml");
        assertTrue(loaded.contains("io.headroom.design.pricing.PriceCatalogue "), "the catalogue is named");
        assertFalse(loaded.contains(CATALOGUE_FILE), "its prices are not read");
    }

    @Test
    void aDesignWithAnInstanceTypeReadsThem(@TempDir Path tmp) throws Exception {
        assertTrue(classesLoaded(tmp, "../examples/api-fixed.yaml").contains(CATALOGUE_FILE));
    }
}
