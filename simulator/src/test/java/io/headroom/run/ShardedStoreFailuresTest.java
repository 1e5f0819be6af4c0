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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sharded store's {@code failures}, on a timeline computed by hand: one shard of two replicas, both ready at 0, each
 * crashing 30.003 s after it is ready and repaired 10.001 s later — both at once, so the shard has no instance from
 * 30.003 to 40.004 s and from 70.007 to 80.008 s. Requests arrive every 10 ms exactly; those in the two gaps (1,000
 * each: 30.010 … 40.000 s and 70.010 … 80.000 s) find no instance and are refused, which fails their caller's call.
 */
class ShardedStoreFailuresTest {
    private static final String DESIGN = """
            name: store-failures
            entry: api
            components:
              api:
                type: service
                concurrency: 100
                endpoints:
                  get: {demand: {dist: constant, value: 1us}, calls: [{to: orders}]}
              orders:
                type: sharded-store
                shards: 1
                replicas-per-shard: 2
                concurrency: 100
                demand: {dist: constant, value: 1us}
                failures:
                  time-between: {dist: constant, value: 30003ms}
                  time-to-repair: {dist: constant, value: 10001ms}
            """;

    @Test
    void instancesCrashAndAreRepairedAsAServicesDo() throws BadInputException {
        var design = DesignReader.read(YamlDocument.parse(Path.of("store.yaml"), "store.yaml", DESIGN)).design();
        LoadProfile load = new LoadProfile("steady", null, Map.of(), Duration.ofSeconds(10),
                List.of(new OpenStep.ConstantUsersPerSec(100.0, Duration.ofSeconds(100), false)));
        RunResult r = Models.run(design, load, 1, RunOptions.DEFAULTS, new WindowSeries());
        assertEquals(4, r.components().get("orders").lifecycle().crashes(), "each replica at 30.003 and at 70.007 s");
        assertEquals(2000, r.overall().errors().get(ErrorCause.DEPENDENCY), "the arrivals while neither replica was up");
        assertEquals(2000, r.overall().errorTotal());
        assertTrue(r.checks().passed(), r.checks().failures().toString());
    }
}
