package io.headroom.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.result.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capacity search's report: the bottleneck at the capacity found, and probes that were not monotone in load. */
class CapacityReportTest {

    private static CapacityReport.Probe probe(double scale, boolean meets, double p99, double costPerMillion, double dbCpu) {
        return new CapacityReport.Probe(scale, meets,
                List.of(new Summary.SloResult("p99 < 250ms", p99, p99 < 250), new Summary.SloResult("cost_per_million < $5", costPerMillion, true)),
                List.of(), List.of(new CapacityReport.Load("db", 0.3, dbCpu), new CapacityReport.Load("api", 0.5, 0.4)));
    }

    @Test
    void monotoneProbesGiveNoWarningAndAFallingCostIsNotOne() {
        // the cost per million requests falls as a fixed fleet fills: not a sign against the search
        var probes = List.of(probe(1, true, 100, 4, 0.6), probe(2, false, 300, 3, 0.95), probe(1.5, true, 180, 3.5, 0.8));
        assertEquals(List.of(), CapacityReport.monotonyWarnings(probes));
    }

    @Test
    void aBetterValueUnderMoreLoadIsWarnedWithItsWorstPair() {
        var probes = List.of(probe(1, true, 97.71, 4, 0.6), probe(2, true, 94.9, 3, 0.7), probe(4, false, 300, 3, 0.95),
                probe(3, true, 96, 3, 0.9));
        List<String> w = CapacityReport.monotonyWarnings(probes);
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("probes not monotone in load: p99 < 250ms was 94.90 at 2.000× but 97.71 at 1.000×"), w.get(0));
    }

    @Test
    void aProbeThatMetAboveOneThatMissedIsWarned() {
        var probes = List.of(probe(1, true, 100, 4, 0.6), probe(2, false, 300, 3, 0.9), probe(1.5, false, 260, 3, 0.8),
                probe(1.75, true, 240, 3, 0.85));
        List<String> w = CapacityReport.monotonyWarnings(probes);
        assertEquals("probes not monotone in load: 1.750× met the SLOs although 1.500× missed them", w.get(0));
    }

    @Test
    void theBottleneckIsTheBusiestComponentAtTheLastProbeThatMet(@TempDir Path tmp) throws Exception {
        var search = new CapacityReport.Search("d under p", "d under p carries 1.5×", List.of("p99 < 250ms"), 3, 1, 1.5,
                List.of(probe(1, true, 100, 4, 0.6), probe(2, false, 300, 3, 0.97), probe(1.5, true, 180, 3.5, 0.8)));
        assertEquals("bottleneck db at 1.500× today's load (the last probe that met the SLOs): cores 80.0 % busy, workers 30.0 % busy",
                CapacityReport.bottleneck(search));
        CapacityReport.write(tmp, search);
        String md = Files.readString(tmp.resolve("report.md"));
        assertTrue(md.contains("The bottleneck db at 1.500× today's load"), md);
        assertTrue(md.contains("None: the probes were monotone in load."), md);
        assertTrue(Files.readString(tmp.resolve("report.html")).contains("bottleneck db at 1.500×"));
    }
}
