package io.headroom.service;

import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.metrics.LatencyStats;
import io.headroom.metrics.TimeIntegral;
import io.headroom.request.Requests;
import java.util.Arrays;

/**
 * A client-side connection pool, as HikariCP keeps one in each process: one caller service's connections to one
 * callee, {@code size} per caller instance ({@code maximumPoolSize}, with {@code minimumIdle} at its default, the same:
 * a fixed-size pool opened when the instance starts). A call attempt holds a connection from its send until its
 * answer, failure or timeout; an attempt finding none free waits in its instance's FIFO queue, holding the caller's
 * worker, until one frees or {@code timeoutNs} ({@code connectionTimeout}) passes — then it fails as
 * {@code pool_timeout}, as {@code getConnection()} throws {@code SQLTransientConnectionException}.
 *
 * <p>Connections are opened under the callee's {@link ConnectionLimit}: an instance may get fewer than {@code size}
 * (its calls then share those; with none, each waits out the timeout), and gets the missing ones as other instances
 * stop. A stopping or lost instance closes its connections; an attempt still out on one gives nothing back when it
 * ends (its instance's {@code epoch} has moved on, which {@link Requests#connection} tells).
 *
 * <p>The queues are linked through the attempts' own {@link Requests#link} (an attempt waiting here is at no
 * callee), and with one timeout for every attempt their deadlines ({@link Requests#deadline}) are in queue order: one
 * timer per instance serves its queue, as in {@link InstanceQueues}. Nothing is allocated per call.
 */
final class ConnectionPool implements ConnectionLimit.Claimant {
    private final CallOrchestrator calls;
    private final Simulation sim;
    private final EventQueue events;
    private final Requests req;
    private final EventHandler expiry = this::expire;
    private final String callee;
    private final int size;
    private final long timeoutNs;
    private final ConnectionLimit limit;

    // per caller instance slot
    private int[] open = new int[0];
    private int[] inUse = new int[0];
    private int[] epoch = new int[0];
    private boolean[] member = new boolean[0]; // started: holds its connections, or waits for them
    private int[] head = new int[0];
    private int[] tail = new int[0];
    private int[] length = new int[0];
    private int[] timer = new int[0];

    // connections open, and missing, over the instances that hold a pool; their integrals over time
    private int openTotal;
    private int shortTotal;
    private final TimeIntegral openArea = new TimeIntegral(0);
    private final TimeIntegral shortArea = new TimeIntegral(0);

    // counted attempts (of requests that arrived after the warm-up)
    private long asked;
    private long waited;
    private long timedOut;
    private final LatencyStats waits = new LatencyStats();

    ConnectionPool(CallOrchestrator calls, Simulation sim, Requests req, String callee, int size, long timeoutNs,
                   ConnectionLimit limit) {
        this.calls = calls;
        this.sim = sim;
        this.events = sim.events();
        this.req = req;
        this.callee = callee;
        this.size = size;
        this.timeoutNs = timeoutNs;
        this.limit = limit;
    }

    String callee() {
        return callee;
    }

    int size() {
        return size;
    }

    /** Grows to {@code n} caller instance slots. */
    void grow(int n) {
        int old = open.length;
        if (n <= old) {
            return;
        }
        open = Arrays.copyOf(open, n);
        inUse = Arrays.copyOf(inUse, n);
        epoch = Arrays.copyOf(epoch, n);
        member = Arrays.copyOf(member, n);
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

    /** Caller instance {@code i} starts: it opens its connections, as many as the callee's bound lets it. */
    void start(int i, long now) {
        if (member[i]) {
            return;
        }
        touch(now);
        member[i] = true;
        int got = limit.open(this, i, size, now);
        open[i] = got;
        openTotal += got;
        shortTotal += size - got;
        serve(i, now); // attempts left waiting by an instance that was in this slot before, if still wanted
    }

    @Override
    public void granted(int i, int connections, long now) {
        touch(now);
        open[i] += connections;
        openTotal += connections;
        shortTotal -= connections;
        serve(i, now);
    }

    /**
     * Caller instance {@code i} stops (ends, or is lost): its connections close. Attempts still waiting stay queued
     * until their timeout (those of requests lost with the instance are dropped then, unsent; one its caller still
     * waits for — an async endpoint's — fails as {@code pool_timeout}), so no caller is left waiting for ever.
     */
    void stop(int i, long now) {
        if (!member[i]) {
            return;
        }
        touch(now);
        member[i] = false;
        epoch[i]++;
        int closing = open[i];
        openTotal -= closing;
        shortTotal -= size - closing;
        open[i] = 0;
        inUse[i] = 0;
        limit.withdraw(this, i);
        limit.close(closing, now);
    }

    /**
     * Attempt {@code child} of caller instance {@code i} asks for a connection: true if it has one now; otherwise it
     * waits, and the orchestrator hears of it again ({@link CallOrchestrator#connected} or
     * {@link CallOrchestrator#poolTimedOut}).
     */
    boolean acquire(int child, int i, long now) {
        Requests q = req;
        boolean counted = q.counted[child];
        if (counted) {
            asked++;
        }
        if (length[i] == 0 && inUse[i] < open[i]) {
            take(child, i);
            if (counted) {
                waits.record(0);
            }
            return true;
        }
        if (counted) {
            waited++;
        }
        q.link[child] = -1;
        if (tail[i] < 0) {
            head[i] = child;
        } else {
            q.link[tail[i]] = child;
        }
        tail[i] = child;
        length[i]++;
        q.deadline[child] = now + timeoutNs;
        if (!events.isScheduled(timer[i])) {
            events.schedule(timer[i], q.deadline[child]);
        }
        return false;
    }

    /** Attempt {@code child} ended: the connection it holds (if its instance still has it) serves the next waiting. */
    void release(int child, long now) {
        Requests q = req;
        int held = q.connection[child];
        if (held == 0) {
            return;
        }
        q.connection[child] = 0;
        int i = q.callerInstance[child];
        if (held != epoch[i] + 1) {
            return; // its instance's connections have closed since
        }
        inUse[i]--;
        serve(i, now);
    }

    private void take(int child, int i) {
        inUse[i]++;
        req.connection[child] = epoch[i] + 1;
    }

    /** Free connections of instance {@code i} go to its waiting attempts, in queue order. */
    private void serve(int i, long now) {
        Requests q = req;
        while (length[i] > 0 && inUse[i] < open[i]) {
            int child = poll(i);
            if (!calls.stillWanted(child)) {
                calls.dropWaiting(child);
                continue;
            }
            take(child, i);
            if (q.counted[child]) {
                waits.record(now - (q.deadline[child] - timeoutNs));
            }
            calls.connected(child, now);
        }
        rearm(i);
    }

    /** Instance {@code i}'s timer: the attempts at the head whose wait has reached the timeout fail. */
    private void expire(int i) {
        long now = sim.now();
        Requests q = req;
        while (length[i] > 0 && q.deadline[head[i]] <= now) {
            int child = poll(i);
            if (!calls.stillWanted(child)) {
                calls.dropWaiting(child); // its request ended meanwhile (lost with its instance, or a quorum reached)
                continue;
            }
            if (q.counted[child]) {
                timedOut++;
                waits.record(timeoutNs);
            }
            calls.poolTimedOut(child, now);
        }
        rearm(i);
    }

    private void rearm(int i) {
        if (length[i] > 0) {
            events.schedule(timer[i], req.deadline[head[i]]);
        } else {
            events.cancel(timer[i]);
        }
    }

    private int poll(int i) {
        int child = head[i];
        int next = req.link[child];
        head[i] = next;
        if (next < 0) {
            tail[i] = -1;
        }
        length[i]--;
        return child;
    }

    private void touch(long now) {
        openArea.update(now, openTotal);
        shortArea.update(now, shortTotal);
    }

    /** The integrals of connections open and missing up to {@code now}, in connection × ns. */
    double[] areas(long now) {
        touch(now);
        return new double[] {openArea.sum(), shortArea.sum()};
    }

    /** What the pool saw: counted attempts that asked, waited and timed out, and their waits. */
    PoolFigures figures() {
        return new PoolFigures(callee, size, asked, waited, timedOut, waits);
    }
}
