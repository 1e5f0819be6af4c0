package io.headroom.cache;

/**
 * A map from {@code long} keys to non-negative {@code int} values (a cache's slot numbers): open
 * addressing with linear probing in one primitive array, a bucket's key and value side by side (a probe
 * is at most one cache miss), so a lookup touches no object and allocates nothing. The number of buckets
 * is a power of two at least twice the number of entries the map is sized for (load factor at most 1/2:
 * about 1.5 probes for a hit, 2.5 for a miss; 32 to 64 bytes a key). The home bucket is the top bits of
 * {@code key × 2^64/φ} (Fibonacci hashing), which spreads consecutive keys — the key samplers' keys are
 * {@code 0 .. items-1} — evenly. Removal shifts the following entries of the run back (Knuth, TAOCP 3,
 * §6.4, Algorithm R), so there are no tombstones and probe lengths do not degrade however many keys come
 * and go.
 *
 * <p>Any {@code long} is a key; a value below zero means "absent". Not thread-safe.
 */
final class LongIntMap {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int ABSENT = -1;

    /** Bucket {@code i} is {@code table[2i]} (its key) and {@code table[2i+1]} (its value, -1 if empty): one cache line. */
    private long[] table;
    private int mask;
    private int shift;
    private int size;

    /** A map that holds {@code expected} entries at a load factor of at most 1/2 without growing. */
    LongIntMap(int expected) {
        allocate(tableSizeFor(expected));
    }

    /** The number of buckets (a power of two, at least 2) for {@code expected} entries. */
    static int tableSizeFor(int expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("expected entries must be >= 0, got " + expected);
        }
        long want = Math.max(2L, 2L * expected);
        if (want > (1 << 29)) {
            throw new IllegalArgumentException("too many entries for one table: " + expected);
        }
        return Integer.highestOneBit((int) want - 1) << 1;
    }

    private void allocate(int buckets) {
        table = new long[2 * buckets];
        for (int i = 1; i < table.length; i += 2) {
            table[i] = ABSENT;
        }
        mask = buckets - 1;
        shift = 64 - Integer.numberOfTrailingZeros(buckets);
        size = 0;
    }

    private int home(long key) {
        return (int) ((key * GOLDEN) >>> shift);
    }

    /** The value of {@code key}, or -1 if absent. */
    int get(long key) {
        long[] t = table;
        int i = home(key);
        long v;
        while ((v = t[2 * i + 1]) != ABSENT) {
            if (t[2 * i] == key) {
                return (int) v;
            }
            i = (i + 1) & mask;
        }
        return ABSENT;
    }

    /**
     * Maps {@code key} to {@code value} (which must be {@code >= 0}); the key must be absent and the map
     * below the size it was made (or last grown) for — the caches check both before calling.
     */
    void putAbsent(long key, int value) {
        long[] t = table;
        int i = home(key);
        while (t[2 * i + 1] != ABSENT) {
            i = (i + 1) & mask;
        }
        t[2 * i] = key;
        t[2 * i + 1] = value;
        size++;
    }

    /** Removes {@code key}; returns its value, or -1 if it was absent. */
    int remove(long key) {
        long[] t = table;
        int i = home(key);
        long v;
        while ((v = t[2 * i + 1]) != ABSENT) {
            if (t[2 * i] == key) {
                deleteAt(i);
                size--;
                return (int) v;
            }
            i = (i + 1) & mask;
        }
        return ABSENT;
    }

    /** Empties bucket {@code hole}, moving back every later entry of its run that may live there. */
    private void deleteAt(int hole) {
        long[] t = table;
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            long v = t[2 * j + 1];
            if (v == ABSENT) {
                break;
            }
            long k = t[2 * j];
            // the entry at j may move to the hole iff the hole lies cyclically in [home, j)
            if (((j - home(k)) & mask) >= ((j - hole) & mask)) {
                t[2 * hole] = k;
                t[2 * hole + 1] = v;
                hole = j;
            }
        }
        t[2 * hole + 1] = ABSENT;
    }

    int size() {
        return size;
    }

    /** Buckets in the table (a power of two). */
    int tableSize() {
        return mask + 1;
    }

    /** Removes every entry, keeping the table. */
    void clear() {
        if (size > 0) {
            long[] t = table;
            for (int i = 1; i < t.length; i += 2) {
                t[i] = ABSENT;
            }
            size = 0;
        }
    }

    /** Re-makes the table for {@code expected} entries, keeping the current ones. Allocates. */
    void grow(int expected) {
        long[] old = table;
        allocate(tableSizeFor(expected));
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != ABSENT) {
                putAbsent(old[i], (int) old[i + 1]);
            }
        }
    }
}
