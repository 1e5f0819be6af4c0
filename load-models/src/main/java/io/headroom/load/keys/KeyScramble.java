package io.headroom.load.keys;

/**
 * A fixed permutation of the keys {@code 0 .. items-1}: what turns zipf ranks into scrambled-zipf keys, so
 * that the popular keys are scattered over the key space instead of being its first keys (which would load
 * one range shard with most of the traffic).
 *
 * <p>It is a four-round Feistel network on {@code b} bits, the fewest that hold {@code items - 1} (at
 * least 2), made a permutation of {@code [0, items)} by cycle walking: the network is applied again while
 * the result is {@code items} or more. The word is split into a high part of {@code ceil(b/2)} bits and a
 * low part of {@code floor(b/2)} bits; a round replaces {@code (L, R)} by {@code (R, L xor F(R))}, the
 * new low part taking the width of the old high part, so the two widths swap each round and come back
 * after four. Each round is invertible whatever {@code F}, so the network is a bijection of its
 * {@code 2^b} words, and cycle walking a bijection of a superset gives a bijection of the subset
 * (Black &amp; Rogaway, "Ciphers with arbitrary finite domains", CT-RSA 2002): every key is the image of
 * exactly one rank. As {@code 2^b < 2 × items} (for {@code items ≥ 3}), a rank takes fewer than 2
 * applications on average, and no memory whatever the number of items.
 *
 * <p>Each round function F is the SplitMix64 finaliser of its input plus a round constant. The
 * constants are fixed (they do not depend on the run's seed): the same profile always makes the same keys
 * popular, so runs with different seeds, and designs compared under one profile, see the same hot keys.
 * Changing them would change every scrambled-zipf result, so they are part of the format.
 */
public final class KeyScramble {
    private static final int ROUNDS = 4;
    private static final long[] ROUND_KEYS = {
        0x9E3779B97F4A7C15L, 0xD1B54A32D192ED03L, 0x8CB92BA72F3D8DD7L, 0xABC98388FB8FAC03L
    };

    private final long items;
    private final int highBits;
    private final int lowBits;

    public KeyScramble(long items) {
        if (items < 1) {
            throw new IllegalArgumentException("items must be at least 1, got " + items);
        }
        this.items = items;
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(items - 1));
        this.lowBits = bits / 2;
        this.highBits = bits - lowBits;
    }

    public long items() {
        return items;
    }

    /** The key of {@code rank} (0-based: rank 0 is the most popular), in {@code [0, items)}. */
    public long apply(long rank) {
        if (rank < 0 || rank >= items) {
            throw new IllegalArgumentException("rank " + rank + " outside [0, " + items + ")");
        }
        long x = rank;
        do {
            x = feistel(x);
        } while (Long.compareUnsigned(x, items) >= 0);
        return x;
    }

    private long feistel(long x) {
        int leftBits = highBits;
        int rightBits = lowBits;
        long left = x >>> rightBits;
        long right = x & mask(rightBits);
        for (int i = 0; i < ROUNDS; i++) {
            long next = (left ^ mix(right + ROUND_KEYS[i])) & mask(leftBits);
            left = right;
            right = next;
            int w = leftBits;
            leftBits = rightBits;
            rightBits = w;
        }
        return (left << rightBits) | right;
    }

    private static long mask(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    /** SplitMix64's finaliser (Stafford's variant 13). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
