package io.headroom.openmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.report.RunReport;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results folder as OpenMetrics, checked against the files it was made from, read here independently
 * (the CSV's cells as text, summary.json as a JSON tree): every non-blank cell of timeseries.csv is exactly
 * one sample at {@code start + t_s} with the same decimal value (a latency's moved three places), and the
 * summary's figures are there at the profile's end.
 */
class RunMetricsTest {
    private static final Path REFERENCE = Path.of("..", "examples", "reference");
    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final long START_MS = START.toEpochMilli();

    /** Samples by family, then by their labels beyond design/profile/seed/run, then by time. */
    private static Map<String, Map<Map<String, String>, Map<Long, String>>> index(List<OpenMetricsGrammar.Sample> samples) {
        Map<String, Map<Map<String, String>, Map<Long, String>>> m = new HashMap<>();
        for (OpenMetricsGrammar.Sample s : samples) {
            Map<String, String> extra = new LinkedHashMap<>(s.labels());
            for (String base : List.of("design", "profile", "seed", "run")) {
                extra.remove(base);
            }
            String before = m.computeIfAbsent(s.name(), k -> new HashMap<>()).computeIfAbsent(extra, k -> new HashMap<>())
                    .put(s.millis(), s.value());
            assertEquals(null, before, "one sample per series and time: " + s);
        }
        return m;
    }

    private static String one(Map<String, Map<Map<String, String>, Map<Long, String>>> idx, String family, Map<String, String> labels,
                              long millis) {
        Map<Long, String> series = idx.getOrDefault(family, Map.of()).get(labels);
        assertTrue(series != null, family + labels + " missing");
        String v = series.get(millis);
        assertTrue(v != null, family + labels + " has no sample at " + millis);
        return v;
    }

    private static void same(String expected, String actual, String what) {
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual)), what + ": " + expected + " vs " + actual);
    }

    @Test
    void everyCellOfTheTimeSeriesIsOneSampleWithItsExactValue() throws Exception {
        for (String run : List.of("run-api-hpa--morning-ramp", "run-global-shop--global-day", "run-k8s-canary--morning-ramp",
                "run-k8s-karpenter--morning-surge", "run-data-tier--orders-ramp", "run-api-fixed--morning-surge")) {
            Path dir = REFERENCE.resolve(run);
            String text = RunMetrics.render(List.of(RunMetrics.Source.of(dir)), START);
            List<OpenMetricsGrammar.Sample> samples = OpenMetricsGrammar.parse(text);
            for (OpenMetricsGrammar.Sample s : samples) {
                assertEquals(List.of("design", "profile", "seed", "run"), List.copyOf(s.labels().keySet()).subList(0, 4), s.toString());
                assertEquals(run, s.labels().get("run"));
                assertTrue(s.name().startsWith("headroom_") && !s.name().equals("headroom_column"), s.name());
            }
            var idx = index(samples);
            List<String> lines = Files.readAllLines(dir.resolve("timeseries.csv"));
            String[] header = lines.get(0).split(",", -1);
            int cells = 0;
            for (String line : lines.subList(1, lines.size())) {
                String[] row = line.split(",", -1);
                long at = START_MS + new BigDecimal(row[0]).movePointRight(3).longValueExact();
                for (int c = 1; c < header.length; c++) {
                    if (row[c].isEmpty()) {
                        continue;
                    }
                    cells++;
                    RunMetrics.Column col = RunMetrics.column(header[c]);
                    Map<String, String> labels = new LinkedHashMap<>();
                    col.labels().forEach(l -> labels.put(l.name(), l.value()));
                    String expected = col.milliseconds() ? new BigDecimal(row[c]).movePointLeft(3).toPlainString() : row[c];
                    same(expected, one(idx, col.family(), labels, at), run + " " + header[c] + " at t_s " + row[0]);
                }
            }
            long seriesSamples = samples.stream().filter(s -> !s.name().startsWith("headroom_run_")).count();
            assertEquals(cells, seriesSamples, run + ": one sample per non-blank cell, nothing else");
        }
    }

    @Test
    void theSummaryFiguresAreThereAtTheProfilesEnd() throws Exception {
        Path dir = REFERENCE.resolve("run-api-hpa--morning-ramp");
        JsonNode j = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        var idx = index(OpenMetricsGrammar.parse(RunMetrics.render(List.of(RunMetrics.Source.of(dir)), START)));
        long end = START_MS + 3_600_000; // simulated_s 3600
        assertEquals(3600.0, j.get("simulated_s").asDouble());
        same(j.get("overall").get("requests").asText(), one(idx, "headroom_run_requests", Map.of(), end), "requests");
        same(j.get("overall").get("throughput_per_s").asText(), one(idx, "headroom_run_throughput", Map.of(), end), "throughput");
        for (String stat : List.of("mean", "p50", "p90", "p95", "p99", "p99_9", "max")) {
            same(new BigDecimal(j.get("overall").get("latency_ms").get(stat).asText()).movePointLeft(3).toPlainString(),
                    one(idx, "headroom_run_latency_seconds", Map.of("stat", stat), end), stat);
            same(new BigDecimal(j.get("endpoints").get("get").get("latency_ms").get(stat).asText()).movePointLeft(3).toPlainString(),
                    one(idx, "headroom_run_endpoint_latency_seconds", Map.of("endpoint", "get", "stat", stat), end), "get " + stat);
        }
        j.get("overall").get("errors").fields().forEachRemaining(e -> same(e.getValue().asText(),
                one(idx, "headroom_run_errors_by_cause", Map.of("cause", e.getKey()), end), e.getKey()));
        JsonNode api = j.get("components").get("api");
        same(api.get("utilisation").asText(), one(idx, "headroom_run_component_utilisation_ratio", Map.of("component", "api"), end), "util");
        same(api.get("instances_peak").asText(), one(idx, "headroom_run_component_instances_peak", Map.of("component", "api"), end), "peak");
        same(new BigDecimal(api.get("instance_hours").asText()).multiply(BigDecimal.valueOf(3600)).toPlainString(),
                one(idx, "headroom_run_component_instance_seconds", Map.of("component", "api"), end), "instance-seconds");
        JsonNode cost = j.get("cost");
        same(cost.get("total_usd").asText(), one(idx, "headroom_run_cost_usd", Map.of(), end), "cost");
        same(cost.get("per_month_usd").asText(), one(idx, "headroom_run_cost_per_month_usd", Map.of(), end), "month");
        same(cost.get("by_component").get("edge").asText(),
                one(idx, "headroom_run_cost_by_component_usd", Map.of("component", "edge"), end), "edge");
        same(cost.get("by_market").get("on-demand").asText(),
                one(idx, "headroom_run_cost_by_market_usd", Map.of("market", "on-demand"), end), "on-demand");
        for (JsonNode slo : j.get("slo")) {
            Map<String, String> l = Map.of("slo", slo.get("expr").asText());
            assertEquals(slo.get("pass").asBoolean() ? "1" : "0", one(idx, "headroom_run_slo_met", l, end));
            same(slo.get("value").asText(), one(idx, "headroom_run_slo_value", l, end), "slo value");
        }
        assertEquals("1", one(idx, "headroom_run_replications", Map.of(), end));
    }

    @Test
    void replicationsGiveTheMeansAndTheirHalfWidths() throws Exception {
        Path dir = REFERENCE.resolve("shop-replicated");
        JsonNode j = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        var idx = index(OpenMetricsGrammar.parse(RunMetrics.render(List.of(RunMetrics.Source.of(dir)), START)));
        long end = START_MS + (long) Math.ceil(j.get("simulated_s").asDouble()) * 1000;
        assertEquals("3", one(idx, "headroom_run_replications", Map.of(), end));
        JsonNode p99 = j.get("ci95").get("overall").get("latency_ms").get("p99");
        same(new BigDecimal(p99.asText()).movePointLeft(3).toPlainString(),
                one(idx, "headroom_run_latency_ci95_seconds", Map.of("stat", "p99"), end), "p99 half-width");
        same(j.get("ci95").get("overall").get("requests").asText(), one(idx, "headroom_run_requests_ci95", Map.of(), end), "requests");
        same(j.get("ci95").get("cost").get("per_month_usd").asText(), one(idx, "headroom_run_cost_per_month_ci95_usd", Map.of(), end), "m");
        same(j.get("overall").get("requests").asText(), one(idx, "headroom_run_requests", Map.of(), end), "mean requests");
        for (JsonNode slo : j.get("slo")) {
            same(slo.get("passed_share").asText(),
                    one(idx, "headroom_run_slo_passed_share_ratio", Map.of("slo", slo.get("expr").asText()), end), "share");
        }
    }

    @Test
    void severalRunsShareFamiliesAndDifferByTheirRunLabel() throws Exception {
        List<RunMetrics.Source> runs = List.of(RunMetrics.Source.of(REFERENCE.resolve("run-api-fixed--morning-ramp")),
                RunMetrics.Source.of(REFERENCE.resolve("run-api-hpa--morning-ramp")), new RunMetrics.Source(REFERENCE.resolve(
                        "run-api-hpa--morning-ramp"), "again"));
        String text = RunMetrics.render(runs, START);
        List<OpenMetricsGrammar.Sample> all = OpenMetricsGrammar.parse(text); // each family once, every series together
        int alone = 0;
        for (RunMetrics.Source s : runs) {
            alone += OpenMetricsGrammar.parse(RunMetrics.render(List.of(s), START)).size();
        }
        assertEquals(alone, all.size());
        assertEquals(1, text.split("# TYPE headroom_arrivals gauge", -1).length - 1);
    }

    @Test
    void aFolderThatIsNoResultIsRefusedWithItsName(@TempDir Path tmp) throws Exception {
        var e = assertThrows(RunReport.BadResults.class, () -> RunMetrics.render(List.of(RunMetrics.Source.of(tmp)), START));
        assertTrue(e.getMessage().contains("summary.json: not found"), e.getMessage());
        Files.copy(REFERENCE.resolve("run-api-hpa--morning-ramp/summary.json"), tmp.resolve("summary.json"));
        Files.writeString(tmp.resolve("timeseries.csv"), "t_s,arrivals\n0,1\nten,2\n");
        e = assertThrows(RunReport.BadResults.class, () -> RunMetrics.render(List.of(RunMetrics.Source.of(tmp)), START));
        assertTrue(e.getMessage().endsWith("timeseries.csv:3: t_s ten is not a number"), e.getMessage());
        Files.writeString(tmp.resolve("timeseries.csv"), "t_s,arrivals\n0,1\n0,2\n");
        e = assertThrows(RunReport.BadResults.class, () -> RunMetrics.render(List.of(RunMetrics.Source.of(tmp)), START));
        assertTrue(e.getMessage().contains("timeseries.csv:3: arrivals: metric headroom_arrivals"), e.getMessage());
        Files.writeString(tmp.resolve("timeseries.csv"), "t_s,arrivals\n0,1,5\n");
        e = assertThrows(RunReport.BadResults.class, () -> RunMetrics.render(List.of(RunMetrics.Source.of(tmp)), START));
        assertTrue(e.getMessage().endsWith("timeseries.csv:2: 3 cells, the header has 2"), e.getMessage());
        Files.writeString(tmp.resolve("timeseries.csv"), "t_s,arrivals\n0,lots\n");
        e = assertThrows(RunReport.BadResults.class, () -> RunMetrics.render(List.of(RunMetrics.Source.of(tmp)), START));
        assertTrue(e.getMessage().endsWith("timeseries.csv:2: arrivals: not a number: lots"), e.getMessage());
    }
}
