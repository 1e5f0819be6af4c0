package io.headroom.validation.testbed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.headroom.dist.DurationSampler;
import io.headroom.routing.Dispatcher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A load balancer (or the {@code dispatch} in front of a service's replicas) as a real HTTP proxy on
 * 127.0.0.1: it holds no worker, waits its {@code latency}, picks an instance with the simulator's own
 * {@link Dispatcher} and forwards the request, answering with the instance's status. Strategies that look
 * at load see the requests this router has forwarded to each instance and not yet had answered, as a real
 * balancer (nginx's {@code least_conn}) counts its own connections.
 *
 * <p>A balancer in front of an autoscaled service routes over that service's router's instances
 * ({@link #over}): the instances taking work are the ones its autoscaler made ready and has not begun to drain,
 * as the simulator's balancer picks among its target's ready instances, and what is outstanding at an instance
 * counts the requests of both routers, as the simulator's target counts its own.
 *
 * <p>It records no span: a forwarded request carries the caller's W3C {@code traceparent} on, so the instance's
 * server span is the child of the caller's client span, as behind a balancer that is not instrumented.
 */
final class Router implements AutoCloseable, Dispatcher.Load {
    /** The router's rows in the {@link ServedLog} are named {@code COMPONENT#lb}. */
    static final String ROUTER_SUFFIX = "#lb";

    private final String name;
    private final Dispatcher dispatcher;
    private final DurationSampler latency;
    private URI[] targets;            // by slot; a removed slot keeps its address (answers still come back)
    private int[] outstanding;        // by slot
    private int[] taking;             // the slots taking new work, in slot order
    private int membership;
    private final java.util.concurrent.atomic.AtomicReference<Runnable> firstRequest = new java.util.concurrent.atomic.AtomicReference<>();
    private final Router members;     // whose instances this router picks among (itself, or an autoscaled target's)
    private final HttpClient client;
    private final ScheduledExecutorService timer;
    private final HttpServer server;
    private final ServedLog log;

    Router(String name, Dispatcher dispatcher, DurationSampler latency, URI[] targets, HttpClient client,
           ScheduledExecutorService timer, ServedLog log) throws IOException {
        this.log = log;
        this.name = name;
        this.dispatcher = dispatcher;
        this.latency = latency;
        this.targets = targets.clone();
        this.outstanding = new int[targets.length];
        this.taking = new int[targets.length];
        for (int k = 0; k < targets.length; k++) {
            taking[k] = k;
        }
        this.client = client;
        this.timer = timer;
        this.members = this;
        server = Http.loopbackServer(this::accept);
    }

    private Router(String name, Dispatcher dispatcher, DurationSampler latency, Router members, HttpClient client,
                   ScheduledExecutorService timer, ServedLog log) throws IOException {
        this.log = log;
        this.name = name;
        this.dispatcher = dispatcher;
        this.latency = latency;
        this.client = client;
        this.timer = timer;
        this.members = members;
        server = Http.loopbackServer(this::accept);
    }

    /**
     * A balancer that picks with {@code dispatcher} among the instances {@code members} routes to now: those
     * that join or leave it join or leave this one at the same moment.
     */
    static Router over(Router members, String name, Dispatcher dispatcher, DurationSampler latency, HttpClient client,
                       ScheduledExecutorService timer, ServedLog log) throws IOException {
        return new Router(name, dispatcher, latency, members, client, timer, log);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String name() {
        return name;
    }

    /** Runs {@code r} once, when the first request arrives (an autoscaled service's clock starts there). */
    void onFirstRequest(Runnable r) {
        firstRequest.set(r);
    }

    /** A new instance takes work from now on; returns its slot. */
    synchronized int add(URI target) {
        int slot = targets.length;
        targets = java.util.Arrays.copyOf(targets, slot + 1);
        targets[slot] = target;
        outstanding = java.util.Arrays.copyOf(outstanding, slot + 1);
        taking = java.util.Arrays.copyOf(taking, taking.length + 1);
        taking[taking.length - 1] = slot;
        membership++;
        return slot;
    }

    /** Instance {@code slot} takes no new work (its requests in flight are still answered). */
    synchronized void remove(int slot) {
        taking = java.util.Arrays.stream(taking).filter(k -> k != slot).toArray();
        membership++;
    }

    /** Requests forwarded to {@code slot} and not answered yet. */
    synchronized int inFlight(int slot) {
        return outstanding[slot];
    }

    @Override
    public int instances() {
        return taking.length;
    }

    @Override
    public int instanceAt(int k) {
        return taking[k];
    }

    @Override
    public int membership() {
        return membership;
    }

    @Override
    public int outstanding(int i) {
        return outstanding[i];
    }

    private void accept(HttpExchange exchange) {
        long arrival = System.nanoTime();
        firstRequest(this);
        if (members != this) {
            firstRequest(members); // the clock of the service behind starts at the first request, whichever router took it
        }
        long requestId = Http.requestId(exchange);
        URI uri = exchange.getRequestURI();
        long key = Http.key(uri);
        long delay;
        synchronized (this) {
            delay = latency == null ? 0 : latency.sampleNanos();
        }
        if (delay > 0) {
            timer.schedule(() -> forward(exchange, uri, key, arrival, requestId), delay, TimeUnit.NANOSECONDS);
        } else {
            forward(exchange, uri, key, arrival, requestId);
        }
    }

    private static void firstRequest(Router r) {
        Runnable first = r.firstRequest.getAndSet(null);
        if (first != null) {
            first.run();
        }
    }

    private void forward(HttpExchange exchange, URI uri, long key, long arrival, long requestId) {
        Router m = members;
        int i;
        URI base;
        synchronized (m) {
            i = dispatcher.pick(m, key);
            m.outstanding[i]++;
            base = m.targets[i];
        }
        int target = i;
        URI to = base.resolve(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        CompletableFuture<HttpResponse<Void>> answer;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(to).GET();
            if (requestId >= 0) {
                b.header(Http.REQUEST_ID, Long.toString(requestId));
            }
            Http.passTraceContext(exchange, b);
            answer = client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, failure) -> {
            synchronized (m) {
                m.outstanding[target]--;
            }
            int status = failure != null ? Http.DEPENDENCY : response.statusCode();
            Http.answer(exchange, status);
            String path = uri.getPath();
            log.add(name + ROUTER_SUFFIX, path.length() > 1 ? path.substring(1) : "", arrival, -1, System.nanoTime(), status, requestId,
                    false);
        });
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
