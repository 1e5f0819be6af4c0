package io.headroom.validation.traces;

/**
 * What side of a call a span stands for, as OpenTelemetry names it: a {@code SERVER} span is a request served, a
 * {@code CLIENT} span a call made (its children are the callee's server spans); Zipkin's and Jaeger's kinds map
 * onto these. {@code UNSPECIFIED} when the export does not say.
 */
public enum SpanKind {
    UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER
}
