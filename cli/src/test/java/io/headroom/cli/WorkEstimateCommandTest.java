package io.headroom.cli;

import static io.headroom.cli.RunCommandTest.headroom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work beyond the event budget is refused before anything runs, with the estimate and the option that
 * raises the budget, in well under 2 s; work within it runs, and a run whose estimate was too low stops
 * at its budget. One test per kind of input the hardening fuzz found running for ever.
 */
class WorkEstimateCommandTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    /** A design with bounded queues (and a cache, a store, a balancer). */
    private static final String DESIGN = EXAMPLES.resolve("web-shop.yaml").toString();

    /** Loads the classes a refusal goes through, so that the tests time the refusal and not the JVM's warm-up. */
    @BeforeAll
    static void warmUp(@TempDir Path tmp) throws Exception {
        Path study = Files.writeString(tmp.resolve("study.yaml"), String.join("\n", "name: warm",
                "design: " + EXAMPLES.resolve("shop.yaml").toAbsolutePath(),
                "profile: " + EXAMPLES.resolve("profiles/shop-diurnal.yaml").toAbsolutePath(), "vary:", "  components.api.replicas: [3]", ""));
        headroom("sweep", study.toString(), "--out", tmp.resolve("out").toString(), "--max-events", "1");
        headroom("run", DESIGN, "--load", EXAMPLES.resolve("profiles/shoppers.yaml").toString(), "--out", tmp.resolve("out").toString(),
                "--max-events", "1");
    }

    private static Path profile(Path dir, String... lines) throws Exception {
        return Files.writeString(dir.resolve("p.yaml"), String.join("\n", lines) + "\n");
    }

    /** Runs the command line, asserting it refused the work without writing anything. */
    private static RunCommandTest.Outcome refused(Path out, String... args) {
        RunCommandTest.Outcome o = headroom(args);
        assertEquals(Headroom.BAD_INPUT, o.status(), o.out() + o.err());
        assertTrue(o.err().contains("--max-events"), o.err());
        assertTrue(o.err().contains("nothing was run"), o.err());
        assertEquals("", o.out());
        assertFalse(Files.exists(out), "wrote " + out);
        return o;
    }

    @Test
    void aRateOfABillionPerSecondIsRefused(@TempDir Path tmp) throws Exception {
        Path p = profile(tmp, "name: flood", "mix: {browse: 0.9, checkout: 0.1}", "injection:", "  - constantUsersPerSec: {rate: 1000000000, during: 1m}");
        Path out = tmp.resolve("out");
        var o = refused(out, "run", DESIGN, "--load", p.toString(), "--out", out.toString());
        // 60 G requests at 8.7 events each (browse and checkout through the balancer, the cache's misses, the store, the zones)
        assertTrue(o.err().startsWith("headroom: work: ≈ 60 G requests, ≈ 522 G events, ≈ 36.3 h at 4.0 M events/s\n"), o.err());
        assertTrue(o.err().contains("a cache without a fixed hit-ratio counted as missing every lookup"), o.err());
        assertTrue(o.err().contains("more than the budget of 2.0 G events (2000000000); nothing was run."
                + " Shorten or thin the load, or raise the budget with --max-events 5.3e11"), o.err());
    }

    @Test
    void aStressPeakOfATrillionUsersIsRefused(@TempDir Path tmp) throws Exception {
        Path p = profile(tmp, "name: peak", "mix: {browse: 0.9, checkout: 0.1}", "injection:", "  - stressPeakUsers: {users: 1000000000000, during: 1m}");
        Path out = tmp.resolve("out");
        var o = refused(out, "run", DESIGN, "--load", p.toString(), "--out", out.toString());
        assertTrue(o.err().startsWith("headroom: work: ≈ 1.0 T requests, ≈ 8.7 T events, ≈ 25 days at 4.0 M events/s\n"), o.err());
    }

    @Test
    void aStepOfTheLongestDurationIsRefused(@TempDir Path tmp) throws Exception {
        // 2147483647s is past every duration's bound (3650d, InputBoundsTest); the longest accepted, at 1/s,
        // with windows coarse enough to fit, is refused by the estimate
        Path p = profile(tmp, "name: long", "mix: {browse: 0.9, checkout: 0.1}", "injection:", "  - constantUsersPerSec: {rate: 1, during: 3650d}");
        Path out = tmp.resolve("out");
        var o = refused(out, "run", DESIGN, "--load", p.toString(), "--window", "1h", "--out", out.toString());
        assertTrue(o.err().startsWith("headroom: work: ≈ 315 M requests, ≈ 2.8 G events, ≈ 12 min at 4.0 M events/s\n"), o.err());
    }

    @Test
    void thirtyDaysAt100PerSecondIsEstimatedByCheckAndRefusedByRun(@TempDir Path tmp) throws Exception {
        Path p = profile(tmp, "name: month", "mix: {browse: 0.9, checkout: 0.1}", "injection:", "  - constantUsersPerSec: {rate: 100, during: 30d}");
        var check = headroom("check", DESIGN, "--load", p.toString());
        assertEquals(0, check.status(), check.err());
        assertTrue(check.out().contains("work: ≈ 259 M requests, ≈ 2.3 G events, ≈ 9 min at 4.0 M events/s"
                + " (beyond the default budget of 2.0 G events: run needs --max-events 2.3e9)\n"), check.out());
        Path out = tmp.resolve("out");
        var o = refused(out, "run", DESIGN, "--load", p.toString(), "--out", out.toString());
        assertTrue(o.err().contains("more than the budget of 2.0 G events (2000000000)"), o.err());
    }

    @Test
    void theMostReplicationsOfAStudyAreEstimatedAndRefused(@TempDir Path tmp) throws Exception {
        // a billion is past the key's bound (InputBoundsTest); 10,000, the most accepted, is refused by the estimate
        Path study = Files.writeString(tmp.resolve("study.yaml"), String.join("\n",
                "name: many",
                "design: " + EXAMPLES.resolve("shop.yaml").toAbsolutePath(),
                "profile: " + EXAMPLES.resolve("profiles/shop-diurnal.yaml").toAbsolutePath(),
                "replications: 10000",
                "vary:",
                "  components.api.replicas: [3, 4]",
                ""));
        Path out = tmp.resolve("out");
        var sweep = refused(out, "sweep", study.toString(), "--out", out.toString(), "--threads", "2");
        assertTrue(sweep.err().startsWith("headroom: work: ≈ 396 k requests, ≈ 1.2 M events per run × 20 k runs = ≈ 24 G events,"
                + " ≈ 50 min at 4.0 M events/s on 2 threads\n"), sweep.err());
        var compare = refused(out, "compare", "--study", study.toString(), "--out", out.toString());
        assertTrue(compare.err().contains("per run × 20 k runs"), compare.err());
    }

    @Test
    void aCapacitySearchCountsItsProbesAtLeast(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        var o = refused(out, "capacity", EXAMPLES.resolve("shop.yaml").toString(), "--load",
                EXAMPLES.resolve("profiles/shop-diurnal.yaml").toString(), "--slo", "p99 < 250ms", "--replications", "3",
                "--max-events", "3000000", "--out", out.toString());
        // 3 replications of the first probe: 3 × 1.19 M events
        assertTrue(o.err().startsWith("headroom: work: ≈ 396 k requests, ≈ 1.2 M events per run × 3 runs = ≈ 3.6 M events"), o.err());
        assertTrue(o.err().contains("(at least: "), o.err());
    }

    @Test
    void aRunWhoseEstimateWasTooLowStopsAtItsBudget(@TempDir Path tmp) throws Exception {
        // every call times out and is retried three times: the estimate counts one attempt (30,000 events), the run fires 160,034
        Path design = Files.writeString(tmp.resolve("retried.yaml"), String.join("\n",
                "name: retried",
                "entry: api",
                "components:",
                "  api:",
                "    type: service",
                "    concurrency: 1000",
                "    endpoints:",
                "      get:",
                "        calls:",
                "          - {to: backend, timeout: 1ms, retries: {count: 3, backoff: {base: 1ms, multiplier: 2, cap: 10ms}}}",
                "  backend:",
                "    type: service",
                "    concurrency: 1000",
                "    endpoints:",
                "      get: {demand: {dist: constant, value: 5ms}}",
                ""));
        Path p = profile(tmp, "name: steady", "injection:", "  - constantUsersPerSec: {rate: 500, during: 20s}");
        Path out = tmp.resolve("out");
        var o = headroom("run", design.toString(), "--load", p.toString(), "--out", out.toString(), "--max-events", "100000");
        assertEquals(Headroom.BAD_INPUT, o.status(), o.err());
        assertEquals("", o.out());
        // the budget is looked at every 65,536 events: the run stops at the second look
        assertTrue(o.err().startsWith("headroom: stopped: the run fired more than its budget of 100000 events (at 16 s of simulated time);"
                + " the estimate made before it started was too low. Nothing was written."
                + " If the work is meant to be this long, raise the budget with --max-events 1e6"), o.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void maxEventsTakesWholeNumbersAndScientificNotation(@TempDir Path tmp) throws Exception {
        for (String bad : new String[] {"0", "-5", "1.5", "lots", "1e30"}) {
            var o = headroom("run", DESIGN, "--load", EXAMPLES.resolve("profiles/shoppers.yaml").toString(), "--out",
                    tmp.resolve("out").toString(), "--max-events", bad);
            assertEquals(Headroom.BAD_INPUT, o.status(), bad);
            assertTrue(o.err().contains("is not a positive whole number of events (e.g. 3000000000 or 3e9)"), o.err());
        }
        assertEquals(3_000_000_000L, new WorkBudget.EventCount().convert("3e9"));
        assertEquals(2_500_000_000L, new WorkBudget.EventCount().convert("2.5e9"));
        assertEquals(123L, new WorkBudget.EventCount().convert("123"));
    }

    @Test
    void aLongRunPrintsAProgressLineAwayFromATerminal() throws Exception {
        StringWriter err = new StringWriter();
        try (RunProgress p = RunProgress.lines(4e6, new PrintWriter(err, true), 0, 200)) {
            p.counter().addAndGet(1_000_000);
            // the first line is due at once: wait for it (bounded), however busy the machine is
            for (long waited = 0; err.toString().isEmpty() && waited < 30_000; waited += 50) {
                Thread.sleep(50);
            }
        }
        String first = err.toString().lines().findFirst().orElse("");
        assertTrue(first.startsWith("headroom: 1.0 M of ≈ 4.0 M events (25%), "), err.toString());
        assertEquals("headroom: 1.0 M of ≈ 4.0 M events (25%), 20 s so far, about 60 s to go", RunProgress.line(1_000_000, 4e6, 20));
    }
}
