package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of the README: under the morning ramp (60 → 480 requests/s) the HPA-scaled API keeps
 * its p99 inside the 250 ms SLO while the fixed one, sized for 240 requests/s, does not; the HPA
 * settles where the CPU target puts it, and the bill is the catalogue's price times the hours.
 */
class AutoscalingExampleTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    private static JsonNode run(String design, Path out) throws Exception {
        var o = RunCommandTest.headroom("run", EXAMPLES.resolve(design).toString(), "--load",
                EXAMPLES.resolve("profiles/morning-ramp.yaml").toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void theAutoscaledApiMeetsItsSloAndTheFixedOneDoesNot(@TempDir Path tmp) throws Exception {
        JsonNode hpa = run("api-hpa.yaml", tmp.resolve("hpa"));
        JsonNode fixed = run("api-fixed.yaml", tmp.resolve("fixed"));
        assertTrue(hpa.path("slo").get(0).path("pass").asBoolean(), hpa.path("slo").toString());
        assertTrue(hpa.path("slo").get(1).path("pass").asBoolean(), hpa.path("slo").toString());
        assertTrue(!fixed.path("slo").get(0).path("pass").asBoolean(), fixed.path("slo").toString());
        assertTrue(fixed.path("overall").path("latency_ms").path("p99").asDouble() > 1000, "the fixed fleet is overloaded at 480/s");

        // 480 requests/s × 20 ms of CPU = 9.6 vCPU-seconds a second of work at one thread's speed. A c6i.large's two vCPUs
        // are hyperthreads of one core: a busy vCPU does 1 of that work alone and 0.625 beside a busy sibling, so the busy
        // vCPUs (the HPA's CPU metric) are between 9.6 and 9.6 / 0.625 = 15.36. The HPA holds a count once the metric is
        // within its 10 % tolerance of the 0.6 target (0.54 to 0.66 of 2 vCPUs each): between 9.6 / 1.32 = 7.3 and
        // 15.36 / 1.08 = 14.2 instances. Least-outstanding dispatch keeps few instances with one request alone: it holds 10.
        JsonNode api = hpa.path("components").path("api");
        int plateau = api.path("instances_peak").asInt();
        assertTrue(plateau >= 8 && plateau <= 14, "between the hyperthreads' bounds: " + plateau);
        assertEquals(10, plateau);
        List<String> rows = Files.readAllLines(tmp.resolve("hpa/timeseries.csv"));
        List<String> h = List.of(rows.get(0).split(","));
        double busy = 0;
        int windows = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] v = row.split(",");
            double t = Double.parseDouble(v[h.indexOf("t_s")]);
            if (t >= 1800 && t < 2700) { // the plateau's last 15 minutes
                assertEquals(plateau, Double.parseDouble(v[h.indexOf("api.instances")]), 1e-9, "at " + t + " s");
                busy += Double.parseDouble(v[h.indexOf("api.cpu")]);
                windows++;
                assertEquals(plateau * 0.085 + 0.0225, Double.parseDouble(v[h.indexOf("cost_usd_per_hour")]), 1e-9);
            }
        }
        // held: the mean metric over the plateau is within the HPA's tolerance of its target
        assertEquals(0.6, busy / windows, 0.06, "the HPA's equilibrium");
        // and more than the work alone would keep busy (9.6 / 20 vCPUs = 0.48): the hyperthreads' cost
        assertTrue(busy / windows > 9.6 / (2 * plateau) + 0.05, "hyperthreads slow each other: " + busy / windows);
        assertTrue(api.path("scale_ins").asInt() >= 1, "scales back in after the peak");

        // the fixed fleet's bill: 4 c6i.large at $0.085/h and one balancer hour at $0.0225, for exactly one hour
        JsonNode cost = fixed.path("cost");
        assertEquals(4 * 0.085 + 0.0225, cost.path("total_usd").asDouble(), 1e-9);
        assertEquals(4.0, fixed.path("components").path("api").path("instance_hours").asDouble(), 1e-9);
        assertEquals(4 * 0.085, cost.path("by_market").path("on-demand").asDouble(), 1e-9);
        double hpaCost = hpa.path("cost").path("total_usd").asDouble();
        // what the HPA's instances cost is the catalogue price times their instance-hours (plus the launches' rounding up)
        double hours = api.path("instance_hours").asDouble();
        assertEquals(hours * 0.085 + 0.0225, hpaCost, 0.085 * 60 / 3600.0 * api.path("launches").asInt() + 1e-9);
    }
}
