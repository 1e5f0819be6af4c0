package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DesignReader;
import io.headroom.run.WorkEstimate;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom run} starts the report's prewarm only for a run long enough to hide it behind the simulation. */
class PrewarmThresholdTest {
    private static WorkEstimate estimate(Path dir, String design, String injection) throws Exception {
        Path profile = Files.writeString(dir.resolve("p.yaml"), "name: p\ninjection:\n  - " + injection + "\n");
        return WorkEstimate.of(DesignReader.read(Path.of(design)).design(), DesignReader.readProfile(profile).profile());
    }

    @Test
    void aMinuteOfTheMm4IsTooShortAndItsBenchmarkLongEnough(@TempDir Path dir) throws Exception {
        // 300 requests, about 600 events: the report would wait for the prewarm's charts before drawing its own
        assertFalse(RunCommand.worthPrewarming(estimate(dir, "../examples/mm4.yaml", "constantUsersPerSec: {rate: 5, during: 60s}")));
        // 2.2 million requests: the prewarm draws while the run simulates
        assertTrue(RunCommand.worthPrewarming(estimate(dir, "../examples/mm4.yaml", "constantUsersPerSec: {rate: 3.2, during: 687500s}")));
    }

    @Test
    void theLineIsAtFiftyThousandEstimatedEvents(@TempDir Path dir) throws Exception {
        WorkEstimate below = estimate(dir, "../examples/mm4.yaml", "constantUsersPerSec: {rate: 5, during: 4000s}");
        WorkEstimate above = estimate(dir, "../examples/mm4.yaml", "constantUsersPerSec: {rate: 5, during: 6000s}");
        assertTrue(below.totalEvents() < RunCommand.PREWARM_MIN_EVENTS && above.totalEvents() >= RunCommand.PREWARM_MIN_EVENTS,
                below.totalEvents() + " and " + above.totalEvents() + " events");
        assertFalse(RunCommand.worthPrewarming(below));
        assertTrue(RunCommand.worthPrewarming(above));
    }
}
