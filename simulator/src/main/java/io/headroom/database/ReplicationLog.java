package io.headroom.database;

import java.util.Arrays;

/**
 * A shard's replication log as far as it matters for a failover: the recent writes, each with its commit time and
 * when each instance applies it, kept until every instance has it. When the primary is lost at {@code t}, the writes
 * committed by {@code t} that a replica had not applied by {@code t} never reach it: promoted, it has lost them (the
 * recovery point). A ring of primitive times that doubles when full (rarely: it holds the writes of about the
 * longest lag).
 */
final class ReplicationLog {
    private final int stride; // commit, counted (1 or 0), then one apply time per instance slot
    private int slots;
    private long[] ring;
    private int head;
    private int size;

    ReplicationLog(int slots) {
        this.slots = slots;
        this.stride = 2 + Math.max(slots, 1) * 2; // room for a few replacement slots
        this.ring = new long[stride * 64];
    }

    private int capacity() {
        return ring.length / stride;
    }

    /** A write committed at {@code commitAt}, applied at instance slot {@code i} at {@code appliedAt[i]}. */
    void append(long commitAt, boolean counted, long[] appliedAt, int n, long now) {
        while (size > 0 && allApplied(head, now)) {
            head = (head + 1) % capacity();
            size--;
        }
        if (size == capacity()) {
            grow();
        }
        int at = ((head + size) % capacity()) * stride;
        ring[at] = commitAt;
        ring[at + 1] = counted ? 1 : 0;
        int m = Math.min(n, stride - 2);
        System.arraycopy(appliedAt, 0, ring, at + 2, m);
        Arrays.fill(ring, at + 2 + m, at + stride, Long.MIN_VALUE);
        size++;
        slots = Math.max(slots, m);
    }

    private boolean allApplied(int entry, long now) {
        int at = entry * stride;
        for (int i = 0; i < stride - 2; i++) {
            if (ring[at + 2 + i] > now) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        int cap = capacity();
        long[] a = new long[ring.length * 2];
        for (int e = 0; e < size; e++) {
            System.arraycopy(ring, ((head + e) % cap) * stride, a, e * stride, stride);
        }
        ring = a;
        head = 0;
    }

    /** Counted writes committed by {@code t} that instance slot {@code i} had not applied at {@code t}. */
    long missingAt(int i, long t) {
        if (i >= stride - 2) {
            return 0;
        }
        long n = 0;
        int cap = capacity();
        for (int e = 0; e < size; e++) {
            int at = ((head + e) % cap) * stride;
            if (ring[at] <= t && ring[at + 2 + i] > t && ring[at + 1] == 1) {
                n++;
            }
        }
        return n;
    }

    /** Forgets every write: after a promotion every instance follows the new primary. */
    void clear() {
        head = 0;
        size = 0;
    }
}
