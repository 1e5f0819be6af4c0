package io.headroom.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report's time charts: what the utilisation chart shows, and one look per series of a chart. */
class RunChartsTest {

    /** Twelve tiers, more than the palette's ten colours; tier {@code t0} computes (cpu 0.9) with few workers busy (0.2). */
    private static RunReport.Series twelveTiers(Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("t_s,arrivals,completions,errors,p50_ms,p95_ms,p99_ms");
        for (int k = 0; k < 12; k++) {
            csv.append(",t").append(k).append(".instances,t").append(k).append(".utilisation,t").append(k).append(".cpu,t")
                    .append(k).append(".queue");
        }
        csv.append(",window_s\n");
        for (int row = 0; row < 3; row++) {
            csv.append(row * 10).append(",100,100,1,5,9,12");
            for (int k = 0; k < 12; k++) {
                csv.append(",2,").append(k == 0 ? "0.2" : "0.5").append(',').append(k == 0 ? "0.9" : "0.3").append(",0");
            }
            csv.append(",10\n");
        }
        Path f = dir.resolve("timeseries.csv");
        Files.writeString(f, csv);
        return RunReport.Series.read(f);
    }

    @Test
    void utilisationShowsBusyWorkersAndCpuPerComponent(@TempDir Path tmp) throws Exception {
        JFreeChart chart = RunCharts.utilisation(twelveTiers(tmp), "d", "p", 0);
        XYSeriesCollection data = (XYSeriesCollection) chart.getXYPlot().getDataset();
        assertEquals(24, data.getSeriesCount());
        assertEquals("t0 workers", data.getSeriesKey(0));
        assertEquals("t0 cpu", data.getSeriesKey(1));
        assertEquals(20.0, data.getSeries(0).getY(0).doubleValue(), 1e-9);
        assertEquals(90.0, data.getSeries(1).getY(0).doubleValue(), 1e-9, "the CPU-bound tier shows its load");
        XYItemRenderer r = chart.getXYPlot().getRenderer();
        assertEquals(r.getSeriesPaint(0), r.getSeriesPaint(1), "a component's two lines share its colour");
        assertTrue(!r.getSeriesStroke(0).equals(r.getSeriesStroke(1)), "and differ by their dash");
    }

    @Test
    void noTwoSeriesOfAChartLookTheSame(@TempDir Path tmp) throws Exception {
        RunReport.Series s = twelveTiers(tmp);
        for (JFreeChart chart : List.of(RunCharts.load(s, "d", "p", 0), RunCharts.latency(s, "d", "p", 0),
                RunCharts.utilisation(s, "d", "p", 0))) {
            XYPlot plot = chart.getXYPlot();
            Set<List<Object>> looks = new HashSet<>();
            List<String> names = new ArrayList<>();
            for (int d = 0; d < plot.getDatasetCount(); d++) {
                if (plot.getDataset(d) == null) {
                    continue;
                }
                XYItemRenderer r = plot.getRenderer(d);
                for (int i = 0; i < plot.getDataset(d).getSeriesCount(); i++) {
                    names.add(plot.getDataset(d).getSeriesKey(i).toString());
                    assertTrue(looks.add(List.of(r.getSeriesPaint(i), r.getSeriesStroke(i))),
                            chart.getTitle().getText() + ": " + plot.getDataset(d).getSeriesKey(i) + " looks like another series of " + names);
                }
            }
        }
    }
}
