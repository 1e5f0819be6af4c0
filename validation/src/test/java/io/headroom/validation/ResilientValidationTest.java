package io.headroom.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DesignReader;
import io.headroom.design.ServiceSpec;
import io.headroom.design.resilience.RetryPolicy;
import io.headroom.validation.compare.Comparison;
import io.headroom.validation.compare.Replay;
import io.headroom.validation.compare.ResilienceComparison;
import io.headroom.validation.compare.SimulatedRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries and a circuit breaker against a failing dependency, in real time: the testbed's call guarded by
 * Resilience4j (examples/validation/resilient.yaml: a fifth of the backend's answers fail; the breaker, 50 % over 10
 * calls, opens for 1 s, 3 probes), 40 requests/s for 15 s (3 s warm-up), against the simulator's breaker under the
 * arrivals Gatling made. The breaker must have opened, retries must have been made, and every count — attempts per
 * request, attempts that reached the backend, breaker refusals, failures by cause — must lie where one run of the
 * model lands: within its replications' spread (a count's at least Poisson's), at a level that keeps the whole family of figures at 1 % false
 * alarms (Bonferroni: each figure at 1 − 0.01 / figures, about ±3.2 standard deviations of one run). The same
 * measurement against a model that ignores the retries, and against one without the breaker, must fall outside. (A
 * breaker open 500 ms instead of 1 s is beyond what 12 s of counts can tell reliably: one run's breaker counts
 * scatter by ±20–30 %; the 2-minute run of docs/validation.md is the place for that.) About 30 s of wall time.
 */
class ResilientValidationTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theBreakerAndTheRetriesAreTheSimulators() throws Exception {
        var design = DesignReader.read(Path.of("src/test/resources/validation/resilient.yaml"));
        var profile = DesignReader.readProfile(Path.of("src/test/resources/validation/resilient-15s.yaml"));
        Validation.Result r = Validation.run(design, profile, Validation.Options.DEFAULTS, dir);
        assertEquals(0, r.gatlingExit(), "Gatling's exit status");
        List<ResilienceComparison.Row> rows = read(dir.resolve("resilience.csv"));
        String table = String.join("\n", ResilienceComparison.lines(rows, Validation.REPLAY_CALIBRATED));
        System.out.println(table);
        Map<String, ResilienceComparison.Row> byName = new LinkedHashMap<>();
        rows.forEach(x -> byName.put(x.figure(), x));
        assertTrue(byName.get("api calls not permitted (whole run)").measured() > 50, "the breaker opened:\n" + table);
        assertTrue(byName.get("requests failed circuit_open").measured() > 10, "requests failed fast:\n" + table);
        assertTrue(byName.get("call attempts per request").measured() > 1.2, "retries were made:\n" + table);
        List<String> calls = Files.readAllLines(dir.resolve("calls.csv"));
        assertEquals("caller,endpoint,call,callee,attempt,start_ms,end_ms,outcome,request_id", calls.get(0));
        assertEquals(byName.get("api calls not permitted (whole run)").measured(),
                calls.stream().filter(l -> l.contains(",circuit_open,")).count(), "every refusal is a row of calls.csv");
        int replications = r.comparison(Validation.REPLAY_CALIBRATED).replications();
        for (ResilienceComparison.Row row : rows) {
            double allowed = tolerance(row, replications, rows.size());
            assertTrue(Math.abs(row.measured() - row.simulated()) <= allowed,
                    row.figure() + " further than " + allowed + " from the simulated:\n" + table);
        }
        // latency: the usual rule (target plus the run's noise) at the median
        Comparison c = r.comparison(Validation.REPLAY_CALIBRATED);
        assertTrue(c.row("p50_ms").pass(), "p50: " + c.row("p50_ms"));

        // wrong models of the same run, each of which must fall outside: one that ignores the retries, one without the breaker
        var p = profile.profile();
        var replay = Replay.of(r.requests(), p, r.endS());
        var call = ((ServiceSpec) design.design().components().get("api")).endpoints().get("get").calls().get(0);
        Map<String, io.headroom.design.Design> wrong = new LinkedHashMap<>();
        wrong.put("no retries", withCall(design.design(), new io.headroom.design.CallSpec(call.to(), call.endpoint(), call.p(),
                call.write(), call.latency(), call.timeout(), call.cancelOnTimeout(), RetryPolicy.NONE, call.circuitBreaker(), call.bulkhead())));
        wrong.put("no circuit breaker", withCall(design.design(), new io.headroom.design.CallSpec(call.to(), call.endpoint(), call.p(),
                call.write(), call.latency(), call.timeout(), call.cancelOnTimeout(), call.retries(), null, call.bulkhead())));
        for (var w : wrong.entrySet()) {
            var sims = SimulatedRuns.run(w.getValue(), design.baseDir(), replay, profile.baseDir(), 1, replications, Duration.ofSeconds(10))
                    .results();
            List<String> lines = ResilienceComparison.lines(ResilienceComparison.against(rows, w.getValue(), sims), w.getKey());
            System.out.println(String.join("\n", lines));
            assertTrue(ResilienceComparison.against(rows, w.getValue(), sims).stream()
                    .anyMatch(x -> Math.abs(x.measured() - x.simulated()) > tolerance(x, replications, rows.size())),
                    "a model with " + w.getKey() + " must be told apart:\n" + String.join("\n", lines));
        }
    }

    /**
     * ±z · one run's standard deviation (the row's 95 % half-width over its t quantile: a count's at least Poisson's),
     * z for a two-sided 1 % family error over {@code figures} figures.
     */
    private static double tolerance(ResilienceComparison.Row row, int replications, int figures) {
        double t = new TDistribution(replications - 1).inverseCumulativeProbability(0.975);
        double sdOneRun = row.runHalfWidth() / t;
        double z = new NormalDistribution().inverseCumulativeProbability(1 - 0.01 / figures / 2);
        return z * sdOneRun;
    }

    /** {@code d} with api.get's call replaced by {@code changed}. */
    private static io.headroom.design.Design withCall(io.headroom.design.Design d, io.headroom.design.CallSpec changed) {
        Map<String, io.headroom.design.ComponentSpec> components = new LinkedHashMap<>(d.components());
        ServiceSpec api = (ServiceSpec) components.get("api");
        var ep = api.endpoints().get("get");
        var endpoints = new LinkedHashMap<>(api.endpoints());
        endpoints.put("get", new io.headroom.design.EndpointSpec(ep.demand(), ep.offCpu(), List.of(changed), ep.parallel(), ep.quorum(),
                ep.async(), ep.errorRate()));
        components.put("api", new ServiceSpec(api.description(), api.replicas(), api.dispatch(), api.concurrency(), api.cores(), api.queue(),
                endpoints, api.startup(), api.readinessDelay(), api.drainTimeout(), api.failures(), api.instance(), api.autoscaling(),
                api.cpuRequest()));
        return new io.headroom.design.Design(d.name(), d.description(), d.entry(), d.slos(), components, d.network());
    }

    private static List<ResilienceComparison.Row> read(Path csv) throws Exception {
        List<ResilienceComparison.Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] f = line.split(",");
            rows.add(new ResilienceComparison.Row(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
        }
        return rows;
    }
}
