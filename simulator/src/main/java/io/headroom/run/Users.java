package io.headroom.run;

import java.util.Arrays;

/**
 * The users in the system, each a scenario in progress: its program counter, its loop counters
 * and the key its requests carry. Primitive arrays indexed by a recycled slot, like requests.
 */
final class Users {
    private final int counters;
    private int capacity = 64;
    private int next;
    private int active;
    private int[] free = new int[64];
    private int freeCount;

    int[] pc = new int[64];
    int[] loops;
    long[] key = new long[64];

    Users(int counters) {
        this.counters = counters;
        loops = new int[64 * Math.max(1, counters)];
    }

    int allocate() {
        active++;
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (next == capacity) {
            capacity *= 2;
            pc = Arrays.copyOf(pc, capacity);
            key = Arrays.copyOf(key, capacity);
            loops = Arrays.copyOf(loops, capacity * Math.max(1, counters));
            free = Arrays.copyOf(free, capacity);
        }
        return next++;
    }

    void release(int u) {
        active--;
        free[freeCount++] = u;
    }

    int active() {
        return active;
    }

    /** Index of loop counter {@code slot} of user {@code u} in {@link #loops}. */
    int loop(int u, int slot) {
        return u * counters + slot;
    }
}
