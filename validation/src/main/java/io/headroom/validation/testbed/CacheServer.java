package io.headroom.validation.testbed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.headroom.cache.KeyCache;
import io.headroom.dist.DurationSampler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A cache as a real in-memory cache behind HTTP on 127.0.0.1: the request's key is looked up in the
 * simulator's own {@link KeyCache} (same eviction, behind a lock); a hit is answered after the
 * {@code hit-latency}, a miss is forwarded to the {@code miss} target and, answered {@code 200}, fills the
 * cache — so, as in the simulator, two misses for one key may be in flight at once. Holds no worker.
 */
final class CacheServer implements AutoCloseable {
    private final String name;
    private final KeyCache cache;
    private final DurationSampler hitLatency;
    private final URI miss;
    private final HttpClient client;
    private final ScheduledExecutorService timer;
    private final HttpServer server;
    private final long epoch = System.nanoTime();
    private long lastNs;
    private long hits;
    private long lookups;

    CacheServer(String name, KeyCache cache, DurationSampler hitLatency, URI miss, HttpClient client,
                ScheduledExecutorService timer) throws IOException {
        this.name = name;
        this.cache = cache;
        this.hitLatency = hitLatency;
        this.miss = miss;
        this.client = client;
        this.timer = timer;
        server = Http.loopbackServer(this::accept);
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

    /** Hits over lookups so far. */
    synchronized double hitRatio() {
        return lookups == 0 ? 0 : (double) hits / lookups;
    }

    private synchronized long now() {
        // the cache's clock must never go back (KeyCache's contract); nanoTime is monotonic, this guards races
        lastNs = Math.max(lastNs, System.nanoTime() - epoch);
        return lastNs;
    }

    private void accept(HttpExchange exchange) {
        long key = Http.key(exchange.getRequestURI());
        long requestId = Http.requestId(exchange);
        boolean hit;
        long delay = 0;
        synchronized (this) {
            hit = cache.lookup(key, now());
            lookups++;
            if (hit) {
                hits++;
                delay = hitLatency == null ? 0 : hitLatency.sampleNanos();
            }
        }
        if (hit) {
            if (delay > 0) {
                timer.schedule(() -> Http.answer(exchange, Http.OK), delay, TimeUnit.NANOSECONDS);
            } else {
                Http.answer(exchange, Http.OK);
            }
            return;
        }
        URI to = URI.create(miss + "?key=" + key);
        HttpRequest.Builder b = HttpRequest.newBuilder(to).GET();
        if (requestId >= 0) {
            b.header(Http.REQUEST_ID, Long.toString(requestId));
        }
        Http.passTraceContext(exchange, b);
        client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    int status = failure != null ? Http.DEPENDENCY : response.statusCode();
                    if (status == Http.OK) {
                        synchronized (this) {
                            cache.fill(key, now());
                        }
                    }
                    Http.answer(exchange, status);
                });
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
