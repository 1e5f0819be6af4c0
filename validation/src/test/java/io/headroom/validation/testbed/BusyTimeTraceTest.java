package io.headroom.validation.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DesignReader;
import io.headroom.design.ServiceSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.dist.EmpiricalOrder;
import io.headroom.dist.TimeUnitName;
import io.headroom.validation.calibrate.BusyTimeCalibration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The busy-time trace of {@link BusyTimeCalibration} on a hand-made {@link ServedLog} (in this package to fill
 * one): every request a worker took, warm-up included, in the order its service started (not the order it
 * ended, which is the log's), refused requests left out; and the trace design replaying it in sequence.
 */
class BusyTimeTraceTest {
    @TempDir
    Path dir;

    private static final long MS = 1_000_000L;

    private io.headroom.design.Design design(String yaml) throws Exception {
        Path file = dir.resolve("d.yaml");
        Files.writeString(file, yaml);
        return DesignReader.read(file).design();
    }

    @Test
    void theTraceHoldsEveryServedRequestInStartOrder() throws Exception {
        var design = design("""
                name: one
                entry: api
                components:
                  api:
                    type: service
                    concurrency: 2
                    endpoints:
                      get:
                        wait: {dist: exponential, mean: 20ms}
                """);
        ServedLog log = new ServedLog();
        long t0 = 1_000 * MS;
        // in the order they ended: starts at 0, 5 (warm-up), 30, 12 (after the warm-up, which ends at 10 ms)
        log.add("api#0", "get", t0, t0, t0 + 20 * MS, 200, 1, true);                   // start 0, busy 20
        log.add("api#1", "get", t0 + 5 * MS, t0 + 5 * MS, t0 + 27 * MS + 123, 200, 2, true);   // start 5, busy 22.000123
        log.add("api#1", "get", t0 + 30 * MS, t0 + 30 * MS, t0 + 31 * MS, 200, 4, true);      // start 30, busy 1
        log.add("api#0", "get", t0 + 12 * MS, t0 + 20 * MS, t0 + 45 * MS, 200, 3, false);     // start 20, busy 25
        log.add("api#0", "get", t0 + 13 * MS, -1, t0 + 50 * MS, 503, 5, false);              // refused: never served
        log.add("api#lb", "get", t0, -1, t0 + 50 * MS, 200, 1, false);                   // a router's row: not api's
        var cal = BusyTimeCalibration.of(design, log, t0 + 10 * MS, dir);

        assertEquals("busy_ms\n20.000000\n22.000123\n25.000000\n1.000000\n",
                Files.readString(dir.resolve("calibration/api.get.trace.csv")), "start order 0, 5, 20, 30 ms; to the nanosecond");
        var traced = (ServiceSpec) cal.traceDesign().components().get("api");
        assertEquals(new DistributionSpec.Empirical("calibration/api.get.trace.csv", TimeUnitName.MS, "busy_ms", EmpiricalOrder.SEQUENCE),
                traced.endpoints().get("get").offCpu());
        assertNull(traced.endpoints().get("get").demand());
        assertEquals(2, traced.concurrency(), "only the work changes");
        assertEquals("", cal.untraced());
    }

    @Test
    void anEndpointWithCallsHasNoTraceDesign() throws Exception {
        var design = design("""
                name: two
                entry: api
                components:
                  api:
                    type: service
                    concurrency: 2
                    endpoints:
                      get:
                        wait: {dist: exponential, mean: 5ms}
                        calls: [{to: store, endpoint: read}]
                  store:
                    type: service
                    concurrency: 2
                    endpoints:
                      read:
                        wait: {dist: exponential, mean: 20ms}
                """);
        ServedLog log = new ServedLog();
        log.add("api#0", "get", 0, 0, 30 * MS, 200, 1, true);
        log.add("store#0", "read", MS, MS, 21 * MS, 200, 1, true);
        var cal = BusyTimeCalibration.of(design, log, 0, dir);
        assertNull(cal.traceDesign());
        assertEquals("api.get (has calls)", cal.untraced());
        assertTrue(Files.exists(dir.resolve("calibration/store.read.trace.csv")), "the endpoint without calls is still traced");
        assertEquals(List.of(), cal.calibrated(), "under 30 samples: nothing calibrated, as before");
    }
}
