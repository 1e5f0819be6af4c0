package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.load.keys.KeyPopularity;
import io.headroom.metrics.WindowSeries;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Writes through a cache. The case computed by hand: 100 keys requested uniformly, a capacity that holds them
 * all (nothing is ever evicted), a fraction {@code w} of the requests writes. A key's requests are then an
 * independent sequence of reads (1 − w) and writes (w), and a read hits exactly when the request before it on the
 * same key was a read (it filled or found the key; a write in between invalidated it): the hit ratio of reads is
 * {@code 1 − w}. Its estimate over {@code n} counted reads has the binomial variance {@code w(1 − w)/n}: the hit
 * indicator of the read at position {@code k} is {@code X_{k−1}} (that request was a read), and
 * {@code X_k (X_{k−1} − (1 − w))} for successive {@code k} are uncorrelated because {@code X_{k−1}} is
 * independent of what follows it — so the test asserts 4 standard errors. The target answers in 1 µs, so a
 * miss and a write on the same key overlap with probability about 10 per second × 2 µs, 2·10^-5 a request,
 * well below the bound. Likewise a write finds its key cached (and invalidates it) with probability 1 − w.
 * With write-through every read after the warm-up hits.
 */
class CacheWritesTest {
    private static final String DESIGN = """
            name: writes
            entry: api
            components:
              api:
                type: service
                concurrency: 10000
                endpoints:
                  read: {demand: {dist: constant, value: 1us}, calls: [{to: cache}]}
                  write: {demand: {dist: constant, value: 1us}, calls: [{to: cache, write: true}]}
              cache:
                type: cache
                eviction: lru
                capacity: 1000
                hit-latency: {dist: constant, value: 1us}
                miss: db
                miss-endpoint: get
                writes: {policy: %s, endpoint: put}
              db:
                type: service
                concurrency: 10000
                endpoints:
                  get: {demand: {dist: constant, value: 1us}}
                  put: {demand: {dist: constant, value: 1us}}
            """;

    static Design design(String policy) throws BadInputException {
        return DesignReader.read(YamlDocument.parse(Path.of("writes.yaml"), "writes.yaml", DESIGN.formatted(policy))).design();
    }

    static LoadProfile load(double writeFraction) {
        return new LoadProfile("rw", null, Map.of("read", 1 - writeFraction, "write", writeFraction),
                new KeyPopularity(KeyPopularity.Distribution.UNIFORM, 100L, null, null, null), null, Duration.ofSeconds(10),
                List.of(new OpenStep.ConstantUsersPerSec(1000.0, Duration.ofSeconds(100), true)), null, null);
    }

    @Test
    void invalidationLowersTheHitRatioToTheReadFraction() throws BadInputException {
        for (double w : new double[] {0.1, 0.3, 0.6}) {
            RunResult r = Models.run(design("invalidate"), load(w), 1, RunOptions.DEFAULTS, new WindowSeries());
            RunResult.CacheStats c = r.caches().get("cache");
            double sigma = Math.sqrt(w * (1 - w) / c.lookups());
            System.out.printf(Locale.ROOT, "w %.1f: %d reads, hit ratio %.5f (1 - w = %.1f, sigma %.5f); %d writes, %d invalidated"
                    + " (%.5f)%n", w, c.lookups(), c.hitRatio(), 1 - w, sigma, c.writes(), c.invalidations(),
                    (double) c.invalidations() / c.writes());
            assertEquals(1 - w, c.hitRatio(), 4 * sigma, "hit ratio of reads = P(the key's previous request was a read)");
            double wSigma = Math.sqrt(w * (1 - w) / c.writes());
            assertEquals(1 - w, (double) c.invalidations() / c.writes(), 4 * wSigma, "a write finds its key cached");
            // the counts split as the mix: reads + writes = all counted requests, writes within 4 sigma of w
            long all = c.lookups() + c.writes();
            assertEquals(r.overall().requests(), all);
            assertEquals(w, (double) c.writes() / all, 4 * Math.sqrt(w * (1 - w) / all));
            assertEquals(0, r.overall().errorTotal());
        }
    }

    @Test
    void writeThroughKeepsEveryKeyCached() throws BadInputException {
        RunResult r = Models.run(design("write-through"), load(0.3), 1, RunOptions.DEFAULTS, new WindowSeries());
        RunResult.CacheStats c = r.caches().get("cache");
        assertEquals(1.0, c.hitRatio(), 0.0);
        assertEquals(0L, c.invalidations());
        assertTrue(c.writes() > 0);
    }

    @Test
    void summaryCarriesWritesOnlyForACacheThatTakesThem() throws BadInputException {
        RunResult r = Models.run(design("invalidate"), load(0.3), 1, RunOptions.DEFAULTS, new WindowSeries());
        com.fasterxml.jackson.databind.node.ObjectNode json = io.headroom.result.SummaryCodec.write(io.headroom.result.RunSummary.of(r));
        com.fasterxml.jackson.databind.JsonNode cache = json.path("components").path("cache");
        assertEquals(r.caches().get("cache").writes().longValue(), cache.path("writes").asLong());
        assertEquals(r.caches().get("cache").invalidations().longValue(), cache.path("invalidations").asLong());
        io.headroom.result.Summary.Cache back = (io.headroom.result.Summary.Cache) io.headroom.result.SummaryCodec.read(json)
                .components().get("cache");
        assertEquals((double) r.caches().get("cache").writes(), back.writes());
        RunResult.CacheStats none = new RunResult.CacheStats(0.5, 10, 0, 0);
        assertEquals(null, none.writes());
        assertEquals(null, new io.headroom.result.Summary.Cache(0.5, 10, 0, 0).invalidations());
    }
}
