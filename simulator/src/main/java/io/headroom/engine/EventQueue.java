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
 */
public final class EventQueue {
    private static final int NOT_QUEUED = -1;

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
        insert(s, time, nextSeq++);
        return s;
    }

    /** Withdraws a pending one-shot event and recycles its slot. */
    public void cancelOnce(int slot) {
        int p = pos[slot];
        if (p == NOT_QUEUED || !oneShot[slot]) {
            throw new IllegalStateException("slot " + slot + " is not a pending one-shot event");
        }
        removeAt(p);
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = slot;
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
        int p = pos[slot];
        if (p == NOT_QUEUED) {
            return;
        }
        removeAt(p);
    }

    public boolean isScheduled(int slot) {
        return pos[slot] != NOT_QUEUED;
    }

    /** When the timer is due; only meaningful if {@link #isScheduled}. */
    public long timeOf(int slot) {
        return heapTime[pos[slot]];
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** Time of the earliest pending event; only meaningful if not empty. */
    public long peekTime() {
        return heapTime[0];
    }

    /**
     * Removes the earliest event and returns its slot. A one-shot slot is already free again when
     * this returns: read its handler and argument before scheduling anything else.
     */
    public int pop() {
        int s = heapSlot[0];
        removeAt(0);
        if (oneShot[s]) {
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, freeCount * 2);
            }
            free[freeCount++] = s;
        }
        return s;
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
        heapTime[p] = time;
        heapSeq[p] = seq;
        heapSlot[p] = slot;
        pos[slot] = p;
        siftUp(p);
    }

    private void removeAt(int p) {
        int removed = heapSlot[p];
        pos[removed] = NOT_QUEUED;
        int last = --size;
        if (p == last) {
            return;
        }
        heapTime[p] = heapTime[last];
        heapSeq[p] = heapSeq[last];
        heapSlot[p] = heapSlot[last];
        pos[heapSlot[p]] = p;
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
            heapTime[p] = pt;
            heapSeq[p] = heapSeq[parent];
            heapSlot[p] = heapSlot[parent];
            pos[heapSlot[p]] = p;
            p = parent;
        }
        heapTime[p] = t;
        heapSeq[p] = q;
        heapSlot[p] = s;
        pos[s] = p;
    }

    private void siftDown(int p) {
        long t = heapTime[p];
        long q = heapSeq[p];
        int s = heapSlot[p];
        int half = size >>> 1;
        while (p < half) {
            int c = 2 * p + 1;
            int r = c + 1;
            if (r < size && (heapTime[r] < heapTime[c] || (heapTime[r] == heapTime[c] && heapSeq[r] < heapSeq[c]))) {
                c = r;
            }
            long ct = heapTime[c];
            if (t < ct || (t == ct && q < heapSeq[c])) {
                break;
            }
            heapTime[p] = ct;
            heapSeq[p] = heapSeq[c];
            heapSlot[p] = heapSlot[c];
            pos[heapSlot[p]] = p;
            p = c;
        }
        heapTime[p] = t;
        heapSeq[p] = q;
        heapSlot[p] = s;
        pos[s] = p;
    }
}
