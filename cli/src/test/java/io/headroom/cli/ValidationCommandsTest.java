package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.design.DesignReader;
import io.headroom.design.ServiceSpec;
import io.headroom.dist.DistributionSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate, compare-run and calibrate from the command line, without Gatling (a run of Gatling is the
 * validation module's ValidationAccuracyTest): bad input exits 2 before anything runs or is written;
 * compare-run on a hand-made run of a constant-time service reproduces it exactly; calibrate recovers a
 * gamma demand and writes it into a copy of the design that reads back.
 */
class ValidationCommandsTest {
    @TempDir
    Path dir;

    private record Outcome(int status, String out, String err) {
    }

    private Outcome headroom(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Headroom.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(status, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    static final String CONSTANT_SERVICE = """
            name: constant
            entry: api
            components:
              api:
                type: service
                concurrency: 2
                endpoints:
                  get: {wait: {dist: constant, value: 10ms}}
            """;

    private static final String PROFILE = """
            name: steady
            warmup: 2s
            injection:
              - constantUsersPerSec: {rate: 10, during: 20s}
            """;

    @Test
    void validateRefusesWhatTheTestbedCannotRealiseBeforeAnythingRuns() throws Exception {
        Path design = write("function.yaml", """
                name: function
                entry: api
                components:
                  api:
                    type: service
                    concurrency: 2
                    endpoints:
                      get:
                        wait: {dist: constant, value: 1ms}
                        calls: [{to: orders}]
                  orders:
                    type: function
                    endpoints:
                      get: {demand: {dist: constant, value: 1ms}}
                """);
        Path profile = write("p.yaml", PROFILE);
        Path out = dir.resolve("out");
        Outcome o = headroom("validate", design.toString(), "--load", profile.toString(), "--out", out.toString());
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().startsWith(design + ":"), o.err());
        assertTrue(o.err().contains("components.orders"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void compareRunOfAConstantServiceAtLowLoadIsExact() throws Exception {
        // one request every 100 ms, each answered in the service's 10 ms plus 0.5 ms of client overhead
        StringBuilder csv = new StringBuilder("start_ms,response_ms,status\n");
        for (int i = 0; i < 200; i++) {
            csv.append(String.format(Locale.ROOT, "%d,10.5,200%n", 1_700_000_000_000L + i * 100L));
        }
        Path run = write("run.csv", csv.toString());
        Path design = write("constant.yaml", CONSTANT_SERVICE);
        Path profile = write("steady.yaml", PROFILE);
        Path out = dir.resolve("report");
        Outcome o = headroom("compare-run", "--gatling", run.toString(), design.toString(), "--load", profile.toString(),
                "--overhead", "0.5ms", "--replications", "3", "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode v = new ObjectMapper().readTree(out.resolve("validation.json").toFile());
        assertEquals(180, v.path("measured").path("requests").asLong(), "requests after the 2 s warm-up");
        JsonNode replay = v.path("comparisons").get(0);
        assertEquals("replay-declared", replay.path("name").asText());
        for (String p : new String[] {"p50_ms", "p99_ms"}) {
            assertEquals(10.5, replay.path("metrics").path(p).path("measured").asDouble(), 0.011, p);
            assertEquals(10.5, replay.path("metrics").path(p).path("simulated").asDouble(), 0.011, p);
            assertEquals(0.0, replay.path("metrics").path(p).path("error_pct").asDouble(), 0.11, p);
        }
        assertTrue(replay.path("pass").asBoolean());
        for (String f : new String[] {"validation.md", "validation.html", "validation-cdf.png", "validation-timeline.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }

    @Test
    void compareRunPoolsSeveralRunsWithTheirBetweenRunSpread() throws Exception {
        // two runs of the constant service: one answered in 10.5 ms, one in 12.5 ms (a slower day); the model says 10.5
        Path[] runs = new Path[2];
        for (int k = 0; k < 2; k++) {
            StringBuilder csv = new StringBuilder("start_ms,response_ms,status\n");
            for (int i = 0; i < 200; i++) {
                csv.append(String.format(Locale.ROOT, "%d,%.1f,200%n", 1_700_000_000_000L + i * 100L, 10.5 + 2 * k));
            }
            runs[k] = write("run-" + k + ".csv", csv.toString());
        }
        Path design = write("constant.yaml", CONSTANT_SERVICE);
        Path profile = write("steady.yaml", PROFILE);
        Path out = dir.resolve("pooled");
        Outcome o = headroom("compare-run", "--gatling", runs[0].toString(), "--gatling", runs[1].toString(), design.toString(),
                "--load", profile.toString(), "--overhead", "0.5ms", "--replications", "3", "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("2 runs pooled"), o.out());
        for (int k = 1; k <= 2; k++) {
            assertTrue(Files.isRegularFile(out.resolve("run-" + k).resolve("validation.json")), "run " + k + "'s own report");
        }
        JsonNode v = new ObjectMapper().readTree(out.resolve("repeats.json").toFile());
        assertEquals(2, v.path("runs").asInt());
        assertEquals(18.0, v.path("measured_s_per_run").asDouble(), 1e-9);
        JsonNode p50 = v.path("comparisons").path("replay-declared").get(0);
        assertEquals("p50_ms", p50.path("metric").asText());
        // measured 10.5 and 12.5: mean 11.5, sd sqrt(2), t(1) = 12.7062; differences 0 and -2: error -1 / 11.5
        assertEquals(11.5, p50.path("measured").asDouble(), 0.011);
        assertEquals(12.7062, p50.path("measured_half_width").asDouble(), 0.02);
        assertEquals(10.5, p50.path("simulated").asDouble(), 0.011);
        assertEquals(-100 / 11.5, p50.path("error_pct").asDouble(), 0.1);
        assertEquals(100 * 12.7062 / 11.5, p50.path("error_half_width_pct").asDouble(), 0.2);
        // t(n-1) sqrt(2) / sqrt(n) <= 1.15 first at n = 9; <= 0.575 at n = 26
        assertEquals(9, p50.path("runs_for_10pct_half_width").asInt());
        assertEquals(26, p50.path("runs_for_5pct_half_width").asInt());
        assertTrue(Files.readString(out.resolve("repeats.md")).contains("| p50_ms | 11.5"), "the markdown table");
    }

    @Test
    void calibrateFitsAGammaAndWritesItIntoTheDesign() throws Exception {
        double[] x = new GammaDistribution(new Well19937c(5), 2, 10).sample(5000); // mean 20 ms, cv 0.707
        StringBuilder csv = new StringBuilder("start_ms,response_ms,status,endpoint\n");
        for (int i = 0; i < x.length; i++) {
            csv.append(String.format(Locale.ROOT, "%d,%.4f,200,get%n", i * 50L, x[i]));
        }
        Path run = write("low.csv", csv.toString());
        Path design = write("constant.yaml", CONSTANT_SERVICE);
        Path out = dir.resolve("calibrated.yaml");
        Outcome o = headroom("calibrate", "--gatling", run.toString(), "--design", design.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("gamma") && o.out().contains("<- best"), o.out());
        var d = DesignReader.read(out);
        DistributionSpec wait = ((ServiceSpec) d.design().components().get("api")).endpoints().get("get").offCpu();
        assertTrue(wait instanceof DistributionSpec.Gamma, String.valueOf(wait));
        assertEquals(0.020, wait.meanSeconds(), 0.020 * 4 * 0.707 / Math.sqrt(5000));
        assertEquals(0.5, wait.scv(), 0.05);
    }
}
