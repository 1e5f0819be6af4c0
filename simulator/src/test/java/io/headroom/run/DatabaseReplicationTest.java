package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.metrics.WindowSeries;
import io.headroom.request.ErrorCause;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a write's caller waits for under each replication mode, a database without replicas losing its primary, and a
 * backup's share of the cores — each against a value computed by hand.
 */
class DatabaseReplicationTest {
    private static final String FRONT = """
            name: repl
            entry: api
            %s
            components:
              api:
                type: service
                replicas: 2
                concurrency: 10000
                endpoints:
                  read: {demand: {dist: constant, value: 1us}, calls: [{to: db}]}
                  write: {demand: {dist: constant, value: 1us}, calls: [{to: db, write: true}]}
              db:
                type: database
                concurrency: 10000
            %s
            """;

    private static RunResult run(String network, String db, Map<String, Double> mix, double rate, boolean random, long seconds,
                                 long warmup) throws BadInputException {
        var design = DesignReader.read(YamlDocument.parse(Path.of("repl.yaml"), "repl.yaml", FRONT.formatted(network, db))).design();
        LoadProfile load = new LoadProfile("load", null, mix, Duration.ofSeconds(warmup),
                List.of(new OpenStep.ConstantUsersPerSec(rate, Duration.ofSeconds(seconds), random)));
        RunResult r = Models.run(design, load, 1, RunOptions.DEFAULTS, new WindowSeries());
        assertTrue(r.checks().passed(), r.checks().failures().toString());
        return r;
    }

    /**
     * Two replicas, each acknowledging after a uniform draw on [10, 40] ms: sync waits for the later of two, whose mean is
     * 10 + 30 × 2/3 = 30 ms; semi-sync for the earlier, 10 + 30 × 1/3 = 20 ms; async for neither. The primary's 1 ms
     * and the front's 1 µs add to each. Over n writes the mean's standard error is the spread of the max (or min) of
     * two uniforms, 30 × √2 / 6 ≈ 7.07 ms, over √n; the test allows 4 of them.
     */
    @Test
    void syncWaitsForTheLastAcknowledgementAndSemiSyncForTheFirst() throws BadInputException {
        String[] modes = {"sync", "semi-sync", "async"};
        double[] expected = {30 + 1.001, 20 + 1.001, 1.001};
        for (int k = 0; k < modes.length; k++) {
            RunResult r = run("", "    replicas: 2\n    demand: {dist: constant, value: 1ms}\n    replication: " + modes[k]
                    + "\n    lag: {dist: uniform, min: 10ms, max: 40ms}", Map.of("write", 1.0), 200, true, 100, 10);
            var write = r.endpoints().get("write");
            double se = 30 * Math.sqrt(2) / 6 / Math.sqrt(write.completed());
            System.out.printf(Locale.ROOT, "%s: mean %.4f ms over %d writes (expected %.3f, se %.4f)%n", modes[k], write.latencyMs().mean(),
                    write.completed(), expected[k], se);
            assertEquals(expected[k], write.latencyMs().mean(), k == 2 ? 1e-9 : 4 * se);
            assertEquals(25.0, r.databases().get("db").replicaLagMs().mean(), 4 * 30 / Math.sqrt(12) / Math.sqrt(2 * write.completed()),
                    "each replica's lag: uniform on [10, 40] ms");
        }
    }

    /**
     * No replica: a primary lost in a zone outage from 20.005 s for 10 s takes reads and writes with it — every request
     * arriving in the gap (every 10 ms: 20.010 … 30.000 s, 1,000 of them) fails as {@code unavailable}, read or write —
     * and comes back when the zone does: no failover, nobody promoted, nothing lost (every write was on the primary).
     * The front's second instance, in zone b, takes the requests meanwhile.
     */
    @Test
    void withoutAReplicaTheDatabaseIsDownUntilItsPrimaryReturns() throws BadInputException {
        String network = """
                network:
                  zones: [a, b]
                  outages:
                    - {zone: a, at: 20005ms, for: 10s}""";
        RunResult r = run(network, "    demand: {dist: constant, value: 1us}", Map.of("read", 0.5, "write", 0.5), 100, false, 60, 10);
        var db = r.databases().get("db");
        assertEquals(1000, db.unavailableReads() + db.unavailableWrites());
        assertTrue(db.unavailableReads() > 0 && db.unavailableWrites() > 0);
        assertEquals(10.0, db.unavailableS(), 1e-9);
        assertEquals(1, db.failovers(), "the primary was lost once");
        assertEquals(0, db.writesLost());
        assertEquals(1000, r.overall().errors().get(ErrorCause.DEPENDENCY));
    }

    /**
     * A backup taking 50 % of a one-core primary from 10.05 to 20.05 s: a read of 10 ms of CPU, alone on the
     * instance (one every 100 ms), computes at half speed then and takes 20 ms. Of the reads arriving at 0.1 … 30 s,
     * the 100 at 10.1 … 20.0 s take 20 ms and the other 200 take 10 ms (plus the front's 1 µs).
     */
    @Test
    void aBackupTakesItsShareOfTheCores() throws BadInputException {
        RunResult r = run("", "    cores: 1\n    demand: {dist: constant, value: 10ms}\n"
                + "    backups: {start: 10050ms, every: 1h, duration: 10s, capacity: 50%}", Map.of("read", 1.0), 10, false, 30, 0);
        var read = r.overall();
        assertEquals(300, read.completed());
        assertEquals((200 * 10.001 + 100 * 20.001) / 300, read.latencyMs().mean(), 1e-6);
        assertEquals(20.001, read.latencyMs().max(), 0.02, "the histogram's resolution");
        assertEquals(1, r.databases().get("db").backups());
    }

    /**
     * Spot instances: at a notice the instance is drained and a replacement launched; a notice on the primary starts a
     * failover then, as its loss would. Each failover keeps writes down exactly 60 s (the defaults), so the writes
     * refused are about 60 s × 25 writes/s a failover, never the rest of the run (a primary drained without a failover
     * would refuse every write from its notice on).
     */
    @Test
    void aSpotNoticeOnThePrimaryFailsItOver() throws BadInputException {
        RunResult r = run("", "    replicas: 2\n    demand: {dist: constant, value: 1ms}\n    lag: {dist: constant, value: 10ms}\n"
                        + "    instance: {type: r6i.large, on-demand-base: 0, on-demand-percentage-above-base: 0,"
                        + " spot: {discount: 0.6, interruptions-per-hour: 4}}",
                Map.of("read", 0.5, "write", 0.5), 50, true, 3600, 0);
        var db = r.databases().get("db");
        System.out.printf(Locale.ROOT, "%.0f failovers, %.1f s unavailable, %.0f writes refused, %.0f lost%n", db.failovers(),
                db.unavailableS(), db.unavailableWrites(), db.writesLost());
        assertTrue(db.failovers() >= 1, "3 spot instances, 4 notices an hour each: the primary's come about 4 times");
        assertTrue(db.unavailableS() <= 60 * db.failovers() + 1e-9 && db.unavailableS() > 60 * (db.failovers() - 1));
        double expected = db.unavailableS() * 25;
        assertEquals(expected, db.unavailableWrites(), 5 * Math.sqrt(expected), "Poisson writes at 25/s while writes are down");
        assertEquals(0, db.unavailableReads());
    }

    /**
     * A database without replicas on spot, its primary busy (100 ms a request, so a drained one holds work): at each
     * notice the replacement, launched at once and ready at once, is the shard's only instance and takes the writes.
     * Before, the shard waited for the drained slot itself to come back, and refused writes for most of the run.
     */
    @Test
    void withoutAReplicaTheReplacementOfASpotPrimaryTakesOver() throws BadInputException {
        RunResult r = run("", "    replicas: 0\n    cores: 10000\n    demand: {dist: constant, value: 100ms}\n"
                        + "    instance: {type: r6i.large, market: spot, spot: {discount: 0.6, interruptions-per-hour: 6}}",
                Map.of("read", 0.5, "write", 0.5), 50, true, 1800, 0);
        var db = r.databases().get("db");
        assertTrue(db.failovers() >= 3, "one spot instance, 6 notices an hour for half an hour: " + db.failovers());
        assertEquals(r.components().get("db").lifecycle().interruptions(), db.failovers());
        assertEquals(0.0, db.unavailableS());
        assertEquals(0, db.unavailableWrites());
        assertEquals(0, r.overall().errorTotal());
    }
}
