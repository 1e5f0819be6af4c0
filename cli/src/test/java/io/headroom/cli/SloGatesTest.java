package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --fail-on-slo} in sweep, compare and capacity: status 3 when a point, a design, or today's load
 * misses an SLO, 0 otherwise. The designs are M/M/1 and M/M/2 at 70/s with 10 ms service: p99 of about
 * 154 ms and 55 ms against an SLO of 70 ms.
 */
class SloGatesTest {

    private static Path profile(Path tmp) throws Exception {
        Path p = tmp.resolve("p.yaml");
        Files.writeString(p, String.join("\n", "name: steady", "warmup: 5s", "injection:",
                "  - constantUsersPerSec: {rate: 70, during: 60s, randomized: true}", ""));
        return p;
    }

    @Test
    void sweepFailsOnAPointThatMissesAndNamesIt(@TempDir Path tmp) throws Exception {
        CompareTest.design(tmp, "d.yaml", "s", 1);
        profile(tmp);
        Path study = tmp.resolve("study.yaml");
        Files.writeString(study, String.join("\n", "name: workers", "design: d.yaml", "profile: p.yaml",
                "vary:", "  components.s.concurrency: [1, 2]", ""));
        var gated = RunCommandTest.headroom("sweep", study.toString(), "--out", tmp.resolve("a").toString(), "--threads", "1",
                "--fail-on-slo");
        assertEquals(3, gated.status(), gated.err());
        assertTrue(gated.err().contains("1 of 2 points miss an SLO") && gated.err().contains("#0 concurrency=1 (p99 < 70ms)"),
                gated.err());
        assertTrue(Files.exists(tmp.resolve("a").resolve("results.csv")), "the results are written all the same");
        var plain = RunCommandTest.headroom("sweep", study.toString(), "--out", tmp.resolve("b").toString(), "--threads", "1");
        assertEquals(0, plain.status(), plain.err());
    }

    @Test
    void compareFailsWhenADesignMisses(@TempDir Path tmp) throws Exception {
        Path p = profile(tmp);
        var gated = RunCommandTest.headroom("compare", CompareTest.design(tmp, "a.yaml", "one", 1).toString(),
                CompareTest.design(tmp, "b.yaml", "two", 2).toString(), "--load", p.toString(), "--replications", "2", "--out",
                tmp.resolve("o").toString(), "--fail-on-slo");
        assertEquals(3, gated.status(), gated.err());
        assertTrue(gated.err().contains("one misses an SLO"), gated.err());
        var met = RunCommandTest.headroom("compare", CompareTest.design(tmp, "c.yaml", "two", 2).toString(), "--load", p.toString(),
                "--replications", "2", "--out", tmp.resolve("q").toString(), "--fail-on-slo");
        assertEquals(0, met.status(), met.err());
    }

    @Test
    void capacityFailsWhenTodaysLoadMisses(@TempDir Path tmp) throws Exception {
        Path p = profile(tmp);
        Path one = CompareTest.design(tmp, "a.yaml", "one", 1);
        var gated = RunCommandTest.headroom("capacity", one.toString(), "--load", p.toString(), "--out", tmp.resolve("o").toString(),
                "--fail-on-slo", "--max-scale", "2");
        assertEquals(3, gated.status(), gated.err());
        assertTrue(gated.err().contains("missed at today's load"), gated.err());
        var two = RunCommandTest.headroom("capacity", CompareTest.design(tmp, "b.yaml", "two", 2).toString(), "--load", p.toString(),
                "--out", tmp.resolve("q").toString(), "--fail-on-slo", "--max-scale", "2");
        assertEquals(0, two.status(), two.err());
    }
}
