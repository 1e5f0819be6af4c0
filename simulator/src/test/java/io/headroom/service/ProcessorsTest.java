package io.headroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.engine.EventHandler;
import io.headroom.engine.Simulation;
import io.headroom.request.Requests;
import io.headroom.theory.Queueing;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The CPUs of an instance on their own: scripted computations on dedicated and shared cores, and
 * long Poisson runs against processor-sharing theory (M/M/1-PS, its insensitivity to the demand's
 * distribution, M/M/c-PS), driven straight through an event queue with no service around them.
 */
class ProcessorsTest {
    private static final double MS = 1e6;

    /** One instance's processors, requests started by hand; completions recorded as {request, time}. */
    private static class Bench {
        final Simulation sim = new Simulation();
        final Requests req = new Requests(1024, 1 << 20);
        final List<long[]> done = new ArrayList<>();
        final Processors cpu;

        Bench(int workers, int cores) {
            cpu = new Processors(req, sim.events(), workers, cores, i -> done(cpuFinish(i)), r -> {
                cpuDedicated(r);
                done(r);
            });
            cpu.grow(1);
        }

        int cpuFinish(int i) {
            return cpu.finishEarliest(i, sim.now());
        }

        void cpuDedicated(int r) {
            req.workEvent[r] = -1;
            cpu.finishDedicated(req.instance[r]);
        }

        void done(int r) {
            done.add(new long[] {r, sim.now()});
            onDone(r);
        }

        void onDone(int r) {
        }

        int start(long cpuNs) {
            int r = req.allocate();
            req.instance[r] = 0;
            req.arrival[r] = sim.now();
            cpu.start(r, 0, cpuNs, sim.now());
            return r;
        }

        void startAt(long t, long cpuNs) {
            sim.events().once(x -> start(cpuNs), 0, t);
        }
    }

    @Test
    void withACorePerWorkerEachComputationEndsAtItsStartPlusDemand() {
        Bench b = new Bench(2, 2);
        assertTrue(b.cpu.dedicated());
        b.startAt(0, 10);
        b.startAt(3, 4);
        b.sim.run(3);
        assertEquals(2, b.cpu.computing(0));
        assertEquals(2, b.cpu.busyCores());
        b.sim.run(100);
        assertEquals(7, b.done.get(0)[1]);
        assertEquals(10, b.done.get(1)[1]);
        assertEquals(0, b.cpu.busyCores());
    }

    @Test
    void sharedCoresSlowEveryComputationEqually() {
        Bench b = new Bench(4, 1);
        // 10 ns from 0 and 4 ns from 2 on one core: at 2 the first has 8 left; both run at 1/2,
        // so the second ends at 2 + 8 = 10, the first then has 4 left alone: done at 14
        b.startAt(0, 10);
        b.startAt(2, 4);
        b.sim.run(5);
        assertEquals(1, b.cpu.busyCores(), "two computing, one core busy");
        assertEquals(2, b.cpu.computing(0));
        b.sim.run(100);
        assertEquals(10, b.done.get(0)[1]);
        assertEquals(14, b.done.get(1)[1]);
        assertEquals(0, b.cpu.computing(0));
        assertTrue(b.sim.events().isEmpty(), "idle: the instance's timer is off");
    }

    @Test
    void twoCoresServeThreeComputationsAtTwoThirdsEach() {
        Bench b = new Bench(8, 2);
        for (int k = 0; k < 3; k++) {
            b.startAt(0, 6);
        }
        b.sim.run(100);
        for (long[] d : b.done) {
            assertEquals(9, d[1], "6 ns of work at rate 2/3");
        }
    }

    @Test
    void aLostInstanceStopsItsComputations() {
        Bench b = new Bench(4, 2);
        b.startAt(0, 10);
        b.startAt(0, 10);
        b.startAt(0, 10);
        b.sim.run(1);
        b.cpu.clear(0);
        assertEquals(0, b.cpu.busyCores());
        assertEquals(0, b.cpu.computing(0));
        b.sim.run(100);
        assertTrue(b.done.isEmpty());
    }

    /**
     * Poisson arrivals at rate {@code lambda} per ms to one instance; returns the mean sojourn
     * in ms and the standard error of that mean from 20 batch means.
     */
    private static double[] run(int workers, int cores, double lambdaPerMs, DoubleSupplier demandMs, int customers, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int batches = 20;
        double[] batchSum = new double[batches];
        int perBatch = customers / batches;
        int[] finished = {0};
        int[] sent = {0};
        Bench b = new Bench(workers, cores) {
            @Override
            void onDone(int r) {
                int k = finished[0]++;
                if (k < perBatch * batches) {
                    batchSum[k / perBatch] += (sim.now() - req.arrival[r]) / MS;
                }
                req.release(r);
            }
        };
        EventHandler[] arrive = new EventHandler[1];
        arrive[0] = x -> {
            b.start(Math.max(1, Math.round(demandMs.getAsDouble() * MS)));
            if (++sent[0] < customers) {
                b.sim.events().once(arrive[0], 0, b.sim.now() + Math.round(-Math.log(1 - rng.nextDouble()) / lambdaPerMs * MS));
            }
        };
        b.sim.events().once(arrive[0], 0, 0);
        b.sim.run(Long.MAX_VALUE);
        b.done.clear();
        double mean = 0;
        for (double s : batchSum) {
            mean += s / perBatch / batches;
        }
        double var = 0;
        for (double s : batchSum) {
            var += (s / perBatch - mean) * (s / perBatch - mean) / (batches - 1);
        }
        return new double[] {mean, Math.sqrt(var / batches)};
    }

    /**
     * Asserts the mean sojourn within 4 standard errors of theory (with 20 batches, t(19) puts
     * 4 SE beyond the 99.9 % two-sided point), and that the run is long enough for that to mean
     * something: a standard error under 1.5 % of the theoretical mean.
     */
    private static void assertTheory(String what, double theory, double[] measured) {
        System.out.printf("%s: mean sojourn %.4f ms (SE %.4f), theory %.4f ms%n", what, measured[0], measured[1], theory);
        assertTrue(measured[1] < 0.015 * theory, what + ": too short a run, SE " + measured[1]);
        assertEquals(theory, measured[0], 4 * measured[1], what);
    }

    /**
     * M/M/1-PS: mean sojourn S/(1 − ρ). With S = 1 ms and ρ = 0.5, 2 ms; 400,000 customers
     * (about 400 s of simulated time, some 10,000 busy periods) give a standard error near 0.5 %.
     */
    @Test
    void mm1ProcessorSharingMeanSojourn() {
        SplittableRandom d = new SplittableRandom(7);
        double theory = Queueing.mg1PsMeanResponse(0.5, 1.0);
        assertEquals(2.0, theory, 1e-12);
        assertTheory("M/M/1-PS rho 0.5", theory, run(1_000, 1, 0.5, () -> -Math.log(1 - d.nextDouble()), 400_000, 1));
    }

    /**
     * Insensitivity: the mean sojourn of M/G/1-PS depends on the demand only through its mean. A
     * constant 1 ms demand (where FIFO would give 1.5 ms, Pollaczek–Khinchine) and a two-phase
     * hyperexponential one of squared coefficient of variation 4 (where FIFO would give 3.5 ms)
     * both give S/(1 − ρ) = 2 ms at ρ = 0.5.
     */
    @Test
    void processorSharingIsInsensitiveToTheDemandDistribution() {
        double theory = Queueing.mg1PsMeanResponse(0.5, 1.0);
        assertEquals(1.5, Queueing.pkMeanResponse(0.5, 1.0, 0), 1e-12);
        assertTheory("M/D/1-PS rho 0.5", theory, run(1_000, 1, 0.5, () -> 1.0, 400_000, 2));
        // H2 with balanced means: p = (1 + sqrt(3/5)) / 2 at rate 2p, else rate 2(1 - p); mean 1, scv 4
        SplittableRandom d = new SplittableRandom(11);
        double p = (1 + Math.sqrt(3.0 / 5.0)) / 2;
        DoubleSupplier h2 = () -> {
            double rate = d.nextDouble() < p ? 2 * p : 2 * (1 - p);
            return -Math.log(1 - d.nextDouble()) / rate;
        };
        assertTheory("M/H2/1-PS rho 0.5 scv 4", theory, run(1_000, 1, 0.5, h2, 800_000, 3));
    }

    /**
     * M/M/c-PS with more workers than cores: the number computing is the M/M/c birth-death
     * process (rate min(n, c) μ), so the mean sojourn is M/M/c's, by Little's law. Four cores at
     * ρ = 0.6 (λ = 2.4 per ms, S = 1 ms): 400,000 customers.
     */
    @Test
    void mmcProcessorSharingMeanSojourn() {
        SplittableRandom d = new SplittableRandom(13);
        double theory = Queueing.lpsMeanResponse(2.4, 1.0, 4);
        assertTheory("M/M/4-PS rho 0.6", theory, run(1_000, 4, 2.4, () -> -Math.log(1 - d.nextDouble()), 400_000, 4));
    }
}
