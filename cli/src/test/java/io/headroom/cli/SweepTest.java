package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.experiment.Sweep;
import io.headroom.experiment.SweepJournal;
import io.headroom.run.RunOptions;
import io.headroom.study.Study;
import io.headroom.study.StudyPoint;
import io.headroom.study.StudyReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom sweep} and {@code headroom merge}: the results files are the same bytes whether the
 * sweep ran on one thread or two, was interrupted and resumed, or ran in slices that were merged.
 */
class SweepTest {
    /** What must be identical between two ways of running the same sweep (the journal's line order may differ). */
    static final List<String> OUTPUTS = List.of("results.csv", "results.json", "report.md", "report.html", "chart-cost-p99.png",
            "chart-cost-p99.svg", "chart-cost-errors.png", "chart-cost-errors.svg");

    static Path study(Path dir) throws Exception {
        Files.writeString(dir.resolve("design.yaml"), String.join("\n",
                "name: mmc",
                "entry: api",
                "slos: [\"p99 < 60ms\"]",
                "components:",
                "  api:",
                "    type: service",
                "    replicas: 1",
                "    concurrency: 1",
                "    endpoints: {default: {demand: {dist: exponential, mean: 10ms}}}",
                ""));
        Files.writeString(dir.resolve("profile.yaml"), String.join("\n", "name: steady", "warmup: 5s", "injection:",
                "  - constantUsersPerSec: {rate: 60, during: 40s, randomized: true}", ""));
        Path s = dir.resolve("study.yaml");
        Files.writeString(s, String.join("\n", "name: sizing", "design: design.yaml", "profile: profile.yaml", "replications: 2",
                "vary:", "  components.api.replicas: [1, 2, 3]", "  components.api.concurrency: [1, 2]", ""));
        return s;
    }

    static void assertSameOutputs(Path a, Path b) throws Exception {
        for (String f : OUTPUTS) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f + " differs between " + a + " and " + b);
        }
    }

    @Test
    void parallelAndSerialSweepsWriteTheSameFiles(@TempDir Path tmp) throws Exception {
        Path s = study(tmp);
        var serial = RunCommandTest.headroom("sweep", s.toString(), "--out", tmp.resolve("serial").toString(), "--threads", "1");
        assertEquals(0, serial.status(), serial.err());
        var parallel = RunCommandTest.headroom("sweep", s.toString(), "--out", tmp.resolve("parallel").toString(), "--threads", "3");
        assertEquals(0, parallel.status(), parallel.err());
        assertSameOutputs(tmp.resolve("serial"), tmp.resolve("parallel"));

        JsonNode r = new ObjectMapper().readTree(tmp.resolve("serial").resolve("results.json").toFile());
        assertEquals(6, r.get("rows").size());
        assertEquals("instance_hours", r.get("x_metric").asText(), "no prices: instance-hours stand in for cost");
        // one instance with one worker at 60/s of 10 ms is M/M/1 at rho = 0.6: p99 = ln(100) x 25 ms = 115 ms, over the SLO;
        // two instances with one worker each (rho = 0.3): p99 = ln(100) x 14.3 ms = 66 ms, still over; three: 54 ms, met.
        JsonNode first = r.get("rows").get(0);
        assertEquals("replicas=1 concurrency=1", first.get("name").asText());
        assertTrue(Math.abs(first.at("/metrics/mean_ms").asDouble() - 25.0) < 6, first.toString());
        assertFalse(first.get("slos_met").asBoolean());
        assertTrue(first.at("/ci95/mean_ms").isNumber());
        // the cheapest design within the SLO: one instance with two workers (M/M/2 at rho = 0.3: p99 about 31 ms)
        assertEquals(1, r.get("cheapest_meeting_slos").asInt(), r.toString());
        String csv = Files.readString(tmp.resolve("serial").resolve("results.csv"));
        assertTrue(csv.startsWith("point,name,components.api.replicas,components.api.concurrency,replications,requests,"), csv);
        assertTrue(csv.contains("slo: p99 < 60ms,slos_met,unstable,slo value: p99 < 60ms\n"), csv);
        assertTrue(Files.readString(tmp.resolve("serial").resolve("report.md")).contains("The cheapest design that meets the SLOs"
                + " p99 &lt; 60ms is point 1, replicas=1 concurrency=2"));
    }

    @Test
    void anInterruptedSweepResumesToTheSameFiles(@TempDir Path tmp) throws Exception {
        Path s = study(tmp);
        var whole = RunCommandTest.headroom("sweep", s.toString(), "--out", tmp.resolve("whole").toString(), "--threads", "2");
        assertEquals(0, whole.status(), whole.err());

        // the sweep is stopped after three points, as a kill would stop it, and the kill tore the line being written
        Path cut = tmp.resolve("cut");
        Study study = StudyReader.read(s);
        final class Stop extends RuntimeException {
        }
        int[] done = {0};
        Sweep.Listener killer = new Sweep.Listener() {
            @Override
            public void started(int total, int alreadyDone) {
            }

            @Override
            public void pointDone(StudyPoint point, io.headroom.result.SweepPoint row) {
                if (++done[0] == 3) {
                    throw new Stop();
                }
            }
        };
        try (SweepJournal j = SweepJournal.open(cut, SweepJournal.header(study.fingerprint(), 6, "0/1"), false)) {
            assertThrows(Stop.class, () -> Sweep.run(study, study.points(), j, RunOptions.DEFAULTS, 2, SweepCommand::summarize, killer));
        }
        Files.writeString(cut.resolve(SweepJournal.FILE), "{\"point\":4,\"name\":\"repl", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(3, SweepJournal.read(cut.resolve(SweepJournal.FILE)).rows().size());
        assertFalse(Files.exists(cut.resolve("results.csv")), "nothing but the journal before the sweep is over");

        var resumed = RunCommandTest.headroom("sweep", s.toString(), "--out", cut.toString(), "--resume", "--threads", "1");
        assertEquals(0, resumed.status(), resumed.err());
        assertSameOutputs(tmp.resolve("whole"), cut);
        List<String> lines = Files.readAllLines(cut.resolve(SweepJournal.FILE));
        assertEquals(1 + 6, lines.size(), "the header, the three points kept and the three run on resuming: " + lines);
    }

    @Test
    void aPointWhoseSelfChecksFailedIsSaidAndTheSweepExitsWithStatus4(@TempDir Path tmp) throws Exception {
        Path s = study(tmp);
        Path out = tmp.resolve("o");
        assertEquals(0, RunCommandTest.headroom("sweep", s.toString(), "--out", out.toString()).status());
        // a run's failed self-check, as its journal line would carry it (SelfChecksTest plants real bugs in runs)
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(SweepJournal.FILE))) {
            var node = mapper.readTree(line);
            if (node.path("point").asInt(-1) == 2) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) node.findParent("slos_met")).putArray("self_check_failures")
                        .add("conservation, overall: 10 requests sent but 9 completed + 0 errors + 0 in flight");
                line = mapper.writeValueAsString(node);
            }
            lines.add(line);
        }
        Files.write(out.resolve(SweepJournal.FILE), lines);
        var resumed = RunCommandTest.headroom("sweep", s.toString(), "--out", out.toString(), "--resume");
        assertEquals(Headroom.SELF_CHECK_FAILED, resumed.status(), resumed.err());
        assertTrue(resumed.err().startsWith("headroom: SELF-CHECK FAILED: point #2 "), resumed.err());
        assertTrue(Files.readString(out.resolve("results.json")).contains("\"self_check_failures\""), "the row says so");
    }

    @Test
    void resumingWithAnotherStudyIsRefused(@TempDir Path tmp) throws Exception {
        Path s = study(tmp);
        assertEquals(0, RunCommandTest.headroom("sweep", s.toString(), "--out", tmp.resolve("o").toString()).status());
        Files.writeString(s, Files.readString(s).replace("[1, 2, 3]", "[1, 2, 4]"));
        var again = RunCommandTest.headroom("sweep", s.toString(), "--out", tmp.resolve("o").toString(), "--resume");
        assertEquals(2, again.status());
        assertTrue(again.err().contains("the study, design or profile, or a file they name, changed"), again.err());
    }

    @Test
    void resumingAfterAFileTheProfileNamesChangedIsRefused(@TempDir Path tmp) throws Exception {
        // the fingerprint covered the study, design and profile only: a resumed sweep mixed points of two traces
        Path s = study(tmp);
        Files.writeString(tmp.resolve("t.csv"), "minute_index,requests\n0,300\n1,600\n");
        Files.writeString(tmp.resolve("profile.yaml"), String.join("\n", "name: traced", "injection:",
                "  - trace: {file: t.csv, format: csv, time-column: minute_index, unit: min, count-column: requests, speedup: 6}", ""));
        Path out = tmp.resolve("o");
        assertEquals(0, RunCommandTest.headroom("sweep", s.toString(), "--out", out.toString()).status());
        Files.writeString(tmp.resolve("t.csv"), "minute_index,requests\n0,3000\n1,6000\n");
        var again = RunCommandTest.headroom("sweep", s.toString(), "--out", out.toString(), "--resume");
        assertEquals(2, again.status(), again.out());
        assertTrue(again.err().contains("the study, design or profile, or a file they name, changed"), again.err());
    }

    @Test
    void slicesMergeIntoTheUnshardedResults(@TempDir Path tmp) throws Exception {
        Path s = study(tmp);
        assertEquals(0, RunCommandTest.headroom("sweep", s.toString(), "--out", tmp.resolve("all").toString()).status());
        for (int i = 0; i < 4; i++) {
            var part = RunCommandTest.headroom("sweep", s.toString(), "--out", tmp.resolve("part" + i).toString(), "--shard", i + "/4");
            assertEquals(0, part.status(), part.err());
        }
        JsonNode p1 = new ObjectMapper().readTree(tmp.resolve("part1").resolve("results.json").toFile());
        assertEquals("1/4", p1.get("shard").asText());
        assertEquals(List.of(1, 5), List.of(p1.at("/rows/0/point").asInt(), p1.at("/rows/1/point").asInt()));

        var missing = RunCommandTest.headroom("merge", tmp.resolve("part0").toString(), tmp.resolve("part1").toString(), "--out",
                tmp.resolve("merged").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("2 of 6 points are in none of the folders (first: [2, 3])"), missing.err());
        assertFalse(Files.exists(tmp.resolve("merged")));

        var merged = RunCommandTest.headroom("merge", tmp.resolve("part3").toString(), tmp.resolve("part0").toString(),
                tmp.resolve("part2").toString(), tmp.resolve("part1").toString(), "--out", tmp.resolve("merged").toString());
        assertEquals(0, merged.status(), merged.err());
        assertSameOutputs(tmp.resolve("all"), tmp.resolve("merged"));
    }

    @Test
    void mergeRefusesASliceOfAnotherSweepOrAPointThatDiffers(@TempDir Path tmp) throws Exception {
        Path s = study(tmp);
        for (int i = 0; i < 2; i++) {
            var part = RunCommandTest.headroom("sweep", s.toString(), "--out", tmp.resolve("part" + i).toString(), "--shard", i + "/2");
            assertEquals(0, part.status(), part.err());
        }
        // slice 1 of the same study with another seed: the same points, from another sweep
        Path other = Files.createDirectories(tmp.resolve("other"));
        for (String f : List.of("design.yaml", "profile.yaml")) {
            Files.copy(tmp.resolve(f), other.resolve(f));
        }
        Files.writeString(other.resolve("study.yaml"), Files.readString(s).replace("replications: 2", "replications: 2\nseed: 7"));
        var foreign = RunCommandTest.headroom("sweep", other.resolve("study.yaml").toString(), "--out", tmp.resolve("foreign").toString(),
                "--shard", "1/2");
        assertEquals(0, foreign.status(), foreign.err());
        var mixed = RunCommandTest.headroom("merge", tmp.resolve("part0").toString(), tmp.resolve("foreign").toString(), "--out",
                tmp.resolve("merged").toString());
        assertEquals(2, mixed.status());
        assertTrue(mixed.err().contains("foreign/results.json: from another sweep than " + tmp.resolve("part0")), mixed.err());
        assertFalse(Files.exists(tmp.resolve("merged")));

        // a copy of slice 1 whose point 3 was altered: the same point must agree wherever it appears
        Path altered = Files.createDirectories(tmp.resolve("altered"));
        ObjectMapper json = new ObjectMapper();
        JsonNode copy = json.readTree(tmp.resolve("part1").resolve("results.json").toFile());
        for (JsonNode row : copy.get("rows")) {
            if (row.get("point").asInt() == 3) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) row.get("metrics")).put("requests", row.at("/metrics/requests").asDouble() + 1);
            }
        }
        json.writeValue(altered.resolve("results.json").toFile(), copy);
        var differs = RunCommandTest.headroom("merge", tmp.resolve("part0").toString(), tmp.resolve("part1").toString(),
                altered.toString(), "--out", tmp.resolve("merged").toString());
        assertEquals(2, differs.status(), differs.err());
        assertTrue(differs.err().contains("altered/results.json: point 3 differs from the same point in another folder"), differs.err());
        assertFalse(Files.exists(tmp.resolve("merged")));

        // a row numbered past the sweep's points: merged, it made a results.csv of 7 rows for 6 points
        JsonNode past = json.readTree(tmp.resolve("part1").resolve("results.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) past.get("rows").get(0)).put("point", 6);
        json.writeValue(altered.resolve("results.json").toFile(), past);
        var beyond = RunCommandTest.headroom("merge", tmp.resolve("part0").toString(), tmp.resolve("part1").toString(),
                altered.toString(), "--out", tmp.resolve("merged").toString());
        assertEquals(2, beyond.status(), beyond.err());
        assertTrue(beyond.err().contains("altered/results.json: point 6 is not one of the sweep's 6 (0 to 5)"), beyond.err());
        assertFalse(Files.exists(tmp.resolve("merged")));

        Files.writeString(altered.resolve("results.json"), "{\"meta\": {");
        var corrupt = RunCommandTest.headroom("merge", tmp.resolve("part0").toString(), altered.toString(), "--out",
                tmp.resolve("merged").toString());
        assertEquals(2, corrupt.status(), corrupt.err());
        assertTrue(corrupt.err().contains("altered/results.json:1:") && corrupt.err().contains(": not a results file: "), corrupt.err());
        assertFalse(corrupt.err().contains("Source:"), corrupt.err());
    }

    @Test
    void aJournalRowOfNoPointOfTheSweepIsRerunNotKept(@TempDir Path tmp) throws Exception {
        Path s = study(tmp);
        Path whole = tmp.resolve("whole");
        assertEquals(0, RunCommandTest.headroom("sweep", s.toString(), "--out", whole.toString()).status());
        Path cut = Files.createDirectories(tmp.resolve("cut"));
        List<String> lines = Files.readAllLines(whole.resolve(SweepJournal.FILE));
        // the header, points 0 and 1 as written, then a row renumbered 99: it and what follows are run again
        Files.write(cut.resolve(SweepJournal.FILE), List.of(lines.get(0), lines.get(1), lines.get(2),
                lines.get(3).replaceFirst("\"point\":\\d+", "\"point\":99"), lines.get(4)));
        var resumed = RunCommandTest.headroom("sweep", s.toString(), "--out", cut.toString(), "--resume");
        assertEquals(0, resumed.status(), resumed.err());
        assertSameOutputs(whole, cut);
    }

    @Test
    void aStudyCanFindEachPointsWarmupByMser(@TempDir Path tmp) throws Exception {
        Path s = study(tmp);
        Files.writeString(s, Files.readString(s).replace("replications: 2", "replications: 4\nwarmup: auto")
                .replace("[1, 2, 3]", "[1, 3]").replace("[1, 2]", "[1]"));
        Files.writeString(tmp.resolve("profile.yaml"), String.join("\n", "name: ramp", "injection:",
                "  - piecewise: [[0s, 5], [50s, 5]]", "  - piecewise: [[0s, 60], [250s, 60]]", ""));
        var r = RunCommandTest.headroom("sweep", s.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(0, r.status(), r.err());
        JsonNode rows = new ObjectMapper().readTree(tmp.resolve("o").resolve("results.json").toFile()).get("rows");
        // the light first 50 s (five windows, one MSER batch) are not the steady state of either design: MSER-5 leaves them out
        for (JsonNode row : rows) {
            double w = row.at("/metrics/warmup_s").asDouble();
            assertTrue(w >= 50 && w <= 100, row.get("name") + ": warm-up " + w);
        }
        assertTrue(Files.readString(tmp.resolve("o").resolve("results.csv")).lines().findFirst().orElseThrow().contains(",warmup_s,"));
    }

    @Test
    void badShardAndBadStudyAreInputErrors(@TempDir Path tmp) throws Exception {
        Path s = study(tmp);
        var shard = RunCommandTest.headroom("sweep", s.toString(), "--out", tmp.resolve("o").toString(), "--shard", "4/4");
        assertEquals(2, shard.status());
        assertTrue(shard.err().contains("--shard: '4/4' is not i/N with 0 <= i < N"), shard.err());
        Files.writeString(s, Files.readString(s).replace("components.api.replicas", "components.api.replica"));
        var bad = RunCommandTest.headroom("sweep", s.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("study.yaml:6:3: vary.components.api.replica: cannot set components.api.replica"), bad.err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written");
    }
}
