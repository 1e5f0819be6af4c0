package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DesignReader;
import io.headroom.design.FunctionSpec;
import io.headroom.metrics.WindowSeries;
import io.headroom.design.pricing.Architecture;
import io.headroom.request.ErrorCause;
import io.headroom.yaml.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code type: function} in a design: read, checked, and run behind a service that calls it. */
class FunctionComponentTest {
    @TempDir
    Path dir;

    private static final String DESIGN = """
            name: thumbnails
            entry: api
            components:
              api:
                type: service
                concurrency: 1000
                endpoints:
                  upload:
                    async: true
                    calls: [{to: resize%s}]
              resize:
                type: function
                memory-mb: 1024
                architecture: arm64
                concurrency: %d
                cold-start: {dist: constant, value: 0ms}
                endpoints:
                  %s: {demand: {dist: exponential, mean: 1s}}
            """;

    private DesignReader.Loaded read(String callExtra, int concurrency, String endpoint) throws Exception {
        Path p = dir.resolve("d.yaml");
        Files.writeString(p, DESIGN.formatted(callExtra, concurrency, endpoint));
        return DesignReader.read(p);
    }

    @Test
    void aFunctionIsBoundWithItsDefaults() throws Exception {
        FunctionSpec f = (FunctionSpec) read("", 10, "thumb").design().components().get("resize");
        assertEquals(1024, f.memoryMb());
        assertEquals(Architecture.ARM64, f.architecture());
        assertEquals(10, f.concurrency());
        assertEquals(Duration.ofMinutes(10), f.keepWarm());
        assertEquals(0, f.endpointFor(null, "upload")); // its only endpoint
    }

    @Test
    void aCallToAMissingEndpointIsLocated() throws Exception {
        BadInputException e = assertThrows(BadInputException.class, () -> read(", endpoint: crop", 10, "thumb"));
        assertEquals("components.api.endpoints.upload.calls[0].endpoint", e.errors().get(0).path(), e.getMessage());
        assertEquals(10, e.errors().get(0).mark().line(), e.getMessage());
    }

    @Test
    void badFunctionKeysAreLocated() throws Exception {
        Path p = dir.resolve("bad.yaml");
        Files.writeString(p, DESIGN.formatted("", 10, "thumb").replace("memory-mb: 1024", "memory-mb: 64"));
        BadInputException e = assertThrows(BadInputException.class, () -> DesignReader.read(p));
        assertEquals("components.resize.memory-mb", e.errors().get(0).path(), e.getMessage());
        assertTrue(e.getMessage().contains("Lambda memory is 128 to 10240 MB, got 64"), e.getMessage());
        Files.writeString(p, DESIGN.formatted("", 10, "thumb")
                .replace("cold-start: {dist: constant, value: 0ms}", "cold-start: {dist: empirical, file: missing.csv, unit: ms}"));
        e = assertThrows(BadInputException.class, () -> DesignReader.read(p));
        assertEquals("components.resize.cold-start.file", e.errors().get(0).path(), e.getMessage());
    }

    @Test
    void throttlesReachTheCallerAsDependencyFailures() throws Exception {
        DesignReader.Loaded d = read("", 10, "thumb");
        RunResult r = Runner.run(d.design(), d.baseDir(), Models.poisson(8, 5000), 3, RunOptions.DEFAULTS, new WindowSeries());
        long requests = r.overall().requests();
        long failed = r.overall().errors().get(ErrorCause.DEPENDENCY);
        double blocked = (double) failed / requests;
        // the M/M/10/10 loss system at 8 Erlang: B = 0.1217. FunctionStationTest measured a batch-means
        // standard error of 0.0012 over 200,000 requests; over these ~36,000 it is about 0.0028, and
        // the band is 4 of them.
        System.out.printf("function behind a service: %d requests, throttled fraction %.4f (Erlang B 0.1217)%n", requests, blocked);
        assertEquals(0.1217, blocked, 0.012, "blocked fraction");
        assertEquals(requests - failed, r.overall().completed());
        assertTrue(r.overall().latencyMs().mean() > 900 && r.overall().latencyMs().mean() < 1100, "mean " + r.overall().latencyMs().mean());
    }

    /**
     * The bill covers the whole profile, warm-up included, so the cost per million requests divides it by every
     * request of the run: a longer warm-up measures fewer requests but must not make each one dearer (divided by the
     * measured requests, as it once was, the figure grew by 50,000 over the requests measured).
     */
    @Test
    void costPerMillionRequestsCoversTheWarmUpAsTheBillDoes() throws Exception {
        DesignReader.Loaded d = read("", 100, "thumb");
        double[] perMillion = new double[2];
        int[] warmups = {100, 2500};
        for (int k = 0; k < warmups.length; k++) {
            LoadProfile p = new LoadProfile("rate10", null, Map.of(), Duration.ofSeconds(warmups[k]),
                    List.of(new OpenStep.ConstantUsersPerSec(10.0, Duration.ofSeconds(5000), true)));
            RunResult r = Runner.run(d.design(), d.baseDir(), p, 1, RunOptions.DEFAULTS, new WindowSeries());
            assertTrue(r.overall().requests() < 50_000 - 10 * (warmups[k] - 100), "measured " + r.overall().requests());
            // Gatling's randomized constant rate sends exactly rate × duration requests, and the bill covers them all
            assertEquals(r.cost().totalUsd() / 50_000 * 1e6, r.cost().perMillionRequestsUsd(), 1e-12);
            perMillion[k] = r.cost().perMillionRequestsUsd();
        }
        assertEquals(perMillion[0], perMillion[1], "the same run, measured from a later instant");
        // 0.20 USD a million invocations, and about 1 s of 1 GB on arm64 at 0.0000133334 USD a GB-second each
        assertEquals(0.2 + 1e6 * 0.0000133334, perMillion[0], 0.02 * 13.5, "per million");
    }
}
