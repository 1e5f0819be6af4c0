package io.headroom.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.cache.Eviction;
import io.headroom.design.cache.EvictionConfig;
import io.headroom.design.cache.ItemSizeSpec;
import io.headroom.load.keys.KeyPopularity;
import io.headroom.load.keys.KeySampler;
import io.headroom.random.StreamRandom;
import io.headroom.theory.CacheTheory;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Caches sized in memory. With a constant item size {@code s} an LRU (or LFU) of {@code memory} bytes is the
 * cache of {@code floor(memory / s)} keys, lookup for lookup. With variable sizes an LRU by bytes follows
 * Che's approximation with bytes in place of keys ({@link CacheTheory#cheLruHitRatioBySize}), measured as
 * {@link LruLfuZipfTest} measures the key-count LRU (same warm-up, length, batch means and 0.01 tolerance,
 * the run long enough that 4 standard errors are inside it).
 */
class MemorySizedCacheTest {

    private static KeySampler zipf(int items, double exponent, long seed) {
        return KeySampler.of(new KeyPopularity(KeyPopularity.Distribution.ZIPF, (long) items, exponent, null, null),
                new StreamRandom(seed));
    }

    /** Every lookup of the sized cache answers as the key-count one; returns the hits. */
    private static long sameLookups(KeyCache sized, KeyCache counted, KeySampler keys, int requests) {
        long hits = 0;
        for (int i = 0; i < requests; i++) {
            long k = keys.next();
            boolean a = sized.lookup(k, 0);
            boolean b = counted.lookup(k, 0);
            if (a != b) {
                throw new AssertionError("request " + i + " (key " + k + "): sized " + a + ", counted " + b);
            }
            if (a) {
                hits++;
            } else {
                sized.fill(k, 0);
                counted.fill(k, 0);
            }
        }
        return hits;
    }

    @Test
    void constantItemSizeIsTheKeyCountCache() {
        long memory = 3000L * 4000 + 3999; // room for 3000 items of 4 KB, not 3001 (the slots grow past 1024 twice)
        for (Eviction e : new Eviction[] {Eviction.LRU, Eviction.LFU}) {
            KeyCache sized = KeyCache.create(EvictionConfig.sized(e, memory, ItemSizeSpec.constant(4000)), null, 7);
            KeyCache counted = KeyCache.create(new EvictionConfig(e, 3000, null, null), null);
            long hits = sameLookups(sized, counted, zipf(20_000, 0.9, 11), 300_000);
            System.out.printf(Locale.ROOT, "%s by memory = by count: %d hits of 300000%n", e.yamlName(), hits);
            assertEquals(3000, sized.size());
            assertEquals(12_000_000, ((e == Eviction.LRU) ? ((LruCache) sized).usedBytes() : ((LfuCache) sized).usedBytes()));
            assertArrayEquals(counted.evictionOrder(), sized.evictionOrder());
            assertEquals(e == Eviction.LRU ? 189_704 : 205_728, hits, "the hits of this key stream (seed 11)");
        }
    }

    @Test
    void itemSizesAreAFunctionOfTheKey() {
        ItemSizes a = new ItemSizes(ItemSizeSpec.uniform(1000, 7000), 42);
        ItemSizes b = new ItemSizes(ItemSizeSpec.uniform(1000, 7000), 42);
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        int n = 100_000;
        for (long k = 0; k < n; k++) {
            long s = a.of(k);
            assertEquals(s, b.of(k));
            assertEquals(s, a.of(k));
            sum += s;
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        assertEquals(1000, min);
        assertEquals(7000, max);
        // uniform on 1000..7000: mean 4000, sd 6001/√12 = 1732.3; the mean of 10^5 is within 4 × 5.5 bytes
        assertEquals(4000, (double) sum / n, 4 * 1732.3 / Math.sqrt(n));
    }

    @Test
    void lruByBytesMatchesCheBySize() {
        int items = 10_000;
        double exponent = 0.8;
        long memory = 4_000_000; // about 1000 items of 1 to 7 KB
        ItemSizes sizes = new ItemSizes(ItemSizeSpec.uniform(1000, 7000), 3);
        double[] s = new double[items];
        for (int k = 0; k < items; k++) {
            s[k] = sizes.of(k);
        }
        double che = CacheTheory.cheLruHitRatioBySize(CacheTheory.zipfPmf(items, exponent), s, memory);
        HitRatioEstimate lru = LruLfuZipfTest.measure(new LruCache(memory, sizes), zipf(items, exponent, 5));
        System.out.printf(Locale.ROOT, "LRU by bytes: Che %.4f, measured %s (LRU - Che %+.4f)%n", che, lru, lru.mean() - che);
        assertTrue(Math.abs(lru.mean() - che) < LruLfuZipfTest.TOLERANCE, "LRU by bytes more than 0.01 from Che");
        assertTrue(4 * lru.standardError() < LruLfuZipfTest.TOLERANCE, "run too short for the tolerance");
        // with every size equal the formula is Che's by keys
        double[] ones = new double[items];
        java.util.Arrays.fill(ones, 4000);
        assertEquals(CacheTheory.cheLruHitRatio(CacheTheory.zipfPmf(items, exponent), 1000),
                CacheTheory.cheLruHitRatioBySize(CacheTheory.zipfPmf(items, exponent), ones, 4_000_000), 1e-9);
    }

    @Test
    void anItemLargerThanTheMemoryIsNeverCached() {
        LruCache lru = new LruCache(10_000, new ItemSizes(ItemSizeSpec.uniform(1, 20_000), 1));
        long big = -1;
        for (long k = 0; big < 0; k++) {
            if (new ItemSizes(ItemSizeSpec.uniform(1, 20_000), 1).of(k) > 10_000) {
                big = k;
            }
        }
        lru.fill(big, 0);
        assertEquals(0, lru.size());
        assertTrue(!lru.lookup(big, 0));
    }
}
