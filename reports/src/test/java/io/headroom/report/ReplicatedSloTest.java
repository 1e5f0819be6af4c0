package io.headroom.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.result.Summary;
import io.headroom.result.SummaryCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How SLO verdicts combine over replications. */
class ReplicatedSloTest {
    private static Summary replication(boolean windowPass, double windowWorst, double p99, String incidentsJson) throws Exception {
        String json = """
                {"schema_version": 1, "design": "d", "profile": "p", "seed": 1,
                 "overall": {"requests": 1000, "latency_ms": {"p99": %s}},
                 "slo": [{"expr": "p99 < 250ms", "value": %s, "pass": %s},
                         {"expr": "p99 < 250ms over 5m", "value": %s, "pass": %s, "window_s": 300.0, "windows_judged": 100,
                          "worst_window_start_s": 600.0, "worst_value": %s, "violating_windows": %d, "violating_s": %s}],
                 "incidents": %s}
                """.formatted(p99, p99, p99 < 250, windowWorst, windowPass, windowWorst, windowPass ? 0 : 3,
                windowPass ? "0.0" : "320.0", incidentsJson);
        return SummaryCodec.read(new ObjectMapper().readTree(json));
    }

    @Test
    void windowsPassOnlyWhenEveryReplicationPassesAndWholeRunSlosOnTheMean() throws Exception {
        Summary a = replication(true, 200, 180, "[]");
        Summary b = replication(false, 900, 260, """
                [{"start_s": 610.0, "end_s": 700.0, "slo": "p99 < 250ms over 5m", "worst_value": 900.0, "causes": ["api saturated"]}]""");
        Summary c = replication(true, 240, 200, "[]");
        Summary combined = ReplicatedSummary.combine(List.of(a, b, c));
        Summary.SloResult whole = combined.slo().get(0);
        assertEquals((180 + 260 + 200) / 3.0, whole.value(), 1e-6, "rounded to 6 decimals");
        assertTrue(whole.pass(), "the mean p99, 213.3 ms, is below 250 ms although one replication's is not");
        assertEquals(2 / 3.0, whole.passedShare(), 1e-6);
        Summary.SloResult windowed = combined.slo().get(1);
        assertFalse(windowed.pass(), "a bad five minutes in one replication is a bad five minutes the design can have");
        assertEquals(2 / 3.0, windowed.passedShare(), 1e-6);
        assertEquals((200 + 900 + 240) / 3.0, windowed.windows().worstValue(), 1e-6);
        assertEquals(1, combined.incidents().size());
        assertEquals(2, combined.incidents().get(0).replication(), "the incident names the replication it happened in");
        assertEquals(610.0, combined.incidents().get(0).startS());
        String written = SummaryCodec.write(combined).toString();
        assertTrue(written.contains("\"passed_share\":0.666667"), written);
        assertTrue(written.contains("\"replication\":2"), written);
    }
}
