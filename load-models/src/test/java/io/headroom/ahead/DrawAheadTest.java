package io.headroom.ahead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.dist.DistributionSpec;
import io.headroom.dist.DurationSampler;
import io.headroom.load.arrival.ArrivalStream;
import io.headroom.load.arrival.PoissonArrivals;
import io.headroom.random.StreamRandom;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A sequence drawn ahead is its source's, value for value, whoever fills its blocks and however the run reads. */
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

    @Test
    void samplersGiveTheirSourcesValuesWithTheHelperAndWithout() throws Exception {
        for (DrawAhead.Mode mode : new DrawAhead.Mode[] {DrawAhead.Mode.ON, DrawAhead.Mode.AUTO}) {
            DrawAhead ahead = new DrawAhead(mode);
            DurationSampler a = ahead.sampler(lognormal(1));
            DurationSampler b = ahead.sampler(exponential(2));
            if (mode == DrawAhead.Mode.ON) {
                assertTrue(a instanceof AheadSampler && b instanceof AheadSampler);
            }
            ahead.start();
            try {
                DurationSampler refA = lognormal(1);
                DurationSampler refB = exponential(2);
                SplittableRandom pace = new SplittableRandom(3);
                for (int i = 0; i < N; i++) {
                    // read the two at uneven paces, now and then slower than the helper
                    if (pace.nextInt(3) > 0) {
                        assertEquals(refA.sampleNanos(), a.sampleNanos(), "draw " + i + " of a, " + mode);
                    } else {
                        assertEquals(refB.sampleNanos(), b.sampleNanos(), "draw " + i + " of b, " + mode);
                    }
                    if (i % 50_000 == 0) {
                        Thread.sleep(2);
                    }
                }
            } finally {
                ahead.close();
            }
        }
    }

    @Test
    void withoutAHelperTheRunFillsTheBlocksItself() throws Exception {
        DrawAhead ahead = new DrawAhead(DrawAhead.Mode.ON);
        DurationSampler a = ahead.sampler(exponential(5));
        DurationSampler ref = exponential(5);
        for (int i = 0; i < N; i++) { // never started: no helper
            assertEquals(ref.sampleNanos(), a.sampleNanos(), "draw " + i);
        }
        assertFalse(ahead.helping());
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
    void arrivalsGiveTheirSourcesTimesAndKeysThenEndForEver() {
        DrawAhead ahead = new DrawAhead(DrawAhead.Mode.ON);
        ArrivalStream a = ahead.arrivals(new PoissonArrivals(5_000, 100, 10, 500, new StreamRandom(9)));
        ArrivalStream keyed = ahead.arrivals(keyed(2 * Ring.SIZE - 1));
        ahead.start();
        try {
            PoissonArrivals ref = new PoissonArrivals(5_000, 100, 10, 500, new StreamRandom(9));
            assertEquals(25_500, ref.users());
            for (long i = 0; i <= ref.users(); i++) {
                assertEquals(ref.next(), a.next(), "arrival " + i);
            }
            assertEquals(ArrivalStream.END, a.next());
            assertTrue(ahead.helping());
            ArrivalStream refKeyed = keyed(2 * Ring.SIZE - 1);
            for (int i = 0; i < 2 * Ring.SIZE - 1; i++) {
                assertEquals(refKeyed.next(), keyed.next());
                assertEquals(refKeyed.key(), keyed.key(), "key of arrival " + i);
            }
            assertEquals(ArrivalStream.END, keyed.next());
            assertEquals(ArrivalStream.END, keyed.next());
        } finally {
            ahead.close();
        }
    }

    /** Arrivals at 10 ns apart carrying keys i * 3, {@code n} of them. */
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
        int failAt = 3 * Ring.SIZE + 17; // in a block the helper fills, once the run has read two
        for (DrawAhead.Mode mode : new DrawAhead.Mode[] {DrawAhead.Mode.ON, DrawAhead.Mode.AUTO}) {
            DrawAhead ahead = new DrawAhead(mode);
            long[] drawn = {0};
            DurationSampler s = ahead.sampler(() -> {
                if (drawn[0] == failAt) {
                    throw new IllegalStateException("the source's own failure");
                }
                return drawn[0]++;
            });
            ahead.start();
            try {
                for (int i = 0; i < failAt; i++) {
                    assertEquals(i, s.sampleNanos());
                    if (i == 2 * Ring.SIZE) {
                        Thread.sleep(50); // the helper reaches the failure first
                    }
                }
                IllegalStateException e = assertThrows(IllegalStateException.class, s::sampleNanos);
                assertEquals("the source's own failure", e.getMessage());
                assertThrows(IllegalStateException.class, s::sampleNanos, "and again if asked again");
            } finally {
                ahead.close();
            }
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
        helper.join(10_000);
        assertFalse(helper.isAlive(), "the helper ends when the run closes it");
        assertThrows(IllegalStateException.class, ahead::start, "a run starts once");
    }

    @Test
    void aHelperThatKeepsTheRunWaitingIsRetiredAndTheValuesStayTheSources() throws Exception {
        DrawAhead ahead = new DrawAhead(DrawAhead.Mode.ON);
        DurationSampler ref = exponential(4);
        DurationSampler source = exponential(4);
        long[] drawnByHelper = {0};
        DurationSampler s = ahead.sampler(() -> {
            if (Thread.currentThread().getName().equals("headroom-draw-ahead") && drawnByHelper[0]++ % Ring.SIZE == 7) {
                try {
                    Thread.sleep(5); // as if the helper lost its core in the middle of a block
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
            }
            assertFalse(ahead.helping(), "retired after keeping the run waiting " + DrawAhead.PATIENCE_NS + " ns in all");
            assertTrue(drawnByHelper[0] > 0, "the helper did draw before it was retired");
        } finally {
            ahead.close();
        }
    }

    @Test
    void constantsAndReplaysAreNotRandom() {
        assertFalse(new DistributionSpec.Constant(Duration.ofMillis(1)).random());
        assertTrue(new DistributionSpec.Exponential(Duration.ofMillis(1)).random());
    }
}
