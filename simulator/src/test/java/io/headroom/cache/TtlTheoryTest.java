package io.headroom.cache;

import io.headroom.design.cache.EvictionConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.load.keys.KeyPopularity;
import io.headroom.load.keys.KeySampler;
import io.headroom.random.StreamRandom;
import io.headroom.theory.CacheTheory;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Expire-after-write against the renewal formula: requests arrive as a Poisson process of rate Λ, each for
 * a zipf key drawn independently, so key i sees a Poisson process of rate λ_i = Λ p_i, independent of the
 * others (Poisson thinning); a miss fills at once. The theory (Jung, Berger &amp; Balakrishnan 2003; Fofack
 * et al. 2014; derived in {@link CacheTheory#ttlKeyHitRatio}) gives Σ p_i λ_i τ / (1 + λ_i τ) for a cache
 * large enough never to evict — here capacity = items (never full: a key is filled only when absent) and
 * unbounded.
 *
 * <p>Why these numbers. Λ = 1000/s, τ = 2 s, 10^4 keys, exponent 0.8: a hit ratio of 0.42, near the
 * middle, where the binomial noise is largest. Warm-up: {@value #WARM_UP} requests (100 s = 50 τ); a key's
 * state depends only on its requests since its last miss, so after many τ the bias left is far below the
 * noise (keys requested less than once per τ are almost always expired whatever the start). Counted:
 * {@value #COUNTED} requests in {@value #BATCHES} batches of 50 s (25 τ) each, close to independent; the
 * binomial standard error would be √(h(1−h)/n) = 0.0005, the batch-means one (hits of one key are
 * correlated within a τ) is measured and must be at most a quarter of the 0.005 tolerance (asserted).
 * 0.005 is also well below what the other TTL semantics would give: expire after access, 1 − e^{−λτ} per
 * key, is 0.06 higher here. About 0.3 s.
 */
class TtlTheoryTest {
    static final int WARM_UP = 100_000;
    static final int COUNTED = 1_000_000;
    static final int BATCHES = 20;
    static final double TOLERANCE = 0.005;
    static final double RATE = 1000;
    static final double TTL_S = 2;
    static final int ITEMS = 10_000;
    static final double EXPONENT = 0.8;

    static HitRatioEstimate measure(KeyCache cache, long seed) {
        KeySampler keys = KeySampler.of(new KeyPopularity(KeyPopularity.Distribution.ZIPF, (long) ITEMS, EXPONENT, null, null),
                new StreamRandom(seed));
        StreamRandom gaps = new StreamRandom(seed + 1000);
        double meanGapNs = 1e9 / RATE;
        long now = 0;
        for (int i = 0; i < WARM_UP; i++) {
            now += Math.round(-Math.log1p(-gaps.nextDouble()) * meanGapNs);
            long k = keys.next();
            if (!cache.lookup(k, now)) {
                cache.fill(k, now);
            }
        }
        long[] hits = new long[BATCHES];
        int perBatch = COUNTED / BATCHES;
        for (int b = 0; b < BATCHES; b++) {
            long h = 0;
            for (int i = 0; i < perBatch; i++) {
                now += Math.round(-Math.log1p(-gaps.nextDouble()) * meanGapNs);
                long k = keys.next();
                if (cache.lookup(k, now)) {
                    h++;
                } else {
                    cache.fill(k, now);
                }
            }
            hits[b] = h;
        }
        return HitRatioEstimate.of(hits, perBatch);
    }

    @Test
    void expireAfterWriteMatchesTheRenewalFormula() {
        double[] p = CacheTheory.zipfPmf(ITEMS, EXPONENT);
        double theory = CacheTheory.ttlHitRatio(p, RATE, TTL_S);
        double afterAccess = 0;
        for (double x : p) {
            afterAccess += x * -Math.expm1(-x * RATE * TTL_S);
        }
        Duration ttl = Duration.ofSeconds(2);
        HitRatioEstimate bounded = measure(KeyCache.create(EvictionConfig.ttl(ttl, ITEMS), null), 7);
        HitRatioEstimate unbounded = measure(KeyCache.create(EvictionConfig.ttl(ttl, null), null), 7);
        String msg = String.format(Locale.ROOT, "TTL %s s at %s/s over %d zipf(%s) keys: theory %.4f, simulated %s"
                + " (error %+.4f); expire-after-access would be %.4f", TTL_S, RATE, ITEMS, EXPONENT, theory, bounded,
                bounded.mean() - theory, afterAccess);
        System.out.println(msg);
        assertEquals(bounded, unbounded, "capacity = items never evicts: same as unbounded");
        assertTrue(Math.abs(bounded.mean() - theory) < TOLERANCE, msg);
        assertTrue(4 * bounded.standardError() < TOLERANCE, msg + ": run too short for the tolerance");
        assertTrue(afterAccess - theory > 4 * TOLERANCE, "the test tells the two TTL semantics apart");
    }
}
