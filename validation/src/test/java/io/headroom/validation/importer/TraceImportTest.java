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
                // a child in another process 2 ms longer than its parent, and starting 1 ms early: shortened, then moved
                span("t1", "a", null, "front", "f0", SpanKind.SERVER, 10_000_000, 20_000_000),
                span("t1", "b", "a", "front", "f0", SpanKind.CLIENT, 12_000_000, 18_000_000),
                span("t1", "c", "b", "back", "b0", SpanKind.SERVER, 11_000_000, 19_000_000),
                // a parent not in the export
                span("t2", "d", "missing", "back", "b0", SpanKind.SERVER, 30_000_000, 31_000_000),
                // a client span with nothing below it, and a duplicated id
                span("t3", "e", null, "front", "f0", SpanKind.SERVER, 40_000_000, 50_000_000),
                span("t3", "f", "e", "front", "f0", SpanKind.CLIENT, 42_000_000, 46_000_000),
                span("t3", "f", "e", "front", "f0", SpanKind.CLIENT, 42_000_000, 46_000_000));
        ImportedModel m = TraceImport.read(sink -> spans.forEach(sink), "test", List.of("x"), ImportOptions.DEFAULTS);
        String all = String.join("\n", m.corrections());
        assertEquals(5, m.corrections().size(), all);
        assertTrue(all.contains("1 spans whose parent is not in the export"), all);
        assertTrue(all.contains("1 spans longer than their parent in another process"), all);
        assertTrue(all.contains("1 spans outside their parent's interval"), all);
        assertTrue(all.contains("1 client spans with no server span below them"), all);
        assertTrue(all.contains("1 spans whose id appeared earlier"), all);
        assertTrue(all.contains("trace t1 span c at line 3, column 5"), all);
        // c was cut to b's 6 ms and moved to start with b: back's own time is 6 ms, front's 10 - 6 = 4 ms; the orphan's 1 ms
        // makes back's mean 3.5 ms; front's second request spent its uninstrumented call as its own time (10 ms)
        assertEquals(3.5, endpoint(m, "back", "x").ownMeanMs(), 1e-12);
        assertEquals(7.0, endpoint(m, "front", "x").ownMeanMs(), 1e-12);
        assertEquals(0.0, endpoint(m, "front", "x").calls().get(0).networkMs(), 1e-12);
        assertNull(endpoint(m, "front", "x").own(), "two samples: too few to fit");
    }
}
