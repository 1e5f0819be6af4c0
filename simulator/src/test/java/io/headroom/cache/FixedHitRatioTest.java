package io.headroom.cache;

import io.headroom.design.cache.EvictionConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.random.StreamRandom;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** fixed-hit-ratio: the hit frequency within 4σ of the binomial, and the same stream gives the same hits. */
class FixedHitRatioTest {

    @Test
    void frequencyWithinFourSigma() {
        int n = 1_000_000;
        for (double ratio : new double[] {0.05, 0.3, 0.9}) {
            KeyCache c = KeyCache.create(EvictionConfig.fixedHitRatio(ratio), new StreamRandom(11));
            long hits = 0;
            for (int i = 0; i < n; i++) {
                if (c.lookup(i % 100, i)) {
                    hits++;
                } else {
                    c.fill(i % 100, i);
                }
            }
            double sigma = Math.sqrt(n * ratio * (1 - ratio));
            double z = (hits - n * ratio) / sigma;
            System.out.printf(Locale.ROOT, "fixed-hit-ratio %.2f: %d hits of %d (z = %+.2f)%n", ratio, hits, n, z);
            assertTrue(Math.abs(z) < 4, "z = " + z);
        }
    }

    @Test
    void sameStreamSameHits() {
        KeyCache a = KeyCache.create(EvictionConfig.fixedHitRatio(0.5), new StreamRandom(5));
        KeyCache b = KeyCache.create(EvictionConfig.fixedHitRatio(0.5), new StreamRandom(5));
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.lookup(i, i), b.lookup(-i, 0));
        }
    }
}
