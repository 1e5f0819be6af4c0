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
 * and on bad files and options: a located error or the option named, exit 2, nothing written.
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
        assertEquals(1, catalog.replicas().initial(), "catalog-1 served traces 1-3, catalog-2 traces 4-5: never both up at once");
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
        assertEquals(new DistributionSpec.Constant(Duration.ofNanos(32_733_333)), reviews.endpoints().get("top").offCpu(), "to the ns");
        assertEquals(1.0 / 3, reviews.endpoints().get("top").errorRate(), 1e-5, "one of three failed with no call below it");
        assertEquals(0.0, page.errorRate(), "the frontend answered trace 3 after its call failed");

        assertEquals(otlp, imported("zipkin-v2.json", "zipkin"), "zipkin");
        assertEquals(otlp, imported("jaeger.json", "jaeger"), "jaeger");

        String arrivals = Files.readString(dir.resolve("otlp-json/arrivals.csv"));
        assertEquals("second,requests\n0,1\n1,1\n2,1\n3,1\n4,1\n", arrivals);
        String report = Files.readString(dir.resolve("zipkin/import-report.md"));
        assertTrue(report.contains("| frontend.page | reviews.top | 0.6 | 3 of 5 |"), report);
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".headroom-staging-")).toList(),
                    "no staging folder left beside --out");
        }
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
        assertTrue(none.err().contains("no span in the export is a request a service served"), none.err());
        assertFalse(Files.exists(dir.resolve("o2")));
        Outcome missing = headroom("import", "traces", dir.resolve("nope.json").toString(), "--format", "zipkin");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    private Outcome importOtlp(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("import", "traces", FIXTURES.resolve("otlp.json").toString(), "--format",
                "otlp-json"));
        args.addAll(List.of(more));
        return headroom(args.toArray(String[]::new));
    }

    @Test
    void aFileWhereTheFolderGoesOrAFolderWhereAFileGoesIsRefused() throws Exception {
        Path file = dir.resolve("taken");
        Files.writeString(file, "mine");
        Outcome o = importOtlp("--out", file.toString());
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().contains("--out: " + file + " is a file, not a folder"), o.err());
        assertFalse(o.err().contains("internal error"), o.err());
        assertEquals("mine", Files.readString(file));
        Outcome folder = headroom("import", "traces", FIXTURES.toString(), "--format", "otlp-json", "--out", dir.resolve("o").toString());
        assertEquals(2, folder.status(), folder.err());
        assertTrue(folder.err().contains(FIXTURES + ": not a file"), folder.err());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() throws Exception {
        String workers = "a number from 1 to 100000, or auto";
        String defaults = "--default-workers: a number from 1 to 100000, got ";
        String[][] cases = {
            {"--workers", "0", "--workers: " + workers + ", got 0"},
            {"--workers", "100001", "--workers: " + workers + ", got 100001"},
            {"--workers", "many", "--workers: " + workers + ", got many"},
            {"--default-workers", "0", defaults + "0"},
            {"--default-workers", "100001", defaults + "100001"},
            {"--default-workers", "2147483648", defaults + "2147483648"},
            {"--max-open-spans", "0", "--max-open-spans: at least 1, got 0"},
            {"--max-open-spans=-5", null, "--max-open-spans: at least 1, got -5"},
            {"--window", "0s", "--window: longer than zero, got 0s"},
            {"--window", "0.1ns", "--window: longer than zero, got 0.1ns"},
            {"--window=-1s", null, "--window: a duration cannot be negative"},
            {"--grace=-1s", null, "--grace: a duration cannot be negative"},
            {"--grace", "soon", "--grace: 'soon' is not a duration"},
            {"--max-ks", "0", "--max-ks: a distance above 0 and at most 1, got 0.0"},
            {"--name", "two\nlines", "--name: the text contains the control character U+000A"},
            {"--name", "a\u202Eb", "--name: the text contains the bidirectional control U+202E"},
        };
        for (String[] c : cases) {
            Path out = dir.resolve("bad");
            Outcome o = c[1] == null ? importOtlp(c[0], "--out", out.toString()) : importOtlp(c[0], c[1], "--out", out.toString());
            String what = String.join(" ", c);
            assertEquals(2, o.status(), what + ": " + o.err());
            assertTrue(o.err().contains(c[2]), what + ": " + o.err());
            assertFalse(o.err().contains("internal error"), what + ": " + o.err());
            assertFalse(Files.exists(out), what);
        }
        // the bounds themselves are taken
        Outcome ok = importOtlp("--default-workers", "100000", "--max-open-spans", "1", "--grace", "0s", "--window", "1ms",
                "--out", dir.resolve("edge").toString());
        assertEquals(0, ok.status(), ok.err());
        Outcome three = importOtlp("--default-workers", "3", "--out", dir.resolve("three").toString());
        assertEquals(0, three.status(), three.err());
        ServiceSpec frontend = (ServiceSpec) DesignReader.read(dir.resolve("three/design.yaml")).design().components().get("frontend");
        assertEquals(3, frontend.concurrency(), "five spans: the default given");
    }

    @Test
    void aNameThatYamlMustQuoteIsWrittenSoItReadsTheSame() throws Exception {
        String name = "shop: v2 #1 [\"eu\"] \u2028next";
        Path out = dir.resolve("named");
        Outcome o = importOtlp("--name", name, "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertEquals(name, DesignReader.read(out.resolve("design.yaml")).design().name());
        assertEquals(name, DesignReader.readProfile(out.resolve("profile.yaml")).profile().name());
        List<String> report = Files.readAllLines(out.resolve("import-report.md"));
        assertEquals("# Imported from traces: shop: v2 #1 [\"eu\"] ?next", report.get(0), "the heading stays one line");
        assertEquals("", report.get(1));
    }
}
