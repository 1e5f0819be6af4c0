package io.headroom.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import io.headroom.design.Slo;
import io.headroom.result.Figures;
import io.headroom.result.Summary;
import io.headroom.result.SweepPoint;
import io.headroom.result.SweepResults;
import io.headroom.slo.SloVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's report says why: each row names the SLOs it misses and by how much, the charts plot the
 * errors and each SLO's own value against its bound, the value axis turns logarithmic when the largest
 * value is more than ten times the smallest, cost reads per run and per month (per hour × 730), and
 * points are named as people write them.
 */
class SweepReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SLOS = List.of("p99 < 250ms", "checkout.p99 < 300ms", "errors < 0.1%", "p99 < 400ms over 5m",
            "fast-checkout");

    @TempDir
    Path tmp;

    @Test
    void aRowNamesTheSlosItMissesAndByHowMuch() {
        SloVerdict.Windows windows = new SloVerdict.Windows(300, 85, 600, 612, 14, 140);
        SloVerdict.Budget budget = new SloVerdict.Budget(0.999, 2_592_000, 10_000, 29, 0.9971, 2.9, List.of(), List.of());
        Figures f = figures(0.085, 0.255, List.of(
                new Summary.SloResult("p99 < 250ms", 312, false),
                new Summary.SloResult("checkout.p99 < 300ms", 120, true),
                new Summary.SloResult("errors < 0.1%", 0.218, false),
                new Summary.SloResult("p99 < 400ms over 5m", 612, false, windows, null, Double.NaN),
                new Summary.SloResult("fast-checkout", 99.71, false, null, budget, Double.NaN)), List.of());
        assertEquals("MISSED p99 < 250ms: 312 ms, +25 %; errors < 0.1%: 0.218 %, +118 %; p99 < 400ms over 5m: worst window 612 ms,"
                + " +53 %, 14 of 85 windows missed; fast-checkout: 99.71 % good, target 99.9 %, 290 % of the budget spent",
                SloMisses.verdict(f, 1));
    }

    @Test
    void replicationsSayInHowManyAnSloWasMetAndUnstableComesFirst() {
        SloVerdict.Windows windows = new SloVerdict.Windows(300, 85, 600, 380.5, 2, 20);
        Figures f = figures(1, 1, List.of(new Summary.SloResult("p99 < 400ms over 5m", 380.5, false, windows, null, 1.0 / 3)),
                List.of("api"));
        // the mean of the worst windows is under the bound, but one replication in three missed it
        assertEquals("unstable (api); p99 < 400ms over 5m: worst window 381 ms, met in 1 of 3 replications",
                SloMisses.verdict(f, 3));
        assertEquals("met", SloMisses.verdict(figures(1, 1, List.of(new Summary.SloResult("p99 < 250ms", 100, true)), List.of()), 1));
        assertEquals("none", SloMisses.verdict(figures(1, 1, List.of(), List.of()), 1));
        assertEquals("MISSED p99 < 250ms: 1,581 ms, +533 %; errors < 0.1%: 10.431 %, +10,331 %", SloMisses.verdict(figures(1, 1,
                List.of(new Summary.SloResult("p99 < 250ms", 1581.25, false), new Summary.SloResult("errors < 0.1%", 10.431, false)),
                List.of()), 1));
    }

    @Test
    void valuesReadAsPeopleWriteThemAndVariantsByTheirNames() throws Exception {
        JsonNode instance = JSON.readTree("{\"type\":\"c6i.large\",\"market\":\"spot\"}");
        assertEquals("type=c6i.large market=spot", PointNames.value(instance));
        assertEquals("a.b=1 c=[1, 2]", PointNames.value(JSON.readTree("{\"a\":{\"b\":1},\"c\":[1,2]}")));
        assertEquals("250ms", PointNames.value(JSON.readTree("\"250ms\"")));
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("components.api.instance", instance);
        values.put("components.api.replicas", IntNode.valueOf(3));
        SweepPoint tree = new SweepPoint(0, "instance={\"type\":\"c6i.large\",\"market\":\"spot\"} replicas=3", values, 1,
                figures(1, 1, List.of(), List.of()));
        assertEquals("instance.type=c6i.large instance.market=spot replicas=3", PointNames.label(tree));
        List<String> columns = List.of("components.api.instance", "components.api.replicas");
        assertFalse(PointNames.namesSayMore(List.of(tree), columns), "a varied point's name is its values");
        SweepPoint variant = new SweepPoint(1, "today", Map.of("components.api.replicas", IntNode.valueOf(4)), 1,
                figures(1, 1, List.of(), List.of()));
        assertTrue(PointNames.namesSayMore(List.of(tree, variant), columns), "a variant's name is more than its values");
    }

    @Test
    void theLatencyChartsSloIsTheWholeRunsOfAllRequests() {
        // an endpoint's or a window's SLO is not the whole run's p99: it has a chart of its own
        SweepResults.Meta meta = meta(List.of("checkout.p99 < 300ms", "p99 < 400ms over 5m", "p95 < 200ms"));
        SweepReport.Axes axes = SweepReport.axes(meta, List.of(point(0, 0.1, 0.3, 150, 0, List.of())));
        assertEquals("p95_ms", axes.y());
        assertEquals(Slo.parse("p95 < 200ms"), axes.ySlo());
        SweepReport.Axes none = SweepReport.axes(meta(List.of("checkout.p99 < 300ms")), List.of(point(0, 0.1, 0.3, 150, 0, List.of())));
        assertEquals("p99_ms", none.y());
        assertNull(none.ySlo());
    }

    @Test
    void errorsAndEverySloNotDrawnElsewhereHaveAChart() {
        SloVerdict.Windows windows = new SloVerdict.Windows(300, 85, 600, 612, 14, 140);
        SloVerdict.Budget budget = new SloVerdict.Budget(0.999, 2_592_000, 10_000, 29, 0.9971, 2.9, List.of(), List.of());
        List<Summary.SloResult> slo = List.of(new Summary.SloResult("p99 < 250ms", 312, false),
                new Summary.SloResult("checkout.p99 < 300ms", 280, true), new Summary.SloResult("errors < 0.1%", 0.2, false),
                new Summary.SloResult("p99 < 400ms over 5m", 612, false, windows, null, Double.NaN),
                new Summary.SloResult("fast-checkout", 99.71, false, null, budget, Double.NaN));
        List<SweepPoint> rows = List.of(point(0, 0.1, 0.3, 312, 0.2, slo));
        List<SweepPanel> panels = SweepPanel.of(SLOS, rows, Slo.parse("p99 < 250ms"));
        assertEquals(List.of("chart-cost-errors.png", "chart-cost-slo-2.png", "chart-cost-slo-4.png", "chart-cost-slo-5.png"),
                panels.stream().map(SweepPanel::file).toList());
        SweepPanel errors = panels.get(0);
        assertEquals(0.1, errors.bound());
        assertEquals("errors < 0.1%", errors.slo());
        assertEquals(0.2, errors.values()[0]);
        assertFalse(errors.meets()[0]);
        assertEquals(280, panels.get(1).values()[0]);
        assertTrue(panels.get(1).meets()[0]);
        assertEquals("p99 of the worst 5m window (ms)", panels.get(2).yLabel());
        assertEquals(612, panels.get(2).values()[0], "a windowed SLO plots its worst window");
        SweepPanel good = panels.get(3);
        assertTrue(good.higherIsBetter());
        assertEquals(99.71, good.values()[0], "an error budget plots its good events");
        assertEquals(99.9, good.bound(), 1e-12);
    }

    @Test
    void theValueAxisIsLogarithmicWhenTheLargestIsMoreThanTenTimesTheSmallest() {
        SweepPanel errors = errorsPanel(0, 0.013, 10.4);
        ValueAxis log = chart(errors).getXYPlot().getRangeAxis();
        assertInstanceOf(LogValueAxis.class, log);
        assertTrue(((org.jfree.chart.title.TextTitle) chart(errors).getSubtitle(1)).getText().contains("log scale: the largest value is 800× the smallest above 0, and 0 is on the floor (over 10×)"));
        assertTrue(log.getLowerBound() < 0.013 / 4 * 1.2 && log.getUpperBound() > 10.4, log.getRange().toString());
        assertFalse(chart(errorsPanel(0.5, 1, 5)).getXYPlot().getRangeAxis() instanceof LogValueAxis, "5 over 0.5 is not more than 10");
        assertInstanceOf(LogValueAxis.class, chart(errorsPanel(0.5, 1, 5.01)).getXYPlot().getRangeAxis());
        assertFalse(chart(errorsPanel(0, 0, 3)).getXYPlot().getRangeAxis() instanceof LogValueAxis, "one value above 0 spans nothing");
    }

    @Test
    void theTopAxisReadsTheCostPerMonthWhenEveryRunMeasuredAsLong() {
        List<SweepPoint> rows = List.of(point(0, 0.085, 0.255, 1581, 10.4, List.of()), point(1, 0.17, 0.51, 145, 0, List.of()));
        SweepReport.Axes axes = SweepReport.axes(meta(List.of("p99 < 250ms")), rows);
        assertEquals(2190, SweepChart.monthPerRun(rows, axes), 1e-9, "730 hours over a run of 20 measured minutes");
        JFreeChart chart = SweepChart.costAgainstLatency(meta(List.of("p99 < 250ms")), rows, axes);
        NumberAxis run = (NumberAxis) chart.getXYPlot().getDomainAxis(0);
        NumberAxis month = (NumberAxis) chart.getXYPlot().getDomainAxis(1);
        assertEquals(run.getLowerBound() * 2190, month.getLowerBound(), 1e-9);
        assertEquals(run.getUpperBound() * 2190, month.getUpperBound(), 1e-9);
        assertInstanceOf(LogValueAxis.class, chart.getXYPlot().getRangeAxis(), "1581 over 145");

        List<SweepPoint> unequal = List.of(point(0, 0.085, 0.255, 200, 0, List.of()), point(1, 0.2, 0.51, 145, 0, List.of()));
        SweepReport.Axes a = SweepReport.axes(meta(List.of("p99 < 250ms")), unequal);
        assertTrue(Double.isNaN(SweepChart.monthPerRun(unequal, a)));
        assertNull(SweepChart.costAgainstLatency(meta(List.of("p99 < 250ms")), unequal, a).getXYPlot().getDomainAxis(1));
    }

    @Test
    void theFilesCarryTheCostPerMonthAndEachSlosValue() throws Exception {
        Map<String, JsonNode> today = Map.of("components.api.replicas", IntNode.valueOf(4));
        List<SweepPoint> rows = List.of(
                new SweepPoint(0, "today", today, 1, figures(0.085, 0.255, List.of(new Summary.SloResult("p99 < 250ms", 312, false)),
                        List.of(), 312, 0)),
                new SweepPoint(1, "five", Map.of("components.api.replicas", IntNode.valueOf(5)), 1, figures(0.1, 0.3,
                        List.of(new Summary.SloResult("p99 < 250ms", 150, true)), List.of(), 150, 0)));
        SweepResults.Meta meta = new SweepResults.Meta("s", "d.yaml", "p.yaml", 1, 1, 2, List.of("components.api.replicas"),
                List.of("p99 < 250ms"), "f");
        List<Path> written = SweepReport.write(tmp, meta, rows, null);
        assertTrue(written.contains(tmp.resolve("chart-cost-errors.png")) && written.contains(tmp.resolve("chart-cost-errors.svg")));
        List<String> csv = Files.readAllLines(tmp.resolve(SweepReport.RESULTS_CSV));
        assertTrue(csv.get(0).endsWith(",slo: p99 < 250ms,slos_met,unstable,cost_per_month_usd,slo value: p99 < 250ms"), csv.get(0));
        assertTrue(csv.get(1).endsWith(",fail,false,,186.15,312"), csv.get(1));
        JsonNode json = JSON.readTree(tmp.resolve(SweepReport.RESULTS_JSON).toFile());
        assertEquals(219.0, json.at("/rows/1/cost_per_month_usd").asDouble());
        String md = Files.readString(tmp.resolve(SweepReport.MARKDOWN));
        assertTrue(md.contains("| \\# | name | replicas | cost/run USD | cost/month USD | mean ms | p99 ms | errors % | SLOs | Pareto |"),
                md);
        assertTrue(md.contains("| 0 | today | 4 | 0.09 | 186.15 | 30.00 | 312.00 | 0.000 | MISSED p99 &lt; 250ms: 312 ms, +25 % |"), md);
        assertTrue(md.contains("is point 1, five: $0.10 over the run, $219.00 per month, p99 150.00 ms."), md);
    }

    private static SweepPanel errorsPanel(double... errors) {
        List<SweepPoint> rows = new ArrayList<>();
        for (int i = 0; i < errors.length; i++) {
            rows.add(point(i, 0.1 * (i + 1), 0.3 * (i + 1), 100, errors[i], List.of()));
        }
        return SweepPanel.of(List.of(), rows, null).get(0);
    }

    private static JFreeChart chart(SweepPanel p) {
        List<SweepPoint> rows = new ArrayList<>();
        for (int i = 0; i < p.values().length; i++) {
            rows.add(point(i, 0.1 * (i + 1), 0.3 * (i + 1), 100, p.values()[i], List.of()));
        }
        return SweepChart.panel(meta(List.of()), rows, SweepReport.axes(meta(List.of()), rows), p);
    }

    private static SweepResults.Meta meta(List<String> slos) {
        return new SweepResults.Meta("s", "d.yaml", "p.yaml", 1, 1, 1, List.of(), slos, "f");
    }

    private static SweepPoint point(int n, double costUsd, double perHourUsd, double p99, double errorsPct, List<Summary.SloResult> slo) {
        return new SweepPoint(n, "p" + n, Map.of(), 1, figures(costUsd, perHourUsd, slo, List.of(), p99, errorsPct));
    }

    private static Figures figures(double costUsd, double perHourUsd, List<Summary.SloResult> slo, List<String> unstable) {
        return figures(costUsd, perHourUsd, slo, unstable, 100, 0);
    }

    private static Figures figures(double costUsd, double perHourUsd, List<Summary.SloResult> slo, List<String> unstable, double p99,
                                   double errorsPct) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("errors_pct", errorsPct);
        m.put("mean_ms", 30.0);
        m.put("p95_ms", p99 * 0.8);
        m.put("p99_ms", p99);
        m.put("cost_total_usd", costUsd);
        m.put("cost_per_hour_usd", perHourUsd);
        return new Figures(m, null, slo, slo.stream().allMatch(Summary.SloResult::pass), unstable);
    }
}
