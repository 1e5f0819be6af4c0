package io.headroom.validation.testbed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * The testbed's wire conventions: a request is {@code GET /ENDPOINT?key=K}; the status says how it ended,
 * one status per error cause of the simulator, so a Gatling run's statuses map back onto the causes.
 */
final class Http {
    /**
     * A server on 127.0.0.1 at an ephemeral port (backlog 256) whose handler runs on the server's own dispatcher
     * thread: every testbed handler only queues, forwards or answers, never blocks. Not started.
     */
    static HttpServer loopbackServer(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/", handler);
        server.setExecutor(Runnable::run);
        return server;
    }

    static final int OK = 200;
    /** The endpoint's own failure ({@code error-rate}). */
    static final int FAILED = 500;
    /** A call failed ({@code dependency}). */
    static final int DEPENDENCY = 502;
    /** The instance was full ({@code rejected}). */
    static final int REJECTED = 503;
    /** The request waited past the queue timeout, or a call's attempt past the call's timeout ({@code timeout}). */
    static final int TIMED_OUT = 504;
    /** A call was refused by its open circuit breaker ({@code circuit_open}). */
    static final int CIRCUIT_OPEN = 521;
    /** A call was refused by its full bulkhead ({@code bulkhead}). */
    static final int BULKHEAD = 429;

    /** The simulator's error cause a status stands for ({@code ok} for 200, {@code other} for none of these). */
    static String cause(int status) {
        return switch (status) {
            case OK -> "ok";
            case FAILED -> "failed";
            case DEPENDENCY -> "dependency";
            case REJECTED -> "rejected";
            case TIMED_OUT -> "timeout";
            case CIRCUIT_OPEN -> "circuit_open";
            case BULKHEAD -> "bulkhead";
            default -> "other";
        };
    }

    private Http() {
    }

    /** The {@code key} query parameter, 0 when absent or not a number. */
    static long key(URI uri) {
        String q = uri.getRawQuery();
        if (q == null) {
            return 0;
        }
        for (String part : q.split("&")) {
            if (part.startsWith("key=")) {
                try {
                    return Long.parseLong(part.substring(4));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** The load generator's {@code X-Request-Id} header as a number; -1 when absent. */
    static long requestId(HttpExchange exchange) {
        String v = exchange.getRequestHeaders().getFirst(REQUEST_ID);
        try {
            return v == null ? -1 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The header that carries the load generator's request number through the testbed. */
    static final String REQUEST_ID = "X-Request-Id";

    /** W3C Trace Context's headers: the caller's span, and vendors' state along the trace. */
    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";

    /**
     * Passes the request's W3C trace context on to the request forwarded for it, as a proxy that records no span of its
     * own does (a balancer, a cache, a store's router): the next server's span is then the caller's span's child.
     */
    static void passTraceContext(HttpExchange from, java.net.http.HttpRequest.Builder to) {
        String parent = from.getRequestHeaders().getFirst(TRACEPARENT);
        if (parent != null) {
            to.header(TRACEPARENT, parent);
            String state = from.getRequestHeaders().getFirst(TRACESTATE);
            if (state != null) {
                to.header(TRACESTATE, state);
            }
        }
    }

    /** Answers with {@code status} and an empty body, and ends the exchange (the connection stays open). */
    static void answer(HttpExchange exchange, int status) {
        try {
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            // the client went away: nothing to answer
        } finally {
            exchange.close();
        }
    }
}
