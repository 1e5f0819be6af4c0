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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guarded call in the testbed answers what the simulator's call path would: retries until attempts run out
 * ({@code dependency}), then the breaker refuses ({@code circuit_open}); an attempt past its timeout ({@code timeout});
 * a call beyond the bulkhead ({@code bulkhead}). Every attempt is in the call log.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ResilientCallTest {
    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    private DesignReader.Loaded design(String call, String backendWork) throws Exception {
        Path f = dir.resolve("design.yaml");
        Files.writeString(f, """
                name: guarded
                entry: api
                components:
                  api:
                    type: service
                    concurrency: 8
                    endpoints:
                      get:
                        wait: {dist: constant, value: 1ms}
                        calls:
                          - %s
                  backend:
                    type: service
                    concurrency: 8
                    endpoints:
                      get: %s
                """.formatted(call, backendWork));
        return DesignReader.read(f);
    }

    private int get(URI base, long id) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/get")).header("X-Request-Id", Long.toString(id)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void retriesRunOutAsDependencyThenTheOpenBreakerRefusesAsCircuitOpen() throws Exception {
        var d = design("{to: backend, retries: 2, circuit-breaker: {sliding-window: 4, minimum-calls: 4, open-duration: 10s,"
                + " half-open-calls: 1}}", "{wait: {dist: constant, value: 1ms}, error-rate: 1.0}");
        try (Testbed bed = Testbed.start(d, 1)) {
            // request 1: attempts 1-3 fail at the backend (3 failures in the window); request 2: attempt 1 fails, the
            // 4th failure opens the breaker, attempts 2 and 3 are refused; request 3: all three refused
            assertEquals(502, get(bed.entry(), 1), "three attempts failed at the backend");
            assertEquals(521, get(bed.entry(), 2), "the last attempt was refused by the open breaker");
            assertEquals(521, get(bed.entry(), 3));
            List<CallLog.Attempt> a = bed.calls().rows();
            assertEquals(9, a.size());
            assertEquals(List.of("failed", "failed", "failed", "failed", "circuit_open", "circuit_open", "circuit_open", "circuit_open",
                    "circuit_open"), a.stream().map(x -> x.outcome().key()).toList());
            assertEquals(List.of(1, 2, 3, 1, 2, 3, 1, 2, 3), a.stream().map(CallLog.Attempt::attempt).toList());
            assertEquals(List.of(1L, 1L, 1L, 2L, 2L, 2L, 3L, 3L, 3L), a.stream().map(CallLog.Attempt::requestId).toList());
            assertEquals("api#0", a.get(0).caller());
            assertEquals(4, bed.log().rowsOf("backend").size(), "refused attempts never reach the backend");
        }
    }

    @Test
    void anAttemptPastItsTimeoutIsRetriedAndTheCallFailsAsTimeout() throws Exception {
        var d = design("{to: backend, timeout: 50ms, retries: 1}", "{wait: {dist: constant, value: 300ms}}");
        try (Testbed bed = Testbed.start(d, 1)) {
            long t0 = System.nanoTime();
            assertEquals(504, get(bed.entry(), 7));
            double ms = (System.nanoTime() - t0) / 1e6;
            assertTrue(ms >= 100 && ms < 290, "two attempts of 50 ms, not the backend's 300 ms: " + ms);
            List<CallLog.Attempt> a = bed.calls().rows();
            assertEquals(List.of("timeout", "timeout"), a.stream().map(x -> x.outcome().key()).toList());
            for (CallLog.Attempt x : a) {
                double held = (x.endNs() - x.startNs()) / 1e6;
                assertTrue(held >= 50 && held < 150, "an attempt is abandoned at its timeout: " + held);
            }
        }
    }

    @Test
    void aCallBeyondTheBulkheadIsRefusedAsBulkhead() throws Exception {
        var d = design("{to: backend, bulkhead: 1}", "{wait: {dist: constant, value: 300ms}}");
        try (Testbed bed = Testbed.start(d, 1)) {
            List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(bed.entry() + "/get")).build(),
                        HttpResponse.BodyHandlers.discarding()));
                Thread.sleep(60);
            }
            assertEquals(200, answers.get(0).get().statusCode());
            assertEquals(429, answers.get(1).get().statusCode(), "the one permit was held by the first call");
            assertEquals(List.of("bulkhead", "ok"), bed.calls().rows().stream().map(x -> x.outcome().key()).toList());
        }
    }

    @Test
    void aPlainCallFailingAfterAGuardedOneThatSucceededAnswersDependency() throws Exception {
        Path f = dir.resolve("two-calls.yaml");
        Files.writeString(f, """
                name: two-calls
                entry: api
                components:
                  api:
                    type: service
                    concurrency: 2
                    endpoints:
                      get:
                        wait: {dist: constant, value: 1ms}
                        calls:
                          - {to: backend, retries: 1}
                          - {to: broken}
                  backend:
                    type: service
                    concurrency: 2
                    endpoints:
                      get: {wait: {dist: constant, value: 1ms}}
                  broken:
                    type: service
                    concurrency: 2
                    endpoints:
                      get: {wait: {dist: constant, value: 1ms}, error-rate: 1.0}
                """);
        try (Testbed bed = Testbed.start(DesignReader.read(f), 1)) {
            assertEquals(502, get(bed.entry(), 1), "the second call failed");
            assertEquals(List.of("ok"), bed.calls().rows().stream().map(x -> x.outcome().key()).toList());
        }
    }

    @Test
    void cancelOnTimeoutIsRefusedWithItsPath() throws Exception {
        var d = design("{to: backend, timeout: 50ms, cancel-on-timeout: true}", "{wait: {dist: constant, value: 1ms}}");
        BadInputException e = assertThrows(BadInputException.class, () -> Testbed.check(d));
        assertTrue(e.getMessage().contains("components.api.endpoints.get.calls[0].cancel-on-timeout"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot drop"), e.getMessage());
    }
}
