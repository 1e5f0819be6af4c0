package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs a fuzz found to reach an out-of-memory or array-size error, or a run that never ends:
 * each is refused where it is written, exit 2, with the bound and its reason, before anything is
 * simulated or written ({@code check} says the same).
 */
class InputBoundsTest {
    private static final Path EXAMPLES = RunCommandTest.EXAMPLES;

    private static Path shop(Path dir, String from, String to) throws Exception {
        String text = Files.readString(EXAMPLES.resolve("shop.yaml"));
        assertEquals(text.indexOf(from), text.lastIndexOf(from), from);
        Path p = dir.resolve("shop.yaml");
        Files.writeString(p, text.replace(from, to));
        return p;
    }

    private static Path profile(Path dir, String yaml) throws Exception {
        Path p = dir.resolve("profile.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    /** {@code run} and {@code check} both refuse, naming {@code expected}; nothing is written. */
    private static void refused(Path tmp, Path design, Path profile, String expected, String... more) {
        Path out = tmp.resolve("out");
        String[] args = new String[5 + more.length];
        System.arraycopy(new String[] {"run", design.toString(), "--load", profile.toString(), "--out=" + out}, 0, args, 0, 5);
        System.arraycopy(more, 0, args, 5, more.length);
        var run = RunCommandTest.headroom(args);
        assertEquals(Headroom.BAD_INPUT, run.status(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertFalse(Files.exists(out), "nothing is written");
        if (more.length == 0) {
            var check = RunCommandTest.headroom("check", design.toString(), "--load", profile.toString());
            assertEquals(Headroom.BAD_INPUT, check.status(), check.err());
            assertTrue(check.err().contains(expected), check.err());
        }
    }

    private static Path dayProfile() {
        return EXAMPLES.resolve("profiles/shop-day.yaml");
    }

    @Test
    void workersPastWhatAnInstanceHoldsAreRefused(@TempDir Path tmp) throws Exception {
        Path d = shop(tmp, "concurrency: 16 ", "concurrency: 2147483647 ");
        refused(tmp, d, dayProfile(), d + ":11:18: components.api.concurrency: at most 100000: each worker of an instance is a"
                + " slot the instance keeps; got 2147483647");
    }

    @Test
    void instancesPastTheArraysAreRefusedInTheShortAndTheLongForm(@TempDir Path tmp) throws Exception {
        Path d = shop(tmp, "replicas: 4 ", "replicas: 1000000000 ");
        refused(tmp, d, dayProfile(), d + ":9:15: components.api.replicas: at most 100000: every instance a component may have"
                + " is a slot in arrays sized for its maximum; got 1000000000");
        Path d2 = shop(tmp, "replicas: 4 ", "replicas: {initial: 4, min: 1, max: 2147483647} ");
        refused(tmp, d2, dayProfile(), d2 + ":9:41: components.api.replicas.max: at most 100000");
    }

    @Test
    void workersOverAllInstancesAreBoundedAcrossKeys(@TempDir Path tmp) throws Exception {
        Path d = shop(tmp, "concurrency: 16 ", "concurrency: 100000 ").getParent().resolve("shop.yaml");
        Files.writeString(d, Files.readString(d).replace("replicas: 4 ", "replicas: 1000 "));
        refused(tmp, d, dayProfile(), d + ":11:18: components.api.concurrency: 1000 instances × 100000 workers = 100000000"
                + " workers: at most 10000000");
    }

    @Test
    void keysWithTheirOwnReadersAreBoundedToo(@TempDir Path tmp) throws Exception {
        // cores is read as a Kubernetes quantity ("2", "2000m") by its own deserializer; the bound applies after it
        Path d = shop(tmp, "concurrency: 16 ", "concurrency: 16\n    cores: 1000000k ");
        refused(tmp, d, dayProfile(), d + ":12:12: components.api.cores: at most 100000: each core is a processor the"
                + " instance keeps; got 1000000000");
    }

    @Test
    void aClosedModelOfABillionUsersIsRefusedInBothForms(@TempDir Path tmp) throws Exception {
        Path d = EXAMPLES.resolve("shop.yaml");
        Path p = profile(tmp, "name: c\nmix: {browse: 1}\nclosed: {users: 1000000000, think: {dist: constant, value: 1s},"
                + " during: 1m}\n");
        refused(tmp, d, p, p + ":3:17: closed.users: at most 2000000: each user in the system holds a slot of the user"
                + " pool, bounded as the in-flight requests are (2 million); got 1000000000");
        Path p2 = profile(tmp, "name: c\nmix: {browse: 1}\nclosed:\n  - rampConcurrentUsers: {from: 1, to: 3000000, during: 1m}\n");
        refused(tmp, d, p2, p2 + ":4:40: closed[0].rampConcurrentUsers.to: at most 2000000");
    }

    @Test
    void ratesPastTheClocksResolutionAreRefused(@TempDir Path tmp) throws Exception {
        Path p = profile(tmp, "name: r\nmix: {browse: 1}\ninjection:\n  - rampUsersPerSec: {from: 1, to: 1e10, during: 1s}\n");
        refused(tmp, EXAMPLES.resolve("shop.yaml"), p, p + ":4:36: injection[0].rampUsersPerSec.to: at most 1e9: the clock ticks"
                + " in nanoseconds: more than 10^9 arrivals a second cannot be told apart; got 10000000000");
    }

    @Test
    void durationsPastTenYearsAreRefused(@TempDir Path tmp) throws Exception {
        Path p = profile(tmp, "name: r\nmix: {browse: 1}\ninjection:\n  - constantUsersPerSec: {rate: 1, during: 2147483647s}\n");
        refused(tmp, EXAMPLES.resolve("shop.yaml"), p, p + ":4:44: injection[0].constantUsersPerSec.during: duration"
                + " '2147483647s' is too long: at most 3650d: the clock counts nanoseconds in 64 bits (292 years)");
    }

    @Test
    void aWindowFinerThanAMillionRowsIsRefusedWithTheFinestThatFits(@TempDir Path tmp) throws Exception {
        // shop-day: 20 minutes, plus the 5-minute drain allowance
        refused(tmp, EXAMPLES.resolve("shop.yaml"), dayProfile(), "--window 1ns: the run would have 1500000000000 windows: at most"
                + " 1000000 (each is a row of the time series and of the figures kept for the report); choose a window of at least"
                + " 1.5ms", "--window", "1ns");
    }

    @Test
    void replicationsPastWhatIsKeptAreRefused(@TempDir Path tmp) throws Exception {
        refused(tmp, EXAMPLES.resolve("shop.yaml"), dayProfile(), "--replications 1000000000: at most 10000: each replication's"
                + " results are kept for the confidence intervals", "--replications", "1000000000");
        String study = Files.readString(EXAMPLES.resolve("studies/shop-sizing.yaml"))
                .replace("replications: 3", "replications: 1000000000")
                .replace("../shop.yaml", EXAMPLES.resolve("shop.yaml").toAbsolutePath().toString())
                .replace("../profiles/", EXAMPLES.resolve("profiles").toAbsolutePath() + "/");
        Path s = tmp.resolve("study.yaml");
        Files.writeString(s, study);
        var o = RunCommandTest.headroom("sweep", s.toString(), "--out", tmp.resolve("sweep").toString());
        assertEquals(Headroom.BAD_INPUT, o.status(), o.err());
        assertTrue(o.err().contains(s + ":11:15: replications: at most 10000"), o.err());
        assertFalse(Files.exists(tmp.resolve("sweep")));
    }

    @Test
    void aStudyCannotVaryAKeyPastItsBound(@TempDir Path tmp) throws Exception {
        String study = Files.readString(EXAMPLES.resolve("studies/shop-sizing.yaml"))
                .replace("[8, 16, 32]", "[8, 16, 3200000]")
                .replace("../shop.yaml", EXAMPLES.resolve("shop.yaml").toAbsolutePath().toString())
                .replace("../profiles/", EXAMPLES.resolve("profiles").toAbsolutePath() + "/");
        Path s = tmp.resolve("study.yaml");
        Files.writeString(s, study);
        var o = RunCommandTest.headroom("sweep", s.toString(), "--out", tmp.resolve("sweep").toString());
        assertEquals(Headroom.BAD_INPUT, o.status(), o.err());
        assertTrue(o.err().contains("components.api.concurrency: at most 100000"), o.err());
    }
}
