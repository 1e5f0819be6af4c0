package io.headroom.database;

import java.util.Arrays;

/**
 * What each instance of a database has of each key: the commit time of the key's latest committed write, and when
 * each instance applied it. A read of a key at a replica is stale when the key's latest committed write is not yet
 * applied there. Keys are tracked modulo {@link #MAX_KEYS}, or fewer so that a shard's table holds at most
 * {@link #MAX_CELLS} times (beyond that, keys that share a slot are judged together, which can only count more stale
 * reads); flat primitive arrays, nothing allocated per request.
 *
 * <p>Only the latest write of a key is kept: a read is judged against it alone, as replicas that apply each write
 * independently do (a replica that has the latest write serves it, whatever older writes it still lacks).
 */
final class KeyVersions {
    /** The most keys tracked apart: 2^22 (4,194,304); with 3 instances a shard, 128 MB of times. */
    static final long MAX_KEYS = 1L << 22;
    /** The most applied-times a shard keeps: 2^24 (128 MB), room for twice the instances it starts with. */
    static final long MAX_CELLS = 1L << 24;
    private static final long NONE = Long.MIN_VALUE;

    private final int keys;
    private int width;
    private final long[] commit;
    private long[] applied;

    KeyVersions(long keySpace, int width) {
        this.keys = (int) Math.max(1, Math.min(Math.min(keySpace, MAX_KEYS), MAX_CELLS / (2L * Math.max(1, width))));
        this.width = width;
        commit = new long[keys];
        Arrays.fill(commit, NONE);
        applied = new long[Math.toIntExact((long) keys * width)];
    }

    /** The tracking slot of {@code key}. */
    int index(long key) {
        return (int) Math.floorMod(key, (long) keys);
    }

    /** Room for instance slots {@code 0 .. n-1} (a replacement instance may take a new slot). */
    void ensureWidth(int n) {
        if (n <= width) {
            return;
        }
        long[] a = new long[Math.toIntExact((long) keys * n)];
        for (int k = 0; k < keys; k++) {
            System.arraycopy(applied, k * width, a, k * n, width);
        }
        applied = a;
        width = n;
    }

    int width() {
        return width;
    }

    /** Key {@code k}'s latest write commits at {@code commitAt}; instance slot {@code i} has it at {@code appliedAt[i]}. */
    void write(int k, long commitAt, long[] appliedAt, int slots) {
        commit[k] = commitAt;
        System.arraycopy(appliedAt, 0, applied, k * width, slots);
    }

    /**
     * Whether a read of key {@code k} at instance slot {@code i} at {@code now} is stale: the key's latest write
     * committed after {@code floor} (writes before the last promotion are everywhere) and by {@code now}, and not
     * yet applied at {@code i}.
     */
    boolean stale(int k, int i, long now, long floor) {
        long c = commit[k];
        return c != NONE && c > floor && c <= now && i < width && applied[k * width + i] > now;
    }
}
