package io.headroom.validation.traces;

import io.headroom.yaml.Mark;

/**
 * One span, whatever format it came from.
 *
 * @param traceId  the trace's id, as the export spells it (hex, lower case)
 * @param spanId   the span's id, unique within its trace
 * @param parentId the parent span's id; null for a root span
 * @param service  the service that recorded the span (OTLP's {@code service.name}, Zipkin's local endpoint,
 *                 Jaeger's process)
 * @param instance the instance of the service that recorded it ({@code service.instance.id}, {@code host.name},
 *                 {@code k8s.pod.name}, an endpoint address, a process tag); null when the export does not say
 * @param name     the span's name (operation name)
 * @param route    the HTTP route or path template ({@code http.route}), null when absent
 * @param kind     server, client, …
 * @param startNs  start, nanoseconds since the Unix epoch
 * @param endNs    end, nanoseconds since the Unix epoch (not before the start)
 * @param error    whether the span ended in error (OTLP status ERROR, an {@code error} tag, HTTP status ≥ 500)
 * @param mark     where the span starts in its file (line and column), for messages about it
 */
public record Span(String traceId, String spanId, String parentId, String service, String instance, String name, String route,
                   SpanKind kind, long startNs, long endNs, boolean error, Mark mark) {

    /** The span's duration in nanoseconds. */
    public long durationNs() {
        return endNs - startNs;
    }
}
