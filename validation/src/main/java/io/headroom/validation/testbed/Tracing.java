package io.headroom.validation.testbed;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * What the testbed's servers tell a tracer, in JDK types only, so that a testbed without traces loads no
 * OpenTelemetry class: {@link OtelTracing} implements it, made only when a traces file is asked for. Times are
 * {@link System#nanoTime()} readings, the clock of the {@link ServedLog}.
 *
 * <p>Spans are what HTTP instrumentation of real services records: a service instance's server span per request a
 * worker took, and a client span per outgoing HTTP request (per attempt of a retried call). Routers, balancers,
 * caches and sharded stores record none; they pass the W3C {@code traceparent} header on ({@link Http#passTraceContext}).
 */
interface Tracing extends AutoCloseable {

    /** The tracer of one service instance: its spans carry the component's name and the instance's. */
    Instance instance(String component, String instance);

    /** Writes every span ended so far and closes the file, within a bounded time. */
    @Override
    void close();

    /** One service instance's tracer. */
    interface Instance {
        /**
         * A server span for a request a worker took at {@code startNs}, child of the trace context the request carries
         * (a root span when it carries none).
         */
        Server serve(String endpoint, Headers incoming, long startNs);
    }

    /** A request being served. */
    interface Server {
        /**
         * A client span started now (before the call's network latency), child of this server span, for a request to
         * {@code uri} of component {@code callee}.
         */
        Client call(String callee, URI uri);

        /** Ends the span at {@code endNs}, when the answer {@code status} is sent. */
        void end(int status, long endNs);
    }

    /** One outgoing HTTP request. */
    interface Client {
        /** Adds this span's {@code traceparent} to the request, so the callee's server span is its child. */
        HttpRequest.Builder inject(HttpRequest.Builder request);

        /** Ends the span now: the response's {@code status} arrived, or none ({@code status} < 0) will. */
        void end(int status);
    }
}
