package io.headroom.validation.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DesignReader;
import io.headroom.yaml.BadInputException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The testbed keeps the design's rules: queue capacity and timeout, balancing strategy, cache eviction, calls. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TestbedTest {
    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    private DesignReader.Loaded design(String yaml) throws Exception {
        Path f = dir.resolve("design.yaml");
        Files.writeString(f, yaml);
        return DesignReader.read(f);
    }

    /**
     * The rows of {@code component} once there are {@code n}: a server logs a request just after answering it
     * (its end time is after the answer is written), so the client may see the answer first.
     */
    private static List<ServedLog.Served> rows(Testbed bed, String component, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<ServedLog.Served> rows = bed.log().rowsOf(component);
        while (rows.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
            rows = bed.log().rowsOf(component);
        }
        return rows;
    }

    private int get(URI base, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aFullInstanceRejectsAndAQueueWaitPastTheTimeoutAnswers504WithoutService() throws Exception {
        var d = design("""
                name: tight
                entry: api
                components:
                  api:
                    type: service
                    concurrency: 1
                    queue: {capacity: 1, timeout: 100ms}
                    endpoints:
                      get: {wait: {dist: constant, value: 400ms}}
                """);
        try (Testbed bed = Testbed.start(d, 1)) {
            List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(bed.entry() + "/get")).build(),
                        HttpResponse.BodyHandlers.discarding()));
                Thread.sleep(40); // in this order: the first is served, the second waits, the third finds 1 + 1 held
            }
            assertEquals(200, answers.get(0).get().statusCode(), "in service");
            assertEquals(504, answers.get(1).get().statusCode(), "waited past the 100 ms queue timeout");
            assertEquals(503, answers.get(2).get().statusCode(), "1 worker + 1 queue place were taken");
            var rows = rows(bed, "api", 3);
            assertEquals(3, rows.size());
            ServedLog.Served timedOut = rows.stream().filter(r -> r.status() == 504).findFirst().orElseThrow();
            assertEquals(-1, timedOut.startNs(), "a timed-out request never reaches a worker");
            assertTrue(timedOut.residenceNs() >= 100_000_000L, "it leaves at its deadline, not before");
        }
    }

    @Test
    void roundRobinOverThreeReplicasGivesEachTheSameCount() throws Exception {
        var d = design("""
                name: rr
                entry: edge
                components:
                  edge: {type: load-balancer, strategy: round-robin, target: api}
                  api:
                    type: service
                    replicas: 3
                    concurrency: 2
                    endpoints:
                      get: {wait: {dist: constant, value: 1ms}}
                """);
        try (Testbed bed = Testbed.start(d, 1)) {
            for (int i = 0; i < 30; i++) {
                assertEquals(200, get(bed.entry(), "/get"));
            }
            Map<String, Long> perInstance = rows(bed, "api", 30).stream()
                    .collect(Collectors.groupingBy(ServedLog.Served::instance, Collectors.counting()));
            assertEquals(Map.of("api#0", 10L, "api#1", 10L, "api#2", 10L), perInstance);
            rows(bed, "api", 30);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (bed.entryRows().size() < 30 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(30, bed.entryRows().size(), "the balancer's own rows");
        }
    }

    @Test
    void anLruCacheHitsAndEvictsAsKeyCacheDoes() throws Exception {
        var d = design("""
                name: cached
                entry: api
                components:
                  api:
                    type: service
                    concurrency: 2
                    endpoints:
                      get:
                        wait: {dist: constant, value: 1ms}
                        calls: [{to: cache}]
                  cache: {type: cache, capacity: 2, eviction: lru, miss: db}
                  db:
                    type: service
                    concurrency: 2
                    endpoints:
                      read: {wait: {dist: constant, value: 1ms}}
                """);
        try (Testbed bed = Testbed.start(d, 1)) {
            // keys 1, 2, 1 (hit), 3 (evicts 2, the least recent), 2 (miss again)
            for (long key : new long[] {1, 2, 1, 3, 2}) {
                assertEquals(200, get(bed.entry(), "/get?key=" + key));
            }
            assertEquals(0.2, bed.hitRatios().get("cache"), 1e-12);
            assertEquals(4, rows(bed, "db", 4).size(), "four misses reached the store");
            assertTrue(rows(bed, "db", 4).stream().allMatch(r -> r.endpoint().equals("read")), "the miss target's only endpoint");
        }
    }

    @Test
    void aCallerHoldsItsWorkerWhileItsCalleeWorks() throws Exception {
        var d = design("""
                name: chain
                entry: front
                components:
                  front:
                    type: service
                    concurrency: 1
                    endpoints:
                      get:
                        wait: {dist: constant, value: 5ms}
                        calls: [{to: back}]
                  back:
                    type: service
                    concurrency: 1
                    endpoints:
                      get: {wait: {dist: constant, value: 30ms}}
                """);
        try (Testbed bed = Testbed.start(d, 1)) {
            assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(bed.entry() + "/get")).header("X-Request-Id", "42").build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            var front = rows(bed, "front", 1).get(0);
            var back = rows(bed, "back", 1).get(0);
            assertEquals(42, front.requestId());
            assertEquals(42, back.requestId(), "the call carries the caller's request id");
            assertTrue(front.busyNs() >= 35_000_000L, "5 ms of its own plus the 30 ms call: " + front.busyNs());
            assertTrue(back.startNs() >= front.startNs() + 5_000_000L, "the call comes after the caller's own work");
        }
    }

    @Test
    void whatTheTestbedCannotRealiseIsRefusedWithItsPath() throws Exception {
        var d = design("""
                name: scaled
                entry: api
                components:
                  api:
                    type: service
                    replicas: {initial: 1, max: 4}
                    concurrency: 1
                    endpoints:
                      get: {wait: {dist: constant, value: 1ms}}
                """);
        BadInputException e = assertThrows(BadInputException.class, () -> Testbed.check(d));
        assertEquals("components.api.replicas", e.errors().get(0).path());
        assertTrue(e.errors().get(0).format().contains("design.yaml:"), e.getMessage());
    }

    @Test
    void autoscalingOnOtherMetricsIsRefusedWithItsPath() throws Exception {
        var d = design("""
                name: scaled
                entry: api
                components:
                  api:
                    type: service
                    replicas: {initial: 1, min: 1, max: 4}
                    concurrency: 1
                    endpoints:
                      get: {wait: {dist: constant, value: 1ms}}
                    autoscaling: {policy: hpa, metric: rps, target: 50}
                """);
        BadInputException e = assertThrows(BadInputException.class, () -> Testbed.check(d));
        assertEquals("components.api.autoscaling", e.errors().get(0).path());
        assertTrue(e.errors().get(0).format().contains("utilisation or cpu only"), e.getMessage());
    }

    /**
     * The HPA on measured utilisation: one instance with one worker busy 50 ms per request, 16 requests/s
     * (utilisation 0.8 against a target of 0.5) scales out to ceil(0.8 / 0.5) = 2; the new instance takes
     * traffic only after its startup; without load the count returns to 1 (no scale-down stabilisation) and the
     * drained instance served no request after it left.
     */
    @Test
    void theHpaScalesOutOnMeasuredUtilisationAndDrainsOnScaleIn() throws Exception {
        var d = design("""
                name: scaled
                entry: api
                components:
                  api:
                    type: service
                    replicas: {initial: 1, min: 1, max: 3}
                    concurrency: 1
                    startup: 1s
                    endpoints:
                      get: {wait: {dist: constant, value: 50ms}}
                    autoscaling:
                      policy: hpa
                      metric: utilisation
                      target: 0.5
                      sync-period: 1s
                      metric-interval: 1s
                      metric-window: 2s
                      metric-lag: 0s
                      behavior: {scaleDown: {stabilizationWindowSeconds: 0}}
                """);
        try (Testbed bed = Testbed.start(d, 1)) {
            List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int k = 0; k < 16 * 6; k++) { // 6 s at 16/s
                long due = t0 + k * 62_500_000L;
                while (System.nanoTime() < due) {
                    Thread.sleep(1);
                }
                sent.add(client.sendAsync(HttpRequest.newBuilder(URI.create(bed.entry() + "/get")).build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
            for (var f : sent) {
                assertEquals(200, f.get(10, TimeUnit.SECONDS).statusCode());
            }
            long deadline = System.nanoTime() + 8_000_000_000L;
            ScaledService.Timeline t = bed.scaling().get(0);
            while (System.nanoTime() < deadline && t.events().stream().noneMatch(e -> e.to() < e.from())) {
                Thread.sleep(200);
                t = bed.scaling().get(0);
            }
            List<ScaledService.ScaleEvent> events = t.events();
            assertEquals(2, events.get(0).to(), events.toString());
            assertEquals(1, events.get(0).from(), events.toString());
            assertTrue(events.stream().anyMatch(e -> e.from() == 2 && e.to() == 1), events.toString());
            assertTrue(t.perSecond().stream().anyMatch(r -> r[1] == 2), "two instances at some second");
            // the second instance took traffic, and only from its startup on
            List<ServedLog.Served> second = bed.log().rows().stream().filter(r -> r.instance().equals("api#1")).toList();
            assertTrue(!second.isEmpty(), "the new instance served requests: " + events);
            double launchS = events.get(0).tS();
            long firstArrival = bed.log().rows().stream().filter(r -> r.instance().equals("api#lb")).mapToLong(ServedLog.Served::arrivalNs).min().orElseThrow();
            for (ServedLog.Served r : second) {
                assertTrue((r.arrivalNs() - firstArrival) / 1e9 >= launchS + 1.0 - 0.05, "arrived before the startup: " + r);
            }
        }
    }
}
