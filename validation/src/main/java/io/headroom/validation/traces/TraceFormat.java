package io.headroom.validation.traces;

import java.util.Arrays;
import java.util.function.Supplier;

/** An export format, by the name the command line uses for it, with its reader. */
public enum TraceFormat {
    /** OpenTelemetry's OTLP, protobuf JSON mapping: ExportTraceServiceRequest documents or JSON lines of them. */
    OTLP_JSON("otlp-json", OtlpJsonReader::new),
    /**
     * Zipkin's v2 JSON: an array of spans (what {@code /api/v2/spans} takes and {@code /api/v2/trace/ID} answers) or of
     * traces (what {@code /api/v2/traces} answers).
     */
    ZIPKIN("zipkin", ZipkinReader::new),
    /** Jaeger's JSON: {@code {"data": [trace, …]}} with processes, as its query API and UI export it. */
    JAEGER("jaeger", JaegerReader::new);

    private final String cliName;
    private final Supplier<SpanReader> reader;

    TraceFormat(String cliName, Supplier<SpanReader> reader) {
        this.cliName = cliName;
        this.reader = reader;
    }

    /** The name on the command line ({@code --format otlp-json}). */
    public String cliName() {
        return cliName;
    }

    /** A new reader for this format. */
    public SpanReader reader() {
        return reader.get();
    }

    /** The format named {@code name}, or null. */
    public static TraceFormat of(String name) {
        return Arrays.stream(values()).filter(f -> f.cliName.equals(name)).findFirst().orElse(null);
    }
}
