package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.cluster.ClusterFigures;
import io.headroom.design.Design;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.metrics.WindowSeries;
import io.headroom.yaml.BadInputException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pod's CPU limit in a whole run, by hand: requests of 120 ms of CPU, one a second, each alone on a pod limited to
 * half a core with 100 ms periods, run 0-50 ms, stall to 100, run to 150, stall to 200 and end at 220 ms — two periods
 * throttled and 100 ms of delay each — in the latency, {@code cluster.services.api}'s throttling and the
 * {@code api.throttled} column.
 */
class CpuLimitRunTest {
    private static final String DESIGN = """
            name: t
            entry: api
            cluster:
              node-pools:
                general:
                  instance: {type: m6i.large}
                  nodes: {initial: 1}
                  provisioning: {dist: constant, value: 60s}
              autoscaler: {kind: none}
            components:
              api:
                type: service
                pod: {cpu-request: 500m, cpu-limit: 500m%s}
                concurrency: 4
                endpoints:
                  get: {demand: {dist: constant, value: 120ms}}
            """;

    private static Design read(String yaml) throws BadInputException {
        return ClusterTimelineTest.read(yaml);
    }

    /** One request a second, evenly spaced, for {@code seconds}; no warm-up. */
    private static LoadProfile everySecond(long seconds) {
        return new LoadProfile("steady", null, Map.of(), Duration.ZERO,
                List.of(new OpenStep.ConstantUsersPerSec(1.0, Duration.ofSeconds(seconds), false)));
    }

    @Test
    void eachRequestIsThrottledTwiceAndDelayed100ms() throws BadInputException {
        WindowSeries series = new WindowSeries();
        RunResult r = Models.run(read(DESIGN.formatted("")), everySecond(30), 1, RunOptions.DEFAULTS, series);
        assertEquals(220.0, r.overall().latencyMs().mean());
        ClusterFigures.Throttling t = r.cluster().throttling().get("api");
        assertEquals(60, t.throttledPeriods());
        assertEquals(3.0, t.throttledS(), 1e-12);
        assertEquals(100.0, t.throttledMsPerRequest(), 1e-9);
        double[] column = series.column("api.throttled");
        assertEquals(20.0, column[0], "two periods for each of the 10 requests of the first 10 s window: " + Arrays.toString(column));
    }

    @Test
    void aShorterPeriodSpreadsTheSameQuotaThinner() throws BadInputException {
        // cfs-period 50 ms (quota 25 ms): 120 ms runs 25 ms in each of periods 0-50 ... and is done after 4 × 25 + 20:
        // at 4 × 50 + 20 = 220 ms again, but throttled in four periods of 25 ms each
        RunResult r = Models.run(read(DESIGN.formatted(", cfs-period: 50ms")), everySecond(30), 1);
        assertEquals(220.0, r.overall().latencyMs().mean());
        ClusterFigures.Throttling t = r.cluster().throttling().get("api");
        assertEquals(120, t.throttledPeriods());
        assertEquals(100.0, t.throttledMsPerRequest(), 1e-9);
    }

    @Test
    void aDesignWithoutLimitsReportsNoThrottling() throws BadInputException {
        RunResult r = Models.run(read(DESIGN.formatted("").replace(", cpu-limit: 500m", "")), everySecond(30), 1);
        assertEquals(120.0, r.overall().latencyMs().mean());
        assertEquals(Map.of(), r.cluster().throttling());
    }
}
