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
 * Stale reads against a case computed by hand. Requests arrive as a Poisson stream of rate {@code R}, each a write
 * with probability {@code f}, on one of {@code K} keys drawn uniformly: each key's writes are a Poisson stream of
 * rate {@code w = R f / K}, and the reads arrive at random times, independent of them (they see the time average:
 * PASTA). A replica applies each write after its own exponential lag of mean {@code m}, independently of the other
 * writes. A read of key {@code k} at a replica is judged against the latest committed write of {@code k} alone
 * (the replica either has it or not), so it is stale exactly when that write's lag {@code L} is longer than its age
 * {@code A}. In steady state the age of the last event of a Poisson stream is exponential with rate {@code w}, and
 * {@code L} is independent of it:
 * <pre>
 *   P(stale) = P(L &gt; A) = ∫ w e^{−w a} e^{−a/m} da = w / (w + 1/m) = w m / (1 + w m).
 * </pre>
 * The stale share over {@code n} counted reads is then a binomial proportion, up to one correlation: two reads of the
 * same key inside the same write's lag are both stale. A stale read has on average {@code R (1−f)/K × m} other reads of
 * its key within the lag, that is {@code (1−f)/f × w m}; the cases keep it at 0.1 or below, so the variance is within
 * about 20 % of the binomial one, and the test allows 3 binomial standard errors {@code 3 √(P(1−P)/n)}. The primary
 * and the front service answer in 1 µs, which shifts the ages by 2 µs, {@code w × 2 µs} ≤ 2·10^-4 of the
 * probability, well below the bound.
 */
class DatabaseStaleReadsTest {
    private static final String DESIGN = """
            name: stale
            entry: api
            components:
              api:
                type: service
                concurrency: 10000
                endpoints:
                  read: {demand: {dist: constant, value: 1us}, calls: [{to: db}]}
                  write: {demand: {dist: constant, value: 1us}, calls: [{to: db, write: true}]}
              db:
                type: database
                replicas: 1
                concurrency: 10000
                demand: {dist: constant, value: 1us}
                replication: %s
                lag: %s
                read-your-writes: %s
            """;

    static Design design(String replication, String lag, boolean readYourWrites) throws BadInputException {
        return DesignReader.read(YamlDocument.parse(Path.of("stale.yaml"), "stale.yaml",
                DESIGN.formatted(replication, lag, readYourWrites))).design();
    }

    static LoadProfile poisson(double rate, double writeFraction, long keys, long seconds) {
        return new LoadProfile("poisson", null, Map.of("read", 1 - writeFraction, "write", writeFraction),
                new KeyPopularity(KeyPopularity.Distribution.UNIFORM, keys, null, null, null), null, Duration.ofSeconds(10),
                List.of(new OpenStep.ConstantUsersPerSec(rate, Duration.ofSeconds(seconds), true)), null, null);
    }

    @Test
    void staleShareIsWmOverOnePlusWm() throws BadInputException {
        double rate = 2000;
        double[][] cases = {{0.9, 0.010, 20}, {0.95, 0.040, 40}, {0.95, 0.002, 20}}; // write fraction, mean lag (s), keys
        for (double[] c : cases) {
            double f = c[0];
            double m = c[1];
            long keys = (long) c[2];
            RunResult r = Models.run(design("async", "{dist: exponential, mean: " + (m * 1000) + "ms}", false),
                    poisson(rate, f, keys, 110), 1, RunOptions.DEFAULTS, new WindowSeries());
            DatabaseFigures db = r.databases().get("db");
            double w = rate * f / keys;
            double p = w * m / (1 + w * m);
            double sigma = Math.sqrt(p * (1 - p) / db.reads());
            System.out.printf(Locale.ROOT, "f %.2f, m %.0f ms: w %.1f/s, %,.0f reads, stale %.5f (P %.5f, sigma %.5f)%n", f, m * 1000,
                    w, db.reads(), db.staleReadRatio(), p, sigma);
            assertEquals(p, db.staleReadRatio(), 3 * sigma, "P(lag > age of the key's last write) = wm / (1 + wm)");
            assertEquals(m * 1000, db.replicaLagMs().mean(), 5 * m * 1000 / Math.sqrt(db.writes()), "the lag drawn, observed");
            assertTrue(r.checks().passed(), r.checks().failures().toString());
        }
    }

    @Test
    void syncAndReadYourWritesReadNothingStale() throws BadInputException {
        LoadProfile load = poisson(2000, 0.5, 20, 30);
        RunResult sync = Models.run(design("sync", "{dist: exponential, mean: 20ms}", false), load, 1, RunOptions.DEFAULTS,
                new WindowSeries());
        assertEquals(0, sync.databases().get("db").staleReads(), "a write is answered once the replica has it");
        assertTrue(sync.checks().passed(), sync.checks().failures().toString());
        RunResult ryw = Models.run(design("async", "{dist: exponential, mean: 20ms}", true), load, 1, RunOptions.DEFAULTS,
                new WindowSeries());
        assertEquals(0, ryw.databases().get("db").staleReads(), "a read its replica cannot serve goes to the primary");
        assertTrue(ryw.checks().passed(), ryw.checks().failures().toString());
    }
}
