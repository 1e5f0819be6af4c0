package io.headroom.ahead;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One sequence drawn ahead: a ring of {@link #BLOCKS} blocks of {@link #SIZE} values, filled in order, each block by
 * exactly one thread — the helper ({@link #fillAhead}) or, when the helper is behind, the run itself
 * ({@link #take}). A block is claimed before it is filled and published after, and block {@code n + 1} can only be
 * claimed once block {@code n} is published, so the source's state passes from one thread to the next through the
 * publication: the sequence is the source's own, in its own order.
 *
 * <p>The counters both threads touch sit a cache line apart in their own array; the run's reading position is kept
 * by its reader ({@link AheadSampler}, {@link AheadArrivals}), an object the helper never touches, and a fill reads
 * this object's fields once per block, so neither thread's writes slow the other's reads.
 */
abstract class Ring {
    static final int BLOCKS = 8;
    static final int SIZE = 1024;

    // indices into the control array, a cache line apart
    private static final int PUBLISHED = 8;  // blocks filled, in order
    private static final int CLAIMED = 16;   // blocks whose filling has begun: PUBLISHED or PUBLISHED + 1
    private static final int TAKEN = 24;     // blocks the run has taken: it reads the last, the others' slots are free
    private static final int ENDED = 32;     // 1 once a block holds the end of a finite source
    private static final int FAILED = 40;    // the block whose filling threw, + 1 (0: none)
    private static final int HELPED = 48;    // blocks the helper has filled
    private final AtomicLongArray control = new AtomicLongArray(56);
    private final DrawAhead owner;

    // written by the thread whose fill threw, before it publishes the block
    private Throwable failure;
    private int failedAt;

    Ring(DrawAhead owner) {
        this.owner = owner;
    }

    /**
     * Fills {@code slot} (allocating it the first time) with the source's next values: {@link #SIZE} of them, or fewer
     * if the source ends (the end marker is the last written, and {@link #ended()} is called) or throws (then
     * {@link #failed} is called with how many were written). Returns how many it wrote.
     */
    abstract int fill(int slot);

    /** Called by {@link #fill} when the source has no more values: nothing is drawn ahead after this block. */
    final void ended() {
        control.set(ENDED, 1);
    }

    /** Called by {@link #fill} when the source threw after {@code written} values: the run sees it when it reads that far. */
    final void failed(Throwable e, int written) {
        failure = e;
        failedAt = written;
    }

    /** By the helper: fills the next block if the run has room for it; true if it did. */
    final boolean fillAhead() {
        long taken = control.get(TAKEN);
        long n = control.get(PUBLISHED);
        if (!room(taken, n) || !control.compareAndSet(CLAIMED, n, n + 1)) {
            return false; // no room, or the run is filling block n itself
        }
        control.lazySet(HELPED, control.get(HELPED) + 1);
        fillAndPublish(n);
        return true;
    }

    /** Whether a block's filling has thrown. */
    final boolean failedSoFar() {
        return control.get(FAILED) != 0;
    }

    /** How many blocks the helper has filled (it alone counts them). */
    final long helped() {
        return control.get(HELPED);
    }

    /** Whether the run has taken more than one block of this sequence. */
    final boolean takenBeyondFirst() {
        return control.get(TAKEN) > 1;
    }

    /** How many blocks are filled and not yet taken, for a sequence drawn ahead; {@link #BLOCKS} if there is nothing to fill. */
    final long ahead() {
        long taken = control.get(TAKEN);
        return taken < 2 || control.get(ENDED) != 0 || control.get(FAILED) != 0 ? BLOCKS : control.get(PUBLISHED) - taken;
    }

    /**
     * Whether block {@code published} may be filled ahead: the run has read this sequence beyond its first block (one
     * drawn from now and then — a failure time, a pod's start-up — is left to the run, which fills a block when it
     * needs one), the source has neither ended nor failed, and the block's slot is free — every slot is but the one
     * the run reads, block {@code taken - 1}. ({@code taken} only grows, so reading it before {@code published} errs
     * on the safe side.)
     */
    private boolean room(long taken, long published) {
        return taken > 1 && published - taken < BLOCKS - 1 && control.get(ENDED) == 0 && control.get(FAILED) == 0;
    }

    /** Fills block {@code n} and publishes it, whatever happens: a claimed block left unpublished would stall the run. */
    private void fillAndPublish(long n) {
        try {
            fill((int) (n % BLOCKS));
        } catch (Throwable e) { // outside the source's draws (the block's allocation)
            if (failure == null) {
                failed(e, 0);
            }
        } finally {
            if (failure != null && control.get(FAILED) == 0) {
                control.set(FAILED, n + 1);
            }
            control.set(PUBLISHED, n + 1);
        }
    }

    /**
     * By the run: the slot of block {@code n}, the one after the last it took (whose slot is then free to be filled
     * again). Fills it here if the helper has not; waits only while the helper is filling it, and tells the owner
     * how long.
     */
    final int take(long n) {
        control.set(TAKEN, n + 1);
        if (n == 1) {
            owner.wanted();
        }
        owner.took();
        int spins = 0;
        long waitingSince = 0;
        while (control.get(PUBLISHED) <= n) {
            if (control.get(CLAIMED) == n && control.compareAndSet(CLAIMED, n, n + 1)) {
                fillAndPublish(n);
                break;
            }
            // the helper is filling block n
            if (spins == 0) {
                waitingSince = System.nanoTime();
            }
            if (++spins < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        if (spins > 0) {
            owner.waited(System.nanoTime() - waitingSince);
        }
        return (int) (n % BLOCKS);
    }

    /** How many values of block {@code n} (taken) may be read: {@link #SIZE}, or fewer in the block whose filling threw. */
    final int readable(long n) {
        return control.get(FAILED) == n + 1 ? failedAt : SIZE;
    }

    /** Throws what the source threw (as it is, checked or not), once the run has read every value drawn before it. */
    final void rethrow() {
        Ring.<RuntimeException>sneaky(failure);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
