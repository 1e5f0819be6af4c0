package io.headroom.service;

import java.util.Arrays;

/**
 * The instances of a service, each in a numbered slot, and the state of each: free (no
 * instance), starting (launched and billed, takes no work yet), ready (takes new work), draining
 * (finishes what it holds, takes nothing new) or down (crashed, billed, waiting to be repaired).
 *
 * <pre>
 *   launch   FREE → STARTING
 *   ready    STARTING or DOWN → READY
 *   drain    READY → DRAINING (→ FREE once it holds nothing); STARTING or DOWN → FREE
 *   withdraw READY → DRAINING, kept after it empties until released (→ FREE once released and empty)
 *   lose     STARTING, READY, DRAINING or DOWN → DOWN (to be repaired) or FREE
 * </pre>
 *
 * <p>Slot {@code i} is in zone {@code i mod zones}: a launch takes the lowest free slot of the
 * zone asked for, so instance numbers stay small and a slot's zone never changes. Dispatch picks
 * among the ready slots, kept in ascending order; {@link #membership} changes whenever that set
 * does, so a dispatcher can tell its cached view is stale. The clocks of the lifecycle (startup,
 * repair, drain timeout) belong to whoever drives it.
 */
final class InstanceSlots {
    static final byte FREE = 0;
    static final byte STARTING = 1;
    static final byte READY = 2;
    static final byte DRAINING = 3;
    static final byte DOWN = 4;

    private byte[] state;
    private boolean[] kept;  // draining instances kept after they empty, until released (an old blue-green fleet)
    private int slotCount;
    private int[] readyList; // slots taking work, ascending
    private int readyCount;
    private int membership;
    private int present;     // instances in any state but free: what is billed
    private int serving;     // ready or draining: instances whose workers work
    private int peakPresent;

    InstanceSlots(int capacity) {
        state = new byte[capacity];
        kept = new boolean[capacity];
        readyList = new int[capacity];
    }

    /** Slots the arrays hold now (not all used). */
    int capacity() {
        return state.length;
    }

    void grow(int n) {
        state = Arrays.copyOf(state, n);
        kept = Arrays.copyOf(kept, n);
        readyList = Arrays.copyOf(readyList, n);
    }

    /**
     * The slot a launch in zone {@code wantedZone} (any zone if negative) would take: the lowest
     * free one of that zone, possibly beyond {@link #capacity} (then grow first).
     */
    int freeSlot(int wantedZone, int zones) {
        int z = Math.max(zones, 1);
        int i = wantedZone < 0 ? 0 : wantedZone % z;
        int step = wantedZone < 0 ? 1 : z;
        while (i < slotCount && state[i] != FREE) {
            i += step;
        }
        return i;
    }

    /** A new instance in free slot {@code i}, starting. */
    void launch(int i) {
        slotCount = Math.max(slotCount, i + 1);
        state[i] = STARTING;
        present++;
        peakPresent = Math.max(peakPresent, present);
    }

    /** Instance {@code i} (starting or down) takes work from now on. */
    void ready(int i, String service) {
        if (state[i] != STARTING && state[i] != DOWN) {
            throw new IllegalStateException(service + " instance " + i + " is not starting or down");
        }
        state[i] = READY;
        serving++;
        addReady(i);
    }

    /** Ready instance {@code i} takes no new work from now on. */
    void drain(int i) {
        removeReady(i);
        state[i] = DRAINING;
    }

    /** Ready instance {@code i} takes no new work from now on, but stays (billed, idle) until {@link #release}d. */
    void withdraw(int i) {
        drain(i);
        kept[i] = true;
    }

    /** A withdrawn instance may end once it holds nothing. */
    void release(int i) {
        kept[i] = false;
    }

    /** Whether draining instance {@code i} ends once it holds nothing (it was not withdrawn, or has been released). */
    boolean endsWhenEmpty(int i) {
        return state[i] == DRAINING && !kept[i];
    }

    /** Instance {@code i} is lost: it stays down (billed) with {@code repair}, or its slot is free. */
    void lose(int i, boolean repair) {
        byte st = state[i];
        kept[i] = false;
        if (st == READY) {
            removeReady(i);
        }
        if (st == READY || st == DRAINING) {
            serving--;
        }
        if (repair) {
            state[i] = DOWN;
        } else {
            state[i] = FREE;
            present--;
        }
    }

    /** Instance {@code i} ends (drained empty, or stopped while starting or down): its slot is free. */
    void end(int i) {
        kept[i] = false;
        if (state[i] == READY || state[i] == DRAINING) {
            serving--;
        }
        state[i] = FREE;
        present--;
    }

    private void addReady(int i) {
        int k = readyCount;
        while (k > 0 && readyList[k - 1] > i) {
            readyList[k] = readyList[k - 1];
            k--;
        }
        readyList[k] = i;
        readyCount++;
        membership++;
    }

    private void removeReady(int i) {
        int k = 0;
        while (readyList[k] != i) {
            k++;
        }
        System.arraycopy(readyList, k + 1, readyList, k, readyCount - k - 1);
        readyCount--;
        membership++;
    }

    byte state(int i) {
        return i < slotCount ? state[i] : FREE;
    }

    /** Slots ever used: every instance number is below this. */
    int slotCount() {
        return slotCount;
    }

    /** Ready instances. */
    int readyCount() {
        return readyCount;
    }

    /** The {@code k}-th ready slot, ascending. */
    int readyAt(int k) {
        return readyList[k];
    }

    /** Changes whenever the set of ready instances changes. */
    int membership() {
        return membership;
    }

    /** Instances in any state but free: what is billed. */
    int present() {
        return present;
    }

    int peakPresent() {
        return peakPresent;
    }

    /** Ready or draining instances: those whose workers and cores work. */
    int serving() {
        return serving;
    }
}
