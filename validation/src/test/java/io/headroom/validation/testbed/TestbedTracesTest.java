package io.headroom.validation.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.design.DesignReader;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The testbed's traces, read back from the OTLP JSON file as the import will read them: the spans HTTP instrumentation of
 * the real services would record, with the design's call graph in their parent links.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TestbedTracesTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    /** A span as the test reads it from the file: OTLP's protobuf JSON mapping. */
    record S(String service, String instance, String traceId, String spanId, String parent, String name, int kind, long startNs,
             long endNs, Map<String, String> attributes, int statusCode) {
        static final int SERVER = 2;
        static final int CLIENT = 3;

        long durationNs() {
            return endNs - startNs;
        }
    }

    private DesignReader.Loaded design(String yaml) throws Exception {
        Path f = dir.resolve("design.yaml");
        Files.writeString(f, yaml);
        return DesignReader.read(f);
    }

    /** {@code n} requests to {@code path} of the entry, four at a time; every answer's status. */
    private List<Integer> drive(URI entry, String path, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> client.send(HttpRequest.newBuilder(URI.create(entry + path)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every span of the file; each line must be an ExportTraceServiceRequest. */
    static List<S> read(Path file) throws Exception {
        List<S> spans = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode root = JSON.readTree(line);
            assertEquals(List.of("resourceSpans"), iterable(root.fieldNames()), "one ExportTraceServiceRequest a line");
            for (JsonNode rs : root.get("resourceSpans")) {
                Map<String, String> resource = attributes(rs.path("resource").path("attributes"));
                for (JsonNode ss : rs.get("scopeSpans")) {
                    for (JsonNode s : ss.get("spans")) {
                        String parent = s.path("parentSpanId").asText("");
                        spans.add(new S(resource.get("service.name"), resource.get("service.instance.id"), s.get("traceId").asText(),
                                s.get("spanId").asText(), parent.isEmpty() ? null : parent, s.get("name").asText(),
                                s.get("kind").asInt(), Long.parseLong(s.get("startTimeUnixNano").asText()),
                                Long.parseLong(s.get("endTimeUnixNano").asText()), attributes(s.path("attributes")),
                                s.path("status").path("code").asInt(0)));
                    }
                }
            }
        }
        return spans;
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    /** OTLP's key-value list, each value as text (an int64 is a JSON string in the protobuf mapping). */
    private static Map<String, String> attributes(JsonNode list) {
        Map<String, String> m = new HashMap<>();
        for (JsonNode kv : list) {
            JsonNode v = kv.get("value");
            m.put(kv.get("key").asText(), v.elements().next().asText());
        }
        return m;
    }

    @Test
    void eachRequestIsATraceWhoseSpansFollowTheDesignsCalls() throws Exception {
        var d = design("""
                name: traced-small
                entry: front
                components:
                  front:
                    type: service
                    concurrency: 4
                    endpoints:
                      page:
                        wait: {dist: constant, value: 2ms}
                        parallel: true
                        calls:
                          - {to: catalog, endpoint: list, latency: {dist: constant, value: 1ms}}
                          - {to: reviews, endpoint: top, p: 0.5}
                  catalog:
                    type: service
                    concurrency: 4
                    endpoints:
                      list: {wait: {dist: constant, value: 3ms}}
                  reviews:
                    type: service
                    concurrency: 4
                    endpoints:
                      top: {wait: {dist: exponential, mean: 2ms}}
                """);
        int n = 400;
        Path file = dir.resolve("out").resolve("traces.otlp.jsonl");
        List<Integer> statuses;
        try (Testbed bed = Testbed.start(d, null, 7, file)) {
            statuses = drive(bed.entry(), "/page", n);
        }
        assertEquals(n, statuses.stream().filter(s -> s == 200).count(), "every request answered 200");
        List<S> spans = read(file);
        Map<String, List<S>> traces = spans.stream().collect(Collectors.groupingBy(S::traceId));
        assertEquals(n, traces.size(), "a trace per request: Gatling's (and this test's) requests carry no traceparent");

        int withReviews = 0;
        for (List<S> trace : traces.values()) {
            Map<String, S> byId = trace.stream().collect(Collectors.toMap(S::spanId, s -> s));
            List<S> roots = trace.stream().filter(s -> s.parent() == null).toList();
            assertEquals(1, roots.size(), "one root");
            S root = roots.get(0);
            assertEquals(S.SERVER, root.kind());
            assertEquals("front", root.service());
            assertEquals("front#0", root.instance());
            assertEquals("GET /page", root.name());
            assertEquals(Map.of("http.request.method", "GET", "http.route", "/page", "http.response.status_code", "200"),
                    root.attributes());
            assertEquals(0, root.statusCode(), "unset: not an error");
            assertTrue(root.durationNs() >= 2_000_000 + 1_000_000 + 3_000_000, "front's wait, then catalog's latency and wait");

            for (S s : trace) {
                if (s != root) {
                    assertNotNull(byId.get(s.parent()), "every parent is in the trace");
                }
            }
            List<S> clients = trace.stream().filter(s -> s.kind() == S.CLIENT).toList();
            for (S c : clients) {
                assertEquals(root.spanId(), c.parent(), "a call's client span is the front's server span's child");
                assertEquals("front", c.service());
                assertEquals("GET", c.name());
                assertEquals("200", c.attributes().get("http.response.status_code"));
                assertTrue(c.startNs() >= root.startNs() && c.endNs() <= root.endNs(), "within the server span");
            }
            S catalogCall = only(clients, c -> "catalog".equals(c.attributes().get("server.address")));
            assertEquals("/list", catalogCall.attributes().get("url.path"));
            S catalog = only(trace, s -> "catalog".equals(s.service()));
            assertEquals(S.SERVER, catalog.kind());
            assertEquals("catalog#0", catalog.instance());
            assertEquals("GET /list", catalog.name());
            assertEquals(catalogCall.spanId(), catalog.parent(), "the callee's server span is the caller's client span's child");
            assertTrue(catalog.durationNs() >= 3_000_000, "catalog's constant wait: " + catalog.durationNs());
            assertTrue(catalog.startNs() - catalogCall.startNs() >= 1_000_000,
                    "the client span starts before the call's 1 ms latency: " + (catalog.startNs() - catalogCall.startNs()));
            assertTrue(catalog.endNs() <= catalogCall.endNs(), "the answer is sent before the caller has it");

            List<S> reviewsCalls = clients.stream().filter(c -> "reviews".equals(c.attributes().get("server.address"))).toList();
            List<S> reviews = trace.stream().filter(s -> "reviews".equals(s.service())).toList();
            assertEquals(reviewsCalls.size(), reviews.size(), "a reviews server span per call");
            assertTrue(reviews.size() <= 1);
            assertEquals(clients.size(), 1 + reviewsCalls.size(), "no other call");
            assertEquals(3 + 2 * reviews.size(), trace.size(), "front, catalog's pair, reviews' pair when called");
            if (!reviews.isEmpty()) {
                withReviews++;
                S call = reviewsCalls.get(0);
                S served = reviews.get(0);
                assertEquals(call.spanId(), served.parent());
                assertTrue(call.startNs() <= served.startNs() && served.endNs() <= call.endNs(), "the callee's span in the call's");
                assertEquals("reviews#0", served.instance());
                assertEquals("GET /top", served.name());
                assertEquals("/top", call.attributes().get("url.path"));
                assertTrue(Math.max(call.startNs(), catalogCall.startNs()) < Math.min(call.endNs(), catalogCall.endNs()),
                        "the parallel calls' client spans overlap");
            }
        }
        // p = 0.5 for each of the 400 requests: binomial, sd = sqrt(400 * 0.25) = 10; within 4 sd of 200
        assertTrue(Math.abs(withReviews - 0.5 * n) <= 4 * Math.sqrt(n * 0.25), "traces calling reviews: " + withReviews);
    }

    private static S only(List<S> spans, java.util.function.Predicate<S> which) {
        List<S> l = spans.stream().filter(which).toList();
        assertEquals(1, l.size(), "exactly one of " + spans);
        return l.get(0);
    }

    /**
     * A balancer records no span but passes the trace context on, so the replicas' server spans are the caller's client
     * spans' children; a retried call is a client span per attempt, a failed one an error.
     */
    @Test
    void aBalancerPassesTheContextOnAndEachAttemptIsAClientSpan() throws Exception {
        var d = design("""
                name: traced-retries
                entry: api
                components:
                  api:
                    type: service
                    concurrency: 4
                    endpoints:
                      get:
                        calls:
                          - {to: edge, retries: {count: 2, backoff: {base: 1ms}}}
                  edge:
                    type: load-balancer
                    target: backend
                  backend:
                    type: service
                    replicas: 2
                    concurrency: 2
                    endpoints:
                      get: {wait: {dist: constant, value: 1ms}, error-rate: 0.5}
                """);
        int n = 200;
        Path file = dir.resolve("traces.otlp.jsonl");
        try (Testbed bed = Testbed.start(d, null, 3, file)) {
            drive(bed.entry(), "/get", n);
        }
        List<S> spans = read(file);
        Map<String, List<S>> traces = spans.stream().collect(Collectors.groupingBy(S::traceId));
        assertEquals(n, traces.size());
        assertTrue(spans.stream().noneMatch(s -> "edge".equals(s.service())), "the balancer records no span");
        int attempts = 0;
        int failedAttempts = 0;
        for (List<S> trace : traces.values()) {
            S root = only(trace, s -> s.parent() == null);
            assertEquals("api", root.service());
            List<S> clients = trace.stream().filter(s -> s.kind() == S.CLIENT).toList();
            List<S> backend = trace.stream().filter(s -> "backend".equals(s.service())).toList();
            assertTrue(clients.size() >= 1 && clients.size() <= 3, "one to three attempts");
            assertEquals(clients.size(), backend.size(), "a backend server span per attempt");
            for (S c : clients) {
                assertEquals(root.spanId(), c.parent());
                assertEquals("edge", c.attributes().get("server.address"));
                S served = only(backend, b -> c.spanId().equals(b.parent()));
                assertTrue(served.instance().equals("backend#0") || served.instance().equals("backend#1"));
                assertEquals(c.attributes().get("http.response.status_code"), served.attributes().get("http.response.status_code"));
                boolean failed = "500".equals(c.attributes().get("http.response.status_code"));
                assertEquals(failed ? 2 : 0, c.statusCode(), "a failed attempt is an error span");
                assertEquals(failed ? 2 : 0, served.statusCode());
                attempts++;
                failedAttempts += failed ? 1 : 0;
            }
            // attempts stop at the first success
            clients.stream().sorted(java.util.Comparator.comparingLong(S::startNs)).limit(clients.size() - 1)
                    .forEach(c -> assertEquals("500", c.attributes().get("http.response.status_code")));
            boolean ok = "200".equals(root.attributes().get("http.response.status_code"));
            assertEquals(ok ? 0 : 2, root.statusCode(), "the caller's 502 is an error");
        }
        // attempts per request: 1 + q + q^2 with q = 0.5 -> 1.75 a request, 350 in all; failed ones 0.5 + 0.25 + 0.125
        // = 0.875 a request. Per request the count of attempts has variance 0.6875 (values 1, 2, 3 with 1/2, 1/4, 1/4):
        // sd over 200 requests sqrt(200 * 0.6875) = 11.7
        assertTrue(Math.abs(attempts - 350) <= 4 * Math.sqrt(200 * 0.6875), "attempts: " + attempts);
        assertTrue(failedAttempts > 0 && failedAttempts < attempts);
    }

    /** Without a traces file nothing is written, and a testbed runs with no OpenTelemetry class on its class path at all. */
    @Test
    void withoutTracesNoFileIsWrittenAndNoOpenTelemetryClassIsNeeded() throws Exception {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty() && !entry.contains("opentelemetry")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertTrue(Arrays.stream(path.split(File.pathSeparator)).anyMatch(e -> e.contains("opentelemetry-sdk")),
                "the class path this test narrows has the SDK");
        Path f = dir.resolve("design.yaml");
        Files.writeString(f, """
                name: untraced
                entry: front
                components:
                  front:
                    type: service
                    concurrency: 2
                    endpoints:
                      page:
                        calls: [{to: back, endpoint: get}]
                  back:
                    type: service
                    concurrency: 2
                    endpoints:
                      get: {wait: {dist: constant, value: 1ms}}
                """);
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("io.opentelemetry.api.trace.Span"));
            Class<?> reader = loader.loadClass("io.headroom.design.DesignReader");
            Object loaded = reader.getMethod("read", Path.class).invoke(null, f);
            Class<?> testbed = loader.loadClass("io.headroom.validation.testbed.Testbed");
            try (AutoCloseable bed = (AutoCloseable) testbed.getMethod("start", loaded.getClass(), long.class).invoke(null, loaded, 1L)) {
                URI entry = (URI) testbed.getMethod("entry").invoke(bed);
                assertEquals(List.of(200, 200, 200), drive(entry, "/page", 3));
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "nothing written but the design");
        }
    }
}
