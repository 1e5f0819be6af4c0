package io.headroom.validation.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.validation.traces.Span;
import io.headroom.validation.traces.SpanKind;
import io.headroom.yaml.Mark;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The import against systems whose every span is known. */
class TraceImportTest {

    private static ImportedModel.Endpoint endpoint(ImportedModel m, String service, String endpoint) {
        return service(m, service).endpoints().stream().filter(e -> e.name().equals(endpoint)).findFirst().orElseThrow();
    }

    private static ImportedModel.Service service(ImportedModel m, String service) {
        return m.services().stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow();
    }

    @Test
    void theGeneratedSystemIsFoundExactly() throws Exception {
        SyntheticSystem sys = new SyntheticSystem(200, 7);
        ImportedModel m = TraceImport.read(sink -> sys.emit(20_000, sink), "test", List.of("synthetic"), ImportOptions.DEFAULTS);
        assertEquals("front", m.entry());
        assertEquals(List.of("catalog", "front", "reviews"), m.services().stream().map(ImportedModel.Service::name).toList());
        assertEquals(20_000 + 20_000 + sys.reviewsCalls, m.reading().executions());
        assertEquals(20_000 * 3 + 2 * sys.reviewsCalls, m.reading().spans());
        assertEquals(20_000, m.reading().traces());
        assertTrue(m.corrections().isEmpty(), m.corrections().toString());

        ImportedModel.Endpoint page = endpoint(m, "front", "page");
        assertEquals(20_000, page.executions());
        assertEquals(20_000, page.roots());
        // own time = the span less the union of its parallel calls = what was drawn, to the nanosecond
        assertEquals(sys.frontOwnSumMs / 20_000, page.ownMeanMs(), 1e-9);
        assertEquals(sys.catalogOwnSumMs / 20_000, endpoint(m, "catalog", "list").ownMeanMs(), 1e-9);
        assertEquals(sys.reviewsOwnSumMs / sys.reviewsCalls, endpoint(m, "reviews", "top").ownMeanMs(), 1e-9);
        // exponential own times: gamma (shape 1) fits better than lognormal, with a KS distance within sampling noise
        // (1.63 / sqrt(20000) = 0.0115 is the 1 % critical value of the KS statistic for a known distribution)
        assertEquals("gamma", page.own().family());
        assertEquals(1.0, page.own().cv(), 4 / Math.sqrt(2 * 20_000.0), "cv of an exponential");
        assertTrue(page.own().ks() < 0.0115, "KS " + page.own().ks());
        assertFalse(page.empirical());

        assertTrue(page.parallel(), "calls overlapped");
        assertEquals(sys.reviewsCalls, page.multiCall());
        assertEquals(sys.reviewsCalls, page.overlapping());
        assertEquals(2, page.calls().size());
        ImportedModel.Call catalog = page.calls().get(0);
        ImportedModel.Call reviews = page.calls().get(1);
        assertEquals("catalog", catalog.to());
        assertEquals("list", catalog.endpoint());
        assertEquals(1.0, catalog.p());
        assertEquals("reviews", reviews.to());
        assertEquals((double) sys.reviewsCalls / 20_000, reviews.p(), 1e-15);
        assertEquals(0.3, catalog.networkMs(), 1e-12);
        assertEquals(0.3, reviews.networkMs(), 1e-12);

        // workers: the most spans at once on one instance, by a sweep over what was generated
        assertEquals(SyntheticSystem.mostAtOnce(sys.frontIntervals), service(m, "front").workers());
        assertEquals(SyntheticSystem.mostAtOnce(sys.catalogIntervals), service(m, "catalog").workers());
        assertEquals(List.of("front#0"), service(m, "front").instances());
        assertEquals(Map.of("page", 1.0), m.mix());
        assertEquals(20_000, m.arrivals().total());
    }

    @Test
    void memoryFollowsTheOpenTracesNotTheExport() throws Exception {
        ImportOptions o = new ImportOptions("t", java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), 1_000_000, 1000, 0.05, 0,
                8, 1);
        int[] open = new int[2];
        long[] n = {20_000, 80_000};
        for (int k = 0; k < 2; k++) {
            SyntheticSystem sys = new SyntheticSystem(1000, 3);
            sys.keepIntervals = false;
            long count = n[k];
            ImportedModel m = TraceImport.read(sink -> sys.emit(count, sink), "test", List.of("synthetic"), o);
            open[k] = m.reading().maxOpenSpans();
            assertEquals(count, m.reading().traces());
        }
        // at 1,000 traces a second of about 3.4 spans, a trace stays open for its duration plus the 1 s grace plus up to
        // 1,024 spans until the next sweep: about 3,400 + 1,024 spans; four times the export holds no more
        assertTrue(open[0] < 6_000, "open spans " + open[0]);
        assertTrue(open[1] <= open[0] * 1.1, "open spans " + open[1] + " for four times the traces, against " + open[0]);
    }

    private static Span span(String trace, String id, String parent, String service, String instance, SpanKind kind, long start, long end) {
        return new Span(trace, id, parent, service, instance, "GET /x", "/x", kind, start, end, false, new Mark(3, 5));
    }

    @Test
    void correctionsAreMadeAndStated() throws Exception {
        List<Span> spans = List.of(
                // a child in another process starting 1 ms before its parent and no longer than it: moved inside
                span("t1", "a", null, "front", "f0", SpanKind.SERVER, 10_000_000, 20_000_000),
                span("t1", "b", "a", "front", "f0", SpanKind.CLIENT, 12_000_000, 18_000_000),
                span("t1", "c", "b", "back", "b0", SpanKind.SERVER, 11_000_000, 16_000_000),
                // a parent not in the export
                span("t2", "d", "missing", "back", "b0", SpanKind.SERVER, 30_000_000, 31_000_000),
                // a client span with nothing below it, and a duplicated id
                span("t3", "e", null, "front", "f0", SpanKind.SERVER, 40_000_000, 50_000_000),
                span("t3", "f", "e", "front", "f0", SpanKind.CLIENT, 42_000_000, 46_000_000),
                span("t3", "f", "e", "front", "f0", SpanKind.CLIENT, 42_000_000, 46_000_000));
        ImportedModel m = TraceImport.read(sink -> spans.forEach(sink), "test", List.of("x"), ImportOptions.DEFAULTS);
        String all = String.join("\n", m.corrections());
        assertEquals(4, m.corrections().size(), all);
        assertTrue(all.contains("1 spans whose parent is not in the export"), all);
        assertTrue(all.contains("1 spans outside their parent's interval"), all);
        assertTrue(all.contains("1 client spans with no server span below them"), all);
        assertTrue(all.contains("1 spans whose id appeared earlier"), all);
        assertTrue(all.contains("trace t1 span c at line 3, column 5"), all);
        // c moved to 12-17 ms inside b: back's own time 5 ms (the orphan's 1 ms makes its mean 3 ms), front's 10 - 6 = 4 ms and
        // 10 ms for the request whose call had no server below it (its own time); the call's network is b less c, 1 ms
        assertEquals(3.0, endpoint(m, "back", "x").ownMeanMs(), 1e-12);
        assertEquals(7.0, endpoint(m, "front", "x").ownMeanMs(), 1e-12);
        assertEquals(1.0, endpoint(m, "front", "x").calls().get(0).networkMs(), 1e-12);
        assertNull(endpoint(m, "front", "x").own(), "two samples: too few to fit");
    }

    private static Span named(String trace, String id, String parent, String service, String name, SpanKind kind, long startMs,
                              long endMs) {
        return new Span(trace, id, parent, service, service + "-1", name, null, kind, startMs * 1_000_000, endMs * 1_000_000, false,
                new Mark(1, 1));
    }

    @Test
    void asyncWorkNestedClientsRetriesAndLoadGeneratorsAreReadAsTheyHappened() throws Exception {
        List<Span> spans = new java.util.ArrayList<>();
        for (int t = 0; t < 20; t++) {
            String id = "t" + t;
            long o = t * 100L;
            // a load generator's client span (no parent) calling front: front's requests are the arrivals
            spans.add(named(id, "g", null, "loadgen", "GET", SpanKind.CLIENT, o, o + 60));
            spans.add(named(id, "a", "g", "front", "GET /page", SpanKind.SERVER, o + 1, o + 59));
            // a client span wrapping the HTTP client's own span (RestTemplate over an HTTP client), with two attempts below
            spans.add(named(id, "b", "a", "front", "RestTemplate", SpanKind.CLIENT, o + 5, o + 35));
            spans.add(named(id, "b2", "b", "front", "GET", SpanKind.CLIENT, o + 5, o + 35));
            spans.add(named(id, "c1", "b2", "back", "GET /x", SpanKind.SERVER, o + 6, o + 16));
            spans.add(named(id, "c2", "b2", "back", "GET /x", SpanKind.SERVER, o + 20, o + 34));
            // a message produced, consumed long after and for longer than the producer span: not clock skew
            spans.add(named(id, "p", "a", "front", "send", SpanKind.PRODUCER, o + 40, o + 41));
            spans.add(named(id, "q", "p", "worker", "process", SpanKind.CONSUMER, o + 70, o + 90));
        }
        ImportedModel m = TraceImport.read(sink -> spans.forEach(sink), "test", List.of("x"), ImportOptions.DEFAULTS);
        assertTrue(m.corrections().isEmpty(), String.join("\n", m.corrections()));
        assertEquals("front", m.entry(), "the load generator is not a service of the design");
        assertEquals(List.of("back", "front", "worker"), m.services().stream().map(ImportedModel.Service::name).toList());
        ImportedModel.Endpoint page = endpoint(m, "front", "page");
        assertEquals(20, page.roots());
        // own time: 58 ms less the client span (30 ms) and the producer span (1 ms)
        assertEquals(27.0, page.ownMeanMs(), 1e-9);
        // both attempts are calls to back.x (the second with p 1 too), the message a call to worker.process
        assertEquals(List.of("back", "back", "worker"), page.calls().stream().map(ImportedModel.Call::to).toList());
        assertEquals(List.of(1.0, 1.0, 1.0), page.calls().stream().map(ImportedModel.Call::p).toList());
        assertFalse(page.parallel(), "attempts of one call, then a message: not parallel");
        assertEquals(0.0, page.calls().get(0).networkMs(), "two callees below one client span: no network figure");
        assertEquals(20.0, endpoint(m, "worker", "process").ownMeanMs(), 1e-9, "the consumer's 20 ms, not cut to the producer's 1");
    }

    @Test
    void sharedSpansNameClashesAndReplicasAreTold() throws Exception {
        List<Span> spans = new java.util.ArrayList<>();
        for (int t = 0; t < 10; t++) {
            String id = "t" + t;
            long o = t * 1000L;
            spans.add(named(id, "a", null, "front", "GET /page", SpanKind.SERVER, o, o + 50));
            spans.add(named(id, "b", "a", "front", "GET", SpanKind.CLIENT, o + 10, o + 40));
            // Zipkin's shared span arriving apart from its client half (another batch): the server half has the client's id
            spans.add(named(id, "b", "a", "svc one", "GET /x", SpanKind.SERVER, o + 12, o + 38));
            spans.add(named(id, "d", "b", "svc one", "db", SpanKind.CLIENT, o + 15, o + 20));
            spans.add(named(id, "dd", "d", "db", "query", SpanKind.SERVER, o + 16, o + 19));
            spans.add(named(id, "e", "a", "svc-one", "GET /y", SpanKind.SERVER, o + 41, o + 45));
        }
        // back's instances one after another (a rolling release): one replica at a time
        for (int t = 0; t < 3; t++) {
            spans.add(new Span("r" + t, "z", null, "batch", "pod-" + t, "run", null, SpanKind.SERVER, (20_000L + t * 100) * 1_000_000,
                    (20_050L + t * 100) * 1_000_000, false, new Mark(1, 1)));
        }
        ImportedModel m = TraceImport.read(sink -> spans.forEach(sink), "test", List.of("x"), ImportOptions.DEFAULTS);
        String all = String.join("\n", m.corrections());
        assertTrue(all.contains("10 shared server spans"), all);
        assertTrue(all.contains("names that became the same name once cleaned"), all);
        assertTrue(all.contains("\"svc-one\" became svc-one-"), all);
        ImportedModel.Endpoint page = endpoint(m, "front", "page");
        assertEquals("svc-one", page.calls().get(0).to());
        assertEquals(4.0, page.calls().get(0).networkMs(), 1e-9, "the client's 30 ms less the server half's 26 ms");
        assertEquals(21.0, endpoint(m, "svc-one", "x").ownMeanMs(), 1e-9, "26 ms less its 5 ms call below the server half");
        assertEquals(1, service(m, "batch").replicas(), "three pods, never two at once");
        assertEquals(3, service(m, "batch").instances().size());
    }

    @Test
    void whatCannotBeADesignIsRefusedBeforeAnythingIsWritten() {
        // A.a calls B.b, which calls A back: a design's calls cannot form a cycle
        List<Span> cycle = new java.util.ArrayList<>();
        for (int t = 0; t < 3; t++) {
            cycle.add(named("c" + t, "a", null, "A", "GET /a", SpanKind.SERVER, 0, 50));
            cycle.add(named("c" + t, "b", "a", "B", "GET /b", SpanKind.SERVER, 10, 40));
            cycle.add(named("c" + t, "c", "b", "A", "GET /callback", SpanKind.SERVER, 20, 30));
        }
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> TraceImport.read(sink -> cycle.forEach(sink), "test", List.of("x"), ImportOptions.DEFAULTS));
        assertTrue(e.getMessage().contains("A → B → A (A.a calls B.b; B.b calls A.callback)"), e.getMessage());
        // no root span at all: no arrivals, no profile
        List<Span> orphans = List.of(named("o", "a", "upstream", "A", "GET /a", SpanKind.SERVER, 0, 10));
        RuntimeException none = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> TraceImport.read(sink -> orphans.forEach(sink), "test", List.of("x"), ImportOptions.DEFAULTS));
        assertTrue(none.getMessage().contains("no root span in the export"), none.getMessage());
        // one root span in 1970 among roots of today: refused, not an array of 1.7e9 rows
        List<Span> stray = List.of(named("s1", "a", null, "A", "GET /a", SpanKind.SERVER, 1_000, 1_010),
                named("s2", "a", null, "A", "GET /a", SpanKind.SERVER, 1_765_000_000_000L, 1_765_000_000_010L));
        RuntimeException far = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> TraceImport.read(sink -> stray.forEach(sink), "test", List.of("x"), ImportOptions.DEFAULTS));
        assertTrue(far.getMessage().contains("more than 1,000,000 rows of arrivals"), far.getMessage());
    }

    @Test
    void orderLongChainsClashingHashesAndEqualTimesAreHandled() throws Exception {
        // the k-th call to a callee is the k-th to start, whatever order the file gives the spans in: b, c, then b again in half
        List<Span> spans = new java.util.ArrayList<>();
        for (int t = 0; t < 20; t++) {
            String id = "t" + t;
            long o = t * 1000L;
            spans.add(named(id, "a", null, "A", "GET /a", SpanKind.SERVER, o, o + 60));
            if (t % 2 == 0) {
                spans.add(named(id, "k3", "a", "A", "GET", SpanKind.CLIENT, o + 40, o + 50));
                spans.add(named(id, "s3", "k3", "B", "GET /b", SpanKind.SERVER, o + 41, o + 49));
            }
            spans.add(named(id, "k2", "a", "A", "GET", SpanKind.CLIENT, o + 20, o + 30));
            spans.add(named(id, "s2", "k2", "C", "GET /c", SpanKind.SERVER, o + 21, o + 29));
            spans.add(named(id, "k1", "a", "A", "GET", SpanKind.CLIENT, o, o + 10));
            spans.add(named(id, "s1", "k1", "B", "GET /b", SpanKind.SERVER, o + 1, o + 9));
        }
        ImportedModel m = TraceImport.read(sink -> spans.forEach(sink), "test", List.of("x"), ImportOptions.DEFAULTS);
        ImportedModel.Endpoint a = endpoint(m, "A", "a");
        assertEquals(List.of("B", "C", "B"), a.calls().stream().map(ImportedModel.Call::to).toList());
        assertEquals(List.of(1.0, 1.0, 0.5), a.calls().stream().map(ImportedModel.Call::p).toList());

        // a chain of 20,000 services, each calling the next: no recursion deep enough to overflow
        List<Span> chain = new java.util.ArrayList<>();
        for (int k = 0; k < 20_000; k++) {
            chain.add(named("c", "s" + k, k == 0 ? null : "s" + (k - 1), "svc" + k, "GET /x", SpanKind.SERVER, k, 40_000 - k));
        }
        ImportedModel deep = TraceImport.read(sink -> chain.forEach(sink), "test", List.of("x"), ImportOptions.DEFAULTS);
        assertEquals(20_000, deep.services().size());

        // "x ?Aa" and "x! Aa" have one String hash, and both clean to x-Aa, which "x-Aa" took first: three names still
        assertEquals("x ?Aa".hashCode(), "x! Aa".hashCode());
        List<Span> clash = List.of(named("n1", "a", null, "front", "GET /p", SpanKind.SERVER, 0, 100),
                named("n1", "b", "a", "x-Aa", "GET /q", SpanKind.SERVER, 10, 20),
                named("n1", "c", "a", "x ?Aa", "GET /q", SpanKind.SERVER, 30, 40),
                named("n1", "d", "a", "x! Aa", "GET /q", SpanKind.SERVER, 50, 60));
        ImportedModel names = TraceImport.read(sink -> clash.forEach(sink), "test", List.of("x"), ImportOptions.DEFAULTS);
        assertEquals(4, names.services().size(), names.services().stream().map(ImportedModel.Service::name).toList().toString());

        // 100,000 own times of exactly 7.3 ms: their sums' rounding must not pass for a spread
        List<Span> equal = new java.util.ArrayList<>();
        for (int t = 0; t < 100_000; t++) {
            equal.add(new Span("e" + t, "a", null, "A", "A-1", "GET /p", null, SpanKind.SERVER, t * 10_000_000L, t * 10_000_000L + 7_300_000,
                    false, new Mark(1, 1)));
        }
        ImportedModel eq = TraceImport.read(sink -> equal.forEach(sink), "test", List.of("x"), ImportOptions.DEFAULTS);
        ImportedModel.Endpoint p = endpoint(eq, "A", "p");
        assertTrue(p.fits().isEmpty() && !p.empirical(), "a constant, not a fit: " + p.fits());
        assertEquals(7.3, p.ownMeanMs(), 1e-9);
    }
}
