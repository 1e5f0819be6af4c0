package io.headroom.validation.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DesignReader;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The testbed's cores ({@link CpuGate}) and the machine budget ({@link CpuBudget}), without load: the CPU-time
 * accounting on a scripted clock, the round robin of turns on one core, the bound of {@code cores} computing at
 * once, real computation measured in thread CPU time, and the located refusal of designs the machine cannot
 * give their cores.
 */
@Timeout(30)
class CpuGateTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** A clock per thread that advances {@code stepNs} at every reading: each step of the loop "costs" that much. */
    private static CpuGate.CpuClock steps(long stepNs) {
        ThreadLocal<long[]> t = ThreadLocal.withInitial(() -> new long[1]);
        return () -> t.get()[0] += stepNs;
    }

    @Test
    void aRequestConsumesItsDemandInQuantaOvershootingByLessThanAStep() throws Exception {
        CpuGate gate = new CpuGate(1, 1, steps(300_000));
        // 1 ms: readings at +0.3, +0.6, +0.9, +1.2 ms of CPU -> 1.2 ms consumed
        assertEquals(1_200_000, gate.compute(0, MS));
        assertEquals(1_200_000, gate.takeCpuNs(0));
        assertEquals(0, gate.takeCpuNs(0), "taken: reset for the worker's next request");
        // 5 ms in quanta of 2 ms: 2.1 (7 steps), 2.1, then the 0.8 left -> 0.9; 5.1 ms
        assertEquals(5_100_000, gate.compute(0, 5 * MS));
        assertEquals(6_300_000, gate.consumedNs(), "the instance's consumed CPU time: both requests");
        assertEquals(0, gate.compute(0, 0), "no demand, no computing");
        assertEquals(1, gate.mostComputingAtOnce());
    }

    /**
     * One core, two requests of 3 quanta each: the first computes a quantum, then gives its turn to the waiting
     * one and queues behind it, and so on — A B A B A B, as processor sharing in quanta.
     */
    @Test
    void onOneCoreWaitingRequestsTakeTurnsRoundRobin() throws Exception {
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch aHolds = new CountDownLatch(1);
        CpuGate[] gate = new CpuGate[1];
        ThreadLocal<long[]> cpu = ThreadLocal.withInitial(() -> new long[1]);
        gate[0] = new CpuGate(1, 2, () -> {
            String me = Thread.currentThread().getName();
            if (order.isEmpty() || !order.get(order.size() - 1).equals(me)) {
                order.add(me);
            }
            if (me.equals("A") && aHolds.getCount() > 0) {
                aHolds.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (gate[0].waiters() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // until B has queued for the core
                }
            }
            return cpu.get()[0] += 500_000;
        });
        AtomicLong usedA = new AtomicLong();
        AtomicLong usedB = new AtomicLong();
        Thread a = new Thread(() -> run(gate[0], 0, usedA), "A");
        Thread b = new Thread(() -> run(gate[0], 1, usedB), "B");
        a.start();
        assertTrue(aHolds.await(10, TimeUnit.SECONDS));
        b.start();
        a.join(10_000);
        b.join(10_000);
        assertEquals(List.of("A", "B", "A", "B", "A", "B"), order, usedA + " " + usedB);
        assertEquals(6 * MS, usedA.get(), "3 quanta of 2 ms, each 4 readings of 0.5 ms");
        assertEquals(6 * MS, usedB.get());
        assertEquals(1, gate[0].mostComputingAtOnce());
    }

    private static void run(CpuGate gate, int worker, AtomicLong used) {
        try {
            used.set(gate.compute(worker, 6 * MS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void neverMoreThanItsCoresComputeAtOnce() throws Exception {
        CpuGate gate = new CpuGate(2, 6, steps(100_000));
        List<Thread> threads = new ArrayList<>();
        AtomicLong total = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        for (int w = 0; w < 6; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (int k = 0; k < 20; k++) {
                        total.addAndGet(gate.compute(worker, 5 * MS));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(20_000);
        }
        assertTrue(gate.mostComputingAtOnce() <= 2, "at most the 2 cores: " + gate.mostComputingAtOnce());
        // each 5 ms request: quanta of 2, 2 and 1 ms (steps of 0.1 ms end each slice exactly)
        assertEquals(6 * 20 * 5 * MS, total.get());
        assertEquals(total.get(), gate.consumedNs());
    }

    /** Real computation: the thread's own CPU time (not wall time) grows by the demand, overshot by very little. */
    @Test
    void realComputationConsumesTheDemandInThreadCpuTime() throws Exception {
        assertTrue(CpuGate.threadCpuTimeSupported(), "this JVM measures per-thread CPU time");
        CpuGate gate = CpuGate.measured(1, 1);
        var mx = ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadCpuTime();
        long used = gate.compute(0, 5 * MS);
        long measured = mx.getCurrentThreadCpuTime() - before;
        assertTrue(used >= 5 * MS && used < 5 * MS + MS / 2, "consumed " + used + " ns for a 5 ms demand");
        assertTrue(measured >= used, "the thread's CPU time covers what the gate counted: " + measured + " >= " + used);
        assertEquals(used, gate.takeCpuNs(0));
        long held = gate.takeHeldNs(0);
        assertTrue(held >= used, "a core is held at least as long as it computes: " + held);
        assertEquals(held, gate.heldCoreNs(), "the instance's busy-core integral");
    }

    private DesignReader.Loaded design(String yaml) throws Exception {
        Path f = dir.resolve("design.yaml");
        Files.writeString(f, yaml);
        return DesignReader.read(f);
    }

    private static final String CPU_HPA = """
            name: cpu
            entry: api
            components:
              api:
                type: service
                concurrency: 4
                cores: %d
                replicas: {initial: 1, min: 1, max: %d}
                endpoints:
                  get: {demand: {dist: exponential, mean: 10ms}, wait: {dist: constant, value: 1ms}}
                autoscaling: {policy: hpa, metric: cpu, target: 0.5}
              store:
                type: service
                concurrency: 2
                endpoints:
                  read: {demand: {dist: constant, value: 1ms}}
            """;

    @Test
    void aDesignNeedingMoreCoresThanTheMachineGivesIsRefusedWithItsPath() throws Exception {
        var d = design(CPU_HPA.formatted(1, 2));
        List<InputError> errors = new ArrayList<>();
        CpuBudget.check(d, 3, errors);
        // store has no cores: one per worker (2), as the simulator counts them; api at most 2 x 1
        assertEquals(1, errors.size());
        assertEquals("components.api", errors.get(0).path());
        assertTrue(errors.get(0).format().startsWith(dir.resolve("design.yaml") + ":5:"), errors.get(0).format());
        assertTrue(errors.get(0).format().contains("at most 4 cores at once (api 2 x 1, store 1 x 2) but this machine gives it 3"),
                errors.get(0).format());
        errors.clear();
        CpuBudget.check(d, 4, errors);
        assertEquals(List.of(), errors, "4 cores fit 4 processors");
        // through the testbed's own check, on any machine: 64 x 1000 cores
        var big = design(CPU_HPA.formatted(64, 1000));
        BadInputException e = assertThrows(BadInputException.class, () -> Testbed.check(big));
        assertEquals("components.api", e.errors().get(0).path());
        assertTrue(e.getMessage().contains("api 1000 x 64"), e.getMessage());
    }

    @Test
    void onlyServicesWithDemandNeedProcessors() throws Exception {
        var d = design("""
                name: sleeping
                entry: api
                components:
                  api:
                    type: service
                    concurrency: 1000
                    endpoints:
                      get: {wait: {dist: constant, value: 1ms}}
                """);
        List<InputError> errors = new ArrayList<>();
        CpuBudget.check(d, 1, errors);
        assertEquals(List.of(), errors);
    }
}
