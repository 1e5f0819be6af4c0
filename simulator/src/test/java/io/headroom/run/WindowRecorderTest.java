package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.engine.Simulation;
import io.headroom.load.LoadProfile;
import io.headroom.metrics.RequestMetrics;
import io.headroom.metrics.SeriesSink;
import io.headroom.model.Model;
import io.headroom.model.ModelBuilder;
import io.headroom.random.RandomStreams;
import io.headroom.request.ErrorCause;
import io.headroom.request.Requests;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Time-series rows written as windows close, on a model with no load and metrics fed by hand. */
class WindowRecorderTest {
    private static final long S = 1_000_000_000L;
    private static final String DESIGN = """
            name: w
            entry: api
            components:
              api:
                type: service
                instance: {type: c6i.large}
                replicas: 2
                concurrency: 4
                endpoints:
                  browse: {demand: {dist: constant, value: 1ms}}
            """;
    private static final String PROFILE = """
            name: p
            injection:
              - constantUsersPerSec: {rate: 1, during: 20s}
            """;

    /** Keeps what it is given. */
    private static final class Sink implements SeriesSink {
        List<String> columns;
        final List<double[]> rows = new ArrayList<>();

        @Override
        public void columns(List<String> columns) {
            this.columns = columns;
        }

        @Override
        public void row(double[] values) {
            rows.add(values.clone());
        }
    }

    @Test
    void aRowHoldsWhatHappenedInsideItsWindow() throws Exception {
        Design design = DesignReader.read(YamlDocument.parse(Path.of("w.yaml"), "w.yaml", DESIGN)).design();
        LoadProfile profile = LoadProfile.read(YamlDocument.parse(Path.of("p.yaml"), "p.yaml", PROFILE));
        Simulation sim = new Simulation();
        Model model = ModelBuilder.build(design, Path.of("."), profile, new RandomStreams(1), sim, new Requests(16, 100));
        RequestMetrics metrics = new RequestMetrics(new String[] {"browse"});
        Sink sink = new Sink();
        WindowRecorder windows = new WindowRecorder(metrics, model.units(), model.cacheStations(), model.ledger(), 20 * S, sink, null, java.util.Map.of());

        List<String> expected = new ArrayList<>(List.of("t_s", "arrivals", "completions", "errors"));
        for (ErrorCause c : ErrorCause.all()) {
            expected.add("errors." + c.key());
        }
        expected.addAll(List.of("p50_ms", "p95_ms", "p99_ms", "api.instances", "api.utilisation", "api.cpu", "api.queue",
                "cost_usd_per_hour", "window_s"));
        assertEquals(expected, sink.columns);

        model.start(null); // both instances ready (no startup time) and billed from 0
        for (int i = 0; i < 3; i++) {
            metrics.arrival(0, true);
        }
        metrics.completed(0, true, true, 5_000_000);
        metrics.completed(0, true, true, 5_000_000);
        metrics.failed(0, true, ErrorCause.TIMEOUT);
        sim.advanceTo(10 * S);
        windows.windowClosed(0, 10 * S);

        double[] row = sink.rows.get(0);
        assertEquals(0, row[col(sink, "t_s")]);
        assertEquals(3, row[col(sink, "arrivals")]);
        assertEquals(2, row[col(sink, "completions")]);
        assertEquals(1, row[col(sink, "errors")]);
        assertEquals(1, row[col(sink, "errors.timeout")]);
        assertEquals(0, row[col(sink, "errors.rejected")]);
        // HdrHistogram's highest equivalent value at 2 significant digits: 5 ms reads back within 1/128 above
        double p50 = row[col(sink, "p50_ms")];
        assertTrue(p50 >= 5 && p50 < 5 * (1 + 1.0 / 128), "p50 " + p50);
        assertEquals(p50, row[col(sink, "p99_ms")]);
        assertEquals(2, row[col(sink, "api.instances")], 1e-12);
        assertEquals(0, row[col(sink, "api.utilisation")]);
        assertEquals(0, row[col(sink, "api.queue")]);
        double hourly = PriceCatalogue.defaultCatalogue().find("c6i.large").orElseThrow().onDemandUsdPerHour();
        assertEquals(2 * hourly, row[col(sink, "cost_usd_per_hour")], 1e-9);
        assertEquals(10, row[col(sink, "window_s")]);

        // the next window starts empty; one after the horizon carries no cost
        sim.advanceTo(25 * S);
        windows.windowClosed(10 * S, 20 * S);
        windows.windowClosed(20 * S, 25 * S);
        double[] after = sink.rows.get(2);
        assertEquals(0, sink.rows.get(1)[col(sink, "arrivals")]);
        assertEquals(0, sink.rows.get(1)[col(sink, "errors")]);
        assertEquals(20, after[col(sink, "t_s")]);
        assertEquals(2, after[col(sink, "api.instances")], 1e-12);
        assertTrue(Double.isNaN(after[col(sink, "cost_usd_per_hour")]));
        assertEquals(5, after[col(sink, "window_s")]);
    }

    private static int col(Sink sink, String name) {
        int i = sink.columns.indexOf(name);
        assertTrue(i >= 0, name);
        return i;
    }
}
