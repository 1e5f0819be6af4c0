package io.headroom.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.headroom.experiment.SweepJournal;
import io.headroom.result.CompareResults;
import io.headroom.result.Figures;
import io.headroom.result.Summary;
import io.headroom.result.SweepPoint;
import io.headroom.result.SweepResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The typed sweep and comparison results are the whole of their files: a journal written by an
 * earlier build resumes to the results that build wrote (every key and column it wrote, with the same
 * values: later builds only add), a journal read and written again is the same bytes, the saved
 * reference {@code results.csv} of the docs' sweeps read into rows and written again keeps every cell
 * (and the CSV and {@code results.json} of those rows read and written again are the same bytes), and
 * the reference {@code compare.json} read and written again is the same bytes, its typed figures the
 * file's numbers.
 */
class SweepRoundTripTest {
    private static final Path REFERENCE = Path.of("..", "examples", "reference");
    private static final Path WRITTEN_BEFORE = Path.of("src", "test", "resources", "sweep-written-before");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"replicated", "single"})
    void aJournalWrittenBeforeResumesToTheResultsWrittenThen(String name) throws Exception {
        Path before = WRITTEN_BEFORE.resolve(name);
        Path dir = Files.createDirectories(tmp.resolve(name));
        Path journalFile = dir.resolve(SweepJournal.FILE);
        Files.copy(before.resolve(SweepJournal.FILE), journalFile);
        byte[] journalBytes = Files.readAllBytes(journalFile);
        SweepJournal.Read read = SweepJournal.read(journalFile);
        assertNotNull(read.header());
        SweepResults then = SweepReport.read(before.resolve(SweepReport.RESULTS_JSON));
        assertEquals(then.meta().points(), read.header().points());
        List<SweepPoint> rows;
        try (SweepJournal j = SweepJournal.open(dir, read.header(), true)) {
            assertEquals(then.meta().points(), j.finished().size(), "every point finished: nothing to rerun");
            rows = j.rows();
        }
        assertArrayEquals(journalBytes, Files.readAllBytes(journalFile), "resuming keeps the journal as it was");
        Path out = Files.createDirectories(tmp.resolve(name + "-out"));
        SweepReport.write(out, then.meta(), rows, null);
        assertPrefixes(Files.readString(before.resolve(SweepReport.RESULTS_CSV)), Files.readString(out.resolve(SweepReport.RESULTS_CSV)),
                name + "/" + SweepReport.RESULTS_CSV);
        ObjectMapper json = new ObjectMapper();
        assertContains(json.readTree(before.resolve(SweepReport.RESULTS_JSON).toFile()),
                json.readTree(out.resolve(SweepReport.RESULTS_JSON).toFile()), name + "/" + SweepReport.RESULTS_JSON);
        assertEquals(then, SweepReport.read(out.resolve(SweepReport.RESULTS_JSON)), "results.json reads back to the same record");

        // written again from what was read: the same lines
        Path again = Files.createDirectories(tmp.resolve(name + "-again"));
        try (SweepJournal j = SweepJournal.open(again, read.header(), false)) {
            for (SweepPoint p : read.rows().values()) {
                j.append(p);
            }
        }
        assertArrayEquals(journalBytes, Files.readAllBytes(again.resolve(SweepJournal.FILE)), name + " journal written again");
    }

    @Test
    void theJournalsFiguresAreItsNumbers() throws Exception {
        Path file = WRITTEN_BEFORE.resolve("replicated").resolve(SweepJournal.FILE);
        SweepPoint p = SweepJournal.read(file).rows().get(2);
        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(file).get(3));
        assertEquals(line.get("point").asInt(), p.point());
        assertEquals(line.at("/metrics/requests").asDouble(), p.figures().metric("requests"));
        assertEquals(line.at("/metrics/p99_ms").asDouble(), p.figures().metric("p99_ms"));
        assertEquals(line.at("/ci95/p99_ms").asDouble(), p.figures().halfWidth("p99_ms"));
        assertTrue(line.at("/ci95/errors_pct").isNull());
        assertTrue(Double.isNaN(p.figures().halfWidth("errors_pct")), "null is no value");
        assertTrue(p.figures().ci95().containsKey("errors_pct"), "a null half-width is kept as a key");
        assertEquals("c6i.large", p.values().get("components.api.instance.type").asText());
        assertEquals(line.at("/slos_met").asBoolean(), p.figures().slosMet());
        assertEquals(line.at("/slo/0/value").asDouble(), p.figures().slo().get(0).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sweep-hpa-targets", "sweep-shop-sizing"})
    void referenceSweepResultsReadBackToTheSameBytes(String sweep) throws Exception {
        String reference = Files.readString(REFERENCE.resolve(sweep).resolve(SweepReport.RESULTS_CSV));
        Csv parsed = Csv.parse(sweep, reference);
        assertTrue(parsed.rows.size() >= 6, "the reference has its points: " + parsed.rows.size());
        String csv = SweepReport.csv(parsed.meta, parsed.rows);
        assertPrefixes(reference, csv, sweep + ": every cell of the reference, in its place");
        Csv again = Csv.parse(sweep, csv);
        assertEquals(csv, SweepReport.csv(again.meta, again.rows), "written, read and written again");

        String json = SweepReport.text(SweepReport.results(again.meta, again.rows, null));
        Path file = tmp.resolve("results.json");
        Files.writeString(file, json);
        SweepResults read = SweepReport.read(file);
        assertEquals(json, SweepReport.text(read), "results.json written, read and written again");
        assertEquals(SweepReport.csv(read.meta(), read.rows()), csv, "and its CSV is the same");
    }

    /** Each line of {@code before} begins {@code after}'s line: columns are only ever added at the end. */
    static void assertPrefixes(String before, String after, String what) {
        List<String> was = before.lines().toList();
        List<String> is = after.lines().toList();
        assertEquals(was.size(), is.size(), what + ": lines");
        for (int i = 0; i < was.size(); i++) {
            String line = is.get(i);
            assertTrue(line.equals(was.get(i)) || line.startsWith(was.get(i) + ","), what + " line " + i + ":\n" + was.get(i) + "\n" + line);
        }
    }

    /** Every key of {@code before} is in {@code after} with the same value (objects compared key by key): keys are only added. */
    static void assertContains(JsonNode before, JsonNode after, String at) {
        if (before.isObject()) {
            assertTrue(after.isObject(), at);
            before.fields().forEachRemaining(e -> {
                assertTrue(after.has(e.getKey()), at + "/" + e.getKey() + " is gone");
                assertContains(e.getValue(), after.get(e.getKey()), at + "/" + e.getKey());
            });
        } else if (before.isArray()) {
            assertEquals(before.size(), after.size(), at);
            for (int i = 0; i < before.size(); i++) {
                assertContains(before.get(i), after.get(i), at + "/" + i);
            }
        } else {
            assertEquals(before, after, at);
        }
    }

    @Test
    void referenceCompareJsonReadsBackToTheSameBytes() throws Exception {
        Path f = REFERENCE.resolve("compare-shop-variants").resolve(CompareReport.JSON_FILE);
        String text = Files.readString(f);
        CompareResults c = CompareReport.read(text);
        assertEquals(text, CompareReport.text(c));
        assertEquals(text, CompareReport.text(CompareReport.read(CompareReport.text(c))), "twice");

        JsonNode tree = new ObjectMapper().readTree(text);
        assertEquals(tree.at("/designs").size(), c.designs().size());
        assertEquals(tree.at("/designs/1/name").asText(), c.designs().get(1).name());
        Figures today = c.designs().get(0).figures();
        assertEquals(tree.at("/designs/0/metrics/p99_ms").asDouble(), today.metric("p99_ms"));
        assertEquals(tree.at("/designs/0/ci95/p99_ms").asDouble(), today.halfWidth("p99_ms"));
        assertTrue(Double.isNaN(today.halfWidth("errors_pct")));
        CompareResults.Paired p99 = c.differences().get(0).metrics().get("p99_ms");
        assertEquals(tree.at("/differences/0/metrics/p99_ms/mean").asDouble(), p99.mean());
        assertEquals(tree.at("/differences/0/metrics/p99_ms/ci95").asDouble(), p99.ci95());
        assertEquals(tree.at("/differences/0/metrics/p99_ms/significant").asBoolean(), p99.significant());
        assertEquals(tree.at("/replications").asInt(), c.replications());
        assertEquals(5, c.replications());
    }

    @Test
    void aSingleRunsRequestCountIsWholeAndReplicationsAMean() throws Exception {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("requests", 1506.0);
        metrics.put("p99_ms", Double.NaN);
        Figures one = new Figures(metrics, null, List.of(new Summary.SloResult("p99 < 60ms", Double.NaN, false)), false, List.of());
        SweepPoint p = new SweepPoint(0, "one", new LinkedHashMap<>(), 1, one);
        String line = io.headroom.result.SweepCodec.write(p).toString();
        assertEquals("{\"point\":0,\"name\":\"one\",\"values\":{},\"replications\":1,\"metrics\":{\"requests\":1506,\"p99_ms\":null},"
                + "\"slo\":[{\"expr\":\"p99 < 60ms\",\"value\":null,\"pass\":false}],\"slos_met\":false,\"unstable\":[]}", line);
        Figures means = new Figures(metrics, Map.of("requests", 2.5), List.of(), true, List.of());
        String replicated = io.headroom.result.SweepCodec.write(new SweepPoint(0, "m", new LinkedHashMap<>(), 2, means)).toString();
        assertTrue(replicated.contains("\"requests\":1506.0"), replicated);
        assertNull(io.headroom.result.SweepCodec.readPoint(new ObjectMapper().readTree(line)).figures().ci95());
    }

    /** A sweep's results.csv read back into rows (RFC 4180 cells; a value as the text it shows). */
    private record Csv(SweepResults.Meta meta, List<SweepPoint> rows) {
        static Csv parse(String study, String text) {
            List<List<String>> lines = new ArrayList<>();
            for (String line : text.split("\n")) {
                lines.add(cells(line));
            }
            List<String> head = lines.get(0);
            int reps = head.indexOf("replications");
            int met = head.indexOf("slos_met");
            List<String> columns = head.subList(2, reps);
            List<String> metrics = new ArrayList<>();
            List<String> ci = new ArrayList<>();
            List<String> slos = new ArrayList<>();
            for (String h : head.subList(reps + 1, met)) {
                if (h.startsWith("slo: ")) {
                    slos.add(h.substring(5));
                } else if (h.endsWith("_ci95")) {
                    ci.add(h.substring(0, h.length() - 5));
                } else {
                    metrics.add(h);
                }
            }
            List<SweepPoint> rows = new ArrayList<>();
            int replications = 1;
            for (List<String> c : lines.subList(1, lines.size())) {
                int i = 0;
                int point = Integer.parseInt(c.get(i++));
                String name = c.get(i++);
                Map<String, JsonNode> values = new LinkedHashMap<>();
                for (String col : columns) {
                    String v = c.get(i++);
                    if (!v.isEmpty()) {
                        values.put(col, TextNode.valueOf(v));
                    }
                }
                replications = Integer.parseInt(c.get(i++));
                Map<String, Double> m = new LinkedHashMap<>();
                for (String k : metrics) {
                    m.put(k, number(c.get(i++)));
                }
                Map<String, Double> halfWidths = ci.isEmpty() ? null : new LinkedHashMap<>();
                for (String k : ci) {
                    halfWidths.put(k, number(c.get(i++)));
                }
                List<String> outcomes = new ArrayList<>();
                for (String s : slos) {
                    outcomes.add(c.get(i++));
                }
                boolean slosMet = Boolean.parseBoolean(c.get(i++));
                String unstable = c.get(i++);
                // added later: the cost per month (derived from the cost per hour) and each SLO's value
                Map<String, Double> sloValues = new LinkedHashMap<>();
                for (String h : head.subList(met + 2, head.size())) {
                    String cell = c.get(i++);
                    if (h.startsWith("slo value: ")) {
                        sloValues.put(h.substring("slo value: ".length()), number(cell));
                    }
                }
                List<Summary.SloResult> slo = new ArrayList<>();
                for (int k = 0; k < slos.size(); k++) {
                    if (!outcomes.get(k).isEmpty()) {
                        slo.add(new Summary.SloResult(slos.get(k), sloValues.getOrDefault(slos.get(k), Double.NaN),
                                outcomes.get(k).equals("pass")));
                    }
                }
                rows.add(new SweepPoint(point, name, values, replications, new Figures(m, halfWidths, slo, slosMet,
                        unstable.isEmpty() ? List.of() : List.of(unstable.split(" ")))));
            }
            return new Csv(new SweepResults.Meta(study, "design.yaml", "profile.yaml", 1, replications, rows.size(),
                    List.copyOf(columns), slos, "0"), rows);
        }

        private static double number(String cell) {
            return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
        }

        private static List<String> cells(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder b = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        b.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        b.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    out.add(b.toString());
                    b.setLength(0);
                } else {
                    b.append(ch);
                }
            }
            out.add(b.toString());
            return out;
        }
    }
}
