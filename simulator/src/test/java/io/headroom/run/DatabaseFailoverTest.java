package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.load.keys.KeyPopularity;
import io.headroom.metrics.WindowSeries;
import io.headroom.request.ErrorCause;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A database's failover on a timeline computed by hand. Requests arrive every 10 ms exactly (not randomised), each
 * through a front service (1 µs) to the database (1 µs of work); the database has a primary (slot 0, zone a) and two
 * replicas (zones b and c). Zone a goes down at {@code t0 = 50.005 s}, midway between two arrivals, and stays down
 * past the end, so the primary is lost then and never returns. With constant detection 4 s and promotion 6 s:
 *
 * <ul>
 *   <li>writes fail as {@code unavailable} for exactly 10 s: the arrivals at 50.010 … 60.000 s, 1,000 of them when
 *       every request is a write; the writes from 60.010 s on succeed at the promoted replica;</li>
 *   <li>reads never fail (the replicas are up throughout);</li>
 *   <li>with async replication and a constant lag L = 50 ms, a write arriving at {@code a} commits at
 *       {@code a + 2 µs} and reaches the replicas at {@code a + 2 µs + L}: those not there at {@code t0} are those
 *       that arrived in {@code (t0 − L − 2 µs, t0]}, i.e. at 49.960, 49.970, 49.980, 49.990 and 50.000 s: 5 writes
 *       lost (the recovery point, L / 10 ms);</li>
 *   <li>with sync replication nothing is lost.</li>
 * </ul>
 * The front service's instance in zone a goes down too; its other two take the requests, and none is in flight at
 * {@code t0} (each takes 2 µs of a 10 ms gap), so every error is the database's.
 */
class DatabaseFailoverTest {
    private static final String DESIGN = """
            name: failover
            entry: api
            network:
              zones: [a, b, c]
              intra-zone: {dist: constant, value: 0s}
              cross-zone: {dist: constant, value: 0s}
              outages:
                - {zone: a, at: 50005ms, for: 1000s}
            components:
              api:
                type: service
                replicas: 3
                concurrency: 100
                endpoints:
                  read: {demand: {dist: constant, value: 1us}, calls: [{to: db}]}
                  write: {demand: {dist: constant, value: 1us}, calls: [{to: db, write: true}]}
              db:
                type: database
                replicas: 2
                concurrency: 100
                demand: {dist: constant, value: 1us}
                replication: %s
                lag: {dist: constant, value: 50ms}
                failover: {detection: 4s, promotion: 6s}
            """;

    static Design design(String replication) throws BadInputException {
        return DesignReader.read(YamlDocument.parse(Path.of("failover.yaml"), "failover.yaml", DESIGN.formatted(replication))).design();
    }

    static LoadProfile every10ms(double writeFraction) {
        return new LoadProfile("steady", null, writeFraction == 1 ? Map.of("write", 1.0) : Map.of("read", 1 - writeFraction, "write", writeFraction),
                new KeyPopularity(KeyPopularity.Distribution.UNIFORM, 1000L, null, null, null), null, Duration.ofSeconds(10),
                List.of(new OpenStep.ConstantUsersPerSec(100.0, Duration.ofSeconds(100), false)), null, null);
    }

    @Test
    void writesFailForDetectionPlusPromotionAndTheWritesInsideTheLagAreLost() throws BadInputException {
        RunResult r = Models.run(design("async"), every10ms(1.0), 1, RunOptions.DEFAULTS, new WindowSeries());
        DatabaseFigures db = r.databases().get("db");
        assertEquals(9000, db.writes(), "90 s measured, a write every 10 ms");
        assertEquals(1, db.failovers());
        assertEquals(10.0, db.unavailableS(), 1e-9);
        assertEquals(1000, db.unavailableWrites(), "the arrivals at 50.010 … 60.000 s");
        assertEquals(1000, r.overall().errors().get(ErrorCause.DEPENDENCY), "the front service fails each as a dependency");
        assertEquals(1000, r.overall().errorTotal(), "the writes after 60.005 s reach the promoted replica");
        assertEquals(5, db.writesLost(), "committed in (t0 - L, t0]: L / 10 ms");
        assertEquals(50.0, db.replicaLagMs().mean(), 1e-9);
        assertTrue(r.checks().passed(), r.checks().failures().toString());
    }

    @Test
    void readsNeverFailDuringTheFailover() throws BadInputException {
        RunResult r = Models.run(design("async"), every10ms(0.5), 1, RunOptions.DEFAULTS, new WindowSeries());
        DatabaseFigures db = r.databases().get("db");
        assertEquals(0, db.unavailableReads());
        assertEquals(0, r.endpoints().get("read").errorTotal(), "reads go on at the replicas");
        assertEquals(db.unavailableWrites(), r.endpoints().get("write").errorTotal());
        assertTrue(db.unavailableWrites() > 400 && db.unavailableWrites() < 600, "about half of the 1,000 arrivals in the window");
        assertEquals(10.0, db.unavailableS(), 1e-9);
        assertTrue(r.checks().passed(), r.checks().failures().toString());
    }

    @Test
    void syncReplicationLosesNothingAndAddsTheAcknowledgementToEachWrite() throws BadInputException {
        RunResult r = Models.run(design("sync"), every10ms(1.0), 1, RunOptions.DEFAULTS, new WindowSeries());
        DatabaseFigures db = r.databases().get("db");
        assertEquals(0, db.writesLost());
        assertEquals(1000, db.unavailableWrites());
        assertEquals(50.002, r.endpoints().get("write").latencyMs().mean(), 1e-6,
                "1 µs at the front, 1 µs at the primary, 50 ms for the replicas' acknowledgement, in ms");
        assertTrue(r.checks().passed(), r.checks().failures().toString());
    }
}
