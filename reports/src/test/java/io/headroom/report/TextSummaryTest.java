package io.headroom.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.metrics.LatencyStats.LatencySummary;
import io.headroom.request.ErrorCause;
import io.headroom.run.RunResult;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The component lines of {@code headroom run}'s terminal summary say how many instances there were. */
class TextSummaryTest {

    @Test
    void aFleetThatOnlyScaledInShowsItsMeanAndPeakNotItsInitialSize() {
        String text = TextSummary.render(run(service(6, 3.0, 6, new RunResult.Lifecycle(0, 0, 0, 0, 0, 2))));
        assertTrue(text.contains("  api          3.00 instances (peak 6) × 4 workers, 2 cores:"), text);
    }

    @Test
    void aFixedFleetShowsItsSizeEvenWhenItsInstancesCrashAndRestart() {
        String text = TextSummary.render(run(service(6, 6.0, 6, new RunResult.Lifecycle(0, 0, 0, 0, 0, 0))));
        assertTrue(text.contains("  api          6 × 4 workers, 2 cores:"), text);
        String crashed = TextSummary.render(run(service(3, 3.0, 3, new RunResult.Lifecycle(26, 14, 0, 0, 0, 0))));
        assertTrue(crashed.contains("  api          3 × 4 workers, 2 cores:"), crashed);
    }

    private static RunResult.ServiceStats service(int replicas, double mean, int peak, RunResult.Lifecycle life) {
        return new RunResult.ServiceStats(replicas, 4, 2, 0.5, 0.4, mean, peak, 0.0, 1.0, 10.0, 2.0, 20.0,
                0, 0, 1000, 0, List.of(), null, life);
    }

    private static RunResult run(RunResult.ServiceStats api) {
        EnumMap<ErrorCause, Long> errors = new EnumMap<>(ErrorCause.class);
        for (ErrorCause c : ErrorCause.values()) {
            errors.put(c, 0L);
        }
        LatencySummary l = new LatencySummary(10, 9, 15, 18, 25, 40, 50);
        RunResult.RequestStats o = new RunResult.RequestStats(1000, 1000, 1000, errors, 0, 10.0, l);
        return new RunResult("shop", "steady", 1, 100, 0, 0, null, 0, 0, 0, o, Map.of(), Map.of("api", api), Map.of(),
                List.of(), List.of(), List.of(), List.of(), null, null);
    }
}
