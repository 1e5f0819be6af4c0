package io.headroom.cache;

import java.util.Arrays;

/**
 * One intrusive doubly linked list over a cache's slots {@code 0 .. slots-1}, from {@link #head} to tail:
 * slot {@code s}'s neighbours sit side by side in one {@code int} array (prev at {@code 2s}, next at
 * {@code 2s + 1}: one cache line), so linking, unlinking and moving a slot are a few array writes and
 * allocate nothing. The cache gives the slots out and keeps what they hold (its {@code keys[s]}); the list
 * only orders them — least to most recently used for {@link LruCache}, oldest to newest write for
 * {@link TtlCache}.
 *
 * <p>A slot {@link #release}d goes on a stack of free slots, threaded through the same next links, that
 * {@link #reuse} pops: for a cache whose entries leave without being replaced at once (TTL expiry). Not
 * thread-safe.
 */
final class SlotList {
    static final int NIL = -1;

    private int[] links; // prev of slot s at 2s, next at 2s + 1: one cache line
    private int head = NIL;
    private int tail = NIL;
    private int free = NIL; // stack of released slots, linked by their next link

    /** An empty list over {@code slots} slots. */
    SlotList(int slots) {
        this.links = new int[2 * slots];
    }

    /** The first slot, or {@link #NIL} if the list is empty. */
    int head() {
        return head;
    }

    /** Takes linked slot {@code s} out of the list. */
    void unlink(int s) {
        int p = links[2 * s];
        int n = links[2 * s + 1];
        if (p == NIL) {
            head = n;
        } else {
            links[2 * p + 1] = n;
        }
        if (n == NIL) {
            tail = p;
        } else {
            links[2 * n] = p;
        }
    }

    /** Puts unlinked slot {@code s} at the tail. */
    void linkTail(int s) {
        links[2 * s] = tail;
        links[2 * s + 1] = NIL;
        if (tail == NIL) {
            head = s;
        } else {
            links[2 * tail + 1] = s;
        }
        tail = s;
    }

    /** Moves linked slot {@code s} to the tail. */
    void toTail(int s) {
        if (s != tail) {
            unlink(s);
            linkTail(s);
        }
    }

    /** Unlinks slot {@code s} and pushes it on the free stack. */
    void release(int s) {
        unlink(s);
        links[2 * s + 1] = free;
        free = s;
    }

    /** Pops a released slot, or returns {@link #NIL} if none is free. */
    int reuse() {
        int s = free;
        if (s != NIL) {
            free = links[2 * s + 1];
        }
        return s;
    }

    /** {@code keys[s]} for the {@code size} linked slots, head first. Allocates. */
    long[] keysInOrder(long[] keys, int size) {
        long[] out = new long[size];
        int i = 0;
        for (int s = head; s != NIL; s = links[2 * s + 1]) {
            out[i++] = keys[s];
        }
        return out;
    }

    /** Empties the list and the free stack, keeping the storage. */
    void clear() {
        head = NIL;
        tail = NIL;
        free = NIL;
    }

    /** Room for {@code slots} slots, keeping the links. Allocates. */
    void grow(int slots) {
        links = Arrays.copyOf(links, 2 * slots);
    }
}
