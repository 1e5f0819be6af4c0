package io.headroom.ahead;

import io.headroom.load.arrival.ArrivalStream;

/**
 * An {@link ArrivalStream} whose times (and keys) are computed ahead, in blocks, by the run's {@link DrawAhead}
 * helper: the same arrivals in the same order as its source's. Used by the run's thread only.
 */
final class AheadArrivals extends BlockReader implements ArrivalStream {
    private final Blocks ring;
    private final long[] times = new long[Ring.SIZE];
    private final long[] keys = new long[Ring.SIZE];
    private long key = NO_KEY;
    private boolean over;

    AheadArrivals(ArrivalStream source, DrawAhead owner) {
        ring = new Blocks(source, owner);
    }

    Ring ring() {
        return ring;
    }

    @Override
    public long next() {
        if (over) {
            return END;
        }
        if (pos == limit) {
            advance();
        }
        key = keys[pos];
        long t = times[pos++];
        if (t == END) {
            over = true;
        }
        return t;
    }

    @Override
    public long key() {
        return key;
    }

    private void advance() {
        int slot = nextBlock(ring);
        System.arraycopy(ring.times[slot], 0, times, 0, limit);
        System.arraycopy(ring.keys[slot], 0, keys, 0, limit);
    }

    /** The blocks of one stream's arrivals: each time with the key it carries. */
    private static final class Blocks extends Ring {
        final long[][] times = new long[BLOCKS][];
        final long[][] keys = new long[BLOCKS][];
        private final ArrivalStream source;

        Blocks(ArrivalStream source, DrawAhead owner) {
            super(owner);
            this.source = source;
        }

        @Override
        int fill(int slot) {
            if (times[slot] == null) {
                times[slot] = new long[SIZE];
                keys[slot] = new long[SIZE];
            }
            long[] t = times[slot];
            long[] k = keys[slot];
            ArrivalStream s = source;
            int i = 0;
            try {
                while (i < SIZE) {
                    long v = s.next();
                    t[i] = v;
                    k[i] = v == END ? NO_KEY : s.key();
                    i++;
                    if (v == END) {
                        ended();
                        break;
                    }
                }
            } catch (Throwable e) { // whatever it is, the run sees it at this draw
                failed(e, i);
            }
            return i;
        }
    }
}
