package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.load.keys.KeyPopularity;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A database in two regions: its primaries in the first region listed, a read-only copy in the second that every write
 * reaches half a round trip after the primary's work, plus its own lag. Users in eu-west-1 only, 80 ms from us-east-1.
 */
class CrossRegionReplicationTest {
    private static final String DESIGN = """
            name: global-db
            entry: dns
            regions:
              us-east-1: {users: 0%}
              eu-west-1: {users: 100%, round-trips: {us-east-1: 80ms}}
            components:
              dns: {type: global-router, policy: latency, target: api}
              api:
                type: service
                regions: [us-east-1, eu-west-1]
                replicas: 2
                concurrency: 200
                endpoints:
                  read: {demand: {dist: constant, value: 1us}, calls: [{to: db}]}
                  write: {demand: {dist: constant, value: 1us}, calls: [{to: db, write: true}]}
              db:
                type: database
                regions: [us-east-1, eu-west-1]
                replicas: 1
                concurrency: 200
                demand: {dist: constant, value: 1ms}
                replication: async
                lag: {dist: constant, value: 50ms}
            """;

    @Test
    void writesCrossToThePrimaryRegionAndReadsThereAreStaleForHalfTheRoundTripPlusTheLag() throws BadInputException {
        Design d = DesignReader.read(YamlDocument.parse(Path.of("global-db.yaml"), "global-db.yaml", DESIGN)).design();
        LoadProfile p = new LoadProfile("mixed", null, Map.of("read", 0.5, "write", 0.5),
                new KeyPopularity(KeyPopularity.Distribution.UNIFORM, 10L, null, null, null), null, Duration.ZERO,
                List.of(new OpenStep.ConstantUsersPerSec(100.0, Duration.ofSeconds(600), true)), null, null);
        RunResult r = Models.run(d, p, 1);
        DatabaseFigures primary = r.databases().get("db@us-east-1");
        DatabaseFigures copy = r.databases().get("db@eu-west-1");
        assertEquals(0, primary.reads(), "every user reads in eu-west-1");
        assertEquals(0, copy.writes(), "writes go to the primaries");
        // a write: 1 µs at the api, 80 ms there and back, 1 ms at the primary; a read: 1 µs + 1 ms, in the region
        assertEquals(81.001, r.endpoints().get("write").latencyMs().mean(), 1e-6);
        assertEquals(1.001, r.endpoints().get("read").latencyMs().mean(), 1e-6);
        // the copy has each write 40 ms (half the round trip) after the primary's work, plus its 50 ms lag
        assertEquals(90.0, copy.replicaLagMs().mean(), 1e-9);
        // writes to a key are Poisson at 50/s over 10 keys, 5/s a key; a read is stale when its key was written in the
        // last 90 ms: 1 - exp(-5 × 0.09). About 30,000 reads; 0.015 is five binomial standard errors (0.0028), the
        // margin for reads of one key sharing a window.
        double expected = 1 - Math.exp(-5 * 0.09);
        assertEquals(expected, copy.staleReadRatio(), 0.015, copy.staleReads() + " of " + copy.reads());
        assertTrue(r.checks().passed(), r.checks().failures().toString());
    }
}
