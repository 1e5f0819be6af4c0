package io.headroom.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.request.ErrorCause;
import io.headroom.result.Summary;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The self-checks in {@code summary.json}: one run's read back to the same bytes with its figures
 * typed; over replications they pass only when every replication's did, and say how many failed
 * and what, each failure naming its replication (also among the warnings).
 */
class ChecksSummaryTest {
    private static String run(boolean passed, String failure) {
        String failures = passed ? "[]" : "[\"" + failure + "\"]";
        String warnings = passed ? "[]" : "[\"SELF-CHECK FAILED: " + failure + " — a bug of the simulator: these results cannot be trusted\"]";
        return """
                {"schema_version": 1, "design": "d", "profile": "p", "seed": 1, "overall": {"requests": 10}, "warnings": %s,
                 "checks": {"passed": %s, "failures": %s,
                  "conservation": {"overall": {"arrived": 10, "completed": 8, "errors": {"rejected": 0, "timeout": 1, "circuit_open": 0,
                     "bulkhead": 0, "dependency": 0, "instance_lost": 0, "failed": 0}, "in_flight": 1},
                   "components": {"api": {"arrived": 12, "completed": 9, "passed_on": 1, "errors": {"rejected": 1, "timeout": 1,
                     "circuit_open": 0, "bulkhead": 0, "dependency": 0, "instance_lost": 0, "failed": 0}, "in_flight": 0}}},
                  "littles_law": {"tolerance": 1e-09, "overall": {"integral": 1071.837380696, "sum": 1071.837380696, "relative_error": 0.0},
                   "components": {"api": {"integral": 247.5, "sum": 247.5000001, "relative_error": 4.04e-10}}}}}
                """.formatted(warnings, passed, failures);
    }

    @Test
    void oneRunsChecksReadBackToTheSameBytes() throws Exception {
        String text = SummaryJson.render(SummaryJson.parse(run(true, null)));
        Summary s = SummaryJson.parse(text);
        assertEquals(text, SummaryJson.render(s));
        Summary.Checks c = s.checks();
        assertTrue(c.passed());
        assertNull(c.replicationsFailed());
        assertEquals(10, c.overall().arrived());
        assertTrue(Double.isNaN(c.overall().passedOn()), "the load passes nothing on");
        assertEquals(1, c.overall().errors().get(ErrorCause.TIMEOUT));
        assertEquals(1, c.components().get("api").passedOn());
        assertEquals(4.04e-10, c.componentLittle().get("api").relativeError());
        assertEquals(1071.837380696, c.overallLittle().integral());
        assertTrue(text.contains("\"tolerance\" : 1.0E-9") || text.contains("\"tolerance\" : 1e-09") || text.contains("1.0E-9"), text);
    }

    @Test
    void replicationsPassOnlyWhenEveryOneDid() throws Exception {
        Summary a = SummaryJson.parse(run(true, null));
        Summary b = SummaryJson.parse(run(false, "conservation, overall: 10 requests sent but 8 completed + 1 errors + 0 in flight"));
        Summary combined = ReplicatedSummary.combine(List.of(a, b, a));
        Summary.Checks c = combined.checks();
        assertFalse(c.passed());
        assertEquals(1, c.replicationsFailed());
        assertEquals(List.of("replication 2: conservation, overall: 10 requests sent but 8 completed + 1 errors + 0 in flight"),
                c.failures());
        assertNull(c.overall(), "no mean of a law");
        assertTrue(combined.warnings().contains("SELF-CHECK FAILED: replication 2: conservation, overall: 10 requests sent but 8"
                + " completed + 1 errors + 0 in flight — a bug of the simulator: these results cannot be trusted"), combined.warnings().toString());
        assertEquals(1, combined.warnings().size(), combined.warnings().toString());
        String text = SummaryJson.render(combined);
        assertEquals(text, SummaryJson.render(SummaryJson.parse(text)));
        assertTrue(ReplicatedSummary.combine(List.of(a, a)).checks().passed());
        assertEquals(0, ReplicatedSummary.combine(List.of(a, a)).checks().replicationsFailed());
    }

    @Test
    void aSweepRowCarriesFailedChecksAndItsJsonSaysSoOnlyThen() throws Exception {
        String failure = "conservation, overall: 10 requests sent but 8 completed + 1 errors + 0 in flight";
        var failed = io.headroom.experiment.SweepRow.figures(ReplicatedSummary.combine(
                List.of(SummaryJson.parse(run(true, null)), SummaryJson.parse(run(false, failure)))));
        assertEquals(List.of("replication 2: " + failure), failed.selfCheckFailures());
        var sound = io.headroom.experiment.SweepRow.figures(SummaryJson.parse(run(true, null)));
        assertEquals(List.of(), sound.selfCheckFailures());
        var point = new io.headroom.result.SweepPoint(1, "p", new java.util.LinkedHashMap<>(), 2, failed);
        var json = io.headroom.result.SweepCodec.write(point);
        assertEquals("replication 2: " + failure, json.findValue("self_check_failures").get(0).asText());
        assertEquals(failed.selfCheckFailures(), io.headroom.result.SweepCodec.readPoint(json).figures().selfCheckFailures());
        var soundJson = io.headroom.result.SweepCodec.write(new io.headroom.result.SweepPoint(1, "p", new java.util.LinkedHashMap<>(), 1, sound));
        assertNull(soundJson.findValue("self_check_failures"), "a sound row's results are as before: no key");
    }
}
