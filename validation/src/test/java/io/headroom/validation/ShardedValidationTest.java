package io.headroom.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DesignReader;
import io.headroom.validation.compare.ShardComparison;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sharded store under Zipf keys, validated end to end in real time (about 20 s of Gatling): the requests
 * each shard took in the testbed against the simulator's. The keys of both come from the same popularity but
 * different draws, so the tolerance is the sampling noise of a shard's share, read from the simulator's
 * replications (insensitive to how busy the machine is): every shard within its family-wise 99 % interval
 * (Student's t, Bonferroni over the shards), and a wrong model — keys spread evenly — outside it at the hot
 * shard.
 */
class ShardedValidationTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void eachShardTakesTheSimulatedShareOfTheRequestsAndTheHotShardIsTheSame() throws Exception {
        var design = DesignReader.read(Path.of("src/test/resources/validation/sharded.yaml"));
        var profile = DesignReader.readProfile(Path.of("src/test/resources/validation/sharded-load.yaml"));
        Validation.Result r = Validation.run(design, profile, Validation.Options.DEFAULTS, dir);
        String finding = r.findings().stream().filter(f -> f.startsWith("sharded store store:")).findFirst().orElseThrow();
        System.out.println(finding);
        ShardComparison c = r.shards().get(0);
        assertEquals(0, r.gatlingExit(), "Gatling's exit status");
        long total = c.shards().stream().mapToLong(ShardComparison.Shard::measured).sum();
        assertEquals(r.measurement().requests(), total, "every measured request reached one shard, once");
        int n = c.shards().size();
        double t = new TDistribution(c.replications() - 1).inverseCumulativeProbability(1 - 0.01 / (2 * n));
        for (ShardComparison.Shard s : c.shards()) {
            double allowed = t * s.shareSd();
            assertTrue(Math.abs(s.measuredShare() - s.simulatedShare()) <= allowed, "shard " + s.shard() + " outside ±" + allowed + ": "
                    + finding);
        }
        ShardComparison.Shard hot = c.hottest();
        assertEquals(hot.shard(), c.shards().stream().max(java.util.Comparator.comparingDouble(ShardComparison.Shard::simulated))
                .orElseThrow().shard(), "the hot shard: " + finding);
        assertTrue(Math.abs(hot.measuredShare() - 1.0 / n) > t * hot.shareSd(), "evenly spread keys would pass: " + finding);
    }
}
