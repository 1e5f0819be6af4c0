/**
 * Distributed traces as exported by tracing systems — OpenTelemetry's OTLP in its protobuf JSON mapping, Zipkin v2
 * and Jaeger's JSON — read as a stream of {@link io.headroom.validation.traces.Span}s, one format's conventions
 * (ids, kinds, units, where a service's name lives) turned into one shape. Readers never hold a whole file: memory
 * does not grow with the export. A bad file is a located error (file, line, column, JSON path), never a stack trace.
 * {@link io.headroom.validation.traces.OtlpJsonReader}, {@link io.headroom.validation.traces.ZipkinReader} and
 * {@link io.headroom.validation.traces.JaegerReader} say which variants of their format they accept, what they assume
 * (default service names, Zipkin's shared spans split; listed afterwards by
 * {@link io.headroom.validation.traces.SpanReader#notes()}) and what they refuse.
 */
package io.headroom.validation.traces;
