package io.headroom.service;

import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import io.headroom.request.Requests;
import java.util.Arrays;

/**
 * The CPUs of each instance: {@code cores} cores shared by the requests computing on it.
 *
 * <p><b>Processor sharing.</b> The {@code n} computing requests of an instance share its cores
 * equally: each progresses at rate min(1, cores/n). A virtual clock per instance advances at
 * that rate (the CPU time one request has received); a request's computation ends when the
 * virtual clock reaches its virtual finish (virtual time at start + demand). Only the smallest
 * virtual finish needs an event, so one timer per instance, rescheduled whenever n changes, serves
 * all its computing requests (a heap keeps them by virtual finish) without touching the others.
 * When the timer fires, the owner takes the finished request with {@link #finishEarliest}.
 *
 * <p><b>Dedicated cores.</b> With a core per worker ({@code workers <= cores}) no request is ever
 * slowed: each computation is one event of its own at start + demand, stored in the request's
 * {@code workEvent} (so a lost instance can cancel it), and the owner calls
 * {@link #finishDedicated} when it fires. No virtual clock, heap or reschedule is needed.
 */
final class Processors {
    private final Requests req;
    private final EventQueue events;
    private final EventHandler instanceTimer;
    private final EventHandler requestDone;
    private final int workers;
    private final int cores;
    private final boolean dedicated;
    private int[] computing;
    private double[] virtualTime;
    private long[] virtualAt;
    private int[][] heap; // per instance: computing requests by virtual finish
    private int[] timer;
    private int busyCores;

    /**
     * @param instanceTimer fired with the instance when its earliest shared computation is due
     * @param requestDone   fired with the request when its computation on a dedicated core is done
     */
    Processors(Requests req, EventQueue events, int workers, int cores, EventHandler instanceTimer, EventHandler requestDone) {
        this.req = req;
        this.events = events;
        this.workers = workers;
        this.cores = cores;
        this.dedicated = workers <= cores;
        this.instanceTimer = instanceTimer;
        this.requestDone = requestDone;
        computing = new int[0];
        virtualTime = new double[0];
        virtualAt = new long[0];
        heap = new int[0][];
        timer = new int[0];
    }

    /** Grows to {@code n} instances, each idle with its timer. */
    void grow(int n) {
        int old = computing.length;
        computing = Arrays.copyOf(computing, n);
        virtualTime = Arrays.copyOf(virtualTime, n);
        virtualAt = Arrays.copyOf(virtualAt, n);
        heap = Arrays.copyOf(heap, n);
        timer = Arrays.copyOf(timer, n);
        for (int i = old; i < n; i++) {
            heap[i] = new int[workers];
            timer[i] = events.timer(instanceTimer, i);
        }
    }

    /** Whether every worker has a core of its own: no processor sharing can occur. */
    boolean dedicated() {
        return dedicated;
    }

    private double rate(int n) {
        return n <= cores ? 1.0 : (double) cores / n;
    }

    private void advance(int i, long now) {
        int n = computing[i];
        if (n > 0) {
            virtualTime[i] += (now - virtualAt[i]) * rate(n);
        }
        virtualAt[i] = now;
    }

    /** Request {@code r} starts computing {@code cpuNs} of CPU time on instance {@code i}. */
    void start(int r, int i, long cpuNs, long now) {
        if (dedicated) {
            // never more computing than cores: the request runs at full speed and is done at now + cpuNs
            computing[i]++;
            busyCores++;
            req.workEvent[r] = events.once(requestDone, r, now + cpuNs);
            return;
        }
        advance(i, now);
        int n = computing[i];
        if (n == 0) {
            virtualTime[i] = 0; // idle: restart the virtual clock so it never loses precision
        }
        req.virtualFinish[r] = virtualTime[i] + cpuNs;
        heapPush(i, r);
        computing[i] = n + 1;
        if (n < cores) {
            busyCores++;
        }
        reschedule(i, now);
    }

    /** With dedicated cores: a computation on instance {@code i} is done (its own event fired). */
    void finishDedicated(int i) {
        computing[i]--;
        busyCores--;
    }

    /** Instance {@code i}'s timer fired: takes and returns the request with the smallest virtual finish, done computing. */
    int finishEarliest(int i, long now) {
        advance(i, now);
        int r = heapPop(i);
        int n = --computing[i];
        if (n < cores) {
            busyCores--;
        }
        reschedule(i, now);
        return r;
    }

    /** Instance {@code i} is lost: its computations stop (the owner cancels dedicated ones' own events). */
    void clear(int i) {
        busyCores -= Math.min(computing[i], cores);
        computing[i] = 0;
        events.cancel(timer[i]);
    }

    private void reschedule(int i, long now) {
        int n = computing[i];
        if (n == 0) {
            events.cancel(timer[i]);
            return;
        }
        double remaining = req.virtualFinish[heap[i][0]] - virtualTime[i];
        long dt = remaining <= 0 ? 0 : (long) Math.ceil(remaining / rate(n));
        events.schedule(timer[i], now + dt);
    }

    /** Requests computing on instance {@code i}. */
    int computing(int i) {
        return computing[i];
    }

    /** Busy cores of instance {@code i}. */
    int busyCores(int i) {
        return Math.min(computing[i], cores);
    }

    /** Busy cores over every instance. */
    int busyCores() {
        return busyCores;
    }

    private void heapPush(int i, int r) {
        int[] h = heap[i];
        double[] key = req.virtualFinish;
        int p = computing[i];
        double k = key[r];
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            if (key[h[parent]] <= k) {
                break;
            }
            h[p] = h[parent];
            p = parent;
        }
        h[p] = r;
    }

    private int heapPop(int i) {
        int[] h = heap[i];
        double[] key = req.virtualFinish;
        int top = h[0];
        int size = computing[i] - 1;
        if (size > 0) {
            int last = h[size];
            double k = key[last];
            int p = 0;
            int half = size >>> 1;
            while (p < half) {
                int c = 2 * p + 1;
                if (c + 1 < size && key[h[c + 1]] < key[h[c]]) {
                    c++;
                }
                if (k <= key[h[c]]) {
                    break;
                }
                h[p] = h[c];
                p = c;
            }
            h[p] = last;
        }
        return top;
    }
}
