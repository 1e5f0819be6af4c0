package io.headroom.run;

import static io.headroom.run.Models.constant;
import static io.headroom.run.Models.exp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.CallSpec;
import io.headroom.design.ComponentSpec;
import io.headroom.design.Design;
import io.headroom.design.DispatchStrategy;
import io.headroom.design.EndpointSpec;
import io.headroom.design.QueueSpec;
import io.headroom.design.ReplicasSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.design.ShardedStoreSpec;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.load.keys.KeyPopularity;
import io.headroom.service.ShardedStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sharded stores: key routing under skew, reads to replicas, writes to the primary. */
class ShardedStoreTest {

    private static Design design(ShardedStoreSpec.Partitioning partitioning, double writeP) {
        Map<String, EndpointSpec> api = new LinkedHashMap<>();
        api.put("get", new EndpointSpec(constant(0), null, List.of(new CallSpec("orders", null, 1.0 - writeP, false),
                new CallSpec("orders", null, writeP, true)), false, null, false));
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        c.put("api", new ServiceSpec(null, ReplicasSpec.fixed(1), DispatchStrategy.ROUND_ROBIN, 1000, null, QueueSpec.UNBOUNDED, api));
        c.put("orders", new ShardedStoreSpec(null, 8, partitioning, 2, 64, null, null, exp(1), exp(2), null));
        return new Design("sharded", null, "api", c);
    }

    private static LoadProfile zipf(long items, double exponent) {
        return new LoadProfile("zipf", null, Map.of(), new KeyPopularity(KeyPopularity.Distribution.ZIPF, items, exponent, null, null),
                null, Duration.ZERO, List.of(new OpenStep.ConstantUsersPerSec(500.0, Duration.ofSeconds(200), true)), null, null);
    }

    @Test
    void hottestShardTakesTheSumOfItsKeysProbabilities() {
        long items = 1000;
        double exponent = 1.0;
        RunResult r = Models.run(design(ShardedStoreSpec.Partitioning.HASH, 0), zipf(items, exponent), 1);
        var shards = r.components().get("orders").shards();
        long total = shards.stream().mapToLong(RunResult.ShardStats::requests).sum();
        assertEquals(r.overall().requests(), total, "every request reached one shard");
        int hottest = 0;
        for (int s = 1; s < shards.size(); s++) {
            if (shards.get(s).requests() > shards.get(hottest).requests()) {
                hottest = s;
            }
        }
        double norm = 0;
        double[] mass = new double[shards.size()];
        for (long k = 0; k < items; k++) {
            double p = Math.pow(k + 1, -exponent);
            norm += p;
            mass[ShardedStore.shardOf(k, shards.size(), true, items)] += p;
        }
        double expected = mass[hottest] / norm;
        double share = (double) shards.get(hottest).requests() / total;
        double sigma = Math.sqrt(expected * (1 - expected) / total);
        assertEquals(expected, share, 4 * sigma, "hottest shard " + hottest + " share vs the sum of its keys' probabilities");
        assertTrue(r.components().get("orders").hottestShardUtilisation() >= shards.get(hottest).utilisation() - 1e-12);
        // key 0 (13 % of requests at s = 1, 1000 keys) lives on the hottest shard
        assertEquals(hottest, ShardedStore.shardOf(0, 8, true, items));
    }

    @Test
    void writesGoToThePrimaryAndReadsToAnyReplica() {
        RunResult r = Models.run(design(ShardedStoreSpec.Partitioning.RANGE, 0.25), zipf(8000, 0.0), 1);
        List<Long> perInstance = r.components().get("orders").instanceRequests(); // shard 0 primary, shard 0 replica, shard 1 ...
        long primaries = 0;
        long replicas = 0;
        for (int i = 0; i < perInstance.size(); i++) {
            if (i % 2 == 0) {
                primaries += perInstance.get(i);
            } else {
                replicas += perInstance.get(i);
            }
        }
        long n = primaries + replicas;
        // reads (75 %) alternate over the two replicas; writes (25 %) all go to the primary: 62.5 % / 37.5 %
        assertEquals(0.625, (double) primaries / n, 4 * Math.sqrt(0.625 * 0.375 / n) + 0.002);
        // uniform keys over equal ranges: every shard within 4σ of 1/8
        var shards = r.components().get("orders").shards();
        for (var s : shards) {
            assertEquals(n / 8.0, s.requests(), 4 * Math.sqrt(n / 8.0), "range shard share");
        }
    }
}
