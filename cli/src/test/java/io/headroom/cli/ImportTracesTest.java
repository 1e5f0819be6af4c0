package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.CallSpec;
import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.design.EndpointSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.dist.DistributionSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom import traces} on the hand-written fixtures (validation/src/test/resources/traces/README.md: five traces
 * of one small system in the OTLP, Zipkin v2 and Jaeger formats) — each format imported to the same, expected design —
 * and on bad files: a located error, exit 2, nothing written.
 */
class ImportTracesTest {
    private static final Path FIXTURES = Path.of("../validation/src/test/resources/traces");

    @TempDir
    Path dir;

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome headroom(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Headroom.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(status, out.toString(), err.toString());
    }

    private Design imported(String file, String format) throws Exception {
        Path out = dir.resolve(format);
        Outcome o = headroom("import", "traces", FIXTURES.resolve(file).toString(), "--format", format, "--out", out.toString());
        assertEquals(0, o.status(), o.err() + o.out());
        assertTrue(o.out().contains("import traces: "), o.out());
        return DesignReader.read(out.resolve("design.yaml")).design();
    }

    private static Duration us(long us) {
        return Duration.ofNanos(us * 1000);
    }

    @Test
    void eachFormatImportsToTheExpectedDesign() throws Exception {
        Design otlp = imported("otlp.json", "otlp-json");
        assertEquals("frontend", otlp.entry());
        assertEquals(List.of("catalog", "frontend", "reviews"), List.copyOf(otlp.components().keySet()));
        ServiceSpec frontend = (ServiceSpec) otlp.components().get("frontend");
        ServiceSpec catalog = (ServiceSpec) otlp.components().get("catalog");
        ServiceSpec reviews = (ServiceSpec) otlp.components().get("reviews");
        assertEquals(1, frontend.replicas().initial());
        assertEquals(2, catalog.replicas().initial(), "catalog-1 and catalog-2");
        assertEquals(8, frontend.concurrency(), "five spans: the default worker count");
        EndpointSpec page = frontend.endpoints().get("page");
        // own time: 5000, 5000, 3500, 6000, 5000 us, too few to fit: their mean
        assertEquals(new DistributionSpec.Constant(us(4900)), page.offCpu());
        assertTrue(page.parallel(), "the two calls overlapped in each of the 3 traces that made both");
        assertEquals(List.of("catalog", "reviews"), page.calls().stream().map(CallSpec::to).toList());
        CallSpec toCatalog = page.calls().get(0);
        CallSpec toReviews = page.calls().get(1);
        assertEquals("list", toCatalog.endpoint());
        assertEquals(1.0, toCatalog.p());
        assertEquals("top", toReviews.endpoint());
        assertEquals(0.6, toReviews.p(), 1e-12);
        // client span less server span: 1000, 800, 900, 1000, 1000 us to the catalog, 1000, 900, 1000 to the reviews
        assertEquals(new DistributionSpec.Constant(us(1000)), toCatalog.latency());
        assertEquals(new DistributionSpec.Constant(us(1000)), toReviews.latency());
        // 19000, 21200, 17100, 23000, 18000 us; 31900, 36500, 29800 us
        assertEquals(new DistributionSpec.Constant(us(19660)), catalog.endpoints().get("list").offCpu());
        assertEquals(new DistributionSpec.Constant(Duration.ofNanos(32_733_300)), reviews.endpoints().get("top").offCpu());
        assertEquals(1.0 / 3, reviews.endpoints().get("top").errorRate(), 1e-5, "one of three failed with no call below it");
        assertEquals(0.0, page.errorRate(), "the frontend answered trace 3 after its call failed");

        assertEquals(otlp, imported("zipkin-v2.json", "zipkin"), "zipkin");
        assertEquals(otlp, imported("jaeger.json", "jaeger"), "jaeger");

        String arrivals = Files.readString(dir.resolve("otlp-json/arrivals.csv"));
        assertEquals("second,requests\n0,1\n1,1\n2,1\n3,1\n4,1\n", arrivals);
        String report = Files.readString(dir.resolve("zipkin/import-report.md"));
        assertTrue(report.contains("| frontend.page | reviews.top | 0.60000 | 3 of 5 |"), report);
    }

    @Test
    void aTruncatedExportIsALocatedErrorAndNothingIsWritten() throws Exception {
        String text = Files.readString(FIXTURES.resolve("zipkin-v2.json"));
        Path bad = dir.resolve("cut.json");
        Files.writeString(bad, text.substring(0, text.length() / 2));
        Path out = dir.resolve("out");
        Outcome o = headroom("import", "traces", bad.toString(), "--format", "zipkin", "--out", out.toString());
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().startsWith(bad + ":"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aWrongFormatOrAnEmptyExportIsRefused() throws Exception {
        Outcome unknown = headroom("import", "traces", FIXTURES.resolve("otlp.json").toString(), "--format", "x-ray", "--out",
                dir.resolve("o1").toString());
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("--format: x-ray is not one of otlp-json, zipkin, jaeger"), unknown.err());
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "[]");
        Outcome none = headroom("import", "traces", empty.toString(), "--format", "zipkin", "--out", dir.resolve("o2").toString());
        assertEquals(2, none.status(), none.err());
        assertTrue(none.err().contains("no spans in the export"), none.err());
        assertFalse(Files.exists(dir.resolve("o2")));
        Outcome missing = headroom("import", "traces", dir.resolve("nope.json").toString(), "--format", "zipkin");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }
}
