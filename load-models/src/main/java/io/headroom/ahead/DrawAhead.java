package io.headroom.ahead;

import io.headroom.dist.DurationSampler;
import io.headroom.load.arrival.ArrivalStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One run's helper thread, drawing its random sequences ahead on a core the run does not use. Samplers and arrival
 * streams are wrapped ({@link #sampler}, {@link #arrivals}) while the model is built, the run {@link #start}s, and the
 * helper starts when the run first reads a sequence beyond its first block, if a core is free; {@link #close} stops
 * it. The helper goes round the sequences, filling a block of each that has room, and naps when none has, for a
 * time it adapts to how fast the run reads (the run never wakes it: waking a sleeping thread is a system call that
 * would cost the run more than a block's draws).
 *
 * <p>Whether a core is free is judged when the helper is first wanted: the runs and helpers of this JVM must leave
 * one, so a single run gets one and a sweep that keeps every core busy gets none, or one or two at its start (its
 * first runs may ask before the others have started). What this JVM cannot see — another process's runs on the same
 * cores — or has misjudged shows as a helper that keeps the run waiting, and such a helper is retired
 * ({@link #waited}). Without a helper the wrapped sequences fill their own blocks as the run reads
 * them — in a tight loop of 1,024 draws, which is itself faster than drawing each value when it is asked for (3-6 %
 * on the warm benchmarks, one thread). Either way the values are the sources' own: the helper changes how fast a run
 * goes, never what it computes. The system property {@code headroom.drawAhead} overrides the judgement, for
 * benchmarks: {@code auto} (the default), {@code on} (a helper whatever the cores), {@code alone} (blocks, never a
 * helper: one thread) and {@code off} (nothing wrapped: each value drawn when asked for).
 */
public final class DrawAhead implements AutoCloseable {
    /** A helper that has kept the run waiting this long in all (and a fiftieth of its time) is retired. */
    static final long PATIENCE_NS = 10_000_000;

    // the helper's naps between rounds, adapted to how fast the run reads
    private static final long MIN_SLEEP_NS = 20_000;
    private static final long MAX_SLEEP_NS = 2_000_000;

    // the probe of whether the helper helps (run thread only)
    static final long WARM_NS = 250_000_000;
    static final long EVERY_NS = 4_000_000_000L;
    /** The probe's segments, helped (false) or alone (true): ABBA BAAB, so that a steady trend (the JIT at work) favours neither. */
    private static final boolean[] ALONE = {false, true, true, false, true, false, false, true};
    static final int SEGMENTS = ALONE.length;
    static final long SEGMENT_NS = 30_000_000;
    static final long SETTLE_NS = 5_000_000;
    static final int ENOUGH = 8;
    private long blocks;
    private long probeAt;
    private int segment = -1;
    private long segmentStart;
    private long countedFrom;
    private long countedSince;
    private final long[] counted = new long[2];
    private final long[] countedNs = new long[2];
    private volatile boolean paused;

    /** Threads of this JVM running a simulation or a helper. */
    private static final AtomicInteger BUSY = new AtomicInteger();

    /**
     * Whether a run gets a helper: if a core is free (the default), always, or never — drawing in blocks on its own
     * thread ({@code ALONE}) or not drawing ahead at all ({@code OFF}, each value drawn when it is asked for).
     */
    enum Mode { AUTO, ON, ALONE, OFF }

    private final Mode mode;
    private final boolean wraps;
    private final List<Ring> rings = new ArrayList<>();
    private Thread helper;
    private boolean claimed; // a core, for the helper
    private long waitedNs;
    private long helperSince;
    private boolean running;
    private boolean closed;
    private boolean asked;
    private volatile boolean stopped;

    DrawAhead(Mode mode) {
        this.mode = mode;
        this.wraps = mode != Mode.OFF;
    }

    /**
     * Draw-ahead for a run, as the {@code headroom.drawAhead} property says: {@code on}, {@code alone}, {@code off}, or
     * anything else (unset) for a helper if a core is free.
     */
    public static DrawAhead forRun() {
        String p = System.getProperty("headroom.drawAhead", "auto").trim();
        return new DrawAhead("off".equalsIgnoreCase(p) ? Mode.OFF : "on".equalsIgnoreCase(p) ? Mode.ON
                : "alone".equalsIgnoreCase(p) ? Mode.ALONE : Mode.AUTO);
    }

    /** No drawing ahead: {@link #sampler} and {@link #arrivals} give back what they are given. */
    public static DrawAhead none() {
        return new DrawAhead(Mode.OFF);
    }

    /** {@code source}, drawn ahead: the same values in the same order. The source must not be used elsewhere. */
    public DurationSampler sampler(DurationSampler source) {
        if (!wraps || source == null) {
            return source;
        }
        AheadSampler s = new AheadSampler(source, this);
        register(s.ring());
        return s;
    }

    /** {@code source}, computed ahead: the same arrivals (and keys) in the same order. The source must not be used elsewhere. */
    public ArrivalStream arrivals(ArrivalStream source) {
        if (!wraps || source == null) {
            return source;
        }
        AheadArrivals a = new AheadArrivals(source, this);
        register(a.ring());
        return a;
    }

    private void register(Ring ring) {
        if (running || closed) {
            throw new IllegalStateException("sequences are drawn ahead only if wrapped before the run starts");
        }
        rings.add(ring);
    }

    /** The run starts: from now on a sequence read beyond its first block asks for the helper. */
    public void start() {
        if (running || closed) {
            throw new IllegalStateException("a run starts once");
        }
        running = true;
        BUSY.incrementAndGet(); // this run's thread
        for (Ring r : rings) {
            if (r.takenBeyondFirst()) { // read while the model was set up
                wanted();
            }
        }
    }

    /**
     * Called by the run when it takes the second block of a sequence: the helper starts then, if a core is free — so a
     * run that draws little (a test's, a capacity search's probe) starts no thread.
     */
    void wanted() {
        if (!running || asked) {
            return;
        }
        asked = true;
        if (!claimCore()) {
            return;
        }
        claimed = true;
        Ring[] all = rings.toArray(new Ring[0]);
        Thread t = new Thread(() -> drawAhead(all), "headroom-draw-ahead");
        t.setDaemon(true);
        try {
            t.start();
        } catch (Throwable e) { // no thread to be had (a container's limit): the run goes on alone
            retire();
            return;
        }
        helper = t;
        helperSince = System.nanoTime();
        probeAt = helperSince + WARM_NS;
    }

    /** Called by the run each time it takes a block of any sequence. */
    void took() {
        if (helper == null) {
            blocks++;
        } else {
            tookAt(System.nanoTime());
        }
    }

    /** {@link #took()} at {@code now} (a test's clock). */
    void tookAt(long now) {
        blocks++;
        if (helper != null) {
            probe(now);
        }
    }

    /** When the next probe starts. */
    long probeAt() {
        return probeAt;
    }

    /** Whether the helper is paused for a probe. */
    boolean paused() {
        return paused;
    }

    /**
     * Does the helper make the run faster? On this kind of machine it may not: a cloud VM's two vCPUs can be two
     * hyperthreads of one core, or share it with a neighbour, and then the helper's draws slow the run's own work by
     * more than they save (measured: warm forks 15-20 % faster with a helper, and others 5-20 % slower, the same code).
     * So {@value #WARM_NS} ns after it starts, and every {@value #EVERY_NS} ns after that, the run measures its own
     * pace — blocks taken per second, whatever the sequences — over {@link #SEGMENTS} segments of
     * {@value #SEGMENT_NS} ns, the helper paused in half of them, in an order that a steady trend (the JIT at work in a
     * cold run) favours neither way (each measured after {@value #SETTLE_NS} ns, once the blocks drawn ahead are used
     * up or the helper has caught up again), and retires the helper if the run went no faster with it. Each segment needs {@value #ENOUGH} blocks to count: a run that draws little keeps its
     * helper, which then costs it nothing.
     */
    private void probe(long now) {
        if (segment < 0) {
            if (now >= probeAt) {
                beginSegment(0, now);
            }
            return;
        }
        long in = now - segmentStart;
        if (countedSince == 0 && in >= SETTLE_NS) {
            countedFrom = blocks;
            countedSince = now;
        }
        if (in < SEGMENT_NS) {
            return;
        }
        if (countedSince != 0) {
            int k = ALONE[segment] ? 1 : 0;
            counted[k] += blocks - countedFrom;
            countedNs[k] += now - countedSince;
        }
        if (segment + 1 < SEGMENTS) {
            beginSegment(segment + 1, now);
            return;
        }
        paused = false;
        segment = -1;
        probeAt = now + EVERY_NS;
        boolean enough = counted[0] >= ENOUGH * (SEGMENTS / 2) && counted[1] >= ENOUGH * (SEGMENTS / 2);
        if (enough && counted[0] * (double) countedNs[1] <= counted[1] * (double) countedNs[0]) {
            retire(); // no faster helped than alone
        }
        counted[0] = counted[1] = 0;
        countedNs[0] = countedNs[1] = 0;
    }

    private void beginSegment(int s, long now) {
        segment = s;
        segmentStart = now;
        countedSince = 0;
        paused = ALONE[s];
    }

    private boolean claimCore() {
        if (mode == Mode.ALONE) {
            return false;
        }
        if (mode == Mode.ON) {
            BUSY.incrementAndGet();
            return true;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        for (int busy = BUSY.get(); busy < cores; busy = BUSY.get()) {
            if (BUSY.compareAndSet(busy, busy + 1)) {
                return true;
            }
        }
        return false;
    }

    /** The helper thread, or null. */
    Thread helper() {
        return helper;
    }

    /** Whether a helper thread is drawing for this run. */
    public boolean helping() {
        return helper != null;
    }

    /**
     * The run has ended: stops the helper (if any) and waits a little for it to finish the block it is filling, so
     * that no helper outlives its run. Sequences read further fill their own blocks.
     */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        closed = true;
        BUSY.decrementAndGet();
        Thread t = helper;
        retire();
        if (t != null) {
            try {
                t.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Called by the run after it waited {@code ns} for the helper to finish a block. A block takes the helper tens of
     * microseconds; a helper that has kept the run waiting over {@value #PATIENCE_NS} ns in all, and over a fiftieth
     * of the time since it started, was not running when it was needed — the cores are busier than this JVM can tell,
     * with another process's runs — and is retired: the run goes on alone. (Two processes at once on two cores, each
     * running the warm M/M/4: 430-490 ms a run with drawing ahead against 455-515 ms without; oversubscribed, a
     * helper gains little, and costs little.)
     */
    void waited(long ns) {
        waitedNs += ns;
        if (helper != null && waitedNs > PATIENCE_NS && waitedNs > (System.nanoTime() - helperSince) / 50) {
            retire();
        }
    }

    private void retire() {
        Thread t = helper;
        helper = null;
        if (t != null) {
            stopped = true;
            LockSupport.unpark(t);
        }
        if (claimed) {
            claimed = false;
            BUSY.decrementAndGet();
        }
    }

    private void drawAhead(Ring[] all) {
        long sleepNs = 100_000;
        while (!stopped) {
            if (paused) {
                LockSupport.parkNanos(this, sleepNs);
                continue;
            }
            boolean filled = false;
            for (Ring r : all) {
                filled |= r.fillAhead();
            }
            if (filled) {
                continue;
            }
            LockSupport.parkNanos(this, sleepNs);
            long low = Ring.BLOCKS;
            for (Ring r : all) {
                low = Math.min(low, r.ahead());
            }
            if (low <= 1) {
                sleepNs = Math.max(MIN_SLEEP_NS, sleepNs / 2);
            } else if (low >= Ring.BLOCKS - 2) {
                sleepNs = Math.min(MAX_SLEEP_NS, sleepNs * 2);
            }
        }
    }
}
