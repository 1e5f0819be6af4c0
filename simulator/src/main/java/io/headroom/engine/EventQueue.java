package io.headroom.engine;

import java.util.Arrays;

/**
 * The pending events of one run, ordered by (time, insertion sequence): events at the same
 * nanosecond fire in the order they were scheduled, so a run is a pure function of its inputs.
 *
 * <p>An indexed binary heap over primitive arrays. Events live in slots; a slot is either a
 * <em>timer</em> (owned by a component, rescheduled or cancelled in place — a CPU's next
 * completion, a queue's next deadline) or a <em>one-shot</em> event freed when it fires. Keys are
 * copied into the heap arrays so that sifting touches contiguous memory. Nothing is allocated
 * once the arrays have grown to the run's working size.
 *
 * <p>One-shot events scheduled for the instant of the event being fired (a hand-off to another
 * component without network time) skip the heap: they wait in a FIFO ring, in sequence order,
 * all at that instant. Popping takes the ring's head unless the heap's earliest event comes
 * first by (time, sequence) — an event scheduled earlier for the same instant — so the order is
 * exactly the heap's alone, without two sifts through the heap per hand-off.
 *
 * <p>A timer popped from the heap stays at its place, with its key (the heap's least), until its handler has run:
 * rescheduling it there (a CPU's next completion) is one sift instead of a removal and an insertion; a timer left
 * alone is removed before anything else is asked of the queue. Events fire in the same (time, sequence) order either
 * way, as every key is distinct.
 */
public final class EventQueue {
    /** What {@link #popUntil} answers when no event is due. */
    public static final int NONE = -1;
    private static final int NOT_QUEUED = -1;
    /** {@code pos} of a slot waiting in the ring: {@code IN_RING - index}. */
    private static final int IN_RING = -2;

    // heap, in heap order
    private long[] heapTime = new long[256];
    private long[] heapSeq = new long[256];
    private int[] heapSlot = new int[256];
    private int size;

    // slots
    private EventHandler[] handler = new EventHandler[256];
    private int[] arg = new int[256];
    private int[] pos = new int[256];
    private boolean[] oneShot = new boolean[256];
    private int slotCount;
    private int[] free = new int[64];
    private int freeCount;

    private long nextSeq;
    private long nextFirstSeq = Long.MIN_VALUE;

    // the ring of one-shot events at the current instant (ringLive of them not cancelled)
    private int[] ringSlot = new int[64];
    private long[] ringSeq = new long[64];
    private int ringHead;
    private int ringCount;
    private int ringLive;
    /** The time of the last event popped: the current instant. */
    private long current = Long.MIN_VALUE;
    /** A timer just popped and left in the heap with its old key until its handler reschedules it (one sift) or moves on; -1: none. */
    private int fired = -1;

    /** Removes the timer just popped if its handler did not reschedule it. */
    private void settle() {
        int f = fired;
        if (f >= 0) {
            fired = -1;
            removeAt(pos[f]);
        }
    }

    /** A timer slot owned by the caller: {@link #schedule}, {@link #cancel} and reschedule it at will. */
    public int timer(EventHandler h, int a) {
        int s = allocSlot(h, a);
        oneShot[s] = false;
        return s;
    }

    /**
     * Schedules a one-shot event; its slot is recycled when it fires. Returns the slot, which
     * {@link #cancelOnce} accepts until the event fires (after that the number may name another event).
     */
    public int once(EventHandler h, int a, long time) {
        int s = allocSlot(h, a);
        oneShot[s] = true;
        if (time == current) {
            ringPush(s, nextSeq++);
        } else {
            insert(s, time, nextSeq++);
        }
        return s;
    }

    private void ringPush(int slot, long seq) {
        int n = ringSlot.length;
        if (ringCount == n) {
            int[] slots = new int[n * 2];
            long[] seqs = new long[n * 2];
            for (int k = 0; k < ringCount; k++) {
                int from = (ringHead + k) & (n - 1);
                slots[k] = ringSlot[from];
                seqs[k] = ringSeq[from];
                if (slots[k] >= 0) {
                    pos[slots[k]] = IN_RING - k;
                }
            }
            ringSlot = slots;
            ringSeq = seqs;
            ringHead = 0;
            n *= 2;
        }
        int at = (ringHead + ringCount) & (n - 1);
        ringSlot[at] = slot;
        ringSeq[at] = seq;
        pos[slot] = IN_RING - at;
        ringCount++;
        ringLive++;
    }

    /** Withdraws a pending one-shot event and recycles its slot. */
    public void cancelOnce(int slot) {
        int p = pos[slot];
        if (p == NOT_QUEUED || !oneShot[slot]) {
            throw new IllegalStateException("slot " + slot + " is not a pending one-shot event");
        }
        if (p <= IN_RING) {
            ringSlot[IN_RING - p] = -1; // left in place, skipped when it reaches the head
            pos[slot] = NOT_QUEUED;
            if (--ringLive == 0) {
                ringCount = 0; // only cancelled entries were left
            }
        } else {
            removeAt(p);
        }
        recycle(slot);
    }

    /** Schedules or reschedules a timer at {@code time}; a reschedule counts as a new insertion. */
    public void schedule(int slot, long time) {
        schedule(slot, time, nextSeq++);
    }

    /**
     * Schedules a timer ahead of every ordinary event at the same time — for observers that must
     * see the state as it is at a boundary (a window closing at t sees nothing that happens at t).
     * Among themselves such events keep their insertion order.
     */
    public void scheduleFirst(int slot, long time) {
        schedule(slot, time, nextFirstSeq++);
    }

    private void schedule(int slot, long time, long seq) {
        if (slot == fired) {
            fired = -1; // rescheduled where it stands
        }
        int p = pos[slot];
        if (p == NOT_QUEUED) {
            insert(slot, time, seq);
            return;
        }
        long oldTime = heapTime[p];
        long oldSeq = heapSeq[p];
        heapTime[p] = time;
        heapSeq[p] = seq;
        if (time < oldTime || (time == oldTime && heapSeq[p] < oldSeq)) {
            siftUp(p);
        } else {
            siftDown(p);
        }
    }

    /** Removes a pending timer; does nothing if it is not pending. */
    public void cancel(int slot) {
        if (slot == fired) {
            settle();
            return;
        }
        int p = pos[slot];
        if (p == NOT_QUEUED) {
            return;
        }
        removeAt(p); // timers never wait in the ring
    }

    public boolean isScheduled(int slot) {
        return pos[slot] != NOT_QUEUED && slot != fired;
    }

    /** When the event is due; only meaningful if {@link #isScheduled}. */
    public long timeOf(int slot) {
        int p = pos[slot];
        return p <= IN_RING ? current : heapTime[p];
    }

    public boolean isEmpty() {
        settle();
        return size == 0 && ringLive == 0;
    }

    public int size() {
        settle();
        return size + ringLive;
    }

    /** Time of the earliest pending event; only meaningful if not empty. */
    public long peekTime() {
        settle();
        if (ringLive == 0 || (size > 0 && heapTime[0] < current)) {
            return heapTime[0];
        }
        return current;
    }

    /**
     * Removes the earliest event and returns its slot. A one-shot slot is already free again when
     * this returns: read its handler and argument before scheduling anything else.
     *
     * @throws java.util.NoSuchElementException if nothing is pending
     */
    public int pop() {
        int s = popUntil(Long.MAX_VALUE);
        if (s == NONE) {
            throw new java.util.NoSuchElementException("no pending event");
        }
        return s;
    }

    /**
     * {@link #pop}, if the earliest event is due at or before {@code until}; otherwise {@link #NONE}, nothing removed.
     * The event loop's one call per event ({@link #peekTime} and {@link #pop} in one); the popped event's time is
     * {@link #current}.
     */
    public int popUntil(long until) {
        settle();
        if (ringLive > 0) {
            while (ringSlot[ringHead] < 0) { // cancelled
                ringHead = (ringHead + 1) & (ringSlot.length - 1);
                ringCount--;
            }
            if (size == 0 || heapTime[0] > current || (heapTime[0] == current && heapSeq[0] > ringSeq[ringHead])) {
                if (current > until) {
                    return NONE;
                }
                int s = ringSlot[ringHead];
                ringHead = (ringHead + 1) & (ringSlot.length - 1);
                ringCount--;
                ringLive--;
                pos[s] = NOT_QUEUED;
                recycle(s);
                return s;
            }
        } else if (size == 0) {
            return NONE;
        }
        long t = heapTime[0];
        if (t > until) {
            return NONE;
        }
        int s = heapSlot[0];
        current = t;
        if (oneShot[s]) {
            removeAt(0);
            recycle(s);
        } else {
            fired = s; // left in place: see settle
        }
        return s;
    }

    /** The time of the event popped last: the current instant ({@link Long#MIN_VALUE} before the first). */
    public long current() {
        return current;
    }

    /** Most event slots ever in use at once: the queue's memory high-water mark. */
    public int peakSlots() {
        return slotCount;
    }

    public EventHandler handlerOf(int slot) {
        return handler[slot];
    }

    public int argOf(int slot) {
        return arg[slot];
    }

    /** A one-shot event's slot, free for the next event. */
    private void recycle(int slot) {
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = slot;
    }

    private int allocSlot(EventHandler h, int a) {
        int s;
        if (freeCount > 0) {
            s = free[--freeCount];
        } else {
            s = slotCount++;
            if (s == handler.length) {
                int n = s * 2;
                handler = Arrays.copyOf(handler, n);
                arg = Arrays.copyOf(arg, n);
                pos = Arrays.copyOf(pos, n);
                oneShot = Arrays.copyOf(oneShot, n);
            }
        }
        handler[s] = h;
        arg[s] = a;
        pos[s] = NOT_QUEUED;
        return s;
    }

    private void insert(int slot, long time, long seq) {
        if (size == heapTime.length) {
            int n = size * 2;
            heapTime = Arrays.copyOf(heapTime, n);
            heapSeq = Arrays.copyOf(heapSeq, n);
            heapSlot = Arrays.copyOf(heapSlot, n);
        }
        int p = size++;
        place(p, time, seq, slot);
        siftUp(p);
    }

    private void removeAt(int p) {
        int removed = heapSlot[p];
        pos[removed] = NOT_QUEUED;
        int last = --size;
        if (p == last) {
            return;
        }
        place(p, heapTime[last], heapSeq[last], heapSlot[last]);
        if (p > 0 && before(p, (p - 1) >>> 1)) {
            siftUp(p);
        } else {
            siftDown(p);
        }
    }

    private boolean before(int a, int b) {
        long ta = heapTime[a];
        long tb = heapTime[b];
        return ta < tb || (ta == tb && heapSeq[a] < heapSeq[b]);
    }

    private void siftUp(int p) {
        long t = heapTime[p];
        long q = heapSeq[p];
        int s = heapSlot[p];
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            long pt = heapTime[parent];
            if (pt < t || (pt == t && heapSeq[parent] < q)) {
                break;
            }
            place(p, pt, heapSeq[parent], heapSlot[parent]);
            p = parent;
        }
        place(p, t, q, s);
    }

    private void siftDown(int p) {
        long t = heapTime[p];
        long q = heapSeq[p];
        int s = heapSlot[p];
        int half = size >>> 1;
        while (p < half) {
            int c = 2 * p + 1;
            long ct = heapTime[c];
            int r = c + 1;
            if (r < size) {
                long rt = heapTime[r];
                if (rt != ct) {
                    // the earlier child without a branch (which one it is cannot be predicted): rt < ct is the sign of
                    // rt - ct, corrected where the subtraction overflows, so that any two times compare exactly
                    long d = rt - ct;
                    c += (int) ((d ^ ((rt ^ ct) & (d ^ rt))) >>> 63);
                    ct = Math.min(rt, ct);
                } else if (heapSeq[r] < heapSeq[c]) {
                    c = r;
                }
            }
            if (t < ct || (t == ct && q < heapSeq[c])) {
                break;
            }
            place(p, ct, heapSeq[c], heapSlot[c]);
            p = c;
        }
        place(p, t, q, s);
    }

    /** Puts the event of slot {@code s} (time {@code t}, sequence {@code q}) at heap position {@code p}. */
    private void place(int p, long t, long q, int s) {
        heapTime[p] = t;
        heapSeq[p] = q;
        heapSlot[p] = s;
        pos[s] = p;
    }
}
