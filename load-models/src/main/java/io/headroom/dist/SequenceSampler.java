package io.headroom.dist;

/**
 * A trace replayed: the i-th draw is the i-th sample (modulo their number, so after the last it starts again at
 * the first). Consumes no random numbers and allocates nothing per draw.
 */
final class SequenceSampler implements DurationSampler {
    private final long[] nanos;
    private int next;

    SequenceSampler(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("a sequence needs at least one sample");
        }
        this.nanos = nanos;
    }

    @Override
    public long sampleNanos() {
        long v = nanos[next];
        next = next + 1 == nanos.length ? 0 : next + 1;
        return v;
    }
}
