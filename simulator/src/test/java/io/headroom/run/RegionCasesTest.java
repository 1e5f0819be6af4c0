package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.request.ErrorCause;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regions where they meet other features: zones, outages of components without instances, weights of 0, releases. */
class RegionCasesTest {
    private static final double GB = 1L << 30;

    static Design read(String yaml) throws BadInputException {
        return DesignReader.read(YamlDocument.parse(Path.of("regions.yaml"), "regions.yaml", yaml)).design();
    }

    /** A request every 1/rate s exactly, for {@code seconds}. */
    static LoadProfile every(double rate, long seconds) {
        return new LoadProfile("steady", null, Map.of(), null, null, Duration.ZERO,
                List.of(new OpenStep.ConstantUsersPerSec(rate, Duration.ofSeconds(seconds), false)), null, null);
    }

    private static final String CROSS = """
            name: cross
            entry: dns
            regions:
              us-east-1: {users: 100%}
              eu-west-1: {users: 0%}
            network:
              zones: [a, b]
              intra-zone: {dist: constant, value: 200us}
              cross-zone: {dist: constant, value: 1ms}
            components:
              dns: {type: global-router, policy: latency, target: api}
              api:
                type: service
                regions: [us-east-1]
                instance: {type: c6i.large}
                replicas: 2
                concurrency: 16
                endpoints:
                  get: {demand: {dist: constant, value: 1ms}, calls: [{to: back}]}
              back:
                type: service
                regions: [eu-west-1]
                instance: {type: c6i.large}
                replicas: 2
                concurrency: 16
                endpoints:
                  get: {demand: {dist: constant, value: 1ms}, request-size: 1MB, response-size: 3MB}
            """;

    /**
     * 1,000 calls from us-east-1 to eu-west-1, each sending 1 MB and answered with 3 MB: the request's bytes are billed to
     * us-east-1, the answer's to eu-west-1, at 0.02 $/GB, once each, though the answers also cross zones.
     */
    @Test
    void bytesBetweenRegionsAreBilledOnceToTheRegionTheyLeave() throws BadInputException {
        RunResult r = Models.run(read(CROSS), every(10, 100), 1);
        assertEquals(1000, r.overall().completed());
        double sent = 1000L * 1_000_000 / GB * 0.02;
        double back = 1000L * 3_000_000 / GB * 0.02;
        assertEquals(sent + back, r.cost().byMarket().get("transfer"), 1e-12);
        double usInstances = r.cost().byComponent().get("api");
        double euInstances = r.cost().byComponent().get("back");
        assertEquals(usInstances + sent, r.regions().regions().get("us-east-1").costUsd(), 1e-12);
        assertEquals(euInstances + back, r.regions().regions().get("eu-west-1").costUsd(), 1e-12);
        assertTrue(r.checks().passed(), r.checks().failures().toString());
    }

    /**
     * A cache that runs only in eu-west-1, called from us-east-1: while eu-west-1 is down (100 to 150 s) every call to it
     * fails as unavailable, so the caller's requests fail as dependency: exactly the 500 arrivals of [100 s, 150 s).
     */
    @Test
    void aRegionOutageTakesDownWhatRunsThereWhateverItsKind() throws BadInputException {
        String yaml = """
                name: cache-away
                entry: dns
                regions:
                  us-east-1: {users: 100%}
                  eu-west-1: {users: 0%, outages: [{at: 100s, for: 50s}]}
                components:
                  dns: {type: global-router, policy: latency, target: api}
                  api:
                    type: service
                    regions: [us-east-1]
                    replicas: 2
                    concurrency: 16
                    endpoints:
                      get: {demand: {dist: constant, value: 1ms}, calls: [{to: sessions}]}
                  sessions:
                    type: cache
                    regions: [eu-west-1]
                    eviction: fixed-hit-ratio
                    hit-ratio: 1
                    hit-latency: {dist: constant, value: 1ms}
                    miss: store
                  store:
                    type: sharded-store
                    regions: [eu-west-1]
                    shards: 1
                    concurrency: 16
                    demand: {dist: constant, value: 1ms}
                """;
        RunResult r = Models.run(read(yaml), every(10, 300), 1);
        assertEquals(500, r.overall().errors().get(ErrorCause.DEPENDENCY), "the arrivals at 100.0 … 149.9 s");
        assertEquals(500, r.overall().errorTotal());
        assertTrue(r.checks().passed(), r.checks().failures().toString());
    }

    /**
     * Weighted routing with us-east-1 at weight 0: while eu-west-1 (weight 1) is unhealthy, Route 53 answers with the
     * healthy weight-0 record instead. eu-west-1 is down from 35 s to 75 s; checks every 10 s, threshold 1, TTL 0: the
     * arrivals in [35 s, 40 s) fail (checked down at 40 s), those in [40 s, 80 s) go to us-east-1, and from the check at 80
     * s back to eu-west-1.
     */
    @Test
    void weightedRoutingFallsBackToHealthyRecordsOfWeightZero() throws BadInputException {
        String yaml = """
                name: w0
                entry: dns
                regions:
                  us-east-1: {users: 50%}
                  eu-west-1: {users: 50%, outages: [{at: 35s, for: 40s}]}
                components:
                  dns:
                    type: global-router
                    policy: weighted
                    weights: {us-east-1: 0, eu-west-1: 1}
                    target: api
                    ttl: 0s
                    health-check: {interval: 10s, failure-threshold: 1}
                  api:
                    type: service
                    regions: [us-east-1, eu-west-1]
                    replicas: 2
                    concurrency: 16
                    endpoints:
                      get: {demand: {dist: constant, value: 1ms}}
                """;
        RunResult r = Models.run(read(yaml), every(10, 100), 1);
        assertEquals(50, r.overall().errors().get(ErrorCause.UNAVAILABLE), "the arrivals at 35.0 … 39.9 s");
        assertEquals(400, r.regions().regions().get("us-east-1").served().completed(), "the arrivals at 40.0 … 79.9 s");
        assertEquals(550, r.regions().regions().get("eu-west-1").served().completed(), "0 … 34.9 s and 80.0 … 99.9 s");
        assertTrue(r.checks().passed(), r.checks().failures().toString());
    }

    /** A regional service with a rolling update reads, expands and runs: each region's copy rolls out on its own. */
    @Test
    void aRegionalServiceRollsOutInEachRegion() throws BadInputException {
        String yaml = """
                name: release
                entry: dns
                regions:
                  us-east-1: {users: 50%}
                  eu-west-1: {users: 50%}
                components:
                  dns: {type: global-router, policy: latency, target: api}
                  api:
                    type: service
                    regions: [us-east-1, eu-west-1]
                    replicas: 4
                    concurrency: 16
                    startup: 5s
                    endpoints:
                      get: {demand: {dist: constant, value: 1ms}}
                    deployments:
                      - at: 30s
                        strategy: rolling-update
                        new-version: {endpoints: {get: {demand: {dist: constant, value: 2ms}}}}
                """;
        RunResult r = Models.run(read(yaml), every(10, 120), 1);
        assertEquals(2, r.rollouts().size());
        assertTrue(r.rollouts().stream().allMatch(f -> f.outcome().equals("completed")), r.rollouts().toString());
        assertTrue(r.checks().passed(), r.checks().failures().toString());
    }

    /**
     * A CDN's edge is no instance in the caller's zones: a service in two zones calling a CDN pays no cross-zone time for
     * it. Every key is the same, so after the first miss every call hits: 1 ms of work and the edge's 5 ms, from either
     * zone, where a zone crossing would add 10 ms.
     */
    @Test
    void aCdnCalledFromZonesCrossesNoZone() throws BadInputException {
        String yaml = """
                name: cdn-zones
                entry: api
                network:
                  zones: [a, b]
                  cross-zone: {dist: constant, value: 10ms}
                components:
                  api:
                    type: service
                    replicas: 2
                    concurrency: 16
                    endpoints:
                      get: {demand: {dist: constant, value: 1ms}, calls: [{to: edge}]}
                  edge:
                    type: cdn
                    origin: back
                    capacity: 100
                    hit-latency: {dist: constant, value: 5ms}
                  back:
                    type: service
                    replicas: 2
                    concurrency: 16
                    endpoints:
                      get: {demand: {dist: constant, value: 1ms}}
                """;
        RunResult r = Models.run(read(yaml), every(10, 100), 1);
        assertEquals(6.0, r.overall().latencyMs().p99(), 0.01, "1 ms of work, then the edge's 5 ms");
        assertTrue(r.checks().passed(), r.checks().failures().toString());
    }
}
