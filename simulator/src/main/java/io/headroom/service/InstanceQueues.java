package io.headroom.service;

import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import io.headroom.request.Requests;
import java.util.Arrays;

/**
 * The FIFO queue in front of each instance's workers, with a capacity (a request that finds it
 * full is rejected) and a timeout (a request that waits longer leaves as a timeout).
 *
 * <p>The queues are linked lists through the requests' own {@code link} field, so queueing
 * allocates nothing. With one timeout for every request, deadlines in a FIFO queue are in queue
 * order: one timer per instance, due at its head's deadline, serves the whole queue; the owner
 * expires the heads that are due when it fires ({@link #headExpired}) and re-arms it
 * ({@link #rearm}).
 */
final class InstanceQueues {
    /** No queue timeout. */
    static final long NO_TIMEOUT = -1;

    private final Requests req;
    private final EventQueue events;
    private final EventHandler expiry;
    private final int capacity; // -1: unbounded
    private final long timeoutNs;
    private int[] head;
    private int[] tail;
    private int[] length;
    private int[] timer;
    private int total;

    /**
     * @param capacity  requests each queue holds (-1: unbounded)
     * @param timeoutNs longest wait (0 or less: none)
     * @param expiry    fired with the instance when its head's deadline comes
     */
    InstanceQueues(Requests req, EventQueue events, EventHandler expiry, int capacity, long timeoutNs) {
        this.req = req;
        this.events = events;
        this.expiry = expiry;
        this.capacity = capacity;
        this.timeoutNs = timeoutNs <= 0 ? NO_TIMEOUT : timeoutNs;
        head = new int[0];
        tail = new int[0];
        length = new int[0];
        timer = new int[0];
    }

    /** Grows to {@code n} instances, each with an empty queue and its timer. */
    void grow(int n) {
        int old = head.length;
        head = Arrays.copyOf(head, n);
        tail = Arrays.copyOf(tail, n);
        length = Arrays.copyOf(length, n);
        timer = Arrays.copyOf(timer, n);
        for (int i = old; i < n; i++) {
            head[i] = -1;
            tail[i] = -1;
            timer[i] = events.timer(expiry, i);
        }
    }

    /** Whether instance {@code i}'s queue has no room for another request. */
    boolean full(int i) {
        return capacity >= 0 && length[i] >= capacity;
    }

    /** Request {@code r} waits at the tail of instance {@code i}'s queue from {@code now}, its deadline armed. */
    void add(int r, int i, long now) {
        Requests q = req;
        q.link[r] = -1;
        if (tail[i] < 0) {
            head[i] = r;
        } else {
            q.link[tail[i]] = r;
        }
        tail[i] = r;
        length[i]++;
        total++;
        if (timeoutNs != NO_TIMEOUT) {
            long deadline = now + timeoutNs;
            q.deadline[r] = deadline;
            if (!events.isScheduled(timer[i])) {
                events.schedule(timer[i], deadline);
            }
        }
    }

    /** Takes the head of instance {@code i}'s (non-empty) queue. */
    int poll(int i) {
        int r = head[i];
        int next = req.link[r];
        head[i] = next;
        if (next < 0) {
            tail[i] = -1;
        }
        length[i]--;
        total--;
        return r;
    }

    /** Whether instance {@code i}'s queue has a head whose deadline has come by {@code now}. */
    boolean headExpired(int i, long now) {
        return length[i] > 0 && req.deadline[head[i]] <= now;
    }

    /** Arms instance {@code i}'s timer for its head's deadline; returns false if the queue is empty. */
    boolean rearm(int i) {
        if (length[i] == 0) {
            return false;
        }
        events.schedule(timer[i], req.deadline[head[i]]);
        return true;
    }

    /** Empties instance {@code i}'s queue into {@code into} from index 0, in queue order; returns how many. */
    int drainTo(int i, int[] into) {
        int n = 0;
        for (int r = head[i]; r >= 0; r = req.link[r]) {
            into[n++] = r;
        }
        total -= length[i];
        length[i] = 0;
        head[i] = -1;
        tail[i] = -1;
        events.cancel(timer[i]);
        return n;
    }

    /** Requests waiting at instance {@code i}. */
    int length(int i) {
        return length[i];
    }

    /** Requests waiting over every instance. */
    int total() {
        return total;
    }

    /** Whether the queues neither refuse nor time out anything. */
    boolean unbounded() {
        return capacity < 0 && timeoutNs == NO_TIMEOUT;
    }
}
