package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A t3.large's CPU credits, on hand-computed timelines. It has 2 vCPUs and a baseline of 30 % each, so it earns
 * 0.6 vCPU-minutes (credits) a minute. One request of a constant 20 minutes of CPU on one worker keeps one vCPU busy:
 * it spends 1 credit a minute, 0.4 more than it earns. Starting from 6 credits:
 * <ul>
 *   <li>standard: the balance is spent at 15 minutes, with 5 minutes of work left; held to its baseline, the request
 *       gets 0.6 of a vCPU and needs 8 1/3 minutes more: it ends at 23 1/3 minutes (1400 s), 500 s of them held;
 *       nothing is billed beyond the instance;</li>
 *   <li>unlimited: it ends at 20 minutes with a balance of 6 + 0.6 × 20 − 20 = −2 credits; two idle minutes to the
 *       profile's end pay back 1.2, and the 0.8 still owed is billed at 0.05 USD a vCPU-hour: 0.8 / 60 × 0.05 USD.</li>
 * </ul>
 */
class BurstableCreditsTest {
    private static final String DESIGN = """
            name: burst
            entry: api
            components:
              api:
                type: service
                instance: {type: t3.large, %s}
                replicas: 1
                concurrency: 1
                endpoints:
                  get:
                    demand: {dist: constant, value: 20m}
            """;

    private static RunResult run(String credits, String idle) throws Exception {
        Design d = DesignReader.read(YamlDocument.parse(Path.of("d.yaml"), "d.yaml", DESIGN.formatted(credits))).design();
        LoadProfile p = LoadProfile.read(YamlDocument.parse(Path.of("p.yaml"), "p.yaml",
                "name: one\ninjection:\n  - atOnceUsers: {users: 1}\n  - nothingFor: {during: " + idle + "}\n"));
        return Models.run(d, p, 1);
    }

    @Test
    void aStandardInstanceRunsAtItsBaselineOnceItsCreditsAreSpent() throws Exception {
        RunResult r = run("credits: standard, initial-credits: 6", "24m");
        assertEquals(1, r.overall().requests());
        assertEquals(1_400_000.0, r.overall().latencyMs().mean(), 1e-3);
        assertFalse(r.cost().byMarket().containsKey("cpu-credits"), "standard mode bills no surplus");
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("api: its burstable instances spent their CPU credits and were held"
                + " to their baseline for 500.0 instance-seconds")), r.warnings().toString());
    }

    @Test
    void anUnlimitedInstanceKeepsBurstingAndBillsTheSurplusOwed() throws Exception {
        RunResult r = run("credits: unlimited, initial-credits: 6", "22m");
        assertEquals(1_200_000.0, r.overall().latencyMs().mean(), 1e-3);
        assertEquals(0.8 / 60 * 0.05, r.cost().byMarket().get("cpu-credits"), 1e-12);
        assertEquals(0.8 / 60 * 0.05, r.cost().byComponent().get("api") - onDemand(r), 1e-12);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("0.80 surplus credits billed")), r.warnings().toString());
    }

    @Test
    void unlimitedIsTheDefaultAndAnInstanceStartsWithoutCredits() throws Exception {
        // from 0: 20 − 0.6 × 22 = 6.8 credits owed at the end
        RunResult r = run("market: on-demand", "22m");
        assertEquals(1_200_000.0, r.overall().latencyMs().mean(), 1e-3);
        assertEquals(6.8 / 60 * 0.05, r.cost().byMarket().get("cpu-credits"), 1e-12);
    }

    @Test
    void paidBackSurplusIsNotBilled() throws Exception {
        // 6 + 0.6 × 30 − 20 = +4 at the end: nothing owed
        RunResult r = run("initial-credits: 6", "30m");
        assertEquals(0.0, r.cost().byMarket().get("cpu-credits"), 0);
    }

    private static double onDemand(RunResult r) {
        return r.cost().byMarket().get("on-demand");
    }
}
