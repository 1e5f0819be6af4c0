package io.headroom.validation.testbed;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The cores of one testbed instance, realising the simulator's CPU {@code demand}: a request's demand is CPU
 * time, and the requests computing on an instance share its {@code cores} by processor sharing (the
 * simulator's {@code Processors}). Java cannot pin a thread to a core, so the instance's cores are
 * {@code cores} turns: a worker computes only while it holds one. Turns go FIFO; a worker that has computed a
 * {@link #QUANTUM_NS quantum} of CPU time while others wait gives its turn to the first of them and queues
 * again at the back — round robin in short quanta, as Linux's CFS shares a CPU between runnable threads, so
 * n &gt; cores computing requests each progress at about cores / n of a core, and at most {@code cores} ever
 * compute at once. With no one waiting a worker keeps its turn: at most {@code cores} computing requests run
 * at full speed, as on dedicated cores.
 *
 * <p>Computing is real work (a multiply–xorshift loop whose result is published, so it cannot be optimised
 * away), measured in the worker thread's own CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime()}), not
 * wall time: a request's demand is done when its thread has consumed that much CPU, however long the machine
 * made it wait. Per request the gate keeps, for the served log, the CPU time consumed, the time a core was
 * held (from the moment a turn is handed over until it is given up) and the wall time from asking for a core
 * to being done (waiting for turns included). Held time is what the simulator integrates as busy cores and
 * what a {@code cpu} autoscaling metric averages: on a machine with a processor free for every core it is the
 * consumed CPU time (plus waking a thread); on a busy machine the OS runs other work while a core is held, and
 * held time says how fast the testbed's cores actually were.
 */
final class CpuGate {
    /** CPU time a worker computes before giving its turn to a waiting one. */
    static final long QUANTUM_NS = 2_000_000L;

    /** The current thread's consumed CPU time in nanoseconds. */
    interface CpuClock {
        long threadCpuNs();
    }

    private static final class Turn {
        final Condition granted;
        boolean given;
        long givenNs; // when the turn was handed to it: the core is its own from then, running or not

        Turn(Condition granted) {
            this.granted = granted;
        }
    }

    private final int cores;
    private final CpuClock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Turn> waiting = new ArrayDeque<>();
    private final Turn[] turns;            // one per worker: no allocation per request
    private final long[] cpuNs;            // per worker: CPU consumed by its current request
    private final long[] computeNs;        // per worker: wall time of its current request's computing
    private final long[] heldNs;           // per worker: wall time its current request held a core
    private final long[] heldSince;        // per worker: when it last got a core
    private final AtomicLong consumedNs = new AtomicLong();
    private final AtomicLong heldTotalNs = new AtomicLong();
    private volatile int waiters;
    private int free;
    private int holding;
    private int mostHolding;
    @SuppressWarnings("unused")
    private volatile long published;

    CpuGate(int cores, int workers, CpuClock clock) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores " + cores);
        }
        this.cores = cores;
        this.clock = clock;
        this.free = cores;
        turns = new Turn[workers];
        for (int w = 0; w < workers; w++) {
            turns[w] = new Turn(lock.newCondition());
        }
        cpuNs = new long[workers];
        computeNs = new long[workers];
        heldNs = new long[workers];
        heldSince = new long[workers];
    }

    /** A gate measuring the JVM's per-thread CPU time; fails when this JVM cannot (see {@link #threadCpuTimeSupported}). */
    static CpuGate measured(int cores, int workers) {
        if (!threadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM does not measure per-thread CPU time");
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return new CpuGate(cores, workers, mx::getCurrentThreadCpuTime);
    }

    /** Whether this JVM measures the current thread's CPU time (switching the measurement on if it is off). */
    static boolean threadCpuTimeSupported() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isCurrentThreadCpuTimeSupported()) {
            return false;
        }
        if (!mx.isThreadCpuTimeEnabled()) {
            mx.setThreadCpuTimeEnabled(true);
        }
        return mx.isThreadCpuTimeEnabled();
    }

    int cores() {
        return cores;
    }

    /**
     * Worker {@code worker} computes {@code demandNs} of CPU time on this instance's cores, waiting for a turn
     * when all are taken; returns the CPU time it consumed (the demand, overshot by at most one step of the loop).
     */
    long compute(int worker, long demandNs) throws InterruptedException {
        if (demandNs <= 0) {
            return 0;
        }
        long wallStart = System.nanoTime();
        long used = 0;
        long x = 0x9E3779B97F4A7C15L + worker;
        acquire(worker);
        boolean holds = true;
        try {
            while (used < demandNs) {
                long slice = Math.min(demandNs - used, QUANTUM_NS);
                long t0 = clock.threadCpuNs();
                long spent;
                do {
                    x = burn(x);
                    spent = clock.threadCpuNs() - t0;
                } while (spent < slice);
                used += spent;
                consumedNs.addAndGet(spent);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (used < demandNs && waiters > 0) {
                    holds = false;
                    passTurn(worker);
                    holds = true;
                }
            }
        } finally {
            if (holds) {
                release(worker);
            }
            published = x;
        }
        cpuNs[worker] += used;
        computeNs[worker] += System.nanoTime() - wallStart;
        return used;
    }

    /** A step of real work, a few microseconds: a multiply–xorshift chain (its result is published, so it is kept). */
    private static long burn(long x) {
        for (int k = 0; k < 2048; k++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            x *= 0x2545F4914F6CDD1DL;
        }
        return x;
    }

    private void acquire(int worker) throws InterruptedException {
        lock.lock();
        try {
            if (free > 0 && waiting.isEmpty()) {
                free--;
                heldSince[worker] = System.nanoTime();
            } else {
                awaitTurn(worker);
            }
            holding++;
            mostHolding = Math.max(mostHolding, holding);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Round robin: the turn goes to the first waiting worker and this one queues behind the others, in one step
     * (so a worker that has just been given the core never finds the queue without the one that gave it).
     */
    private void passTurn(int worker) throws InterruptedException {
        lock.lock();
        try {
            if (waiting.isEmpty()) {
                return; // the waiter left (interrupted): keep the turn
            }
            long held = System.nanoTime() - heldSince[worker];
            heldNs[worker] += held;
            heldTotalNs.addAndGet(held);
            holding--;
            handOn();
            awaitTurn(worker);
            holding++;
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code worker} at the back and waits until a turn is handed to it (holding the lock). */
    private void awaitTurn(int worker) throws InterruptedException {
        Turn t = turns[worker];
        t.given = false;
        waiting.addLast(t);
        waiters = waiting.size();
        try {
            while (!t.given) {
                t.granted.await();
            }
            heldSince[worker] = t.givenNs;
        } catch (InterruptedException e) {
            if (t.given) {
                handOn();
            } else {
                waiting.remove(t);
                waiters = waiting.size();
            }
            throw e;
        }
    }

    private void release(int worker) {
        long held = System.nanoTime() - heldSince[worker];
        heldNs[worker] += held;
        heldTotalNs.addAndGet(held);
        lock.lock();
        try {
            holding--;
            handOn();
        } finally {
            lock.unlock();
        }
    }

    /** A turn is free: to the first waiting worker, else back to the pool (holding the lock). */
    private void handOn() {
        Turn next = waiting.pollFirst();
        waiters = waiting.size();
        if (next == null) {
            free++;
        } else {
            next.given = true;
            next.givenNs = System.nanoTime();
            next.granted.signal();
        }
    }

    /** The CPU time worker {@code worker}'s current request consumed, reset for its next request. */
    long takeCpuNs(int worker) {
        long v = cpuNs[worker];
        cpuNs[worker] = 0;
        return v;
    }

    /**
     * The wall time worker {@code worker}'s current request held a core (from the moment a turn was handed to it,
     * running or not), reset: its CPU time plus what the machine ran instead of it meanwhile (equal to the CPU
     * time, up to waking a thread, on a machine with a processor free for every core).
     */
    long takeHeldNs(int worker) {
        long v = heldNs[worker];
        heldNs[worker] = 0;
        return v;
    }

    /** The wall time worker {@code worker}'s current request spent computing (waiting for turns included), reset. */
    long takeComputeNs(int worker) {
        long v = computeNs[worker];
        computeNs[worker] = 0;
        return v;
    }

    /** CPU time consumed on this instance so far, in nanoseconds. */
    long consumedNs() {
        return consumedNs.get();
    }

    /**
     * The time this instance's cores were held so far, in nanoseconds (a turn counts until it is given up): the
     * integral of its busy cores, as the simulator's. The consumed CPU time on a machine with a processor free for
     * every core; more on a busy machine, where a held core runs slower.
     */
    long heldCoreNs() {
        return heldTotalNs.get();
    }

    /** Workers waiting for a turn now. */
    int waiters() {
        return waiters;
    }

    /** The most workers that ever held a turn at once (never more than {@link #cores()}). */
    int mostComputingAtOnce() {
        lock.lock();
        try {
            return mostHolding;
        } finally {
            lock.unlock();
        }
    }
}
