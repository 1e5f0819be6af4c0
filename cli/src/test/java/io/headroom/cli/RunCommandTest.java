package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom run} end to end, as a user runs it on the bundled example. */
class RunCommandTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    record Outcome(int status, String out, String err) {
    }

    static Outcome headroom(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Headroom.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(status, out.toString(), err.toString());
    }

    private static Path writeProfile(Path dir) throws Exception {
        // The example design under a shorter profile, to keep the test quick.
        Path p = dir.resolve("short.yaml");
        Files.writeString(p, String.join("\n",
                "name: short",
                "mix: {browse: 0.9, checkout: 0.1}",
                "warmup: 10s",
                "injection:",
                "  - rampUsersPerSec: {from: 50, to: 400, during: 30s}",
                "  - constantUsersPerSec: {rate: 400, during: 60s, randomized: true}",
                ""));
        return p;
    }

    @Test
    void runWritesSummaryAndTimeseries(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Outcome o = headroom("run", EXAMPLES.resolve("shop.yaml").toString(), "--load", writeProfile(tmp).toString(),
                "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("latency ms"), o.out());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1, s.get("schema_version").asInt());
        assertEquals("shop", s.get("design").asText());
        assertEquals(1, s.get("seed").asLong());
        assertEquals(90.0, s.get("simulated_s").asDouble());
        assertEquals(10.0, s.get("warmup_s").asDouble());
        for (String k : List.of("mean", "p50", "p90", "p95", "p99", "p99_9", "max")) {
            assertTrue(s.at("/overall/latency_ms/" + k).isNumber(), k);
        }
        for (String cause : List.of("rejected", "timeout", "circuit_open", "bulkhead", "dependency", "instance_lost", "failed", "unavailable", "pool_timeout")) {
            assertTrue(s.at("/overall/errors/" + cause).isIntegralNumber(), cause);
            assertTrue(s.at("/endpoints/browse/errors/" + cause).isIntegralNumber(), cause);
        }
        assertTrue(s.get("unstable").isArray());
        assertTrue(s.at("/checks/passed").asBoolean(), s.get("checks").toString());
        assertEquals(0, s.at("/checks/failures").size());
        assertEquals(s.at("/overall/requests").asLong(), s.at("/checks/conservation/overall/arrived").asLong());
        assertTrue(s.at("/checks/littles_law/components/api/relative_error").asDouble() <= 1e-9);
        assertFalse(o.err().contains("SELF-CHECK"), o.err());
        for (String k : List.of("utilisation", "cpu", "instances_mean", "instances_peak", "queue_mean", "instance_hours")) {
            assertTrue(s.at("/components/api/" + k).isNumber(), k);
        }
        List<String> lines = Files.readAllLines(out.resolve("timeseries.csv"));
        assertTrue(lines.get(0).startsWith("t_s,arrivals,completions,errors,"), lines.get(0));
        for (String col : List.of("p50_ms", "p95_ms", "p99_ms", "api.instances", "api.utilisation", "api.cpu", "api.queue",
                "cost_usd_per_hour", "window_s")) {
            assertTrue(Arrays.asList(lines.get(0).split(",")).contains(col), col);
        }
        // nine 10 s windows over the 90 s profile, then a partial one while the last requests drain
        assertEquals(1 + 10, lines.size());
        assertTrue(lines.get(10).startsWith("90,"), lines.get(10));
        assertTrue(s.get("drained_s").asDouble() > 0 && s.get("drained_s").asDouble() < 5, s.get("drained_s").toString());
        try (var files = Files.list(out)) {
            assertEquals(List.of("chart-cost.png", "chart-cost.svg", "chart-latency-cdf.png", "chart-latency-cdf.svg", "chart-latency.png", "chart-latency.svg",
                    "chart-load.png", "chart-load.svg", "chart-utilisation.png", "chart-utilisation.svg", "report.html", "report.md",
                    "summary.json", "timeseries.csv"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary files left behind");
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path tmp) throws Exception {
        Path profile = writeProfile(tmp);
        String design = EXAMPLES.resolve("shop.yaml").toString();
        assertEquals(0, headroom("run", design, "--load", profile.toString(), "--out", tmp.resolve("a").toString()).status());
        assertEquals(0, headroom("run", design, "--load", profile.toString(), "--out", tmp.resolve("b").toString()).status());
        assertEquals(0, headroom("run", design, "--load", profile.toString(), "--seed", "2", "--out", tmp.resolve("c").toString()).status());
        for (String f : List.of("summary.json", "timeseries.csv")) {
            byte[] a = Files.readAllBytes(tmp.resolve("a").resolve(f));
            assertArrayEquals(a, Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
            assertFalse(Arrays.equals(a, Files.readAllBytes(tmp.resolve("c").resolve(f))), f);
        }
    }

    @Test
    void resultFilesGetTheFolderDefaultPermissions(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, headroom("run", EXAMPLES.resolve("shop.yaml").toString(), "--load", writeProfile(tmp).toString(),
                "--out", out.toString()).status());
        Path plain = Files.createFile(out.resolve("plain"));
        if (Files.getFileStore(out).supportsFileAttributeView("posix")) {
            var expected = Files.getPosixFilePermissions(plain);
            assertEquals(expected, Files.getPosixFilePermissions(out.resolve("summary.json")));
            assertEquals(expected, Files.getPosixFilePermissions(out.resolve("timeseries.csv")));
        }
    }

    @Test
    void anOutputPlaceThatCannotTakeTheFilesIsRefusedBeforeRunning(@TempDir Path tmp) throws Exception {
        Path profile = writeProfile(tmp);
        String design = EXAMPLES.resolve("shop.yaml").toString();
        Path file = Files.writeString(tmp.resolve("a-file"), "keep me");
        Outcome o = headroom("run", design, "--load", profile.toString(), "--out", file.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("is not a folder"), o.err());
        assertEquals("keep me", Files.readString(file));
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("summary.json"));
        Outcome o2 = headroom("run", design, "--load", profile.toString(), "--out", out.toString());
        assertEquals(2, o2.status());
        try (var files = Files.list(out)) {
            assertEquals(List.of("summary.json"), files.map(f -> f.getFileName().toString()).toList(), "nothing written");
        }
    }

    /**
     * A command named first gets only its own model (Headroom.COMMANDS); everything else sees every
     * command: the list of commands in order, {@code help COMMAND}, a misspelt command's refusal.
     */
    @Test
    void everyCommandStaysReachable() {
        Outcome all = headroom("--help");
        assertEquals(0, all.status());
        List<String> names = List.of("run", "report", "check", "load", "sweep", "merge", "compare", "capacity", "validate",
                "compare-run", "calibrate", "advise", "commitments", "diff", "export", "help");
        int at = all.out().indexOf("Commands:");
        for (String name : names) {
            int next = all.out().indexOf("\n  " + name + " ", at);
            assertTrue(next > at, name + " missing or out of order in\n" + all.out());
            at = next;
        }
        Outcome help = headroom("help", "sweep");
        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().startsWith("Usage: headroom sweep"), help.out());
        Outcome typo = headroom("swep", "x.yaml");
        assertEquals(2, typo.status());
        assertTrue(typo.err().contains("Unmatched arguments from index 0: 'swep'") && typo.err().contains("sweep"), typo.err());
        Outcome optionFirst = headroom("--version", "run");
        assertEquals(0, optionFirst.status(), optionFirst.err());
    }

    @Test
    void helpAndVersionEverywhere() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"run", "--help"}, new String[] {"check", "--help"})) {
            Outcome o = headroom(args);
            assertEquals(0, o.status());
            assertTrue(o.out().contains("Usage:"), o.out());
        }
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"run", "--version"})) {
            Outcome o = headroom(args);
            assertEquals(0, o.status());
            assertTrue(o.out().startsWith("headroom "), o.out());
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, headroom("run").status());
        assertEquals(2, headroom("run", "x.yaml").status(), "--load is required");
        assertEquals(2, headroom("frobnicate").status());
        assertEquals(2, headroom("run", "x.yaml", "--load", "y.yaml", "--seed", "abc").status());
    }

    @Test
    void checkAcceptsTheExamples() {
        Outcome o = headroom("check", EXAMPLES.resolve("shop.yaml").toString(), "--load",
                EXAMPLES.resolve("profiles/ramp-then-steady.yaml").toString());
        assertEquals(0, o.status(), o.err());
        // 4 instances of 2 hyperthreads of one core, busy together at the SMT gain 1.25: 5 cores' worth over a mean CPU demand
        // of 0.9 × 8 ms·e^(σ²/2) + 0.1 × 25 ms = 12.98 ms is 385.3/s (616.5/s if the vCPUs were cores); the peak's 500/s is 1.30
        assertTrue(o.out().contains("at most 385.3/s by its cores") && o.out().contains("utilisation at the peak 1.30"), o.out());
        Outcome mm4 = headroom("check", EXAMPLES.resolve("mm4.yaml").toString(), "--load",
                EXAMPLES.resolve("profiles/mm4-rho08.yaml").toString());
        assertEquals(0, mm4.status(), mm4.err());
        assertTrue(mm4.out().contains("utilisation at the peak 0.80"), mm4.out());
    }

    @Test
    void checkFindsThePeakOfARamp(@TempDir Path tmp) throws Exception {
        Path p = tmp.resolve("ramp.yaml");
        Files.writeString(p, "name: ramp\nmix: {browse: 1}\ninjection:\n  - rampUsersPerSec: {from: 10, to: 740, during: 1m}\n"
                + "  - constantUsersPerSec: {rate: 20, during: 1m}\n");
        Outcome o = headroom("check", EXAMPLES.resolve("shop.yaml").toString(), "--load", p.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("peak arrival rate 740.0/s (the highest expected rate at any instant)"), o.out());
        assertTrue(o.out().contains("(queues will grow at the peak)"), o.out());
    }

    /**
     * The hint follows the call graph: 200/s reach {@code api} through a balancer; each browse looks up the cache
     * (80 % hits, so 40/s miss to {@code db}) and calls {@code db} directly half the time (100/s): {@code db} gets
     * 140/s. {@code api}: 2 × 2 cores over 2 ms of CPU serve 2,000/s, and its workers are held 2 ms + the cache's
     * 1 ms + 0.2 × 5 ms + 0.5 × 5 ms = 6.5 ms, so 2 × 8 serve 2,461.5/s: utilisation 0.10. {@code db}: 4 cores
     * over 5 ms serve 800/s, its 2 workers 400/s: utilisation 0.35, the first bottleneck, saturated at 200 / 0.35
     * = 571.4 arrivals/s.
     */
    @Test
    void checkNamesTheFirstBottleneckAlongTheCallGraph(@TempDir Path tmp) throws Exception {
        Path design = tmp.resolve("graph.yaml");
        Files.writeString(design, String.join("\n", "name: graph", "entry: lb", "components:",
                "  lb: {type: load-balancer, target: api}",
                "  api:", "    type: service", "    replicas: 2", "    concurrency: 8", "    cores: 2", "    endpoints:",
                "      browse:", "        demand: {dist: exponential, mean: 2ms}",
                "        calls: [{to: cache}, {to: db, endpoint: get, p: 0.5}]",
                "  cache: {type: cache, eviction: fixed-hit-ratio, hit-ratio: 0.8, hit-latency: {dist: exponential, mean: 1ms},"
                        + " miss: db, miss-endpoint: get}",
                "  db:", "    type: service", "    concurrency: 2", "    cores: 4",
                "    endpoints: {get: {demand: {dist: exponential, mean: 5ms}}}", ""));
        Path profile = tmp.resolve("p.yaml");
        Files.writeString(profile, "name: flat\nmix: {browse: 1}\ninjection:\n  - constantUsersPerSec: {rate: 200, during: 1m}\n");
        Outcome o = headroom("check", design.toString(), "--load", profile.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("  api            200.0 requests/s; can serve at most 2,000.0/s by its cores and 2,461.5/s by its"
                + " workers: utilisation at the peak 0.10\n"), o.out());
        assertTrue(o.out().contains("  db             140.0 requests/s; can serve at most 800.0/s by its cores and 400.0/s by its"
                + " workers: utilisation at the peak 0.35\n"), o.out());
        assertFalse(o.out().contains("  lb ") || o.out().contains("  cache "), "a balancer and a cache hold no worker: " + o.out());
        assertTrue(o.out().contains("first bottleneck: db (by its workers), saturated from 571.4 arrivals/s, 2.86× the peak\n"), o.out());
    }

    @Test
    void failOnSloExitsThreeWhenAnObjectiveIsMissed(@TempDir Path tmp) throws Exception {
        Path design = tmp.resolve("d.yaml");
        Files.writeString(design, Files.readString(EXAMPLES.resolve("shop.yaml"))
                .replace("entry: api", "entry: api\nslos: [\"p99 < 1ms\", \"errors < 1%\"]"));
        Path profile = writeProfile(tmp);
        Outcome missed = headroom("run", design.toString(), "--load", profile.toString(), "--out", tmp.resolve("a").toString(),
                "--fail-on-slo");
        assertEquals(3, missed.status(), missed.err());
        assertTrue(missed.out().contains("SLO p99 < 1ms") && missed.out().contains("MISSED"), missed.out());
        assertTrue(Files.exists(tmp.resolve("a").resolve("summary.json")), "results are written all the same");
        JsonNode s = new ObjectMapper().readTree(tmp.resolve("a").resolve("summary.json").toFile());
        assertFalse(s.at("/slo/0/pass").asBoolean());
        assertTrue(s.at("/slo/1/pass").asBoolean());
        assertEquals(0, headroom("run", design.toString(), "--load", profile.toString(), "--out", tmp.resolve("b").toString()).status(),
                "without --fail-on-slo a missed SLO is reported, not an error");
        Files.writeString(design, Files.readString(EXAMPLES.resolve("shop.yaml")).replace("entry: api", "entry: api\nslos: [\"p98 < 1ms\"]"));
        Outcome bad = headroom("check", design.toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().startsWith(design + ":6:8: slos[0]: unknown SLO metric 'p98'"), bad.err());
    }

    @Test
    void aFailedSelfCheckIsSaidOnStderrAndExitsWithStatus4() {
        StringWriter err = new StringWriter();
        assertTrue(RunCommand.selfChecked(List.of(), new PrintWriter(err, true)));
        assertEquals("", err.toString());
        assertFalse(RunCommand.selfChecked(List.of("conservation, overall: 10 requests sent but 9 completed + 0 errors + 0 in flight"),
                new PrintWriter(err, true)));
        assertTrue(err.toString().startsWith("headroom: SELF-CHECK FAILED: conservation, overall: 10 requests sent but 9"), err.toString());
        assertTrue(err.toString().contains("(exit status 4)"), err.toString());
        assertEquals(4, Headroom.SELF_CHECK_FAILED);
    }
}
