package io.headroom.request;

import java.util.Arrays;

/**
 * Every request in flight, as parallel primitive arrays indexed by a slot number (a struct of
 * arrays): no object per request, slots are recycled, so the event loop allocates nothing in the
 * steady state. The pool refuses to grow beyond {@code limit} live requests — the guard that stops
 * a design whose queues grow without bound before it exhausts memory.
 */
public final class Requests {
    /** Returned by {@link #allocate} when the live-request limit is reached. */
    public static final int FULL = -1;

    private final int limit;
    private int capacity;
    private int live;
    private int next; // slots below next have been used at least once
    private int[] free;
    private int freeCount;

    /** When the request entered the system (ns). */
    public long[] arrival;
    /** When it reached the component it is at now (ns). */
    public long[] stationArrival;
    /** Deadline while queued (ns). */
    public long[] deadline;
    /** Virtual-time finish of its CPU demand under processor sharing. */
    public double[] virtualFinish;
    /** Endpoint index (the run's global endpoint numbering, as results report it). */
    public int[] endpoint;
    /** Endpoint index within the component it is at (what the component's costs are indexed by). */
    public int[] localEndpoint;
    /** The user (scenario instance) that sent it, or -1 for a one-request user with no state. */
    public int[] user;
    /** The instance of the current component holding it. */
    public int[] instance;
    /** Intrusive link for the FIFO queue it waits in. */
    public int[] link;
    /** Request key from the profile's key popularity (cache and shard routing). */
    public long[] key;
    /** Whether it arrived after the warm-up and so counts in the summary. */
    public boolean[] counted;

    public Requests(int initialCapacity, int limit) {
        this.limit = limit;
        this.capacity = Math.max(16, initialCapacity);
        arrival = new long[capacity];
        stationArrival = new long[capacity];
        deadline = new long[capacity];
        virtualFinish = new double[capacity];
        endpoint = new int[capacity];
        localEndpoint = new int[capacity];
        user = new int[capacity];
        instance = new int[capacity];
        link = new int[capacity];
        key = new long[capacity];
        counted = new boolean[capacity];
        free = new int[capacity];
    }

    /** A fresh slot, or {@link #FULL} if {@code limit} requests are already live. */
    public int allocate() {
        if (live >= limit) {
            return FULL;
        }
        live++;
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (next == capacity) {
            grow();
        }
        return next++;
    }

    public void release(int slot) {
        live--;
        free[freeCount++] = slot;
    }

    /** Requests currently in flight. */
    public int live() {
        return live;
    }

    public int limit() {
        return limit;
    }

    /** Slots ever used (for scans in tests and end-of-run accounting). */
    public int highWater() {
        return next;
    }

    /** Whether a slot below {@link #highWater()} is currently free (slow: for end-of-run accounting). */
    public boolean[] liveMask() {
        boolean[] mask = new boolean[next];
        Arrays.fill(mask, true);
        for (int i = 0; i < freeCount; i++) {
            mask[free[i]] = false;
        }
        return mask;
    }

    private void grow() {
        int n = capacity * 2;
        arrival = Arrays.copyOf(arrival, n);
        stationArrival = Arrays.copyOf(stationArrival, n);
        deadline = Arrays.copyOf(deadline, n);
        virtualFinish = Arrays.copyOf(virtualFinish, n);
        endpoint = Arrays.copyOf(endpoint, n);
        localEndpoint = Arrays.copyOf(localEndpoint, n);
        user = Arrays.copyOf(user, n);
        instance = Arrays.copyOf(instance, n);
        link = Arrays.copyOf(link, n);
        key = Arrays.copyOf(key, n);
        counted = Arrays.copyOf(counted, n);
        free = Arrays.copyOf(free, n);
        capacity = n;
    }
}
