package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom advise} end to end on the rightsizing example under a two-minute profile: every option it lists is
 * confirmed by a separate {@code headroom run} of the design with that option written in (same seeds: the same
 * figures), options are ordered by cost among those that meet the SLOs, and an under-provisioned design is told so
 * with options that fix it.
 */
class AdviseCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path profile(Path dir) throws Exception {
        return Files.writeString(dir.resolve("p.yaml"), "name: short\nwarmup: 20s\ninjection:\n"
                + "  - constantUsersPerSec: {rate: 400, during: 2m, randomized: true}\n");
    }

    private static String design() throws Exception {
        return Files.readString(Path.of("..", "examples", "rightsizing.yaml"));
    }

    @Test
    void anOverprovisionedServiceGetsACheaperOptionThatARunConfirms(@TempDir Path dir) throws Exception {
        Path d = Files.writeString(dir.resolve("rightsizing.yaml"), design());
        Path p = profile(dir);
        Path out = dir.resolve("advice");
        var o = RunCommandTest.headroom("advise", d.toString(), "--load", p.toString(), "--types", "c7g.large,c6i.large",
                "--replications", "2", "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode a = JSON.readTree(out.resolve("advice.json").toFile());
        JsonNode f = a.path("findings").get(0);
        assertEquals("api", f.path("component").asText());
        assertEquals("Overprovisioned", f.path("finding").asText(), o.out());
        assertTrue(f.path("findingReasonCodes").toString().contains("CPUOverprovisioned"), f.toString());
        JsonNode options = f.path("recommendationOptions");
        assertTrue(options.size() >= 2, options.toString());
        double previous = 0;
        for (JsonNode opt : options) {
            assertTrue(opt.path("meets_slos").asBoolean(), opt.toString());
            double cost = opt.path("cost_per_month_usd").asDouble();
            assertTrue(cost >= previous, "ordered by cost: " + options);
            previous = cost;
        }
        JsonNode best = options.get(0);
        assertTrue(best.path("cost_per_month_usd").asDouble() < f.path("current").path("cost_per_month_usd").asDouble());
        assertEquals(f.path("current").path("cost_per_month_usd").asDouble() - best.path("cost_per_month_usd").asDouble(),
                best.path("savingsOpportunity").path("estimatedMonthlySavings_usd").asDouble(), 1e-5);
        // every count below the best one's was simulated and missed: it is the fewest of its type
        String type = best.path("instanceType").asText();
        int count = best.path("count").asInt();
        boolean fewerMissed = false;
        for (JsonNode s : f.path("simulated")) {
            if (s.path("instanceType").asText().equals(type) && s.path("count").asInt() == count - 1) {
                fewerMissed = !s.path("meets_slos").asBoolean();
            }
        }
        assertTrue(count == 1 || fewerMissed, "one fewer " + type + " was simulated and missed: " + f.path("simulated"));

        // the cheapest option with half and all of it on spot, every spot instance interrupted about once in the run
        JsonNode spot = f.path("spot");
        assertEquals(2, spot.size(), f.toString());
        assertEquals(50, spot.get(0).path("spot_share_pct").asInt());
        assertEquals(100, spot.get(1).path("spot_share_pct").asInt());
        assertEquals(3600.0 / 120, spot.get(0).path("simulated_interruptions_per_hour").asDouble(), 1e-9);
        for (JsonNode x : spot) {
            assertEquals(type, x.path("instanceType").asText());
            assertEquals(count, x.path("count").asInt());
        }

        // a separate run of the design with the option written in: the same verdict and cost
        String chosen = design().replace("instance: {type: m5.xlarge}", "instance: {type: " + type + "}")
                .replace("replicas: 8", "replicas: " + count);
        Path d2 = Files.writeString(dir.resolve("chosen.yaml"), chosen);
        Path runOut = dir.resolve("run");
        var r = RunCommandTest.headroom("run", d2.toString(), "--load", p.toString(), "--replications", "2", "--out", runOut.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode s = JSON.readTree(runOut.resolve("summary.json").toFile());
        for (JsonNode slo : s.path("slo")) {
            assertTrue(slo.path("pass").asBoolean(), slo.toString());
        }
        assertEquals(best.path("cost_per_month_usd").asDouble(),
                Math.round(s.path("cost").path("per_hour_usd").asDouble() * 1e6) / 1e6 * 730, 1e-4);
        assertEquals(best.path("p99_ms").asDouble(), s.path("overall").path("latency_ms").path("p99").asDouble(), 1e-3);
    }

    @Test
    void anUnderprovisionedServiceIsToldSoWithOptionsThatFixIt(@TempDir Path dir) throws Exception {
        Path d = Files.writeString(dir.resolve("small.yaml"), design().replace("replicas: 8", "replicas: 1"));
        Path p = profile(dir);
        Path out = dir.resolve("advice");
        var o = RunCommandTest.headroom("advise", d.toString(), "--load", p.toString(), "--types", "c7g.large",
                "--replications", "2", "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode f = JSON.readTree(out.resolve("advice.json").toFile()).path("findings").get(0);
        assertEquals("Underprovisioned", f.path("finding").asText());
        assertTrue(f.path("findingReasonCodes").toString().contains("CPUUnderprovisioned"), f.toString());
        assertFalse(f.path("current").path("meets_slos").asBoolean());
        assertTrue(f.path("recommendationOptions").size() >= 1);
        for (JsonNode opt : f.path("recommendationOptions")) {
            assertTrue(opt.path("meets_slos").asBoolean());
            assertTrue(opt.path("count").asInt() > 1 || !opt.path("instanceType").asText().equals("m5.xlarge"), opt.toString());
        }
        assertTrue(o.out().contains("api: Underprovisioned [CPUUnderprovisioned"), o.out());
        assertTrue(Files.readString(out.resolve("report.md")).contains("## api: Underprovisioned"));
        assertTrue(Files.readString(out.resolve("report.html")).contains("data:image/png;base64,"));
        assertTrue(Files.size(out.resolve("chart-advice-api.png")) > 10_000);
    }

    @Test
    void badRequestsAreRefusedWithExitTwo(@TempDir Path dir) throws Exception {
        Path p = profile(dir);
        Path noSlos = Files.writeString(dir.resolve("n.yaml"), design().replace("slos: [\"p99 < 150ms\", \"errors < 0.1%\"]\n", ""));
        var o = RunCommandTest.headroom("advise", noSlos.toString(), "--load", p.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("has no slos"), o.err());
        Path d = Files.writeString(dir.resolve("d.yaml"), design());
        o = RunCommandTest.headroom("advise", d.toString(), "--load", p.toString(), "--types", "c9z.large");
        assertEquals(2, o.status());
        assertTrue(o.err().contains("c9z.large"), o.err());
        o = RunCommandTest.headroom("advise", d.toString(), "--load", p.toString(), "--component", "edge");
        assertEquals(2, o.status());
        assertTrue(o.err().contains("--component edge: not a service with an instance type"), o.err());
    }
}
