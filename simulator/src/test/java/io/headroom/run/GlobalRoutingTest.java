package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.metrics.WindowSeries;
import io.headroom.request.ErrorCause;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A global router as Route 53 answers: latency routing to each population's nearest healthy region, weighted routing
 * within binomial noise, and DNS failover on a timeline computed by hand.
 */
class GlobalRoutingTest {
    private static final String DESIGN = """
            name: global
            entry: dns
            regions:
              us-east-1: {users: %s}
              eu-west-1: {users: %s, outages: %s}
              ap-southeast-1: {users: %s}
            components:
              dns:
                type: global-router
                policy: %s
                target: api
                ttl: %s
                health-check: {interval: 10s, failure-threshold: 3}
              api:
                type: service
                regions: [us-east-1, eu-west-1]
                replicas: 2
                concurrency: 100
                endpoints:
                  get:
                    demand: {dist: constant, value: 1ms}
                    response-size: 10KB
            """;

    static Design design(String us, String eu, String ap, String policy, String ttl, String outages) throws BadInputException {
        String yaml = DESIGN.formatted(us, eu, outages, ap, policy, ttl);
        return DesignReader.read(YamlDocument.parse(Path.of("global.yaml"), "global.yaml", yaml)).design();
    }

    /** {@code rate} requests a second for {@code seconds}, randomised (Poisson) or every 1/rate exactly. */
    static LoadProfile load(double rate, long seconds, boolean randomized) {
        return new LoadProfile("steady", null, Map.of(), null, null, Duration.ZERO,
                List.of(new OpenStep.ConstantUsersPerSec(rate, Duration.ofSeconds(seconds), randomized)), null, null);
    }

    @Test
    void latencyRoutingSendsEachPopulationToItsNearestRegionAndAddsTheRoundTrip() throws BadInputException {
        Design d = design("50%", "30%", "20%", "latency", "60s", "[]");
        RunResult r = Models.run(d, load(100, 200, true), 1);
        var served = r.regions().routing().get("dns").served();
        long us = served.get("us-east-1").get("us-east-1");
        long eu = served.get("eu-west-1").get("eu-west-1");
        long ap = served.get("ap-southeast-1").get("eu-west-1") + served.get("ap-southeast-1").get("us-east-1");
        assertEquals(0, served.get("us-east-1").get("eu-west-1"));
        assertEquals(0, served.get("eu-west-1").get("us-east-1"));
        // the bundled table (CloudPing p50): ap-southeast-1 to eu-west-1 182.2 ms, to us-east-1 218.9 ms: Singapore's users go to Ireland
        assertEquals(0, served.get("ap-southeast-1").get("us-east-1"));
        assertEquals(20_000, us + eu + ap);
        RegionFigures.Region euRegion = r.regions().regions().get("eu-west-1");
        assertEquals(eu + ap, euRegion.served().requests());
        // each request takes 1 ms of work; Singapore's pay 182.2 ms more, Ireland's own none
        double expectedMean = 1 + 182.2 * ap / (double) (eu + ap);
        assertEquals(expectedMean, euRegion.served().latencyMs().mean(), 1e-6);
        assertEquals(1.0, r.regions().regions().get("us-east-1").served().latencyMs().mean(), 1e-9);
        assertTrue(r.checks().passed(), r.checks().failures().toString());
    }

    @Test
    void weightedRoutingSplitsWithinBinomialNoise() throws BadInputException {
        String yaml = DESIGN.formatted("100%", "0%", "[]", "0%", "weighted", "60s")
                .replace("ttl: 60s", "ttl: 60s\n    weights: {us-east-1: 70, eu-west-1: 30}");
        Design d = DesignReader.read(YamlDocument.parse(Path.of("global.yaml"), "global.yaml", yaml)).design();
        RunResult r = Models.run(d, load(100, 400, true), 1);
        var served = r.regions().routing().get("dns").served().get("us-east-1");
        long n = served.get("us-east-1") + served.get("eu-west-1");
        double share = (double) served.get("us-east-1") / n;
        double sd = Math.sqrt(0.7 * 0.3 / n); // binomial standard error of the share over n requests
        assertTrue(Math.abs(share - 0.7) < 4 * sd, "share " + share + " of " + n + " requests, sd " + sd);
        assertTrue(n > 39_000, "about 40,000 Poisson arrivals in 400 s: " + n);
    }

    /**
     * Every user in eu-west-1, a request every 10 ms exactly. The region goes down at {@code t0 = 100.005 s}; checks at 100
     * s (passes), 110, 120 and 130 s (fail): unhealthy after three, at 130 s. Arrivals at 100.010 … 129.990 s (2,999) all go
     * to the dead region and fail as unavailable; from 130 s a request still gets the old answer with probability
     * 1 − (t − 130 s) / TTL, so about 100/s × TTL / 2 more fail (variance 100/s × TTL / 6). Nothing fails before t0 or
     * after 130 s + TTL; the survivors are served in us-east-1.
     */
    @Test
    void dnsFailoverFailsFromTheOutageUntilTheResolversForgetTheOldAnswer() throws BadInputException {
        for (int ttl : new int[] {60, 300}) {
            Design d = design("0%", "100%", "0%", "latency", ttl + "s", "[{at: 100005ms, for: 2000s}]");
            WindowSeries series = new WindowSeries();
            RunResult r = Models.run(d, load(100, 600, false), 1, RunOptions.DEFAULTS, series);
            long failed = r.overall().errors().get(ErrorCause.UNAVAILABLE);
            double expected = 2999 + 100.0 * ttl / 2;
            double sd = Math.sqrt(100.0 * ttl / 6);
            assertTrue(Math.abs(failed - expected) < 4 * sd, "TTL " + ttl + ": " + failed + " failed, expected " + expected + " ± " + sd);
            assertEquals(failed, r.overall().errorTotal(), "every error is the dead region's");
            var changes = r.regions().routing().get("dns").healthChanges();
            assertEquals(List.of(new RegionFigures.HealthChange("eu-west-1", 130.0, false)), changes);
            double[] t = series.column("t_s");
            double[] unavailable = series.column("errors.unavailable");
            double[] euShare = series.column("dns.share.eu-west-1");
            for (int w = 0; w < t.length; w++) {
                double start = t[w]; // a window of 10 s from its start
                if (start + 10 <= 100) {
                    assertEquals(0, unavailable[w], "before the outage, window from " + start);
                    assertEquals(1.0, euShare[w], 1e-12);
                }
                if (start >= 130 + ttl && start + 10 <= 600) {
                    assertEquals(0, unavailable[w], "after the TTL, window from " + start);
                    assertEquals(0.0, euShare[w], 1e-12);
                }
            }
            assertEquals(10_001, r.regions().regions().get("eu-west-1").served().completed(), "the arrivals at 0 … 100.000 s");
            assertEquals(60_000 - 10_001 - failed, r.regions().regions().get("us-east-1").served().completed());
            assertTrue(r.checks().passed(), r.checks().failures().toString());
        }
    }

    /**
     * Half the users in each region, 200 requests a second of 40 ms each: two instances of 4 workers per region run at
     * utilisation 0.5. When eu-west-1 fails, its users move to us-east-1, whose two instances saturate (utilisation 1):
     * the HPA (target 0.5) asks for ceil(2 × 1 / 0.5) = 4 instances, which run at 0.5 again; eu-west-1 keeps its 2 (they
     * are down, not scaled).
     */
    @Test
    void theSurvivingRegionScalesOutAsItsPolicySays() throws BadInputException {
        String yaml = DESIGN.formatted("50%", "50%", "[{at: 300s, for: 2000s}]", "0%", "latency", "60s")
                .replace("    replicas: 2\n", "    replicas: {initial: 2, min: 2, max: 10}\n    startup: 30s\n"
                        + "    autoscaling: {policy: hpa, metric: utilisation, target: 0.5}\n")
                .replace("    concurrency: 100\n", "    concurrency: 4\n")
                .replace("value: 1ms", "value: 40ms");
        Design d = DesignReader.read(YamlDocument.parse(Path.of("global.yaml"), "global.yaml", yaml)).design();
        RunResult r = Models.run(d, load(200, 1200, true), 1);
        assertEquals(4, r.components().get("api@us-east-1").instancesPeak(), "ceil(2 × 1.0 / 0.5)");
        assertEquals(2, r.components().get("api@eu-west-1").instancesPeak());
        assertTrue(r.checks().passed(), r.checks().failures().toString());
    }
}
