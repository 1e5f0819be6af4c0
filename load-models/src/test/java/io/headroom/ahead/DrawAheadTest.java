package io.headroom.ahead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.dist.DistributionSpec;
import io.headroom.dist.DurationSampler;
import io.headroom.dist.EmpiricalOrder;
import io.headroom.dist.TimeUnitName;
import io.headroom.load.arrival.ArrivalStream;
import io.headroom.load.arrival.PoissonArrivals;
import io.headroom.random.StreamRandom;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sequence drawn ahead is its source's, value for value, whoever fills its blocks and however the run reads. Each
 * test that says the helper drew waits (up to 10 s) until it has filled a block before reading on, so that it tests
 * the helper's blocks, not only the run's own.
 */
@Timeout(60)
class DrawAheadTest {
    private static final int N = 7 * Ring.BLOCKS * Ring.SIZE + 123; // many times round the ring, and a part block

    private static DurationSampler lognormal(long seed) throws Exception {
        return new DistributionSpec.Lognormal(Duration.ofMillis(20), Duration.ofMillis(300), null, null, null)
                .sampler(new StreamRandom(seed), Path.of("."));
    }

    private static DurationSampler exponential(long seed) throws Exception {
        return new DistributionSpec.Exponential(Duration.ofMillis(5)).sampler(new StreamRandom(seed), Path.of("."));
    }

    /** Waits until {@code count} is at least {@code n}: the helper has filled that many blocks. */
    private static void awaitHelper(LongSupplier count, long n) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (count.getAsLong() < n) {
            assertTrue(System.nanoTime() < end, "the helper filled " + count.getAsLong() + " blocks in 10 s, not " + n);
            Thread.sleep(1);
        }
    }

    @Test
    void samplersGiveTheirSourcesValuesWhoeverFillsTheBlocks() throws Exception {
        DrawAhead ahead = new DrawAhead(DrawAhead.Mode.ON);
        AheadSampler a = (AheadSampler) ahead.sampler(lognormal(1));
        AheadSampler b = (AheadSampler) ahead.sampler(exponential(2));
        ahead.start();
        try {
            DurationSampler refA = lognormal(1);
            DurationSampler refB = exponential(2);
            for (int i = 0; i < 2 * Ring.SIZE + 1; i++) { // past two blocks each: the helper is wanted
                assertEquals(refA.sampleNanos(), a.sampleNanos());
                assertEquals(refB.sampleNanos(), b.sampleNanos());
            }
            awaitHelper(() -> a.ring().helped(), 1);
            awaitHelper(() -> b.ring().helped(), 1);
            SplittableRandom pace = new SplittableRandom(3);
            for (int i = 0; i < N; i++) {
                // the two read at uneven paces, now and then slower than the helper, now and then faster
                if (pace.nextInt(3) > 0) {
                    assertEquals(refA.sampleNanos(), a.sampleNanos(), "draw " + i + " of a");
                } else {
                    assertEquals(refB.sampleNanos(), b.sampleNanos(), "draw " + i + " of b");
                }
                if (i % 5_000 == 0) {
                    Thread.sleep(1);
                }
            }
            assertTrue(a.ring().helped() > 5 && b.ring().helped() > 5, a.ring().helped() + " and " + b.ring().helped());
        } finally {
            ahead.close();
        }
    }

    @Test
    void withoutAHelperTheRunFillsTheBlocksItself() throws Exception {
        for (DrawAhead.Mode mode : new DrawAhead.Mode[] {DrawAhead.Mode.ON, DrawAhead.Mode.AUTO}) {
            DrawAhead ahead = new DrawAhead(mode);
            DurationSampler a = ahead.sampler(exponential(5));
            DurationSampler ref = exponential(5);
            for (int i = 0; i < N; i++) { // never started: no helper
                assertEquals(ref.sampleNanos(), a.sampleNanos(), "draw " + i);
            }
            assertFalse(ahead.helping());
        }
        DrawAhead alone = new DrawAhead(DrawAhead.Mode.ALONE); // started, but never a helper
        DurationSampler a = alone.sampler(exponential(5));
        assertTrue(a instanceof AheadSampler, "drawn in blocks");
        alone.start();
        DurationSampler ref = exponential(5);
        for (int i = 0; i < N; i++) {
            assertEquals(ref.sampleNanos(), a.sampleNanos(), "draw " + i);
        }
        assertFalse(alone.helping());
        alone.close();
    }

    @Test
    void theHelperNeverFillsTheSlotTheRunHasJustTaken() throws Exception {
        // played on one thread: the test fills ahead as the helper would, between the run's takes
        DrawAhead ahead = new DrawAhead(DrawAhead.Mode.ALONE);
        AheadSampler s = (AheadSampler) ahead.sampler(exponential(8));
        DurationSampler ref = exponential(8);
        for (int i = 0; i <= Ring.SIZE; i++) {
            assertEquals(ref.sampleNanos(), s.sampleNanos()); // blocks 0 and 1 taken, filled by the run
        }
        int filled = 0;
        while (s.ring().fillAhead()) {
            filled++;
        }
        assertEquals(Ring.BLOCKS - 1, filled, "every slot but the one the run reads");
        for (int i = 0; i < Ring.SIZE; i++) {
            assertEquals(ref.sampleNanos(), s.sampleNanos()); // block 2 taken: one slot free again
        }
        assertTrue(s.ring().fillAhead());
        assertFalse(s.ring().fillAhead());
        for (int i = 0; i < 20 * Ring.SIZE; i++) {
            assertEquals(ref.sampleNanos(), s.sampleNanos(), "draw " + i);
        }
    }

    @Test
    void offWrapsNothing() throws Exception {
        DrawAhead ahead = new DrawAhead(DrawAhead.Mode.OFF);
        DurationSampler s = exponential(1);
        assertSame(s, ahead.sampler(s));
        ArrivalStream a = () -> ArrivalStream.END;
        assertSame(a, ahead.arrivals(a));
        ahead.start();
        assertFalse(ahead.helping());
        ahead.close();
    }

    @Test
    void arrivalsGiveTheirSourcesTimesAndKeysThenEndForEver() throws Exception {
        DrawAhead ahead = new DrawAhead(DrawAhead.Mode.ON);
        AheadArrivals a = (AheadArrivals) ahead.arrivals(new PoissonArrivals(5_000, 100, 10, 500, new StreamRandom(9)));
        int keyedCount = 6 * Ring.SIZE + 3;
        AheadArrivals keyed = (AheadArrivals) ahead.arrivals(keyed(keyedCount));
        ahead.start();
        try {
            PoissonArrivals ref = new PoissonArrivals(5_000, 100, 10, 500, new StreamRandom(9));
            ArrivalStream refKeyed = keyed(keyedCount);
            assertEquals(25_500, ref.users());
            for (long i = 0; i <= ref.users(); i++) {
                assertEquals(ref.next(), a.next(), "arrival " + i);
                if (i == 2 * Ring.SIZE) {
                    awaitHelper(() -> a.ring().helped(), 1);
                }
                if (i <= keyedCount) { // the keyed stream, in step
                    assertEquals(refKeyed.next(), keyed.next(), "keyed arrival " + i);
                    if (i < keyedCount) {
                        assertEquals(refKeyed.key(), keyed.key(), "key of arrival " + i);
                    }
                    if (i == 2 * Ring.SIZE) {
                        awaitHelper(() -> keyed.ring().helped(), 1);
                    }
                }
            }
            assertEquals(ArrivalStream.END, a.next());
            assertEquals(ArrivalStream.END, keyed.next());
            assertEquals(ArrivalStream.END, keyed.next());
            assertTrue(a.ring().helped() > 0 && keyed.ring().helped() > 0);
        } finally {
            ahead.close();
        }
    }

    /** Arrivals 10 ns apart carrying keys i * 3, {@code n} of them. */
    private static ArrivalStream keyed(int n) {
        return new ArrivalStream() {
            private long i = -1;

            @Override
            public long next() {
                return ++i < n ? 10 * i : END;
            }

            @Override
            public long key() {
                return 3 * i;
            }
        };
    }

    @Test
    void aSourceThatThrowsThrowsAtTheSameDraw() throws Exception {
        int failAt = 3 * Ring.SIZE + 17; // in block 3, which the helper fills once the run has read two
        DrawAhead ahead = new DrawAhead(DrawAhead.Mode.ON);
        long[] drawn = {0};
        AheadSampler s = (AheadSampler) ahead.sampler(() -> {
            if (drawn[0] == failAt) {
                throw new IllegalStateException("the source's own failure");
            }
            return drawn[0]++;
        });
        ahead.start();
        try {
            for (int i = 0; i < failAt; i++) {
                assertEquals(i, s.sampleNanos());
                if (i == 2 * Ring.SIZE) { // the run reads block 2: only the helper can have filled block 3
                    awaitHelper(() -> s.ring().failedSoFar() ? 1 : 0, 1);
                }
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, s::sampleNanos);
            assertEquals("the source's own failure", e.getMessage());
            assertThrows(IllegalStateException.class, s::sampleNanos, "and again if asked again");
        } finally {
            ahead.close();
        }
    }

    @Test
    void theHelperStartsWhenASequenceIsReadBeyondItsFirstBlockAndStopsWithTheRun() throws Exception {
        DrawAhead ahead = new DrawAhead(DrawAhead.Mode.ON);
        DurationSampler s = ahead.sampler(exponential(1));
        s.sampleNanos();
        ahead.start();
        assertThrows(IllegalStateException.class, () -> ahead.sampler(exponential(2)), "wrapped before the run starts");
        for (int i = 1; i < Ring.SIZE; i++) {
            s.sampleNanos();
        }
        assertFalse(ahead.helping(), "a run that draws one block starts no thread");
        s.sampleNanos();
        assertTrue(ahead.helping());
        Thread helper = ahead.helper();
        assertTrue(helper.isDaemon() && helper.isAlive());
        ahead.close();
        assertFalse(helper.isAlive(), "the helper has ended when the run's close returns");
        assertThrows(IllegalStateException.class, ahead::start, "a run starts once");
    }

    @Test
    void aHelperThatKeepsTheRunWaitingIsRetiredAndTheValuesStayTheSources() throws Exception {
        DrawAhead ahead = new DrawAhead(DrawAhead.Mode.ON);
        DurationSampler ref = exponential(4);
        DurationSampler source = exponential(4);
        AtomicLong drawnByHelper = new AtomicLong();
        DurationSampler s = ahead.sampler(() -> {
            if (Thread.currentThread().getName().equals("headroom-draw-ahead") && drawnByHelper.getAndIncrement() % Ring.SIZE == 7) {
                try {
                    Thread.sleep(5); // as if the helper lost its core in the middle of every block
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return source.sampleNanos();
        });
        ahead.start();
        try {
            for (int i = 0; i < N; i++) {
                assertEquals(ref.sampleNanos(), s.sampleNanos(), "draw " + i);
                if (i == 2 * Ring.SIZE) {
                    awaitHelper(drawnByHelper::get, 1);
                }
            }
            assertFalse(ahead.helping(), "retired after keeping the run waiting");
        } finally {
            ahead.close();
        }
    }

    /**
     * Plays a probe on a test clock: the run takes a block every {@code helpedNs} while the helper draws and every
     * {@code aloneNs} while it is paused; returns whether the helper is still drawing when the probe is over.
     */
    private static boolean helperKeptAfterAProbe(long helpedNs, long aloneNs) throws Exception {
        return helperKeptAfterAProbe(helpedNs, aloneNs, 0);
    }

    /** As above, with the run speeding up as it goes: each interval shorter by {@code speedUp} of it per segment. */
    private static boolean helperKeptAfterAProbe(long helpedNs, long aloneNs, double speedUp) throws Exception {
        DrawAhead ahead = new DrawAhead(DrawAhead.Mode.ON);
        DurationSampler s = ahead.sampler(exponential(6));
        ahead.start();
        try {
            for (int i = 0; i <= Ring.SIZE; i++) {
                s.sampleNanos(); // into the second block: the helper starts
            }
            assertTrue(ahead.helping());
            long start = ahead.probeAt();
            long end = start + DrawAhead.SEGMENTS * DrawAhead.SEGMENT_NS + 20 * Math.max(helpedNs, aloneNs);
            StringBuilder modes = new StringBuilder();
            for (long now = start; now < end && ahead.helping();
                 now += (long) ((ahead.paused() ? aloneNs : helpedNs) * (1 - speedUp * (now - start) / DrawAhead.SEGMENT_NS))) {
                ahead.tookAt(now);
                char mode = ahead.paused() ? 'B' : 'A';
                if (modes.length() == 0 || modes.charAt(modes.length() - 1) != mode) {
                    modes.append(mode);
                }
            }
            assertEquals("ABABABA", modes.toString(), "helped, alone twice, helped, alone, helped twice, alone, then helped");
            assertFalse(ahead.paused(), "and draws again after the probe, if kept");
            return ahead.helping();
        } finally {
            ahead.close();
        }
    }

    @Test
    void aHelperThatDoesNotMakeTheRunFasterIsRetired() throws Exception {
        // a steady trend (a run speeding up as the JIT compiles it: here by 5 % of its pace a segment) favours neither way
        assertTrue(helperKeptAfterAProbe(200_000, 220_000, 0.05), "a run 10 % faster with its helper, speeding up, keeps it");
        assertFalse(helperKeptAfterAProbe(220_000, 200_000, 0.05), "a run 10 % slower with it, speeding up, retires it");
        assertTrue(helperKeptAfterAProbe(200_000, 240_000), "a run 20 % faster with its helper keeps it");
        assertFalse(helperKeptAfterAProbe(240_000, 200_000), "a run 20 % slower with it retires it");
        assertFalse(helperKeptAfterAProbe(200_000, 200_000), "and one no faster");
    }

    @Test
    void constantsAndReplaysInOrderAreNotRandom() {
        assertFalse(new DistributionSpec.Constant(Duration.ofMillis(1)).random());
        assertFalse(new DistributionSpec.Empirical("times.csv", TimeUnitName.MS, null, EmpiricalOrder.SEQUENCE).random());
        assertTrue(new DistributionSpec.Empirical("times.csv", TimeUnitName.MS, null, EmpiricalOrder.RESAMPLE).random());
        assertTrue(new DistributionSpec.Exponential(Duration.ofMillis(1)).random());
    }
}
