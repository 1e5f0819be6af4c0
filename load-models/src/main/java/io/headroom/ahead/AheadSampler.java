package io.headroom.ahead;

import io.headroom.dist.DurationSampler;

/**
 * A {@link DurationSampler} whose draws are made ahead, in blocks, by the run's {@link DrawAhead} helper: the same
 * values in the same order as its source's, read from memory. Used by the run's thread only, as any sampler.
 */
final class AheadSampler extends BlockReader implements DurationSampler {
    private final Blocks ring;
    private final long[] block = new long[Ring.SIZE];

    AheadSampler(DurationSampler source, DrawAhead owner) {
        ring = new Blocks(source, owner);
    }

    Ring ring() {
        return ring;
    }

    @Override
    public long sampleNanos() {
        if (pos == limit) {
            advance();
        }
        return block[pos++];
    }

    private void advance() {
        int slot = nextBlock(ring);
        System.arraycopy(ring.values[slot], 0, block, 0, limit);
    }

    /** The blocks of one sampler's draws. */
    private static final class Blocks extends Ring {
        final long[][] values = new long[BLOCKS][];
        private final DurationSampler source;

        Blocks(DurationSampler source, DrawAhead owner) {
            super(owner);
            this.source = source;
        }

        @Override
        int fill(int slot) {
            long[] b = values[slot];
            if (b == null) {
                b = values[slot] = new long[SIZE];
            }
            DurationSampler s = source;
            int i = 0;
            try {
                for (; i < SIZE; i++) {
                    b[i] = s.sampleNanos();
                }
            } catch (Throwable e) { // whatever it is, the run sees it at this draw
                failed(e, i);
            }
            return i;
        }
    }
}
