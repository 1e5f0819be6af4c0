package io.headroom.ahead;

/**
 * The run's side of a {@link Ring}: where it reads, in an object of its own, which the helper never touches. A reader
 * copies each block it takes into an array of its own (one copy streams the block from the core that drew it; read
 * in place, each cache line would be a miss of its own).
 */
abstract class BlockReader {
    /** The next value to read in the reader's copy of the block, and how many it holds. */
    int pos;
    int limit;
    private long next;
    private boolean begun;

    /**
     * Moves to the next block of {@code ring}: its slot, with {@link #limit} the values that may be read from it (at
     * least one). Throws what the source threw once every value drawn before it has been read.
     */
    final int nextBlock(Ring ring) {
        if (begun && limit < Ring.SIZE) {
            ring.rethrow(); // the source failed after the last value of this block
        }
        begun = true;
        int slot = ring.take(next);
        limit = ring.readable(next);
        next++;
        pos = 0;
        if (limit == 0) {
            ring.rethrow(); // the source failed before this block's first value
        }
        return slot;
    }
}
