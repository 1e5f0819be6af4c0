package io.headroom.run;

import static io.headroom.run.Models.constant;
import static io.headroom.run.Models.exp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.CacheSpec;
import io.headroom.design.CallSpec;
import io.headroom.design.ComponentSpec;
import io.headroom.design.Design;
import io.headroom.design.DispatchStrategy;
import io.headroom.design.EndpointSpec;
import io.headroom.design.QueueSpec;
import io.headroom.design.ReplicasSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.design.cache.Eviction;
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

/**
 * A cache as the design's entry: the load's requests are its lookups, for the endpoints of the service behind its
 * miss; hits answer after the hit latency, misses go on to that service (the request's own endpoint, or the cache's
 * miss-endpoint). Mirrors {@link CacheComponentTest}'s check against Che for a called cache.
 */
class EntryCacheTest {

    private static ServiceSpec service(int workers, Map<String, EndpointSpec> endpoints) {
        return new ServiceSpec(null, ReplicasSpec.fixed(1), DispatchStrategy.ROUND_ROBIN, workers, null, QueueSpec.UNBOUNDED, endpoints);
    }

    /** The entry cache {@code cache} in front of {@code db}, whose endpoints {@code a} and {@code b} call {@code x} and {@code y}. */
    private static Design twoEndpoints(String missEndpoint) {
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        c.put("cache", new CacheSpec(null, Eviction.LRU, 1000, null, null, constant(1), "db", missEndpoint, null, null));
        Map<String, EndpointSpec> eps = new LinkedHashMap<>();
        eps.put("a", new EndpointSpec(exp(1), null, List.of(CallSpec.to("x")), null, null, null));
        eps.put("b", new EndpointSpec(exp(1), null, List.of(CallSpec.to("y")), null, null, null));
        c.put("db", service(1000, eps));
        c.put("x", service(1000, Map.of("a", new EndpointSpec(exp(1), null))));
        c.put("y", service(1000, Map.of("b", new EndpointSpec(exp(1), null))));
        return new Design("entry-cache", null, "cache", c);
    }

    private static LoadProfile zipf(Map<String, Double> mix, int items, double exponent, double rate, long seconds) {
        return new LoadProfile("zipf", null, mix, new KeyPopularity(KeyPopularity.Distribution.ZIPF, (long) items, exponent, null, null),
                null, Duration.ofSeconds(seconds / 10), List.of(new OpenStep.ConstantUsersPerSec(rate, Duration.ofSeconds(seconds), true)),
                null, null);
    }

    @Test
    void anEntryLruCacheHitsAsChePredictsAsACalledOneDoes() {
        int items = 10_000;
        int capacity = 1000;
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        c.put("cache", new CacheSpec(null, Eviction.LRU, capacity, null, null, constant(1), "db", null, null, null));
        c.put("db", service(1000, Map.of("query", new EndpointSpec(exp(5), null))));
        WindowSeries w = new WindowSeries();
        RunResult r = Models.run(new Design("entry-cache", null, "cache", c), zipf(Map.of(), items, 1.0, 2000, 300), 1,
                RunOptions.DEFAULTS, w);
        double che = CacheTheory.cheLruHitRatio(CacheTheory.zipfPmf(items, 1.0), capacity);
        double measured = r.caches().get("cache").hitRatio();
        System.out.printf(java.util.Locale.ROOT, "entry LRU cache: Che %.4f, measured %.4f over %d lookups%n", che, measured,
                r.caches().get("cache").lookups());
        // the tolerance of CacheComponentTest.lruHitRatioMatchesChe and LruLfuZipfTest (0.01): about 540,000 counted
        // lookups (2000/s over 270 s), a binomial standard error √(h(1−h)/n) of 0.0006; hits are correlated over Che's T
        // (a few thousand lookups), so the error is a few times that, still well under the tolerance
        assertEquals(che, measured, 0.01, "LRU vs Che (0.6756 at α = 1, 10^4 keys, 1000 cached)");
        double[] perWindow = w.column("cache.hit_ratio");
        double late = Arrays.stream(perWindow, 5, perWindow.length - 1).average().orElseThrow();
        assertEquals(che, late, 0.01, "the per-window hit ratio once warm");
        // every miss reached the database; hits did not; every request was a lookup
        long lookups = r.caches().get("cache").lookups();
        assertEquals(Math.round(lookups * (1 - measured)), r.components().get("db").attempts(), 2);
        assertEquals(r.overall().requests(), lookups);
        assertTrue(r.checks().passed(), r.checks().failures().toString());
        // a hit takes 1 ms, a miss 5 ms on average (the database, without queueing at 1000 workers)
        assertEquals(measured * 1 + (1 - measured) * 5, r.overall().latencyMs().mean(), 0.1);
    }

    @Test
    void anEntryCachesMissesKeepTheirEndpoint() {
        RunResult r = Models.run(twoEndpoints(null), zipf(Map.of("a", 0.3, "b", 0.7), 10_000, 1.0, 1000, 120), 1);
        assertTrue(r.checks().passed(), r.checks().failures().toString());
        long lookups = r.caches().get("cache").lookups();
        double misses = lookups * (1 - r.caches().get("cache").hitRatio());
        long toA = r.components().get("x").attempts();
        long toB = r.components().get("y").attempts();
        assertEquals(Math.round(misses), r.components().get("db").attempts(), 2);
        assertEquals(r.components().get("db").attempts(), toA + toB, 2);
        // a key's popularity does not depend on its endpoint, so misses split as the mix does: 4 binomial standard errors
        double n = toA + toB;
        System.out.printf(java.util.Locale.ROOT, "entry cache misses: %d to a, %d to b (%.4f to a)%n", toA, toB, toA / n);
        assertEquals(0.3, toA / n, 4 * Math.sqrt(0.3 * 0.7 / n), "misses to a: " + toA + " of " + (long) n);
        assertEquals(0.3 * lookups, r.endpoints().get("a").requests(), 4 * Math.sqrt(0.3 * 0.7 * lookups));
    }

    @Test
    void anEntryCacheWithAMissEndpointSendsEveryMissThere() {
        RunResult r = Models.run(twoEndpoints("a"), zipf(Map.of("a", 0.3, "b", 0.7), 10_000, 1.0, 1000, 120), 1);
        assertTrue(r.checks().passed(), r.checks().failures().toString());
        assertEquals(r.components().get("db").attempts(), r.components().get("x").attempts(), 2);
        assertEquals(0, r.components().get("y").attempts());
    }
}
