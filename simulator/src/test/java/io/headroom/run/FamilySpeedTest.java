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

    /**
     * M/G/c/c: four workers, each on a core of its own (a Graviton c7g.xlarge: 4 vCPUs, 4 cores), no queue. Erlang's loss
     * formula is insensitive to the service time's distribution: the share turned away is B(4, λ E[S]) whatever S is, so
     * with the demand (exponential, mean 10 ms on m5) divided by c7g's speed 1.25 and the constant 5 ms wait unchanged,
     * E[S] = 8 + 5 = 13 ms and, at 200/s, B(4, 2.6) = 0.16118 (0.20611 were the demand not scaled, E[S] = 15 ms; 0.10367
     * were the wait scaled too, 10.4 ms). The mean response of those served is E[S]. Eight replications of 400 s; four
     * standard errors.
     */
    @Test
    void aLossSystemOfFourCoresTurnsAwayErlangsShareOfTheScaledServiceTime(@TempDir Path dir) throws Exception {
        Path catalogue = Files.writeString(dir.resolve("speeds.yaml"), CATALOGUE.replace("c6i: {processor: Intel Xeon Platinum 8375C,"
                + " vcpu: hyperthread, speed: 1.25}", "c7g: {processor: AWS Graviton3, vcpu: core, speed: 1.25}"));
        String yaml = DESIGN.formatted(catalogue, "reference-instance: m5.large").replace("{type: c6i.large}", "{type: c7g.xlarge}")
                .replace("concurrency: 1", "concurrency: 4\n    queue: {capacity: 0}");
        Design d = DesignReader.read(YamlDocument.parse(dir.resolve("d.yaml"), "d.yaml", yaml)).design();
        List<RunResult> runs = Models.replications(d, Models.poisson(200, 400), 8);
        double erlangB = erlangB(4, 200 * 0.013);
        assertEquals(0.16118, erlangB, 1e-5);
        double[] lost = runs.stream().mapToDouble(r -> (double) r.overall().errors().getOrDefault(io.headroom.request.ErrorCause.REJECTED, 0L)
                / r.overall().requests()).toArray();
        assertWithinFourStandardErrors(lost, erlangB, "share turned away");
        assertWithinFourStandardErrors(runs.stream().mapToDouble(r -> r.overall().latencyMs().mean()).toArray(), 13.0, "mean response");
    }

    /** Erlang's loss formula B(c, a) by its recursion B(k, a) = a B(k−1, a) / (k + a B(k−1, a)). */
    private static double erlangB(int c, double a) {
        double b = 1;
        for (int k = 1; k <= c; k++) {
            b = a * b / (k + a * b);
        }
        return b;
    }

    private static void assertWithinFourStandardErrors(double[] x, double expected, String what) {
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        double var = java.util.Arrays.stream(x).map(m -> (m - mean) * (m - mean)).sum() / (x.length - 1);
        double se = Math.sqrt(var / x.length);
        assertTrue(Math.abs(mean - expected) < 4 * se, what + " " + mean + " against " + expected + " ± 4 × " + se);
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
