package io.headroom.validation.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.CallSpec;
import io.headroom.design.DesignReader;
import io.headroom.design.EndpointSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.load.OpenStep;
import io.headroom.validation.compare.SimulatedRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the import writes reads back as the design and profile it inferred, and the same model writes the same bytes;
 * nothing is written unless it reads back; numbers are written so that they read back as what was measured (models built
 * by hand, to put each number where rounding used to lose it).
 */
class ModelWriterTest {
    @TempDir
    Path dir;

    private static ImportedModel imported(long traces) throws Exception {
        SyntheticSystem sys = new SyntheticSystem(200, 7);
        return TraceImport.read(sink -> sys.emit(traces, sink), "test", List.of("synthetic"), ImportOptions.DEFAULTS);
    }

    @Test
    void theDesignAndProfileReadBackAndSimulate() throws Exception {
        ImportedModel m = imported(20_000);
        ModelWriter.write(m, dir);
        DesignReader.Loaded design = DesignReader.read(dir.resolve("design.yaml"));
        DesignReader.LoadedProfile profile = DesignReader.readProfile(dir.resolve("profile.yaml"));
        DesignReader.checkCompatible(design, profile);
        assertEquals("front", design.design().entry());
        ServiceSpec front = (ServiceSpec) design.design().components().get("front");
        EndpointSpec page = front.endpoints().get("page");
        assertTrue(page.parallel());
        assertEquals(List.of("catalog", "reviews"), page.calls().stream().map(CallSpec::to).toList());
        CallSpec reviews = page.calls().get(1);
        ImportedModel.Call inferred = m.services().get(1).endpoints().get(0).calls().get(1);
        assertEquals(inferred.p(), reviews.p(), 5e-6 * inferred.p(), "p written to 6 significant digits");
        assertEquals(new DistributionSpec.Constant(java.time.Duration.ofNanos(300_000)).toString(), reviews.latency().toString());
        DistributionSpec.Gamma own = (DistributionSpec.Gamma) page.offCpu();
        assertEquals(m.services().get(1).endpoints().get(0).ownMeanMs(), own.mean().toNanos() / 1e6, 1e-4);
        assertNull(profile.profile().mixNormalisation(), "the mix sums to 1");
        assertEquals(front.concurrency(), m.services().get(1).workers());
        // the profile replays the counted arrivals: every one of them, at the entry
        SimulatedRuns runs = SimulatedRuns.run(design.design(), dir, profile.profile(), dir, 1, 1, java.time.Duration.ofSeconds(10));
        var r = runs.results().get(0);
        assertEquals(m.arrivals().total(), r.overall().requests(), "arrivals replayed");
        // and the same model writes the same bytes
        Path again = dir.resolve("again");
        ModelWriter.write(imported(20_000), again);
        for (String f : List.of("design.yaml", "profile.yaml", "arrivals.csv", "import-report.md", "import.json")) {
            assertEquals(Files.readString(dir.resolve(f)), Files.readString(again.resolve(f)), f);
        }
    }

    // ---- models built by hand ----

    private static ImportedModel.Endpoint leaf(String name, long executions, double ownMs) {
        return endpoint(name, executions, ownMs, List.of());
    }

    private static ImportedModel.Endpoint endpoint(String name, long executions, double ownMs, List<ImportedModel.Call> calls) {
        return new ImportedModel.Endpoint(name, executions, 0, null, List.of(), new double[0], ownMs, false, false, 0, 0, 0, calls);
    }

    private static ImportedModel.Endpoint empirical(String name, double... sample) {
        return new ImportedModel.Endpoint(name, sample.length, 0, null, List.of(), sample, Arrays.stream(sample).average().orElseThrow(),
                true, false, 0, 0, 0, List.of());
    }

    private static ImportedModel.Service service(String name, ImportedModel.Endpoint... endpoints) {
        return new ImportedModel.Service(name, List.of(), 1, 4, "given", List.of(endpoints));
    }

    private static ImportedModel model(String name, List<ImportedModel.Service> services, long windowNs, long[] counts,
                                       Map<String, Double> mix) {
        return new ImportedModel(name, services.get(0).name(), services, new ImportedModel.Arrivals(0, windowNs, counts), mix,
                new ImportedModel.Reading(List.of("by hand"), "test", 10, 10, 10, 1, 1), List.of());
    }

    private static ImportedModel simple(String name) {
        return model(name, List.of(service("front", leaf("page", 10, 2.5))), 1_000_000_000L, new long[] {3, 4}, Map.of());
    }

    private static List<String> stagingLeft(Path parent) throws Exception {
        try (Stream<Path> all = Files.list(parent)) {
            return all.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".headroom-staging-")).toList();
        }
    }

    @Test
    void whatDoesNotReadBackIsAnInternalErrorAndNothingIsWritten() throws Exception {
        // the mix names an endpoint the entry does not have: the profile does not go with the design
        ImportedModel bad = model("m", List.of(service("front", leaf("page", 10, 2.5))), 1_000_000_000L, new long[] {10},
                Map.of("nope", 1.0));
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("design.yaml"), "an earlier import's design\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModelWriter.write(bad, out));
        assertTrue(e.getMessage().contains("'nope' is not an endpoint"), e.getMessage());
        assertEquals("an earlier import's design\n", Files.readString(out.resolve("design.yaml")), "left as it was");
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of("design.yaml"), left.map(f -> f.getFileName().toString()).toList(), "nothing written");
        }
        assertEquals(List.of(), stagingLeft(dir), "the staging folder removed");
        // a missing folder is not made when nothing reads back
        assertThrows(IllegalStateException.class, () -> ModelWriter.write(bad, dir.resolve("fresh")));
        assertFalse(Files.exists(dir.resolve("fresh")));
        // and what reads back is written, the staging folder removed, a killed import's staging folder swept
        Path killed = dir.resolve(".headroom-staging-999999999999-import-42");
        Files.createDirectories(killed.resolve("own-times"));
        Files.writeString(killed.resolve("own-times/x.csv"), "own_ms\n1\n");
        ModelWriter.write(simple("m"), out);
        assertEquals("second,requests\n0,3\n1,4\n", Files.readString(out.resolve("arrivals.csv")));
        assertEquals(List.of(), stagingLeft(dir));
        // a file where the folder goes, or a folder where a file goes, is refused before anything is written
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");
        assertThrows(java.nio.file.FileSystemException.class, () -> ModelWriter.write(simple("m"), file));
        assertEquals("x", Files.readString(file));
    }

    @Test
    void ownTimeFilesDoNotCollideAndAnEarlierImportsAreRemoved() throws Exception {
        // service a with endpoint b.c and service a.b with endpoint c both made own-times/a.b.c.csv
        ImportedModel m = model("m", List.of(
                service("a", new ImportedModel.Endpoint("b.c", 3, 0, null, List.of(), new double[] {4, 5, 6}, 5, true, false, 0, 0, 0,
                        List.of(new ImportedModel.Call("a.b", "c", 1, 3, 0, 0)))),
                service("a.b", empirical("c", 1, 2, 3)),
                service("x", empirical("y", 7, 8, 9))), 1_000_000_000L, new long[] {10}, Map.of());
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("own-times"));
        Files.writeString(out.resolve("own-times/old.csv"), "own_ms\n1\n");
        Files.writeString(out.resolve("own-times/notes.txt"), "mine");
        ModelWriter.write(m, out);
        var design = DesignReader.read(out.resolve("design.yaml")).design();
        String ab = ((DistributionSpec.Empirical) ((ServiceSpec) design.components().get("a")).endpoints().get("b.c").offCpu()).file();
        String abc = ((DistributionSpec.Empirical) ((ServiceSpec) design.components().get("a.b")).endpoints().get("c").offCpu()).file();
        assertNotEquals(ab, abc);
        assertEquals("own_ms\n4.000000\n5.000000\n6.000000\n", Files.readString(out.resolve(ab)));
        assertEquals("own_ms\n1.000000\n2.000000\n3.000000\n", Files.readString(out.resolve(abc)));
        assertFalse(Files.exists(out.resolve("own-times/old.csv")), "an earlier import's sample removed");
        assertEquals("mine", Files.readString(out.resolve("own-times/notes.txt")), "only *.csv removed");
        try (Stream<Path> own = Files.list(out.resolve("own-times"))) {
            assertEquals(4, own.count(), "three samples and the notes");
        }
        // the names are deterministic: the same model, the same files
        Path again = dir.resolve("again");
        ModelWriter.write(m, again);
        assertEquals(Files.readString(out.resolve("design.yaml")), Files.readString(again.resolve("design.yaml")));
    }

    @Test
    void arrivalTimesAreExactPastAMillionRowsAndTenThousandSeconds() throws Exception {
        int rows = 1_000_002;
        long[] counts = new long[rows];
        counts[0] = 1;
        counts[rows - 2] = 2;
        counts[rows - 1] = 3;
        for (long windowNs : new long[] {1_000_000_000L, 10_000_000L}) {
            Path out = dir.resolve("w" + windowNs);
            ModelWriter.write(model("m", List.of(service("front", leaf("page", 6, 1))), windowNs, counts, Map.of()), out);
            List<String> lines = Files.readAllLines(out.resolve("arrivals.csv"));
            assertEquals(rows + 1, lines.size());
            if (windowNs == 1_000_000_000L) {
                assertEquals(List.of("999999,0", "1000000,2", "1000001,3"), lines.subList(rows - 2, rows + 1));
            } else {
                assertEquals(List.of("0.01,0", "0.02,0"), lines.subList(2, 4));
                assertEquals(List.of("9999.99,0", "10000,2", "10000.01,3"), lines.subList(rows - 2, rows + 1));
            }
            // the profile reads back (times must increase from row to row) and replays every arrival over every window
            OpenStep.Trace trace = (OpenStep.Trace) DesignReader.readProfile(out.resolve("profile.yaml")).profile().injection().get(0);
            assertEquals(6.0, trace.replay().expectedArrivals(), 1e-9);
            assertEquals(Duration.ofNanos(windowNs * rows), trace.replay().during());
        }
    }

    @Test
    void probabilitiesAndTheMixMeanWhatWasMeasured() throws Exception {
        long n = 1_000_000;
        ImportedModel m = model("m", List.of(
                service("front",
                        endpoint("page", n, 1, List.of(
                                new ImportedModel.Call("back", "op", 1.0 / n, 1, 0, 0),
                                new ImportedModel.Call("back", "op", 999_996.0 / n, 999_996, 0, 1),
                                new ImportedModel.Call("back", "op", 1.0, n, 0, 2))),
                        endpoint("search", 10 * n, 1, List.of(new ImportedModel.Call("back", "op", (10 * n - 1.0) / (10 * n), 10 * n - 1, 0, 0))),
                        leaf("cart", 5, 1)),
                service("back", leaf("op", 3 * n, 1))), 1_000_000_000L, new long[] {3}, equalThirds("page", "search", "cart"));
        Path out = dir.resolve("out");
        ModelWriter.write(m, out);
        var loaded = DesignReader.read(out.resolve("design.yaml"));
        ServiceSpec front = (ServiceSpec) loaded.design().components().get("front");
        List<CallSpec> page = front.endpoints().get("page").calls();
        assertEquals(1e-6, page.get(0).p(), 0.0, "1 call in 10^6 requests, not 0");
        assertEquals(0.999996, page.get(1).p(), 0.0, "999,996 in 10^6, not 1");
        assertEquals(1.0, page.get(2).p(), 0.0, "made in every request");
        double search = front.endpoints().get("search").calls().get(0).p();
        assertEquals(0.9999999, search, 0.0, "9,999,999 in 10^7: 6 digits would round it to 1");
        assertTrue(search < 1);
        String design = Files.readString(out.resolve("design.yaml"));
        assertTrue(design.contains("p: 0.000001}") && design.contains("p: 0.999996}") && design.contains("p: 0.9999999}"), design);
        // three equal shares sum to exactly 1: a run neither normalises them nor warns
        var profile = DesignReader.readProfile(out.resolve("profile.yaml"));
        DesignReader.checkCompatible(loaded, profile);
        assertTrue(Files.readString(out.resolve("profile.yaml")).contains("mix: {page: 0.333333334, search: 0.333333333, cart: 0.333333333}"),
                Files.readString(out.resolve("profile.yaml")));
        assertNull(profile.profile().mixNormalisation());
        // a share too small for 9 decimals is still positive, and the largest takes the remainder
        Map<String, Double> tiny = new LinkedHashMap<>();
        tiny.put("page", 1e-12);
        tiny.put("search", 1 - 1e-12);
        ModelWriter.write(model("m", m.services(), 1_000_000_000L, new long[] {3}, tiny), dir.resolve("tiny"));
        var tinyProfile = DesignReader.readProfile(dir.resolve("tiny/profile.yaml"));
        assertEquals(Map.of("page", 1e-9, "search", 0.999999999), tinyProfile.profile().mix());
        assertNull(tinyProfile.profile().mixNormalisation());
    }

    private static Map<String, Double> equalThirds(String... endpoints) {
        Map<String, Double> mix = new LinkedHashMap<>();
        for (String e : endpoints) {
            mix.put(e, 1.0 / 3);
        }
        return mix;
    }

    @Test
    void durationsAreWrittenToTheNanosecond() throws Exception {
        ImportedModel m = model("m", List.of(
                service("front", endpoint("page", 10, 0.00004, List.of(
                        new ImportedModel.Call("back", "op", 1, 10, 0.0000003, 0),
                        new ImportedModel.Call("back", "fast", 1, 10, 0.0123456789, 1)))),
                service("back", leaf("op", 10, 123456.0000004), leaf("fast", 10, 0))), 1_000_000_000L, new long[] {10}, Map.of());
        Path out = dir.resolve("out");
        ModelWriter.write(m, out);
        var design = DesignReader.read(out.resolve("design.yaml")).design();
        EndpointSpec page = ((ServiceSpec) design.components().get("front")).endpoints().get("page");
        assertEquals(new DistributionSpec.Constant(Duration.ofNanos(40)), page.offCpu(), "40 ns, not 0");
        assertEquals(new DistributionSpec.Constant(Duration.ofNanos(1)), page.calls().get(0).latency(), "0.3 ns: the least positive, 1 ns");
        assertEquals(new DistributionSpec.Constant(Duration.ofNanos(12_346)), page.calls().get(1).latency());
        ServiceSpec back = (ServiceSpec) design.components().get("back");
        assertEquals(new DistributionSpec.Constant(Duration.ofNanos(123_456_000_000L)), back.endpoints().get("op").offCpu());
        assertEquals(new DistributionSpec.Constant(Duration.ZERO), back.endpoints().get("fast").offCpu(), "spans that took no time");
    }

    @Test
    void aNameStaysValidYamlAndMeansTheSame() throws Exception {
        for (String name : List.of("my app: v2 #1", "- x: [y], {a: b}", "\u2028sep\u2029 \ufeffbom\u00a0nbsp", "\"quoted\" \\ back 'single'",
                "yes", "null", "~", "", " padded ", "2026-12-06", "1.5", ".inf", "&anchor *alias", "\ud83d\ude00 smile")) {
            assertNull(ModelWriter.nameProblem(name), name);
            Path out = dir.resolve("n" + Integer.toHexString(name.hashCode()));
            ModelWriter.write(simple(name), out);
            assertEquals(name, DesignReader.read(out.resolve("design.yaml")).design().name(), name);
            assertEquals(name, DesignReader.readProfile(out.resolve("profile.yaml")).profile().name(), name);
            String report = Files.readString(out.resolve("import-report.md"));
            assertTrue(report.startsWith("# Imported from traces: " + ModelWriter.safe(name) + "\n\nRead "), report);
            assertFalse(ModelWriter.safe(name).contains("\u2028"));
        }
        // what a YAML name cannot hold (control characters, bidirectional controls, no character, 201 characters) is named
        assertTrue(ModelWriter.nameProblem("two\nlines").contains("the control character U+000A"), ModelWriter.nameProblem("two\nlines"));
        assertTrue(ModelWriter.nameProblem("a\u202Eb").contains("bidirectional control U+202E"));
        assertTrue(ModelWriter.nameProblem("a\ud800").contains("unpaired surrogate"));
        assertTrue(ModelWriter.nameProblem("x".repeat(201)).contains("at most 200"));
        // and such a name is a read-back failure, not a broken file
        assertThrows(IllegalStateException.class, () -> ModelWriter.write(simple("bell\u0007"), dir.resolve("bell")));
        assertFalse(Files.exists(dir.resolve("bell")));
    }
}
