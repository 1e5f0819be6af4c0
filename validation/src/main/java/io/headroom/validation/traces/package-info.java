/**
 * Distributed traces as exported by tracing systems — OpenTelemetry's OTLP in its protobuf JSON mapping, Zipkin v2
 * and Jaeger's JSON — read as a stream of {@link io.headroom.validation.traces.Span}s, one format's conventions
 * (ids, kinds, units, where a service's name lives) turned into one shape. Readers never hold a whole file: memory
 * does not grow with the export. A bad file is a located error (file, line, column, JSON path), never a stack trace.
 */
package io.headroom.validation.traces;
