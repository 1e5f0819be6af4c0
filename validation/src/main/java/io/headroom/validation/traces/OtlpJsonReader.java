package io.headroom.validation.traces;

import com.fasterxml.jackson.core.JsonToken;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.Mark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * OpenTelemetry's OTLP in the protobuf JSON mapping (opentelemetry-proto, {@code docs/specification.md}, "JSON Protobuf
 * Encoding"). A file holds one or more JSON documents, one after the other (JSON lines or not), each either an
 * {@code ExportTraceServiceRequest} — {@code {"resourceSpans": [{"resource": ..., "scopeSpans": [{"scope": ...,
 * "spans": [...]}]}]}}, what the OTLP/HTTP JSON exporter sends and the Collector's file exporter and the Java SDK's
 * {@code OtlpStdoutSpanExporter} write one a line — or a bare {@code ResourceSpans}, what the Java SDK's
 * {@code OtlpJsonLoggingSpanExporter} logs. The older {@code instrumentationLibrarySpans} key is read like
 * {@code scopeSpans}; field names may also be spelt as in the {@code .proto} ({@code resource_spans}), as protobuf's own
 * JSON parsers accept; unknown fields are skipped, as the mapping requires of receivers. An empty file holds no spans.
 *
 * <p>A span's service is its resource's {@code service.name} ({@code unknown_service}, as the SDKs default, when the
 * resource has none — counted in {@link #notes()}); its instance {@code service.instance.id}, else {@code host.name},
 * else {@code k8s.pod.name}. Ids are hex (lower-cased); {@code kind} and {@code status.code} are enum numbers or names;
 * times are {@code fixed64} nanoseconds as decimal strings or numbers. A span is in error when its status code is
 * {@code ERROR} or its {@code http.response.status_code} (or the older {@code http.status_code}) is 500 or more; its
 * route is {@code http.route}. A resource written after its spans is allowed: the spans of that one
 * {@code ResourceSpans} (one export batch) wait for it.
 */
public final class OtlpJsonReader implements SpanReader {
    /** The service name the SDKs report when none is configured (the spec's {@code unknown_service}). */
    public static final String UNKNOWN_SERVICE = "unknown_service";

    private long defaultedSpans;
    private long defaultedResources;

    @Override
    public void read(Path file, Consumer<Span> sink) throws BadInputException, IOException {
        JsonInput.read(file, in -> {
            while (in.nextRoot()) {
                if (in.token() != JsonToken.START_OBJECT) {
                    throw in.error("expected an OTLP JSON object — an ExportTraceServiceRequest {\"resourceSpans\": [...]}"
                            + " or a ResourceSpans {\"resource\": ..., \"scopeSpans\": [...]} — got " + JsonInput.describe(in.token()));
                }
                Batch bare = new Batch(sink);
                in.object("an ExportTraceServiceRequest", name -> {
                    if ("resourceSpans".equals(camel(name))) {
                        in.array("resourceSpans", i -> {
                            Batch batch = new Batch(sink);
                            in.object("a ResourceSpans", field -> {
                                if (!resourceSpansField(in, field, batch)) {
                                    in.skip();
                                }
                            });
                            batch.finish();
                        });
                    } else if (!resourceSpansField(in, name, bare)) {
                        in.skip();
                    }
                });
                bare.finish();
            }
        });
    }

    /** The resources without {@code service.name}, whose spans were given {@value #UNKNOWN_SERVICE}. */
    @Override
    public List<String> notes() {
        if (defaultedSpans == 0) {
            return List.of();
        }
        return List.of(defaultedResources + " resource(s) without service.name: their " + defaultedSpans + " span(s) read as "
                + UNKNOWN_SERVICE);
    }

    /** Reads a field of a ResourceSpans; false when the field is not one (the caller skips it). */
    private boolean resourceSpansField(JsonInput in, String name, Batch batch) throws IOException, BadInputException {
        switch (camel(name)) {
            case "resource" -> {
                in.object("a Resource", field -> {
                    if ("attributes".equals(camel(field))) {
                        attributes(in, (key, value) -> batch.resourceAttribute(key, value));
                    } else {
                        in.skip();
                    }
                });
                batch.resourceKnown();
                return true;
            }
            case "scopeSpans", "instrumentationLibrarySpans" -> {
                in.array(name, i -> in.object("a ScopeSpans", field -> {
                    if ("spans".equals(camel(field))) {
                        in.array("spans", j -> span(in, batch));
                    } else {
                        in.skip();
                    }
                }));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void span(JsonInput in, Batch batch) throws IOException, BadInputException {
        Pending s = new Pending(in.mark());
        in.object("a span", name -> {
            switch (camel(name)) {
                case "traceId" -> s.traceId = in.hexId("traceId", in.string("traceId"), 32);
                case "spanId" -> s.spanId = in.hexId("spanId", in.string("spanId"), 16);
                case "parentSpanId" -> s.parentId = in.parentId("parentSpanId", in.string("parentSpanId"));
                case "name" -> s.name = in.string("name");
                case "kind" -> s.kind = kind(in);
                case "startTimeUnixNano" -> s.start = nanos(in, "startTimeUnixNano");
                case "endTimeUnixNano" -> {
                    s.end = nanos(in, "endTimeUnixNano");
                    s.endMark = in.mark();
                }
                case "attributes" -> attributes(in, (key, value) -> {
                    switch (key) {
                        case "http.route" -> s.route = value instanceof String r ? r : s.route;
                        case "http.response.status_code", "http.status_code" -> s.error |= serverError(value);
                        default -> {
                        }
                    }
                });
                case "status" -> in.object("a Status", field -> {
                    if ("code".equals(camel(field))) {
                        s.error |= statusCode(in) == 2;
                    } else {
                        in.skip();
                    }
                });
                default -> in.skip();
            }
        });
        // on the span's closing brace, in.path() is the span's path (the spans array at its index)
        if (s.traceId == null) {
            throw in.error(s.mark, in.path(), "the span has no traceId");
        }
        if (s.spanId == null) {
            throw in.error(s.mark, in.path(), "the span has no spanId");
        }
        if (s.start == 0) {
            throw in.error(s.mark, in.path(), "the span has no startTimeUnixNano (0 means unknown)");
        }
        if (s.end == 0) {
            throw in.error(s.mark, in.path(), "the span has no endTimeUnixNano (0 means unknown)");
        }
        if (s.end < s.start) {
            throw in.error(s.endMark, in.path() + ".endTimeUnixNano", "the span ends (" + s.end + " ns) before it starts ("
                    + s.start + " ns)");
        }
        batch.span(s);
    }

    /** A time in nanoseconds since the epoch; 0 (the proto default, "unknown") reads as absent. */
    private static long nanos(JsonInput in, String what) throws IOException, BadInputException {
        if (in.isNull()) {
            return 0;
        }
        long ns = in.integerOrDecimalString(what);
        if (ns < 0) {
            throw in.error(what + " must not be negative, got " + ns);
        }
        return ns;
    }

    private static SpanKind kind(JsonInput in) throws IOException, BadInputException {
        JsonToken t = in.token();
        if (t == JsonToken.VALUE_NULL) {
            return SpanKind.UNSPECIFIED;
        }
        if (t == JsonToken.VALUE_NUMBER_INT) {
            long k = in.integer("kind");
            // SpanKind's constants are in the order of the proto's enum: SPAN_KIND_UNSPECIFIED = 0 … CONSUMER = 5
            if (k < 0 || k >= SpanKind.values().length) {
                throw in.error("kind " + k + " is not a span kind (0 to 5: unspecified, internal, server, client, producer,"
                        + " consumer)");
            }
            return SpanKind.values()[(int) k];
        }
        String name = in.string("kind");
        if (name != null && name.startsWith("SPAN_KIND_")) {
            for (SpanKind k : SpanKind.values()) {
                if (k.name().equals(name.substring("SPAN_KIND_".length()))) {
                    return k;
                }
            }
        }
        throw in.error("kind \"" + name + "\" is not a span kind (SPAN_KIND_SERVER, SPAN_KIND_CLIENT, … or 0 to 5)");
    }

    private static int statusCode(JsonInput in) throws IOException, BadInputException {
        JsonToken t = in.token();
        if (t == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (t == JsonToken.VALUE_NUMBER_INT) {
            long c = in.integer("status.code");
            if (c < 0 || c > 2) {
                throw in.error("status code " + c + " is not one (0 unset, 1 ok, 2 error)");
            }
            return (int) c;
        }
        String name = in.string("status.code");
        return switch (name == null ? "" : name) {
            case "STATUS_CODE_UNSET" -> 0;
            case "STATUS_CODE_OK" -> 1;
            case "STATUS_CODE_ERROR" -> 2;
            default -> throw in.error("status code \"" + name + "\" is not one (STATUS_CODE_UNSET, STATUS_CODE_OK,"
                    + " STATUS_CODE_ERROR or 0 to 2)");
        };
    }

    /** An HTTP status of 500 or more, given as an integer or a string of digits. */
    static boolean serverError(Object value) {
        if (value instanceof Long code) {
            return code >= 500;
        }
        if (value instanceof String text && !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(text) >= 500;
        }
        return false;
    }

    private interface Attribute {
        void accept(String key, Object value) throws BadInputException;
    }

    /** {@code [{"key": K, "value": {"stringValue": …}}]}: each key with its scalar value (arrays, maps, bytes: null). */
    private static void attributes(JsonInput in, Attribute a) throws IOException, BadInputException {
        in.array("attributes", i -> {
            String[] key = new String[1];
            Object[] value = new Object[1];
            in.object("a KeyValue", field -> {
                switch (field) {
                    case "key" -> key[0] = in.string("key");
                    case "value" -> in.object("an AnyValue", kind -> {
                        switch (camel(kind)) {
                            case "stringValue" -> value[0] = in.string("stringValue");
                            case "boolValue" -> value[0] = in.bool("boolValue");
                            case "intValue" -> value[0] = in.isNull() ? null : in.integerOrDecimalString("intValue");
                            case "doubleValue" -> value[0] = in.scalar();
                            default -> in.skip();
                        }
                    });
                    default -> in.skip();
                }
            });
            if (key[0] != null) {
                a.accept(key[0], value[0]);
            }
        });
    }

    /** A proto field name in lowerCamelCase: {@code resource_spans} → {@code resourceSpans}. */
    static String camel(String name) {
        if (name.indexOf('_') < 0) {
            return name;
        }
        StringBuilder b = new StringBuilder(name.length());
        boolean up = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    /** A span read but not yet given its resource's service and instance. */
    private static final class Pending {
        final Mark mark;
        Mark endMark;
        String traceId;
        String spanId;
        String parentId;
        String name;
        String route;
        SpanKind kind = SpanKind.UNSPECIFIED;
        long start;
        long end;
        boolean error;

        Pending(Mark mark) {
            this.mark = mark;
        }
    }

    /**
     * The spans of one ResourceSpans and its resource: spans pass straight to the sink once the resource has been read,
     * and wait for it (at most one export batch) when it comes after them.
     */
    private final class Batch {
        private final Consumer<Span> sink;
        private final List<Pending> waiting = new ArrayList<>();
        private boolean known;
        private String service;
        private String instanceId;
        private String host;
        private String pod;

        Batch(Consumer<Span> sink) {
            this.sink = sink;
        }

        void resourceAttribute(String key, Object value) {
            if (!(value instanceof String s) || s.isEmpty()) {
                return;
            }
            switch (key) {
                case "service.name" -> service = s;
                case "service.instance.id" -> instanceId = s;
                case "host.name" -> host = s;
                case "k8s.pod.name" -> pod = s;
                default -> {
                }
            }
        }

        void resourceKnown() {
            known = true;
            for (Pending p : waiting) {
                emit(p);
            }
            waiting.clear();
        }

        void span(Pending p) {
            if (known) {
                emit(p);
            } else {
                waiting.add(p);
            }
        }

        void finish() {
            if (!waiting.isEmpty()) {
                resourceKnown();
            }
        }

        private boolean counted;

        private void emit(Pending p) {
            String svc = service;
            if (svc == null) {
                svc = UNKNOWN_SERVICE;
                defaultedSpans++;
                if (!counted) {
                    counted = true;
                    defaultedResources++;
                }
            }
            String instance = instanceId != null ? instanceId : host != null ? host : pod;
            sink.accept(new Span(p.traceId, p.spanId, p.parentId, svc, instance, p.name == null ? "" : p.name,
                    p.route, p.kind, p.start, p.end, p.error, p.mark));
        }
    }
}
