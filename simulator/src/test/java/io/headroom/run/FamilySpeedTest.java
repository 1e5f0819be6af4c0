package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A demand measured on one instance family runs at the ratio of the families' speeds on another; its wait does not
 * change. Checked against Pollaczek–Khinchine: one worker, Poisson arrivals, S = D / 1.25 + W.
 */
class FamilySpeedTest {
    private static final String CATALOGUE = """
            name: speeds
            base: aws-us-east-1
            families:
              m5: {processor: Intel Xeon Platinum 8175M, vcpu: hyperthread, speed: 1.0}
              c6i: {processor: Intel Xeon Platinum 8375C, vcpu: hyperthread, speed: 1.25}
            """;

    private static final String DESIGN = """
            name: faster
            entry: api
            pricing: %s
            %s
            components:
              api:
                type: service
                instance: {type: c6i.large}
                replicas: 1
                concurrency: 1
                endpoints:
                  get:
                    demand: {dist: exponential, mean: 10ms}
                    wait: {dist: constant, value: 5ms}
            """;

    static Design design(Path dir, String reference) throws IOException, BadInputException {
        Path catalogue = Files.writeString(dir.resolve("speeds.yaml"), CATALOGUE);
        String yaml = DESIGN.formatted(catalogue, reference == null ? "" : "reference-instance: " + reference);
        return DesignReader.read(YamlDocument.parse(dir.resolve("d.yaml"), "d.yaml", yaml)).design();
    }

    /**
     * Demand exponential with mean 10 ms on m5, run on c6i (1.25 × as fast): D' exponential with mean 8 ms; wait 5 ms. At
     * λ = 50/s: E[S] = 13 ms, E[S²] = 8² + 13² = 233 ms², ρ = 0.65, so P-K gives T = 13 + λE[S²] / (2(1 − ρ)) =
     * 13 + 16.643 = 29.643 ms (47.5 ms if the demand were not scaled). Eight replications of 400 s; the tolerance is four
     * standard errors of their mean.
     */
    @Test
    void aFasterFamilyDividesTheDemandAndLeavesTheWait(@TempDir Path dir) throws Exception {
        Design d = design(dir, "m5.large");
        List<RunResult> runs = Models.replications(d, Models.poisson(50, 400), 8);
        double pk = 13 + 50 * 233e-6 / (2 * (1 - 0.65)) * 1e3;
        assertEquals(29.643, pk, 1e-3);
        assertWithinFourStandardErrors(runs, pk);
        double busy = runs.stream().mapToDouble(r -> r.components().get("api").utilisation()).average().orElseThrow();
        assertEquals(0.65, busy, 0.02, "the worker is busy λ E[S]");
        runs.forEach(r -> assertTrue(r.checks().passed(), r.checks().failures().toString()));
    }

    /** Without a reference-instance each demand is on its own type: nothing is scaled. */
    @Test
    void withoutAReferenceTheDemandIsTheTypesOwn(@TempDir Path dir) throws Exception {
        Design d = design(dir, null);
        List<RunResult> runs = Models.replications(d, Models.poisson(50, 400), 8);
        // E[S] = 15 ms, E[S²] = 100 + 225 = 325 ms², ρ = 0.75: T = 15 + 50 × 325e-6 / 0.5 = 47.5 ms
        assertWithinFourStandardErrors(runs, 47.5);
    }

    /** The replications' mean response is within four standard errors of their mean of {@code expectedMs}. */
    private static void assertWithinFourStandardErrors(List<RunResult> runs, double expectedMs) {
        double[] means = runs.stream().mapToDouble(r -> r.overall().latencyMs().mean()).toArray();
        double mean = java.util.Arrays.stream(means).average().orElseThrow();
        double var = java.util.Arrays.stream(means).map(m -> (m - mean) * (m - mean)).sum() / (means.length - 1);
        double se = Math.sqrt(var / means.length);
        assertTrue(Math.abs(mean - expectedMs) < 4 * se, "mean response " + mean + " ms against P-K " + expectedMs + " ± 4 × " + se);
    }
}
