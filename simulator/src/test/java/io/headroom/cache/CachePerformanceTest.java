package io.headroom.cache;

import io.headroom.design.cache.EvictionConfig;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.load.keys.KeyPopularity;
import io.headroom.load.keys.KeySampler;
import io.headroom.random.StreamRandom;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Time per request (a lookup, and a fill on a miss) at 10^4 and 10^6 keys of capacity, printed, not
 * asserted (a shared CI machine's timings prove nothing); and no allocation on the hot path, asserted by
 * the JVM's per-thread allocation counter. Keys: zipf(0.9) over ten times the capacity, drawn beforehand
 * so that only the cache is timed. A rough figure — JMH belongs in benchmarks/.
 */
class CachePerformanceTest {
    private static final int REQUESTS = 2_000_000;

    @Test
    void nanosecondsPerRequestAndNoAllocation() {
        long counterOverhead = -allocatedBytes() + allocatedBytes();
        for (int capacity : new int[] {10_000, 1_000_000}) {
            // three passes of fresh keys (two to warm the cache and the JIT, one timed): a pass repeated would
            // find every key it has already seen
            KeySampler zipf = KeySampler.of(new KeyPopularity(KeyPopularity.Distribution.ZIPF, 10L * capacity, 0.9, null, null),
                    new StreamRandom(capacity));
            long[][] passes = new long[3][REQUESTS];
            for (long[] pass : passes) {
                for (int i = 0; i < REQUESTS; i++) {
                    pass[i] = zipf.next();
                }
            }
            KeyCache[] caches = {
                KeyCache.create(EvictionConfig.lru(capacity), null),
                KeyCache.create(EvictionConfig.lfu(capacity), null),
                // 1 s at 1 µs a request: 10^6 requests per ttl, so both expiry and (at 10^4) eviction by write order
                KeyCache.create(EvictionConfig.ttl(Duration.ofSeconds(1), capacity), null),
                KeyCache.create(EvictionConfig.fixedHitRatio(0.8), new StreamRandom(1)),
            };
            for (KeyCache cache : caches) {
                run(cache, passes[0]);
                run(cache, passes[1]);
                long bytes0 = allocatedBytes();
                long t0 = System.nanoTime();
                long hits = run(cache, passes[2]);
                long elapsed = System.nanoTime() - t0;
                long allocated = allocatedBytes() - bytes0 - counterOverhead;
                System.out.printf(Locale.ROOT, "%-16s capacity %,9d: %6.1f ns/request, hit ratio %.3f, %d bytes allocated over %,d requests%n",
                        cache.eviction().yamlName(), capacity, (double) elapsed / REQUESTS, (double) hits / REQUESTS, allocated, REQUESTS);
                // a few hundred bytes of slack for the timer and the counter; one object a request would be 16 MB
                assertTrue(allocated < 4096, cache.eviction() + " allocated " + allocated + " bytes on the hot path");
            }
        }
    }

    /** One pass of requests; time advances 1 µs a request (2 s a pass: the ttl cache expires as it goes too). */
    private static long run(KeyCache cache, long[] keys) {
        long hits = 0;
        long now = clock;
        for (long k : keys) {
            now += 1000;
            if (cache.lookup(k, now)) {
                hits++;
            } else {
                cache.fill(k, now);
            }
        }
        clock = now;
        return hits;
    }

    private static long clock;

    private static long allocatedBytes() {
        var bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
            return sun.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }
}
