package io.headroom.run;

import static io.headroom.run.Models.constant;
import static io.headroom.run.Models.exp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.CallSpec;
import io.headroom.design.CdnSpec;
import io.headroom.design.ComponentSpec;
import io.headroom.design.Design;
import io.headroom.design.DispatchStrategy;
import io.headroom.design.EndpointSpec;
import io.headroom.design.QueueSpec;
import io.headroom.design.ReplicasSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.load.keys.KeyPopularity;
import io.headroom.metrics.WindowSeries;
import io.headroom.pricing.CostLedger;
import io.headroom.result.RunSummary;
import io.headroom.result.Summary;
import io.headroom.result.SummaryCodec;
import io.headroom.theory.CacheTheory;
import io.headroom.yaml.DataSize;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A CDN (CloudFront): an edge cache per user population (one without regions), as the entry or called; its hit
 * ratio against Che under IRM Zipf keys, its misses at the origin, its bill against a hand computation.
 */
class CdnTest {
    private static final double GB = 1L << 30;

    private static ServiceSpec service(Map<String, EndpointSpec> endpoints) {
        return new ServiceSpec(null, ReplicasSpec.fixed(1), DispatchStrategy.ROUND_ROBIN, 1000, null, QueueSpec.UNBOUNDED, endpoints);
    }

    private static CdnSpec lru(int capacity, String origin) {
        return new CdnSpec(null, origin, null, null, capacity, null, null, null, constant(1), null);
    }

    private static EndpointSpec sized(double demandMs, long responseBytes) {
        return new EndpointSpec(exp(demandMs), null, List.of(), null, null, null, null, null, new DataSize(responseBytes));
    }

    private static LoadProfile zipf(Map<String, Double> mix, int items, double rate, long seconds, Duration warmup) {
        return new LoadProfile("zipf", null, mix, new KeyPopularity(KeyPopularity.Distribution.ZIPF, (long) items, 1.0, null, null),
                null, warmup, List.of(new OpenStep.ConstantUsersPerSec(rate, Duration.ofSeconds(seconds), true)), null, null);
    }

    @Test
    void anEntryCdnsEdgeHitsAsChePredicts() {
        int items = 10_000;
        int capacity = 1000;
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        c.put("edge", lru(capacity, "api"));
        c.put("api", service(Map.of("get", new EndpointSpec(exp(5), null))));
        WindowSeries w = new WindowSeries();
        RunResult r = Models.run(new Design("cdn", null, "edge", c), zipf(Map.of(), items, 2000, 300, Duration.ofSeconds(30)), 1,
                RunOptions.DEFAULTS, w);
        assertTrue(r.checks().passed(), r.checks().failures().toString());
        double che = CacheTheory.cheLruHitRatio(CacheTheory.zipfPmf(items, 1.0), capacity);
        RunResult.CdnStats cdn = r.cdns().get("edge");
        RunResult.CdnStats.Edge only = cdn.edges().get("edge");
        System.out.printf(java.util.Locale.ROOT, "entry cdn: Che %.4f, edge %.4f over %d requests%n", che, only.hitRatio(),
                only.requests());
        // the tolerance of CacheComponentTest.lruHitRatioMatchesChe and LruLfuZipfTest (0.01): about 540,000 counted
        // requests, a binomial standard error √(h(1−h)/n) of 0.0006, a few times that with hits correlated over Che's T
        assertEquals(che, only.hitRatio(), 0.01, "the edge's LRU vs Che (0.6756 at α = 1, 10^4 keys, 1000 cached)");
        assertEquals(cdn.hitRatio(), only.hitRatio(), 0.0);
        assertEquals(cdn.requests(), only.requests());
        assertEquals(r.overall().requests(), cdn.requests());
        double[] perWindow = w.column("edge.hit_ratio");
        double late = Arrays.stream(perWindow, 5, perWindow.length - 1).average().orElseThrow();
        assertEquals(che, late, 0.01, "the per-window hit ratio once warm");
        // every miss reached the origin, hits did not
        assertEquals(cdn.requests() - cdn.hits(), r.components().get("api").attempts(), 2);
        // a hit takes the edge's 1 ms, a miss the origin's 5 ms on average
        assertEquals(cdn.hitRatio() * 1 + (1 - cdn.hitRatio()) * 5, r.overall().latencyMs().mean(), 0.1);
    }

    @Test
    void aCalledCdnHitsAsChePredictsAndSendsMissesToTheOriginEndpoint() {
        int items = 10_000;
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        c.put("web", service(Map.of("page", new EndpointSpec(null, null, List.of(CallSpec.to("edge")), null, null, null))));
        c.put("edge", new CdnSpec(null, "api", "assets", null, 1000, null, null, null, constant(1), "PriceClass_100"));
        Map<String, EndpointSpec> api = new LinkedHashMap<>();
        api.put("get", new EndpointSpec(exp(5), null));
        api.put("assets", new EndpointSpec(exp(2), null));
        c.put("api", service(api));
        RunResult r = Models.run(new Design("cdn", null, "web", c), zipf(Map.of(), items, 2000, 300, Duration.ofSeconds(30)), 1);
        assertTrue(r.checks().passed(), r.checks().failures().toString());
        double che = CacheTheory.cheLruHitRatio(CacheTheory.zipfPmf(items, 1.0), 1000);
        RunResult.CdnStats cdn = r.cdns().get("edge");
        assertEquals(che, cdn.hitRatio(), 0.01, "as the entry's (same tolerance)");
        assertEquals(cdn.requests() - cdn.hits(), r.components().get("api").attempts(), 2);
        // web's 0 ms, then a hit's 1 ms or a miss at assets' 2 ms
        assertEquals(cdn.hitRatio() * 1 + (1 - cdn.hitRatio()) * 2, r.overall().latencyMs().mean(), 0.1);
    }

    @Test
    void aCdnIsBilledPerRequestAndPerGbOfItsEndpointsResponses() throws Exception {
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        c.put("edge", lru(1000, "api"));
        Map<String, EndpointSpec> api = new LinkedHashMap<>();
        api.put("small", sized(1, 1_000));
        api.put("large", sized(1, 250_000));
        c.put("api", service(api));
        // no warm-up: every request the edge receives is counted, and billed
        RunResult r = Models.run(new Design("cdn", null, "edge", c), zipf(Map.of("small", 0.25, "large", 0.75), 10_000, 100, 60,
                Duration.ZERO), 1);
        long small = r.endpoints().get("small").requests();
        long large = r.endpoints().get("large").requests();
        long n = small + large;
        assertEquals(n, r.cdns().get("edge").requests());
        long bytes = small * 1_000L + large * 250_000L;
        double byHand = n / 10_000.0 * 0.01 + bytes / GB * 0.085; // CloudFront: 0.01 USD per 10k HTTPS requests, 0.085 per GB
        System.out.printf(java.util.Locale.ROOT, "cdn bill: %d requests (%d small, %d large), %d bytes: %.6f USD%n", n, small, large,
                bytes, byHand);
        assertEquals(bytes, r.cdns().get("edge").bytesOut());
        assertEquals(byHand, r.cost().byComponent().get("edge"), 1e-12);
        assertEquals(byHand, r.cost().byMarket().get(CostLedger.CDN), 1e-12);
        assertEquals(byHand, r.cdns().get("edge").costUsd(), 1e-12);
        // summary.json: the typed model, written and read back
        Summary s = SummaryCodec.read(SummaryCodec.write(RunSummary.of(r)));
        Summary.Cdn written = assertInstanceOf(Summary.Cdn.class, s.components().get("edge"));
        assertEquals(Math.round(bytes / GB * 1e6) / 1e6, written.bytesOutGb(), 1e-12);
        assertEquals(Math.round(byHand * 1e6) / 1e6, written.costUsd(), 1e-12);
        assertEquals(n, written.requests(), 0.0);
        assertEquals(n, written.edges().get("edge").requests(), 0.0);
        assertEquals(Math.round(byHand * 1e6) / 1e6, s.cost().byMarket().get("cdn"), 1e-12);
        assertEquals(Math.round(byHand * 1e6) / 1e6, s.cost().byComponent().get("edge"), 1e-12);
    }

    @Test
    void aDesignWithoutACdnHasNoCdnMarket() {
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        c.put("api", service(Map.of("get", new EndpointSpec(exp(5), null))));
        RunResult r = Models.run(new Design("plain", null, "api", c), zipf(Map.of(), 100, 10, 10, Duration.ZERO), 1);
        assertTrue(!r.cost().byMarket().containsKey(CostLedger.CDN));
        assertTrue(r.cdns().isEmpty());
    }

    /**
     * An entry CDN that passes {@code buy} through: buys are neither looked up nor stored, so the edge's requests and hit
     * ratio are the gets' alone (Che for them: the buys' keys never enter the cache), every buy reaches the origin, and
     * the bill still counts every request.
     */
    @Test
    void passedEndpointsGoStraightToTheOriginAndStayOutOfTheCache() {
        int items = 10_000;
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        c.put("edge", new CdnSpec(null, "api", null, null, 1000, null, null, null, constant(1), null, List.of("buy")));
        Map<String, EndpointSpec> api = new LinkedHashMap<>();
        api.put("get", new EndpointSpec(exp(5), null));
        api.put("buy", new EndpointSpec(exp(5), null));
        c.put("api", service(api));
        RunResult r = Models.run(new Design("cdn", null, "edge", c), zipf(Map.of("get", 0.7, "buy", 0.3), items, 2000, 300,
                Duration.ofSeconds(30)), 1);
        assertTrue(r.checks().passed(), r.checks().failures().toString());
        RunResult.CdnStats cdn = r.cdns().get("edge");
        long gets = r.endpoints().get("get").requests();
        long buys = r.endpoints().get("buy").requests();
        assertEquals(gets, cdn.requests(), "only the gets are looked up");
        assertEquals(CacheTheory.cheLruHitRatio(CacheTheory.zipfPmf(items, 1.0), 1000), cdn.hitRatio(), 0.01, "Che, over the gets");
        assertEquals(gets - cdn.hits() + buys, r.components().get("api").attempts(), 2, "every miss and every buy");
        assertEquals(5.0, r.endpoints().get("buy").latencyMs().mean(), 0.1, "a buy never hits");
    }
}
