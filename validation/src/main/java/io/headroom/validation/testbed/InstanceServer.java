package io.headroom.validation.testbed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.headroom.dist.DurationSampler;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One instance of a service as a real HTTP server on 127.0.0.1: {@code concurrency} worker threads take
 * requests from one FIFO queue, as the simulator's station does. The rules are the design's:
 * <ul>
 *   <li>at most {@code concurrency + capacity} requests are held (in service or waiting); one more is
 *       answered {@code 503} at once ({@code rejected});
 *   <li>a request that has waited {@code timeout} without reaching a worker is answered {@code 504} at that
 *       deadline and never served ({@code timeout});
 *   <li>a worker holds the request for its work (CPU demand computed on the instance's {@link CpuGate},
 *       off-CPU wait slept, see {@link Work}) and its calls, then answers
 *       {@code 200} (or what the work decided: {@code 500} for the endpoint's own failures, {@code 502} when a
 *       call failed).
 * </ul>
 *
 * <p>The JDK's {@code com.sun.net.httpserver} parses requests on its dispatcher thread; the handler only
 * queues the exchange, so parsing never waits for a worker. Each request's arrival, start of service and
 * end are taken with {@link System#nanoTime()} and kept in the {@link ServedLog}: the testbed's own
 * measurement of what a worker was busy for, which calibration and the fixed-overhead estimate use.
 *
 * <p>With tracing ({@link #trace}), each request a worker takes is a server span from that moment (as servlet
 * instrumentation starts when a worker thread runs the request, after the connector's queue), the log's start, to the
 * moment the answer is sent (just before it is written, so that a callee's span never ends after its caller received
 * the answer; the log's end is just after). A request rejected at arrival or timed out in the queue never reaches a
 * worker: it has no span.
 */
final class InstanceServer implements AutoCloseable {

    /**
     * The work one endpoint does on a worker thread; returns the HTTP status to answer. {@code trace} is the request's
     * server span, whose child spans its calls make; null without tracing.
     */
    interface Work {
        int serve(int worker, String endpoint, long key, long requestId, Tracing.Server trace) throws InterruptedException;
    }

    private static final class Pending {
        final HttpExchange exchange;
        final String endpoint;
        final long key;
        final long arrivalNs;
        final long requestId;
        boolean idleAtArrival;
        boolean taken;

        Pending(HttpExchange exchange, String endpoint, long key, long arrivalNs, long requestId) {
            this.requestId = requestId;
            this.exchange = exchange;
            this.endpoint = endpoint;
            this.key = key;
            this.arrivalNs = arrivalNs;
        }
    }

    private final String name;
    private final int concurrency;
    private final int capacity;
    private final long timeoutNs;
    private final ScheduledExecutorService timer;
    private final ServedLog log;
    private final HttpServer server;
    private final Thread[] workers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition waiting = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int held;
    private int busy;          // workers holding a request now
    private long busyAreaNs;   // integral of busy workers over time, up to busySinceNs
    private long busySinceNs = System.nanoTime();
    private volatile boolean closed;
    private Work work;
    private CpuGate cpu;
    private Tracing.Instance tracing;

    /**
     * @param capacity   how many may wait beyond the workers; -1 for no limit
     * @param timeoutNs  the longest wait for a worker; -1 for none
     */
    InstanceServer(String name, int concurrency, int capacity, long timeoutNs, ScheduledExecutorService timer, ServedLog log)
            throws IOException {
        this.name = name;
        this.concurrency = concurrency;
        this.capacity = capacity;
        this.timeoutNs = timeoutNs;
        this.timer = timer;
        this.log = log;
        server = Http.loopbackServer(this::accept); // the handler only queues: it runs on the dispatcher thread
        workers = new Thread[concurrency];
    }

    /**
     * The instance's cores, when its endpoints compute: the CPU time each request consumed goes into the
     * served log. Set before {@link #start}.
     */
    void cpu(CpuGate gate) {
        this.cpu = gate;
    }

    /** Records a server span per request served, with {@code tracing}. Set before {@link #start}. */
    void trace(Tracing.Instance tracing) {
        this.tracing = tracing;
    }

    /** The instance's cores, or null when its endpoints only sleep. */
    CpuGate cpu() {
        return cpu;
    }

    /** Starts the server and its workers; {@code work} is what a worker does with a request. */
    void start(Work work) {
        this.work = work;
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            workers[w] = new Thread(() -> workLoop(worker), "testbed-" + name + "-w" + w);
            workers[w].setDaemon(true);
            workers[w].start();
        }
        server.start();
    }

    String name() {
        return name;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Requests held now: in service or waiting (what a balancer's strategy may look at). */
    int held() {
        lock.lock();
        try {
            return held;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The integral of busy workers over time since the server was made, in worker-nanoseconds: what an
     * autoscaler's utilisation metric averages (busy workers / workers over its window).
     */
    long busyWorkerNs() {
        lock.lock();
        try {
            touchBusy(System.nanoTime());
            return busyAreaNs;
        } finally {
            lock.unlock();
        }
    }

    private void touchBusy(long now) {
        busyAreaNs += busy * (now - busySinceNs);
        busySinceNs = now;
    }

    private void accept(HttpExchange exchange) {
        long now = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        String endpoint = path.length() > 1 ? path.substring(1) : "";
        Pending p = new Pending(exchange, endpoint, Http.key(exchange.getRequestURI()), now, Http.requestId(exchange));
        lock.lock();
        try {
            if (capacity >= 0 && held >= concurrency + capacity) {
                log.add(name, endpoint, now, -1, now, Http.REJECTED, p.requestId, false);
                Http.answer(exchange, Http.REJECTED);
                return;
            }
            p.idleAtArrival = held < concurrency;
            held++;
            queue.addLast(p);
            waiting.signal();
        } finally {
            lock.unlock();
        }
        if (timeoutNs >= 0) {
            timer.schedule(() -> expire(p), timeoutNs, TimeUnit.NANOSECONDS);
        }
    }

    /** The queue-wait deadline of {@code p}: if no worker has taken it, it leaves as a timeout. */
    private void expire(Pending p) {
        lock.lock();
        try {
            if (p.taken || !queue.remove(p)) {
                return;
            }
            p.taken = true;
            held--;
        } finally {
            lock.unlock();
        }
        long now = System.nanoTime();
        log.add(name, p.endpoint, p.arrivalNs, -1, now, Http.TIMED_OUT, p.requestId, false);
        Http.answer(p.exchange, Http.TIMED_OUT);
    }

    private void workLoop(int worker) {
        while (!closed) {
            Pending p;
            lock.lock();
            try {
                while (queue.isEmpty()) {
                    if (closed) {
                        return;
                    }
                    waiting.await(100, TimeUnit.MILLISECONDS);
                }
                p = queue.removeFirst();
                p.taken = true;
                touchBusy(System.nanoTime());
                busy++;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            long start = System.nanoTime();
            Tracing.Server span = tracing == null ? null : tracing.serve(p.endpoint, p.exchange.getRequestHeaders(), start);
            int status;
            try {
                status = work.serve(worker, p.endpoint, p.key, p.requestId, span);
            } catch (InterruptedException e) {
                Http.answer(p.exchange, Http.FAILED);
                if (span != null) {
                    span.end(Http.FAILED, System.nanoTime());
                }
                return;
            } catch (RuntimeException e) {
                status = Http.FAILED;
            }
            long answerNs = span == null ? 0 : System.nanoTime();
            Http.answer(p.exchange, status);
            long end = System.nanoTime();
            lock.lock();
            try {
                held--;
                touchBusy(System.nanoTime());
                busy--;
            } finally {
                lock.unlock();
            }
            if (span != null) {
                // ended as the answer goes out, so never after the caller has it; recorded once the worker counts as free
                span.end(status, answerNs);
            }
            long cpuNs = cpu == null ? 0 : cpu.takeCpuNs(worker);
            long heldNs = cpu == null ? 0 : cpu.takeHeldNs(worker);
            long computeNs = cpu == null ? 0 : cpu.takeComputeNs(worker);
            log.add(name, p.endpoint, p.arrivalNs, start, end, status, p.requestId, p.idleAtArrival, cpuNs, heldNs, computeNs);
        }
    }

    /** Sleeps {@code ns} nanoseconds, to the deadline (parkNanos may return early). */
    static void sleepNanos(long ns) throws InterruptedException {
        long deadline = System.nanoTime() + ns;
        for (long left = ns; left > 0; left = deadline - System.nanoTime()) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** A sampler per worker thread: samplers are not thread-safe. */
    static long sample(DurationSampler[] perWorker, int worker) {
        return perWorker == null ? 0 : perWorker[worker].sampleNanos();
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        for (Thread t : workers) {
            if (t != null) {
                t.interrupt();
            }
        }
    }
}
