package io.headroom.run;

import static io.headroom.run.Models.constant;
import static io.headroom.run.Models.exp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.cache.Eviction;
import io.headroom.design.CacheSpec;
import io.headroom.design.CallSpec;
import io.headroom.design.ComponentSpec;
import io.headroom.design.Design;
import io.headroom.design.DispatchStrategy;
import io.headroom.design.EndpointSpec;
import io.headroom.design.QueueSpec;
import io.headroom.design.ReplicasSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.load.keys.KeyPopularity;
import io.headroom.metrics.WindowSeries;
import io.headroom.theory.CacheTheory;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache component in a design: hit ratio against Che, hit and miss paths, per-window ratio. */
class CacheComponentTest {

    private static Design design(CacheSpec cache) {
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        c.put("api", new ServiceSpec(null, ReplicasSpec.fixed(1), DispatchStrategy.ROUND_ROBIN, 10_000, null, QueueSpec.UNBOUNDED,
                Map.of("get", new EndpointSpec(null, null, List.of(CallSpec.to("cache")), null, null, null))));
        c.put("cache", cache);
        c.put("db", new ServiceSpec(null, ReplicasSpec.fixed(1), DispatchStrategy.ROUND_ROBIN, 1000, null, QueueSpec.UNBOUNDED,
                Map.of("query", new EndpointSpec(exp(5), null))));
        return new Design("cached", null, "api", c);
    }

    private static LoadProfile zipf(int items, double exponent, double rate, long seconds) {
        return new LoadProfile("zipf", null, Map.of(), new KeyPopularity(KeyPopularity.Distribution.ZIPF, (long) items, exponent, null, null),
                null, Duration.ofSeconds(seconds / 10), List.of(new OpenStep.ConstantUsersPerSec(rate, Duration.ofSeconds(seconds), true)),
                null, null);
    }

    @Test
    void memorySizedLruWithConstantItemsIsTheKeyCountLru() {
        CacheSpec byKeys = new CacheSpec(null, Eviction.LRU, 1000, null, null, constant(1), "db", null, null, null);
        CacheSpec byBytes = new CacheSpec(null, Eviction.LRU, null, null, null, constant(1), "db", null, null, null, null,
                1000L * 4096 + 4095, io.headroom.design.cache.ItemSizeSpec.constant(4096));
        LoadProfile load = zipf(10_000, 1.0, 2000, 60);
        RunResult keys = Models.run(design(byKeys), load, 3, RunOptions.DEFAULTS, new WindowSeries());
        RunResult bytes = Models.run(design(byBytes), load, 3, RunOptions.DEFAULTS, new WindowSeries());
        assertEquals(keys.caches().get("cache"), bytes.caches().get("cache"));
        assertEquals(keys.overall(), bytes.overall());
        assertEquals(keys.events(), bytes.events());
        // the same lookups hit: 108,000 counted lookups at the Che ratio 0.6756 of this cache
        assertEquals(108_000, keys.caches().get("cache").lookups(), 1320); // 4 sigma of a Poisson count
        assertEquals(0.6756, keys.caches().get("cache").hitRatio(), 0.01);
    }

    @Test
    void aSharedClusterIsItsNodesEachWithItsKeysAndItsShare() {
        int items = 10_000;
        CacheSpec cluster = new CacheSpec(null, Eviction.LRU, 1000, null, null, constant(1), "db", null, CacheSpec.Scope.SHARED,
                ReplicasSpec.fixed(4));
        RunResult r = Models.run(design(cluster), zipf(items, 1.0, 2000, 300), 1, RunOptions.DEFAULTS, new WindowSeries());
        // Che per node: node n holds 250 keys and sees the keys the ring gives it, with their popularity
        double[] p = CacheTheory.zipfPmf(items, 1.0);
        io.headroom.cache.HashRing ring = new io.headroom.cache.HashRing(4);
        double expected = 0;
        for (int n = 0; n < 4; n++) {
            double[] mine = new double[items];
            double mass = 0;
            for (int k = 0; k < items; k++) {
                if (ring.nodeOf(k, null) == n) {
                    mine[k] = p[k];
                    mass += p[k];
                }
            }
            expected += mass * CacheTheory.cheLruHitRatio(mine, 250);
        }
        double whole = CacheTheory.cheLruHitRatio(p, 1000);
        double measured = r.caches().get("cache").hitRatio();
        System.out.printf(java.util.Locale.ROOT, "4 nodes of 250: Che by node %.4f (one cache of 1000: %.4f), measured %.4f%n",
                expected, whole, measured);
        assertEquals(expected, measured, 0.01);
    }

    @Test
    void aSharedClusterLosesItsNodesToFailures() {
        // every node fails at 60 s and is back, empty, at 70 s (constant timings): each outage bypasses all lookups
        CacheSpec cluster = new CacheSpec(null, Eviction.LRU, 1000, null, null, constant(1), "db", null, CacheSpec.Scope.SHARED,
                ReplicasSpec.fixed(4), new io.headroom.design.faults.FailureSpec(constant(60_000), constant(10_000)));
        WindowSeries w = new WindowSeries();
        RunResult r = Models.run(design(cluster), zipf(10_000, 1.0, 200, 300), 1, RunOptions.DEFAULTS, w);
        RunResult.CacheStats c = r.caches().get("cache");
        assertEquals(16, c.crashes());
        double[] hit = w.column("cache.hit_ratio");
        for (int k : new int[] {6, 13, 20, 27}) {
            assertEquals(0.0, hit[k], 0.0, "window " + k);
        }
        assertEquals(4 * 10 * 200, c.bypassed(), 4 * Math.sqrt(4 * 10 * 200.0));
    }

    @Test
    void lruHitRatioMatchesChe() {
        int items = 10_000;
        int capacity = 1000;
        CacheSpec lru = new CacheSpec(null, Eviction.LRU, capacity, null, null, constant(1), "db", null, null, null);
        WindowSeries w = new WindowSeries();
        RunResult r = Models.run(design(lru), zipf(items, 1.0, 2000, 300), 1, RunOptions.DEFAULTS, w);
        double che = CacheTheory.cheLruHitRatio(CacheTheory.zipfPmf(items, 1.0), capacity);
        double measured = r.caches().get("cache").hitRatio();
        assertEquals(che, measured, 0.01, "LRU vs Che (0.6756 at α = 1, 10^4 keys, 1000 cached)");
        double[] perWindow = w.column("cache.hit_ratio");
        double late = Arrays.stream(perWindow, 5, perWindow.length - 1).average().orElseThrow();
        assertEquals(che, late, 0.01, "the per-window hit ratio once warm");
        // every miss reached the database; hits did not
        long lookups = r.caches().get("cache").lookups();
        assertEquals(Math.round(lookups * (1 - measured)), r.components().get("db").attempts(), 2);
    }

    @Test
    void fixedHitRatioSplitsLatencyBetweenHitsAndMisses() {
        CacheSpec fixed = new CacheSpec(null, Eviction.FIXED_HIT_RATIO, null, null, 0.8, constant(1), "db", null, null, null);
        RunResult r = Models.run(design(fixed), zipf(1000, 0.9, 200, 600), 1);
        long n = r.caches().get("cache").lookups();
        assertEquals(0.8, r.caches().get("cache").hitRatio(), 4 * Math.sqrt(0.8 * 0.2 / n));
        // a hit takes 1 ms; a miss the database's 5 ms (no queueing with 1000 workers)
        double expected = 0.8 * 1 + 0.2 * 5;
        assertEquals(expected, r.overall().latencyMs().mean(), 0.1);
        assertTrue(r.overall().latencyMs().p50() <= 1.01);
    }

    @Test
    void aCrashedCacheNodeIsBypassedAndComesBackCold() {
        // one LRU node crashes 60 s after each start and is back, empty, 10 s later: crashes at 60, 130, 200, 270 s
        CacheSpec lru = new CacheSpec(null, Eviction.LRU, 1000, null, null, constant(1), "db", null, null, null,
                new io.headroom.design.faults.FailureSpec(constant(60_000), constant(10_000)));
        WindowSeries w = new WindowSeries();
        RunResult r = Models.run(design(lru), zipf(10_000, 1.0, 200, 300), 1, RunOptions.DEFAULTS, w);
        RunResult.CacheStats c = r.caches().get("cache");
        assertEquals(4, c.crashes());
        double[] hit = w.column("cache.hit_ratio");
        for (int k : new int[] {6, 13, 20, 27}) { // the windows while the node is down: every lookup bypasses it
            assertEquals(0.0, hit[k], 0.0, "window " + k);
        }
        double che = CacheTheory.cheLruHitRatio(CacheTheory.zipfPmf(10_000, 1.0), 1000);
        assertEquals(che, hit[5], 0.05, "warm before the crash (2,000 lookups in the window)");
        assertTrue(hit[7] < hit[5] - 0.05, "cold after the repair: " + hit[7] + " against " + hit[5]);
        assertTrue(hit[12] > hit[7], "warming up again");
        // 10 s of 200 lookups/s bypassed per outage, all after the 30 s warm-up (Poisson arrivals)
        assertEquals(4 * 10 * 200, c.bypassed(), 4 * Math.sqrt(4 * 10 * 200.0));
        // every lookup that did not hit reached the database, bypassed ones included
        long lookups = c.lookups();
        assertEquals(Math.round(lookups * (1 - c.hitRatio())), r.components().get("db").attempts(), 2);
    }
}
