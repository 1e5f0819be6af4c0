package io.headroom.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.result.Summary;
import io.headroom.result.SummaryCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report's charts are pure functions of the results: drawn concurrently, in any order and on any thread, beside
 * {@link RunReport#prewarm}'s charts or not, they give the bytes of the same charts drawn one after another.
 */
class ChartDeterminismTest {
    /** Rounds of concurrent drawing; each draws every chart twice at once, 10 charts on 10 threads. */
    private static final int ROUNDS = 3;

    /** Two tiers over 8 minutes in 10 s windows: instances, utilisation, cpu, cost, and windows without completions. */
    private static Path results(Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("t_s,arrivals,completions,errors,p50_ms,p95_ms,p99_ms,web.instances,web.utilisation,"
                + "web.cpu,db.instances,db.utilisation,db.cpu,cost_usd_per_hour,window_s\n");
        for (int row = 0; row < 48; row++) {
            boolean gap = row % 17 == 5;
            csv.append(row * 10).append(',').append(4000 + 37 * (row % 7)).append(',').append(gap ? 0 : 3990 + 41 * (row % 5))
                    .append(',').append(row % 11 == 3 ? 12 : 0).append(',')
                    .append(gap ? "" : 29.5 + 0.25 * (row % 4)).append(',').append(gap ? "" : 94.0 + row % 9).append(',')
                    .append(gap ? "" : 140.0 + 3 * (row % 8)).append(',').append(row < 20 ? 2 : 3).append(',')
                    .append(0.4 + 0.01 * (row % 13)).append(',').append(0.55 + 0.02 * (row % 6)).append(",1,")
                    .append(0.7 - 0.01 * (row % 10)).append(',').append(0.3).append(',').append(row < 20 ? 0.25 : 0.34).append(",10\n");
        }
        Files.writeString(dir.resolve(RunReport.TIMESERIES), csv);
        Files.writeString(dir.resolve(RunReport.SUMMARY), """
                {"design": "shop", "profile": "steady", "seed": 1, "simulated_s": 480, "warmup_s": 10, "drained_s": 0.1,
                 "overall": {"requests": 1920000, "completed": 1919000, "throughput_per_s": 4000,
                   "latency_ms": {"mean": 40, "p50": 29.6, "p90": 80, "p95": 95.2, "p99": 148.1, "p99_9": 310, "max": 900}},
                 "endpoints": {
                   "browse": {"requests": 1728000, "latency_ms": {"p50": 25, "p90": 60, "p95": 80, "p99": 120, "p99_9": 250}},
                   "checkout": {"requests": 192000, "latency_ms": {"p50": 60, "p90": 140, "p95": 170, "p99": 260, "p99_9": 480}}},
                 "cost": {"total_usd": 0.0453, "per_hour_usd": 0.34, "per_million_requests_usd": 0.2411, "idle_usd": 0.016},
                 "incidents": [{"start_s": 200, "end_s": 260, "slo": "p99 < 145 ms", "worst_value": 161, "causes": ["db busy"]}]}
                """);
        return dir;
    }

    private record Drawn(byte[] png, String svg) {
    }

    /** The report's charts, as {@link RunReport#write} builds them: the time charts marked with the incidents. */
    private static List<Callable<JFreeChart>> charts(Path dir) throws Exception {
        Summary summary = SummaryCodec.read(new ObjectMapper().readTree(dir.resolve(RunReport.SUMMARY).toFile()));
        RunReport.Series s = RunReport.Series.read(dir.resolve(RunReport.TIMESERIES)).coarsened(RunReport.MAX_CHART_WINDOWS);
        double w = summary.run().warmupS();
        java.util.function.UnaryOperator<JFreeChart> marked = c -> ChartStyle.incidents(c, s.endS(), summary.incidents());
        return List.of(
                () -> marked.apply(RunCharts.load(s, "shop", "steady", w)),
                () -> marked.apply(RunCharts.latency(s, "shop", "steady", w)),
                () -> marked.apply(RunCharts.utilisation(s, "shop", "steady", w)),
                () -> RunCharts.latencyPercentiles(summary, "shop", "steady"),
                () -> marked.apply(RunCharts.cost(s, summary, "shop", "steady", w)));
    }

    private static Drawn draw(Callable<JFreeChart> chart) throws Exception {
        JFreeChart c = chart.call();
        return new Drawn(ChartFiles.png(c, RunCharts.WIDTH, RunCharts.HEIGHT), ChartFiles.svg(c, RunCharts.WIDTH, RunCharts.HEIGHT));
    }

    @Test
    void chartsDrawnConcurrentlyGiveTheBytesOfChartsDrawnOneAfterAnother(@TempDir Path tmp) throws Exception {
        List<Callable<JFreeChart>> charts = charts(results(tmp));
        List<Drawn> alone = new ArrayList<>();
        for (Callable<JFreeChart> c : charts) {
            alone.add(draw(c));
        }
        int n = 2 * charts.size();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier start = new CyclicBarrier(n);
                List<Future<Drawn>> drawn = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    // each round starts the charts in another order, so each is drawn beside different ones
                    Callable<JFreeChart> c = charts.get((i * (round + 1) + round) % charts.size());
                    drawn.add(pool.submit(() -> {
                        start.await(60, TimeUnit.SECONDS);
                        return draw(c);
                    }));
                }
                for (int i = 0; i < n; i++) {
                    int k = (i * (round + 1) + round) % charts.size();
                    Drawn d = drawn.get(i).get(120, TimeUnit.SECONDS);
                    assertArrayEquals(alone.get(k).png(), d.png(), "PNG of chart " + k + ", round " + round + ", thread " + i);
                    assertEquals(alone.get(k).svg(), d.svg(), "SVG of chart " + k + ", round " + round + ", thread " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReportWrittenWhileTheChartMachineryLoadsWaitsForItAndWritesTheSameBytes(@TempDir Path tmp) throws Exception {
        Path first = results(Files.createDirectories(tmp.resolve("first")));
        Path second = results(Files.createDirectories(tmp.resolve("second")));
        RunReport.prewarm();
        RunReport.write(first);
        assertFalse(RunReport.prewarming(), "the report waited for the throwaway charts before drawing its own");
        RunReport.write(second);
        for (String name : RunReport.CHARTS) {
            assertArrayEquals(Files.readAllBytes(second.resolve(name)), Files.readAllBytes(first.resolve(name)), name);
        }
        assertEquals(Files.readString(second.resolve(RunReport.HTML)), Files.readString(first.resolve(RunReport.HTML)));
    }
}
