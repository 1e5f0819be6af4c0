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

    private long fullAt = -1;

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
    /** Who is told of its outcome: an index into the registered listeners (the load driver, a calling component). */
    public int[] owner;
    /** For a call: the calling request, and that request's generation when the call was made (see {@link #generation}). */
    public int[] parent;
    public int[] parentGeneration;
    /** Bumped every time a slot is reused, so a late answer to a request that has moved on can be recognised. */
    public int[] generation;
    /** Calls phase of a request: the next call to make (in order), calls outstanding, successes, failures. */
    public int[] nextCall;
    public int[] pending;
    public int[] succeeded;
    public int[] failedCalls;
    /** For a call on its way: the component it goes to (an index into the run's components). */
    public int[] target;
    /** For a call: which of the caller's calls it is, and which attempt (1 = the first). */
    public int[] callIndex;
    public int[] attempt;
    /** For a call: its caller gave up on it (timeout); and whether the callee should then drop it. */
    public boolean[] abandoned;
    public boolean[] cancelled;
    /** For a call: failed before it left (circuit open, bulkhead full): the cause's ordinal + 1, else 0. */
    public int[] failedEarly;
    /** For a call: when its caller's timeout is due, and this slot's generation when it was set. */
    public long[] callDeadline;
    public int[] callDeadlineGeneration;
    /** For a caller: the cause of its last failed call (an ErrorCause ordinal). */
    public int[] lastCallFailure;
    /** For a caller: bumped when a calls phase starts and ends, so answers from a phase that is over are ignored. */
    public int[] callEpoch;
    /** For a call: its caller's calls-phase epoch, endpoint (in the caller) and instance when it was made. */
    public int[] parentEpoch;
    public int[] callerEndpoint;
    public int[] callerInstance;
    /** The service station the request is at (entered, not yet left), or -1: lets an instance find its requests when it is lost. */
    public int[] station;
    /**
     * The pending one-shot event of the request's own work at a service — its off-CPU wait, or its
     * computation when it has a core of its own — or -1 (cancelled when its instance is lost).
     */
    public int[] workEvent;
    /**
     * For a request handed on as a tail call (see {@code ServiceStation}): the slot that stands for
     * that call — it holds the request's owner before the hand-off ({@link #owner}) and an earlier
     * tail call the request is on ({@link #link}) — or -1.
     */
    public int[] tailCall;
    /**
     * For a call attempt holding a pooled connection: its caller instance's pool epoch + 1 when it took it (a pool
     * closed since then takes nothing back), else 0.
     */
    public int[] connection;
    /**
     * The user population (the region its user is in, by the design's {@code regions} order) of the request; null,
     * and never read, in a design without regions ({@link #trackPopulations}). A call carries its caller's.
     */
    public int[] population;

    private RequestListener[] listeners = new RequestListener[4];
    private int listenerCount;

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
        owner = new int[capacity];
        parent = new int[capacity];
        parentGeneration = new int[capacity];
        generation = new int[capacity];
        nextCall = new int[capacity];
        pending = new int[capacity];
        succeeded = new int[capacity];
        failedCalls = new int[capacity];
        target = new int[capacity];
        callIndex = new int[capacity];
        attempt = new int[capacity];
        abandoned = new boolean[capacity];
        cancelled = new boolean[capacity];
        failedEarly = new int[capacity];
        callDeadline = new long[capacity];
        callDeadlineGeneration = new int[capacity];
        lastCallFailure = new int[capacity];
        callEpoch = new int[capacity];
        parentEpoch = new int[capacity];
        callerEndpoint = new int[capacity];
        callerInstance = new int[capacity];
        station = new int[capacity];
        workEvent = new int[capacity];
        tailCall = new int[capacity];
        connection = new int[capacity];
        Arrays.fill(station, -1);
        Arrays.fill(workEvent, -1);
        Arrays.fill(tailCall, -1);
        free = new int[capacity];
    }

    /** Gives every request a user population ({@link #population}); called once, before the run, by a design with regions. */
    public void trackPopulations() {
        if (population == null) {
            population = new int[capacity];
        }
    }

    /** Registers whoever hands requests to components; returns the owner number to put in {@link #owner}. */
    public int register(RequestListener listener) {
        if (listenerCount == listeners.length) {
            listeners = Arrays.copyOf(listeners, listenerCount * 2);
        }
        listeners[listenerCount] = listener;
        return listenerCount++;
    }

    /** Listener number {@code id} (what {@link #register} returned), or null past the last. */
    public RequestListener listener(int id) {
        return id >= 0 && id < listenerCount ? listeners[id] : null;
    }

    /** The listener to tell of request {@code r}'s outcome. */
    public RequestListener ownerOf(int r) {
        return listeners[owner[r]];
    }

    /** A fresh slot, or {@link #FULL} if {@code limit} requests are already live. */
    public int allocate() {
        if (live >= limit) {
            return FULL;
        }
        live++;
        int r;
        if (freeCount > 0) {
            r = free[--freeCount];
        } else {
            if (next == capacity) {
                grow();
            }
            r = next++;
        }
        generation[r]++;
        abandoned[r] = false;
        cancelled[r] = false;
        failedEarly[r] = 0;
        tailCall[r] = -1;
        connection[r] = 0;
        return r;
    }

    /**
     * A call that request {@code r} makes: a fresh slot carrying {@code r}'s endpoint, key and counting, handed by
     * owner {@code ownerId} to {@code target} (its endpoint there {@code localEndpoint}) and pointing back to
     * {@code r} at its current generation; {@link #FULL} if {@code limit} requests are live (the limit is
     * then recorded as reached at {@code now}).
     */
    public int allocateChild(int r, int ownerId, int target, int localEndpoint, long now) {
        int child = allocate();
        if (child == FULL) {
            markFull(now);
            return FULL;
        }
        this.endpoint[child] = this.endpoint[r];
        this.localEndpoint[child] = localEndpoint;
        this.user[child] = -1;
        this.key[child] = this.key[r];
        this.counted[child] = this.counted[r];
        this.owner[child] = ownerId;
        this.parent[child] = r;
        this.parentGeneration[child] = this.generation[r];
        this.target[child] = target;
        if (population != null) {
            population[child] = population[r];
        }
        return child;
    }

    /** If {@code r}'s caller gave up before it arrived, fails it as a timeout now and returns true. */
    public boolean failIfCancelled(int r, long now) {
        if (cancelled[r]) {
            ownerOf(r).failed(r, ErrorCause.TIMEOUT, now);
            return true;
        }
        return false;
    }

    public void release(int slot) {
        generation[slot]++; // a late answer to this request can now be told apart
        live--;
        free[freeCount++] = slot;
    }

    /**
     * A child request has ended: releases it and returns its parent, or -1 when the parent's slot has moved on (the
     * caller gave up, or the slot holds another request now) and the answer must be dropped.
     */
    public int releaseChild(int child) {
        int r = parent[child];
        boolean current = generation[r] == parentGeneration[child];
        release(child);
        return current ? r : -1;
    }

    private long[] callAttempts = new long[8];

    /** Counts a call attempt made on behalf of a counted request to {@code endpoint} (retries included). */
    public void countCallAttempt(int endpoint) {
        if (endpoint >= callAttempts.length) {
            callAttempts = Arrays.copyOf(callAttempts, Math.max(endpoint + 1, callAttempts.length * 2));
        }
        callAttempts[endpoint]++;
    }

    /** Call attempts counted for {@code endpoint}. */
    public long callAttempts(int endpoint) {
        return endpoint < callAttempts.length ? callAttempts[endpoint] : 0;
    }

    /** Records that the limit stopped the run at {@code now} (the first time only). */
    public void markFull(long now) {
        if (fullAt < 0) {
            fullAt = now;
        }
    }

    /** When the live-request limit stopped the run, or -1. */
    public long fullAt() {
        return fullAt;
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
        owner = Arrays.copyOf(owner, n);
        parent = Arrays.copyOf(parent, n);
        parentGeneration = Arrays.copyOf(parentGeneration, n);
        generation = Arrays.copyOf(generation, n);
        nextCall = Arrays.copyOf(nextCall, n);
        pending = Arrays.copyOf(pending, n);
        succeeded = Arrays.copyOf(succeeded, n);
        failedCalls = Arrays.copyOf(failedCalls, n);
        target = Arrays.copyOf(target, n);
        callIndex = Arrays.copyOf(callIndex, n);
        attempt = Arrays.copyOf(attempt, n);
        abandoned = Arrays.copyOf(abandoned, n);
        cancelled = Arrays.copyOf(cancelled, n);
        failedEarly = Arrays.copyOf(failedEarly, n);
        callDeadline = Arrays.copyOf(callDeadline, n);
        callDeadlineGeneration = Arrays.copyOf(callDeadlineGeneration, n);
        lastCallFailure = Arrays.copyOf(lastCallFailure, n);
        callEpoch = Arrays.copyOf(callEpoch, n);
        parentEpoch = Arrays.copyOf(parentEpoch, n);
        callerEndpoint = Arrays.copyOf(callerEndpoint, n);
        callerInstance = Arrays.copyOf(callerInstance, n);
        station = Arrays.copyOf(station, n);
        workEvent = Arrays.copyOf(workEvent, n);
        tailCall = Arrays.copyOf(tailCall, n);
        connection = Arrays.copyOf(connection, n);
        if (population != null) {
            population = Arrays.copyOf(population, n);
        }
        Arrays.fill(station, capacity, n, -1);
        Arrays.fill(workEvent, capacity, n, -1);
        Arrays.fill(tailCall, capacity, n, -1);
        free = Arrays.copyOf(free, n);
        capacity = n;
    }
}
