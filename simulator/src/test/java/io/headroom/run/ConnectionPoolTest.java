package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.request.ErrorCause;
import io.headroom.theory.Queueing;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Connection pools at the caller, against arithmetic and queueing theory.
 *
 * <p>A pool of {@code c} connections at one caller instance with plenty of workers, fed Poisson calls and holding
 * each connection for an exponential time (a callee that only waits, with plenty of workers: no queue there), is an
 * M/M/c queue whose servers are the connections: the probability that a call waits is Erlang C, the mean wait
 * {@code C / (cμ − λ)}. Each replication's estimate is a ratio over its calls; the replications (seeds 1..R) are
 * independent, so the standard error is their spread over √R, and the test asserts agreement within 4 of them
 * (and says the relative error).
 */
class ConnectionPoolTest {
    private static final String MMC = """
            name: pool-mmc
            entry: api
            components:
              api:
                type: service
                concurrency: 1000
                endpoints:
                  default:
                    demand: {dist: constant, value: 0ms}
                    calls: [{to: db, pool: %d, pool-timeout: 1h}]
              db:
                type: service
                concurrency: 1000
                endpoints:
                  default: {demand: {dist: constant, value: 0ms}, wait: {dist: exponential, mean: %dms}}
            """;

    static Design design(String yaml) throws BadInputException {
        return DesignReader.read(YamlDocument.parse(Path.of("pool.yaml"), "pool.yaml", yaml)).design();
    }

    static LoadProfile constant(double rate, long seconds, long warmupS, boolean poisson) {
        return new LoadProfile("load", null, Map.of(), Duration.ofSeconds(warmupS),
                List.of(new OpenStep.ConstantUsersPerSec(rate, Duration.ofSeconds(seconds), poisson)));
    }

    @Test
    void aPoolIsAnMmcQueueAtTheCaller() throws BadInputException {
        int c = 4;
        double lambda = 30;
        double holdS = 0.1;
        var runs = Models.replications(design(MMC.formatted(c, 100)), constant(lambda, 1100, 100, true), 10);
        for (RunResult r : runs) {
            assertTrue(r.checks().passed(), r.checks().failures().toString());
            assertEquals(0, r.overall().errors().get(ErrorCause.POOL_TIMEOUT));
        }
        double a = lambda * holdS;
        double waitP = Queueing.erlangC(a, c);
        double waitMs = Queueing.mmcMeanWait(lambda, 1 / holdS, c) * 1000;
        Models.Estimate p = Models.Estimate.of(runs, r -> (double) pool(r).waited() / pool(r).calls());
        Models.Estimate w = Models.Estimate.of(runs, r -> pool(r).waitMeanMs());
        System.out.printf(Locale.ROOT, "pool of %d, a = %.1f: P(wait) %s (Erlang C %.5f, %+.2f%%); mean wait ms %s (theory %.4f, %+.2f%%)%n",
                c, a, p, waitP, 100 * p.relativeError(waitP), w, waitMs, 100 * w.relativeError(waitMs));
        assertEquals(waitP, p.mean(), 4 * p.standardError(), "probability of waiting for a connection = Erlang C");
        assertEquals(waitMs, w.mean(), 4 * w.standardError(), "mean wait for a connection = C / (cμ − λ)");
        RunResult.PoolStats first = pool(runs.get(0));
        assertEquals(c, first.size());
        assertEquals(c, first.connectionsMean(), 1e-9, "every connection open all the time");
        assertEquals(0, first.connectionsShort(), 1e-9);
        assertEquals(new RunResult.ConnectionStats(0, c), runs.get(0).components().get("db").connections());
    }

    private static final String FLEET = """
            name: pool-fleet
            entry: api
            components:
              api:
                type: service
                replicas: 5
                concurrency: 100
                endpoints:
                  default:
                    demand: {dist: constant, value: 0ms}
                    calls: [{to: store, pool: 4, pool-timeout: 50ms}]
              store:
                type: sharded-store
                shards: 2
                concurrency: 100
                max-connections: 10
                demand: {dist: constant, value: 10ms}
            """;

    /**
     * Five caller instances × 4 connections ask for 20 of a store that takes 10: instances 0 and 1 get 4, instance 2
     * gets the last 2, instances 3 and 4 none — 10 refused. With round-robin dispatch, constant arrivals 10 a second
     * (2 a second per instance) and 10 ms calls, instances 0 to 2 never wait, and every call at instances 3 and 4
     * waits its 50 ms and fails as {@code pool_timeout}: exactly 2 requests in 5.
     */
    @Test
    void callersBeyondMaxConnectionsAreRefusedAndTimeOut() throws BadInputException {
        RunResult r = Models.run(design(FLEET), constant(10, 110, 10, false), 1);
        assertTrue(r.checks().passed(), r.checks().failures().toString());
        assertEquals(new RunResult.ConnectionStats(5 * 4 - 10, 10), r.components().get("store").connections());
        RunResult.PoolStats pool = r.components().get("api").pools().get(0);
        assertEquals("store", pool.callee());
        assertEquals(10, pool.connectionsMean(), 1e-9);
        assertEquals(10, pool.connectionsShort(), 1e-9, "instance 2 lacks 2, instances 3 and 4 lack 4 each");
        long requests = r.overall().requests();
        assertEquals(1000, requests);
        assertEquals(requests * 2 / 5, pool.poolTimeouts());
        assertEquals(pool.poolTimeouts(), pool.waited(), "a call that waits at all waits at an instance without connections");
        assertEquals(pool.poolTimeouts(), r.overall().errors().get(ErrorCause.POOL_TIMEOUT));
        assertEquals(requests - pool.poolTimeouts(), r.overall().completed());
        assertEquals(r.overall().errorTotal(), pool.poolTimeouts());
        assertEquals(50.0 * 2 / 5, pool.waitMeanMs(), 1e-9, "2 calls in 5 wait exactly 50 ms, the rest not at all");
    }

    private static final String AUTOSCALED = """
            name: pool-autoscaled
            entry: api
            components:
              api:
                type: service
                replicas: {initial: 2, min: 2, max: 12}
                concurrency: 100
                cores: 2
                startup: 30s
                endpoints:
                  default:
                    demand: {dist: exponential, mean: 10ms}
                    calls: [{to: orders, pool: 10, pool-timeout: 1s}]
                autoscaling: {policy: hpa, metric: cpu, target: 0.6}
              orders:
                type: sharded-store
                shards: 2
                concurrency: 100
                max-connections: 60
                demand: {dist: exponential, mean: 5ms}
            """;

    /**
     * An autoscaled caller fleet outgrows the store's 60 connections: with no scale-in, every instance launched asks
     * for its 10 once, so the store refuses exactly peak instances × 10 − 60, and the instance left without
     * connections times its calls out.
     */
    @Test
    void anAutoscaledFleetExhaustsMaxConnections() throws BadInputException {
        LoadProfile ramp = new LoadProfile("ramp", null, Map.of(), Duration.ZERO,
                List.of(new OpenStep.RampUsersPerSec(50.0, 900.0, Duration.ofMinutes(10), false),
                        new OpenStep.ConstantUsersPerSec(900.0, Duration.ofMinutes(5), true)));
        RunResult r = Models.run(design(AUTOSCALED), ramp, 1);
        assertTrue(r.checks().passed(), r.checks().failures().toString());
        RunResult.ServiceStats api = r.components().get("api");
        assertEquals(0, api.lifecycle().scaleIns());
        assertTrue(api.instancesPeak() * 10 > 60, "the fleet outgrew the store: " + api.instancesPeak());
        assertEquals(new RunResult.ConnectionStats(api.instancesPeak() * 10L - 60, 60), r.components().get("orders").connections());
        RunResult.PoolStats pool = api.pools().get(0);
        assertTrue(pool.poolTimeouts() > 0, "the instance without connections times out");
        assertEquals(pool.poolTimeouts(), r.overall().errors().get(ErrorCause.POOL_TIMEOUT));
    }

    private static final String TIMEOUT = """
            name: pool-timeout
            entry: api
            components:
              api:
                type: service
                concurrency: 100
                endpoints:
                  default:
                    demand: {dist: constant, value: 0ms}
                    calls: [{to: db, pool: 1, pool-timeout: 300ms%s}]
              db:
                type: service
                concurrency: 100
                endpoints:
                  default: {demand: {dist: constant, value: 0ms}, wait: {dist: constant, value: 1500ms}}
            """;

    /**
     * One connection held 1.5 s by each call, a call a second: the call at an even second takes the connection (freed
     * half a second before), the one at the odd second after finds it taken, waits exactly 300 ms and fails as
     * {@code pool_timeout}; the caller's request fails with it, having lasted exactly those 300 ms.
     */
    @Test
    void aCallWaitsExactlyThePoolTimeoutThenFails() throws BadInputException {
        RunResult r = Models.run(design(TIMEOUT.formatted("")), constant(1, 100, 0, false), 1);
        assertTrue(r.checks().passed(), r.checks().failures().toString());
        RunResult.PoolStats pool = r.components().get("api").pools().get(0);
        assertEquals(100, pool.calls());
        assertEquals(50, pool.poolTimeouts());
        assertEquals(50, pool.waited());
        assertEquals(50, r.overall().errors().get(ErrorCause.POOL_TIMEOUT));
        assertEquals(50, r.overall().completed());
        assertEquals(150.0, pool.waitMeanMs(), 1e-9, "half wait 300 ms exactly, half not at all");
        assertEquals(300.0, pool.waitP99Ms(), 0.3, "HdrHistogram's 3 significant digits");
        assertEquals(1500.0, r.overall().latencyMs().max(), 1e-6, "a call that got the connection holds it 1.5 s");
        assertEquals(1, pool.connectionsMean(), 1e-9);
        double sojournMs = r.components().get("api").sojournMeanMs();
        assertEquals((50 * 1500.0 + 50 * 300.0) / 100, sojournMs, 1e-6, "a failed request left after exactly 300 ms");
    }

    /**
     * A retry asks the pool again: with {@code retries: 1} and no backoff, the call at the odd second waits 300 ms, fails,
     * and its retry waits the next 200 ms until the connection frees at the half second, then holds it 1.5 s — so the
     * call at the even second finds it taken and the pattern shifts; every call's attempts are counted in {@code calls}.
     */
    @Test
    void aRetryAsksThePoolAgain() throws BadInputException {
        RunResult r = Models.run(design(TIMEOUT.formatted(", retries: 1")), constant(1, 20, 0, false), 1);
        assertTrue(r.checks().passed(), r.checks().failures().toString());
        RunResult.PoolStats pool = r.components().get("api").pools().get(0);
        assertEquals(pool.calls(), r.overall().requests() + pool.poolTimeouts() - r.overall().errors().get(ErrorCause.POOL_TIMEOUT),
                "attempts = requests + retries (each retry follows a pool timeout)");
        assertTrue(pool.poolTimeouts() > r.overall().errors().get(ErrorCause.POOL_TIMEOUT), "some retries succeeded");
    }

    private static final String ROUGH = """
            name: pool-rough
            entry: api
            components:
              api:
                type: service
                replicas: {initial: 4, min: 2, max: 8}
                concurrency: 20
                startup: 5s
                failures:
                  time-between: {dist: exponential, mean: 40s}
                  time-to-repair: {dist: constant, value: 5s}
                endpoints:
                  default:
                    demand: {dist: exponential, mean: 2ms}
                    parallel: true
                    quorum: 1
                    calls:
                      - {to: orders, pool: 3, pool-timeout: 30ms, timeout: 40ms, retries: 2,
                         circuit-breaker: {failure-rate-threshold: 0.5, sliding-window: 20, minimum-calls: 10, open-duration: 2s},
                         bulkhead: 5}
                      - {to: orders, write: true, pool: 3, pool-timeout: 30ms}
                      - {to: cache, pool: 2}
                autoscaling: {policy: hpa, metric: utilisation, target: 0.5}
              cache:
                type: service
                concurrency: 4
                endpoints:
                  default: {wait: {dist: exponential, mean: 5ms}}
              orders:
                type: sharded-store
                shards: 2
                replicas-per-shard: 2
                concurrency: 8
                max-connections: 10
                demand: {dist: exponential, mean: 4ms}
            """;

    /**
     * Pools where everything else happens too — crashes losing instances with attempts waiting in their pools and
     * connections out, a quorum of parallel calls leaving attempts waiting that are no longer wanted, retries,
     * timeouts, a breaker, a bulkhead, autoscaling and a bound on connections: the run's books balance, and the
     * pools' figures are consistent.
     */
    @Test
    void poolsKeepTheBooksWhateverElseHappens() throws BadInputException {
        RunResult r = Models.run(design(ROUGH), constant(1200, 300, 30, true), 3);
        assertTrue(r.checks().passed(), r.checks().failures().toString());
        RunResult.ServiceStats api = r.components().get("api");
        assertTrue(api.lifecycle().crashes() > 0, "instances were lost");
        assertEquals(2, api.pools().size());
        long timeouts = 0;
        for (RunResult.PoolStats p : api.pools()) {
            assertTrue(p.waited() > 0 && p.waited() <= p.calls(), p.toString());
            assertTrue(p.poolTimeouts() <= p.waited(), p.toString());
            assertTrue(p.connectionsShort() >= 0 && p.connectionsMean() > 0, p.toString());
            timeouts += p.poolTimeouts();
        }
        System.out.println(api.pools() + " " + r.components().get("orders").connections() + " " + r.overall().errors() + " peak " + api.instancesPeak());
        assertTrue(timeouts > 0);
        RunResult.ConnectionStats orders = r.components().get("orders").connections();
        assertEquals(10, orders.peak(), "the bound holds, and is reached");
        assertTrue(orders.refused() > 0);
    }

    private static RunResult.PoolStats pool(RunResult r) {
        return r.components().get("api").pools().get(0);
    }
}
