package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A database from YAML, end to end: its results in summary.json and on the terminal; its mistakes located, exit 2. */
class DatabaseInputTest {
    private static final String DESIGN = String.join("\n",
            "name: orders",
            "entry: api",
            "components:",
            "  api:",
            "    type: service",
            "    concurrency: 64",
            "    endpoints:",
            "      view: {demand: {dist: constant, value: 1ms}, calls: [{to: db}]}",
            "      buy: {demand: {dist: constant, value: 1ms}, calls: [{to: db, write: true}]}",
            "  db:",
            "    type: database",
            "    replicas: 2",
            "    concurrency: 32",
            "    demand: {dist: exponential, mean: 1ms}",
            "    replication: async",
            "    lag: {dist: exponential, mean: 20ms}",
            "    failover: {detection: 10s, promotion: 20s}",
            "    backups: {start: 10s, every: 1h, duration: 20s, capacity: 20%}",
            "");

    @Test
    void aRunWritesTheDatabaseFigures(@TempDir Path tmp) throws Exception {
        Path d = Files.writeString(tmp.resolve("d.yaml"), DESIGN);
        Path p = Files.writeString(tmp.resolve("p.yaml"), "name: p\nmix: {view: 0.8, buy: 0.2}\n"
                + "keys: {distribution: uniform, items: 100}\ninjection:\n  - constantUsersPerSec: {rate: 200, during: 1m}\n");
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", d.toString(), "--load", p.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("  database   db: reads "), o.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode db = summary.path("databases").path("db");
        assertEquals(db.path("reads").asLong() + db.path("writes").asLong(), summary.path("overall").path("requests").asLong());
        assertTrue(summary.path("checks").path("passed").asBoolean(), summary.path("checks").toString());
        assertTrue(db.path("stale_reads").asLong() > 0, db.toString());
        assertEquals(1, db.path("backups").asLong());
        assertEquals(0, db.path("failovers").asLong());
        assertEquals(20.0, db.path("replica_lag_ms").path("mean").asDouble(), 3.0);
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Databases"));
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', value = {
        "    replication: async|    replication: quorum|components.db.replication|quorum",
        "    lag: {dist: exponential, mean: 20ms}|    lag: {dist: constant, value: -5ms}|components.db.lag|cannot be negative",
        "capacity: 20%|capacity: 120%|components.db.backups.capacity|less than 100%",
        "duration: 20s|duration: 2h|components.db.backups.duration|outlast",
        "    replicas: 2|    replicas: 0|components.db.lag|nothing to lag",
        "    lag: {dist: exponential, mean: 20ms}|    reads: primary\\n    read-your-writes: true|components.db.read-your-writes|already",
        "    failover: {detection: 10s, promotion: 20s}|    failover: {detection: -1s}|components.db.failover.detection|negative",
        "    replicas: 2|    replicas: -1|components.db.replicas|0 or more",
    })
    void mistakesAreLocated(String from, String to, String path, String message, @TempDir Path tmp) throws Exception {
        String text = DESIGN.replace(from, to.replace("\\n", "\n"));
        if (to.contains("replicas: 0")) {
            text = text.replace("    failover: {detection: 10s, promotion: 20s}\n", "");
        }
        Path design = Files.writeString(tmp.resolve("d.yaml"), text);
        String first = LocatedErrors.check(design);
        assertTrue(first.contains(path), first);
        assertTrue(first.contains(message), first);
    }

    @Test
    void failoverWithoutAReplicaIsRefused(@TempDir Path tmp) throws Exception {
        String text = DESIGN.replace("    replicas: 2\n", "").replace("    lag: {dist: exponential, mean: 20ms}\n", "");
        Path design = Files.writeString(tmp.resolve("d.yaml"), text);
        var o = RunCommandTest.headroom("check", design.toString());
        assertEquals(2, o.status(), o.err());
        String first = o.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith(design + ":15:15: "), first);
        assertTrue(first.contains("components.db.failover: a database without replicas has no replica to promote"), first);
    }

    /** The examples of a managed data tier check with their profiles: the offered-load estimate prices a DB class's cores. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"database.yaml,orders-steady.yaml", "data-tier.yaml,orders-ramp.yaml"})
    void theDataTierExamplesCheck(String design, String profile) {
        Path examples = Path.of("..", "examples");
        var o = RunCommandTest.headroom("check", examples.resolve(design).toString(), "--load",
                examples.resolve("profiles").resolve(profile).toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("orders-db"), o.out());
        assertTrue(o.out().contains("by its cores"), o.out());
    }
}
