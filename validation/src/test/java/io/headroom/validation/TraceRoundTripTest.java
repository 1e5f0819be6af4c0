package io.headroom.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.CallSpec;
import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.design.EndpointSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.validation.compare.Comparison;
import io.headroom.validation.importer.ImportOptions;
import io.headroom.validation.importer.ImportedModel;
import io.headroom.validation.importer.TraceImport;
import io.headroom.validation.traces.TraceFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trace import's round trip, on every build: examples/validation/traced.yaml (three services; the entry's page calls
 * catalog always and reviews with p = 0.4, in parallel) stood up by the testbed with OpenTelemetry tracing, driven by
 * Gatling at rho 0.3 and 0.6 (at catalog, the busiest) for 40 s; the traces it wrote imported by {@code headroom import
 * traces}; the imported design must have the original's structure — the same services, calls and endpoints, parallel
 * calls, the probabilistic call's p within 4 binomial standard errors of 0.4, catalog's 4 workers — and its prediction
 * of what Gatling measured, with the arrivals replayed ({@link Validation#REPLAY_IMPORTED}), must meet the validation's
 * targets (p50, p95 within 5 %, p99 within 10 %, plus the 95 % half-width of the difference; throughput within its
 * noise, no errors). About 60 s of wall time per case (Gatling runs in real time).
 */
class TraceRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "rho = {0}")
    @ValueSource(strings = {"0.3", "0.6"})
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theDesignImportedFromTheTestbedsTracesPredictsIt(String rho) throws Exception {
        var design = DesignReader.read(Path.of("src/test/resources/validation/traced.yaml"));
        var profile = DesignReader.readProfile(Path.of("src/test/resources/validation/traced-rho-" + rho + ".yaml"));
        Path traces = dir.resolve("traces.otlp.jsonl");
        Validation.Result r = Validation.run(design, profile, Validation.Options.DEFAULTS, dir, traces);
        Comparison c = r.comparison(Validation.REPLAY_IMPORTED);
        StringBuilder table = new StringBuilder("rho " + rho + ", " + r.measurement().requests() + " requests measured, overhead "
                + String.format("%.3f ms", r.overheadMs()) + "\n");
        for (Comparison.Row row : c.rows()) {
            table.append(String.format("%-17s measured %8.3f ±%6.3f simulated %8.3f ±%6.3f error %+6.2f%% ±%5.2f %s%n", row.metric(),
                    row.measured(), row.measuredHalfWidth(), row.simulated(), row.simulatedHalfWidth(), row.error(), row.errorHalfWidth(),
                    row.pass() ? "ok" : "MISSED"));
        }
        table.append(java.nio.file.Files.readString(dir.resolve("imported/design.yaml")));
        System.out.print(table);
        assertEquals(0, r.gatlingExit(), "Gatling's exit status");

        // the structure: the same services, endpoints and calls
        Design imported = DesignReader.read(dir.resolve("imported/design.yaml")).design();
        assertEquals("front", imported.entry());
        assertEquals(Set.of("front", "catalog", "reviews"), imported.components().keySet());
        ServiceSpec front = (ServiceSpec) imported.components().get("front");
        EndpointSpec page = front.endpoints().get("page");
        assertTrue(page.parallel(), "parallel calls:\n" + table);
        assertEquals(List.of("catalog", "reviews"), page.calls().stream().map(CallSpec::to).toList());
        assertEquals(List.of("list", "top"), page.calls().stream().map(CallSpec::endpoint).toList());
        assertEquals(1.0, page.calls().get(0).p());
        ImportedModel m = TraceImport.read(List.of(traces), TraceFormat.OTLP_JSON, ImportOptions.DEFAULTS);
        long n = m.services().stream().filter(s -> s.name().equals("front")).findFirst().orElseThrow().endpoints().get(0).executions();
        double p = page.calls().get(1).p();
        assertEquals(0.4, p, 4 * Math.sqrt(0.4 * 0.6 / n), "p of the call to reviews, over " + n + " requests");
        assertEquals(Set.of("list"), ((ServiceSpec) imported.components().get("catalog")).endpoints().keySet());
        assertEquals(Set.of("top"), ((ServiceSpec) imported.components().get("reviews")).endpoints().keySet());
        // a worker holds a server span from taking the request to just before answering: catalog, at rho >= 0.3 with all four
        // busy for about 4 % of arrivals (Erlang C), shows its four; the others are bounds
        assertEquals(4, ((ServiceSpec) imported.components().get("catalog")).concurrency(), "catalog's workers");
        assertTrue(front.concurrency() <= 8, "front's workers");
        assertTrue(((ServiceSpec) imported.components().get("reviews")).concurrency() <= 4, "reviews' workers");
        assertTrue(m.corrections().isEmpty(), "corrections: " + m.corrections());

        // the prediction
        for (String metric : new String[] {"p50_ms", "p95_ms", "p99_ms", "throughput_per_s", "error_rate"}) {
            assertTrue(c.row(metric).pass(), metric + " outside its target plus the noise:\n" + table);
        }
        assertEquals(0.0, c.row("error_rate").measured(), "no request may fail at this load:\n" + table);
    }
}
