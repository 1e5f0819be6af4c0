package io.headroom.load.closed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatling.core.controller.inject.closed.ConstantConcurrentUsersInjection;
import io.gatling.core.controller.inject.closed.RampConcurrentUsersInjection;
import io.gatling.core.controller.inject.closed.StairsConcurrentUsersCompositeStep;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scala.concurrent.duration.FiniteDuration;

/**
 * Our closed steps against Gatling 3.15.1's own: the target number of concurrent users at every
 * millisecond-grid instant of a step ({@code valueAt}, what Gatling's closed workload reads each
 * second), and the steps a staircase expands into (compared through Gatling's composite).
 */
class GatlingClosedParityTest {

    private static FiniteDuration fd(Duration d) {
        return new FiniteDuration(d.toNanos(), TimeUnit.NANOSECONDS);
    }

    @ParameterizedTest(name = "ramp {0} -> {1} over {2} ms")
    @CsvSource({"0, 50, 50000", "10, 100, 300000", "100, 7, 13700", "5, 5, 60000", "3, 1000, 7000"})
    void rampMatchesGatling(int from, int to, long ms) {
        Duration during = Duration.ofMillis(ms);
        ClosedStep ours = new ClosedStep.RampConcurrentUsers(from, to, during);
        RampConcurrentUsersInjection theirs = new RampConcurrentUsersInjection(from, to, fd(during));
        for (long t = 0; t <= ms; t += 250) {
            Duration at = Duration.ofMillis(t);
            assertEquals(theirs.valueAt(fd(at)), ours.usersAt(at), "t = " + t + " ms");
        }
    }

    @ParameterizedTest(name = "staircase +{0} × {1}, level {2} ms, from {3}, ramps {4} ms")
    @CsvSource({"10, 5, 60000, 20, 10000", "10, 4, 30000, 0, 5000", "7, 3, 10000, 5, 0", "25, 1, 20000, 0, 3000",
        "3, 6, 4000, 1, 1500"})
    void staircaseMatchesGatling(int step, int times, long levelMs, int start, long rampMs) {
        ClosedStep ours = new ClosedStep.IncrementConcurrentUsers(step, times, Duration.ofMillis(levelMs),
                Duration.ofMillis(rampMs), start);
        var composite = new StairsConcurrentUsersCompositeStep(step, times, fd(Duration.ofMillis(levelMs)), start,
                fd(Duration.ofMillis(rampMs))).composite();
        assertEquals(composite.duration().toNanos(), ours.during().toNanos(), "total length");
        ClosedModel model = new ClosedModel(java.util.List.of(ours), null);
        for (long t = 0; t <= ours.during().toMillis(); t += 500) {
            Duration at = Duration.ofMillis(t);
            assertEquals(composite.valueAt(fd(at)), model.usersAt(at), "t = " + t + " ms");
        }
    }

    @ParameterizedTest(name = "constant {0} over {1} ms")
    @CsvSource({"0, 1000", "50, 600000"})
    void constantMatchesGatling(int users, long ms) {
        var theirs = new ConstantConcurrentUsersInjection(users, fd(Duration.ofMillis(ms)));
        ClosedStep ours = new ClosedStep.ConstantConcurrentUsers(users, Duration.ofMillis(ms));
        for (long t = 0; t <= ms; t += ms / 10) {
            assertEquals(theirs.valueAt(fd(Duration.ofMillis(t))), ours.usersAt(Duration.ofMillis(t)));
        }
    }
}
