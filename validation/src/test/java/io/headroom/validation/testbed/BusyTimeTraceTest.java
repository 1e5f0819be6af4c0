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

    /**
     * CPU demand is calibrated from the time each request held a core (its consumed CPU time on a quiet machine), its
     * wait from its busy time outside computing (waiting for a core is the model's own processor sharing, not wait);
     * the trace gives the demands in start order and the waits in the order requests finished computing, when the
     * simulator draws each.
     */
    @Test
    void cpuDemandIsCalibratedFromTheHeldCoreAndWaitFromTheRest() throws Exception {
        var design = design("""
                name: cpu
                entry: api
                components:
                  api:
                    type: service
                    concurrency: 2
                    cores: 1
                    endpoints:
                      get:
                        demand: {dist: exponential, mean: 10ms}
                        wait: {dist: constant, value: 5ms}
                """);
        ServedLog log = new ServedLog();
        long t0 = 1_000 * MS;
        // A starts at 0 and computes until 30 ms (8 ms of CPU, 25 ms holding the core: the rest waiting for it), then 5 ms
        log.add("api#0", "get", t0, t0, t0 + 35 * MS, 200, 1, true, 8 * MS, 25 * MS, 30 * MS);
        // B starts at 5 and is done computing at 15 ms (3 ms of CPU), then 10 ms
        log.add("api#0", "get", t0 + 5 * MS, t0 + 5 * MS, t0 + 25 * MS, 200, 2, true, 3 * MS, 4 * MS, 10 * MS);
        for (int k = 0; k < 30; k++) { // after the warm-up, alone: CPU k/10 + 1 ms, the core held 0.2 ms more, 5 ms of wait
            long start = t0 + (100 + 40 * k) * MS;
            long cpu = MS + k * MS / 10;
            log.add("api#0", "get", start, start, start + cpu + MS / 5 + 5 * MS, 200, 10 + k, true, cpu, cpu + MS / 5, cpu + MS / 5);
        }
        var cal = BusyTimeCalibration.of(design, log, t0 + 50 * MS, dir);

        var calibrated = ((ServiceSpec) cal.design().components().get("api")).endpoints().get("get");
        assertEquals(new DistributionSpec.Empirical("calibration/api.get.csv", TimeUnitName.MS, "held_ms"), calibrated.demand());
        assertEquals(new DistributionSpec.Empirical("calibration/api.get.csv", TimeUnitName.MS, "wait_ms"), calibrated.offCpu());
        List<String> samples = Files.readAllLines(dir.resolve("calibration/api.get.csv"));
        assertEquals(31, samples.size());
        assertEquals(List.of("busy_ms,cpu_ms,held_ms,wait_ms", "6.2000,1.0000,1.2000,5.0000", "6.3000,1.1000,1.3000,5.0000"),
                samples.subList(0, 3));
        var c = cal.calibrated().get(0);
        assertEquals(10.0, c.declaredCpuMs(), 1e-12);
        assertEquals(2.45, c.cpuMs(), 1e-9, "mean of 1.0 .. 3.9 ms");
        assertEquals(2.65, c.heldMs(), 1e-9);
        assertEquals(15.0, c.declaredMeanMs(), 1e-12);
        assertEquals(7.65, c.measuredMeanMs(), 1e-9);

        List<String> trace = Files.readAllLines(dir.resolve("calibration/api.get.trace.csv"));
        assertEquals(List.of("busy_ms,cpu_ms,held_ms,wait_ms", "35.000000,8.000000,25.000000,10.000000",
                "20.000000,3.000000,4.000000,5.000000"),
                trace.subList(0, 3), "CPU in start order (A, B); waits in the order they finished computing (B at 15, A at 30 ms)");
        var traced = ((ServiceSpec) cal.traceDesign().components().get("api")).endpoints().get("get");
        assertEquals(new DistributionSpec.Empirical("calibration/api.get.trace.csv", TimeUnitName.MS, "held_ms", EmpiricalOrder.SEQUENCE),
                traced.demand());
        assertEquals(new DistributionSpec.Empirical("calibration/api.get.trace.csv", TimeUnitName.MS, "wait_ms", EmpiricalOrder.SEQUENCE),
                traced.offCpu());
        assertEquals(1, ((ServiceSpec) cal.design().components().get("api")).cores(), "the cores are kept");
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
