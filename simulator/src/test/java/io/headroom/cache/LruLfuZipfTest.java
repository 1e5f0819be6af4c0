package io.headroom.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.load.keys.KeyPopularity;
import io.headroom.load.keys.KeySampler;
import io.headroom.random.StreamRandom;
import io.headroom.theory.CacheTheory;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * LRU against Che's approximation, and LFU above LRU, on the load profile's own zipf key stream
 * ({@link KeySampler}, IRM: independent draws) with the items, exponent and capacity of each row of the
 * reference table.
 *
 * <p>Why these numbers. <b>Warm-up</b>: an LRU cache holds exactly the C most recently requested distinct
 * keys, a function of the recent requests only; so once C distinct keys have been requested its content
 * has exactly the stationary law. Che's T is the number of requests that brings C distinct keys on
 * average (at most 3,800 requests for these rows), and the warm-up of {@value #WARM_UP} requests is
 * over 25 T: the cache is stationary when counting starts. <b>Length</b>: {@value #COUNTED} counted
 * requests; the binomial standard error √(h(1−h)/n) is at most 0.0005, twenty times below the 0.01
 * tolerance. Hits are correlated over about T requests, so the test does not rely on the binomial
 * formula: it measures the standard error by batch means ({@value #BATCHES} batches of 50,000 requests,
 * each over 13 T) and requires the tolerance to be at least 4 of them. About 0.1 s a row.
 */
class LruLfuZipfTest {
    static final int WARM_UP = 100_000;
    static final int COUNTED = 1_000_000;
    static final int BATCHES = 20;
    static final double TOLERANCE = 0.01;

    /** Hit ratio of {@code cache} on {@code COUNTED} requests from {@code keys} after {@code WARM_UP}. */
    static HitRatioEstimate measure(KeyCache cache, KeySampler keys) {
        for (int i = 0; i < WARM_UP; i++) {
            long k = keys.next();
            if (!cache.lookup(k, 0)) {
                cache.fill(k, 0);
            }
        }
        long[] hits = new long[BATCHES];
        int perBatch = COUNTED / BATCHES;
        for (int b = 0; b < BATCHES; b++) {
            long h = 0;
            for (int i = 0; i < perBatch; i++) {
                long k = keys.next();
                if (cache.lookup(k, 0)) {
                    h++;
                } else {
                    cache.fill(k, 0);
                }
            }
            hits[b] = h;
        }
        return HitRatioEstimate.of(hits, perBatch);
    }

    static KeySampler zipf(ZipfReference row, long seed) {
        return KeySampler.of(new KeyPopularity(KeyPopularity.Distribution.ZIPF, (long) row.itemCount(), row.exponent(), null, null),
                new StreamRandom(seed));
    }

    @Test
    void lruMatchesCheAndLfuBeatsLru() {
        for (ZipfReference row : ZipfReference.rows()) {
            double[] p = CacheTheory.zipfPmf(row.itemCount(), row.exponent());
            double che = CacheTheory.cheLruHitRatio(p, row.capacityKeys());
            double top = CacheTheory.topKeysHitRatio(p, row.capacityKeys());
            // the same stream (same seed) through both caches
            HitRatioEstimate lru = measure(new LruCache(row.capacityKeys()), zipf(row, 42));
            HitRatioEstimate lfu = measure(new LfuCache(row.capacityKeys()), zipf(row, 42));
            String msg = String.format(Locale.ROOT,
                    "%-25s Che %.4f  LRU %s  (LRU - Che %+.4f; table MC %s)  LFU %s  top-C %.4f",
                    row, che, lru, lru.mean() - che, row.lruMonteCarlo().isEmpty() ? "-" : row.lruMonteCarlo(), lfu, top);
            System.out.println(msg);
            assertTrue(Math.abs(lru.mean() - che) < TOLERANCE, msg + ": LRU more than " + TOLERANCE + " from Che");
            assertTrue(4 * lru.standardError() < TOLERANCE, msg + ": run too short for the tolerance");
            assertTrue(lfu.mean() - lru.mean() > 4 * Math.hypot(lfu.standardError(), lru.standardError()),
                    msg + ": LFU not above LRU by 4 standard errors");
            assertTrue(lfu.mean() < top + 4 * lfu.standardError(), msg + ": LFU above the best non-clairvoyant cache");
        }
    }
}
