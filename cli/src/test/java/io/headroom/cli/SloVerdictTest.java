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

/** The verdicts a reviewer reads, end to end from the command line. */
class SloVerdictTest {

    /**
     * Eight steady hours of M/M/4 at utilisation 0.625 (p99 about 0.6 s) with a 2-minute step to 43/s, above the
     * 40/s the four workers can serve: the queue grows to a few hundred and latency to seconds. Those requests
     * are under 1 % of the day, so the whole-run p99 passes; every 5-minute window that holds the step fails.
     */
    @Test
    void aTwoMinuteOverloadFailsTheWindowedSloAndIsReportedAsAnIncident(@TempDir Path tmp) throws Exception {
        Path design = tmp.resolve("d.yaml");
        Files.writeString(design, String.join("\n", "name: step-overload", "entry: api",
                "slos: [\"p99 < 1s\", \"p99 < 1s over 5m\"]", "components:", "  api:", "    type: service", "    concurrency: 4",
                "    endpoints:", "      default: {demand: {dist: exponential, mean: 100ms}}", ""));
        Path profile = tmp.resolve("p.yaml");
        Files.writeString(profile, String.join("\n", "name: steady-with-step", "warmup: 60s", "injection:",
                "  - constantUsersPerSec: {rate: 25, during: 14400s, randomized: true}",
                "  - constantUsersPerSec: {rate: 43, during: 120s, randomized: true}",
                "  - constantUsersPerSec: {rate: 25, during: 14280s, randomized: true}", ""));
        var gated = RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", tmp.resolve("a").toString(),
                "--fail-on-slo");
        assertEquals(3, gated.status(), gated.err());
        JsonNode s = new ObjectMapper().readTree(tmp.resolve("a").resolve("summary.json").toFile());
        JsonNode whole = s.at("/slo/0");
        assertTrue(whole.get("pass").asBoolean(), "whole-run p99 " + whole.get("value"));
        JsonNode windowed = s.at("/slo/1");
        assertFalse(windowed.get("pass").asBoolean());
        assertEquals(300.0, windowed.get("window_s").asDouble());
        assertEquals((28_800 - 60) / 10 - 29, windowed.get("windows_judged").asLong(), "every 5-minute window of 10-second steps");
        double worstStart = windowed.get("worst_window_start_s").asDouble();
        assertTrue(worstStart > 14_400 - 300 && worstStart < 14_520, "the worst window holds the step: " + worstStart);
        assertTrue(windowed.get("worst_value").asDouble() > 5_000, windowed.toString());
        assertEquals(1, s.get("incidents").size(), s.get("incidents").toString());
        JsonNode incident = s.at("/incidents/0");
        assertEquals("p99 < 1s over 5m", incident.get("slo").asText());
        assertTrue(Math.abs(incident.get("start_s").asDouble() - 14_400) <= 10, "starts within a step of the overload: " + incident);
        double end = incident.get("end_s").asDouble();
        assertTrue(end >= 14_520 && end <= 14_520 + 300, "ends within a window of the overload's end (the queue drains): " + end);
        assertTrue(incident.at("/causes/0").asText().startsWith("api saturated"), incident.toString());
        assertTrue(gated.out().contains("INCIDENT " + incident.get("start_s").asLong() + "–"), gated.out());
        assertTrue(gated.out().contains("SLO p99 < 1s over 5m: worst 5 min window"), gated.out());
        var plain = RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", tmp.resolve("b").toString());
        assertEquals(0, plain.status(), "without --fail-on-slo a missed SLO is reported, not an error");
    }

    /**
     * A service that never queues (1,000 workers) with exponential service of mean 100 ms: a request is slower than
     * 300 ms with probability e^-3 = 4.979 %. Against a 99.9 % target that is a burn rate of 49.8, so the budget
     * spent is 49.8 and every evaluable rule fires as soon as its long window is full: 14.4× over 1 h at
     * 60 + 3,600 s, 6× over 6 h at 60 + 21,600 s, both still firing at the end; 3 d is longer than the run.
     */
    @Test
    void errorBudgetAndBurnRateAlertsMatchTheirHandComputation(@TempDir Path tmp) throws Exception {
        Path design = tmp.resolve("d.yaml");
        Files.writeString(design, String.join("\n", "name: budget", "entry: api",
                "slos:", "  - {name: fast, good: \"latency < 300ms\", target: 99.9%, period: 30d}", "components:", "  api:",
                "    type: service", "    concurrency: 1000",
                "    endpoints:", "      default: {demand: {dist: exponential, mean: 100ms}}", ""));
        Path profile = tmp.resolve("p.yaml");
        Files.writeString(profile, String.join("\n", "name: seven-hours", "warmup: 60s", "injection:",
                "  - constantUsersPerSec: {rate: 20, during: 25260s, randomized: true}", ""));
        var o = RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", tmp.resolve("a").toString());
        assertEquals(0, o.status(), o.err());
        JsonNode b = new ObjectMapper().readTree(tmp.resolve("a").resolve("summary.json").toFile()).at("/slo/0");
        long events = b.get("events").asLong();
        double p = Math.exp(-3);
        double se = Math.sqrt(p * (1 - p) / events);
        assertTrue(Math.abs(events - 20 * 25_200) < 4 * Math.sqrt(20 * 25_200), "Poisson count of events: " + events);
        assertEquals(1 - p, b.get("good_fraction").asDouble(), 4 * se, b.toString());
        assertEquals(p / 0.001, b.get("budget_spent").asDouble(), 4 * se / 0.001, b.toString());
        assertFalse(b.get("pass").asBoolean());
        assertEquals(2, b.get("alerts").size(), b.toString());
        assertEquals("page: burn rate 14.4 over 1h and 5m", b.at("/alerts/0/rule").asText());
        assertEquals(3_660.0, b.at("/alerts/0/fired_at_s").asDouble());
        assertTrue(b.at("/alerts/0/resolved_at_s").isNull(), "still firing at the end");
        assertEquals("page: burn rate 6 over 6h and 30m", b.at("/alerts/1/rule").asText());
        assertEquals(21_660.0, b.at("/alerts/1/fired_at_s").asDouble());
        assertEquals("not_evaluable", b.at("/rules/2/status").asText());
        assertTrue(o.out().contains("alert page: burn rate 14.4 over 1h and 5m fired at"), o.out());
    }
}
