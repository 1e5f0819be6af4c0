package io.headroom.validation.traces;

import com.fasterxml.jackson.core.JsonToken;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.Mark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Zipkin's v2 JSON ({@code zipkin2-api.yaml}): an array of spans, what {@code POST /api/v2/spans} takes and
 * {@code GET /api/v2/trace/ID} answers, or an array of such arrays, one per trace, what {@code GET /api/v2/traces}
 * answers. Several arrays one after the other are read in turn.
 *
 * <p>A span's {@code timestamp} and {@code duration} are microseconds (read as µs × 1000 ns); its service is its
 * {@code localEndpoint.serviceName}, lower-cased as Zipkin does ({@value OtlpJsonReader#UNKNOWN_SERVICE} when absent,
 * counted in {@link #notes()}); its instance the endpoint's address, {@code ipv4} (else {@code [ipv6]}) and
 * {@code :port} when there is one. Ids are hex, lower-cased and left-padded with zeros to 16 or 32 digits as Zipkin's
 * span builder does. {@code kind} is {@code SERVER}, {@code CLIENT}, {@code PRODUCER} or {@code CONSUMER} (absent:
 * unspecified). A span is in error when it has an {@code error} tag (whatever its text, as Zipkin's UI reads it, unless
 * {@code "false"}), an {@code otel.status_code} tag {@code ERROR}, or an {@code http.status_code} (or
 * {@code http.response.status_code}) of 500 or more; its route is the {@code http.route} tag ({@code http.path} is not
 * used: a path carries the request's own ids, and would make an endpoint of each).
 *
 * <p><b>Shared spans.</b> Under B3 a server may join its client's span: it reports a {@code SERVER} span with
 * {@code "shared": true} and the client's id (and the client's parent as its parent). So that a call is always a
 * {@code CLIENT} span with a {@code SERVER} child, such a server half is read with the id {@code ID-server} and the client
 * span {@code ID} as its parent, and the server's own children (the spans of the server's service whose parent is
 * {@code ID}) are moved under {@code ID-server}. This needs both halves at hand: spans are held while they belong to
 * the same trace — an inner array of a list of traces, or a run of consecutive spans with one trace id in a flat array
 * — which bounds memory by one trace. A shared server span whose client half is not in that run keeps its id and parent.
 *
 * <p><b>Refused.</b> A span without a {@code timestamp} or a {@code duration} is an error, not skipped: Zipkin lets an
 * instrumentation report one span in parts (a late annotation, a span finished by another process) and merges the
 * parts with the same id when it collates a trace ({@code zipkin2.internal.Trace.merge}); merging parts is out of scope
 * here, and skipping a part would silently drop calls, so the import stops and says where. A negative duration, a
 * missing, all-zero or non-hex id, a string where a number belongs are errors too.
 */
public final class ZipkinReader implements SpanReader {
    private long defaultedService;
    private long sharedSplit;
    private long moved;

    @Override
    public void read(Path file, Consumer<Span> sink) throws BadInputException, IOException {
        JsonInput.read(file, in -> {
            Run run = new Run(sink);
            boolean any = false;
            while (in.nextRoot()) {
                any = true;
                in.array("a list of Zipkin v2 spans", i -> {
                    if (in.token() == JsonToken.START_ARRAY) {
                        run.flush();
                        in.array("a trace (a list of Zipkin v2 spans)", j -> run.add(span(in)));
                        run.flush();
                    } else {
                        run.add(span(in));
                    }
                });
                run.flush();
            }
            if (!any) {
                throw in.error("the file is empty: expected a JSON array of Zipkin v2 spans");
            }
        });
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (sharedSplit > 0) {
            notes.add(sharedSplit + " shared server span(s) (B3 joined spans) read as ID-server children of their client"
                    + " span" + (moved > 0 ? ", and " + moved + " of their children moved under them" : ""));
        }
        if (defaultedService > 0) {
            notes.add(defaultedService + " span(s) without localEndpoint.serviceName read as " + OtlpJsonReader.UNKNOWN_SERVICE);
        }
        return notes;
    }

    private Read span(JsonInput in) throws IOException, BadInputException {
        Mark mark = in.mark();
        Fields f = new Fields();
        in.object("a Zipkin v2 span", name -> {
            switch (name) {
                case "traceId" -> f.traceId = in.hexId("traceId", in.string("traceId"), 32);
                case "id" -> f.id = in.hexId("id", in.string("id"), 16);
                case "parentId" -> f.parentId = in.parentId("parentId", in.string("parentId"));
                case "name" -> f.name = in.string("name");
                case "kind" -> f.kind = kind(in);
                case "timestamp" -> {
                    f.timestamp = in.isNull() ? 0 : in.integer("timestamp (µs)");
                    if (f.timestamp < 0) {
                        throw in.error("timestamp must not be negative, got " + f.timestamp);
                    }
                }
                case "duration" -> {
                    f.hasDuration = !in.isNull();
                    f.duration = in.isNull() ? 0 : in.integer("duration (µs)");
                    if (f.duration < 0) {
                        throw in.error("duration must not be negative (the span would end before it starts), got "
                                + f.duration);
                    }
                }
                case "localEndpoint" -> in.object("an endpoint", field -> {
                    switch (field) {
                        case "serviceName" -> f.service = in.string("serviceName");
                        case "ipv4" -> f.ipv4 = in.string("ipv4");
                        case "ipv6" -> f.ipv6 = in.string("ipv6");
                        case "port" -> f.port = in.isNull() ? null : in.integer("port");
                        default -> in.skip();
                    }
                });
                case "tags" -> in.object("tags", key -> {
                    String value = in.scalarText("the tag " + key);
                    switch (key) {
                        case "http.route" -> f.route = value;
                        case "error" -> f.error |= value != null && !"false".equalsIgnoreCase(value);
                        case "otel.status_code" -> f.error |= "ERROR".equals(value);
                        case "http.status_code", "http.response.status_code" -> f.error |= OtlpJsonReader.serverError(value);
                        default -> {
                        }
                    }
                });
                case "shared" -> f.shared = in.bool("shared");
                default -> in.skip();
            }
        });
        // on the span's closing brace, in.path() is the span's path
        if (f.traceId == null) {
            throw in.error(mark, in.path(), "the span has no traceId");
        }
        if (f.id == null) {
            throw in.error(mark, in.path(), "the span has no id");
        }
        if (f.timestamp == 0 || !f.hasDuration) {
            throw in.error(mark, in.path(), "the span has no " + (f.timestamp == 0 ? "timestamp" : "duration")
                    + ": Zipkin lets a span be reported in parts, which this reader does not merge: each span needs its"
                    + " timestamp and duration");
        }
        long start = in.microsToNanos("timestamp", f.timestamp);
        long end = start + in.microsToNanos("duration", f.duration);
        if (end < start) {
            throw in.error(mark, in.path() + ".duration", "timestamp + duration is too large");
        }
        String service = f.service == null || f.service.isEmpty() ? null : f.service.toLowerCase(Locale.ROOT);
        if (service == null) {
            defaultedService++;
            service = OtlpJsonReader.UNKNOWN_SERVICE;
        }
        String ip = f.ipv4 != null && !f.ipv4.isEmpty() ? f.ipv4 : f.ipv6 != null && !f.ipv6.isEmpty() ? f.ipv6 : null;
        String instance = ip == null ? null : f.port == null || f.port == 0 ? ip
                : (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + f.port;
        Span s = new Span(f.traceId, f.id, f.parentId, service, instance, f.name == null ? "" : f.name, f.route, f.kind,
                start, end, f.error, mark);
        return new Read(s, f.shared && f.kind == SpanKind.SERVER);
    }

    private static SpanKind kind(JsonInput in) throws IOException, BadInputException {
        String k = in.string("kind");
        if (k == null) {
            return SpanKind.UNSPECIFIED;
        }
        return switch (k) {
            case "SERVER" -> SpanKind.SERVER;
            case "CLIENT" -> SpanKind.CLIENT;
            case "PRODUCER" -> SpanKind.PRODUCER;
            case "CONSUMER" -> SpanKind.CONSUMER;
            default -> throw in.error("kind \"" + k + "\" is not a Zipkin span kind (SERVER, CLIENT, PRODUCER, CONSUMER)");
        };
    }

    private static final class Fields {
        String traceId;
        String id;
        String parentId;
        String name;
        String route;
        SpanKind kind = SpanKind.UNSPECIFIED;
        long timestamp;
        long duration;
        boolean hasDuration;
        String service;
        String ipv4;
        String ipv6;
        Long port;
        boolean error;
        boolean shared;
    }

    /** A span as read, and whether it is the server half of a shared (B3 joined) span. */
    private record Read(Span span, boolean sharedServer) {
    }

    /**
     * The spans of one trace read so far (consecutive spans with one trace id), held until the trace's run ends so that
     * shared server spans can be split from their client halves; memory is bounded by one trace.
     */
    private final class Run {
        private final Consumer<Span> sink;
        private final List<Read> spans = new ArrayList<>();
        private String traceId;
        private boolean anyShared;

        Run(Consumer<Span> sink) {
            this.sink = sink;
        }

        void add(Read r) {
            if (traceId != null && !traceId.equals(r.span().traceId())) {
                flush();
            }
            traceId = r.span().traceId();
            anyShared |= r.sharedServer();
            spans.add(r);
        }

        void flush() {
            if (anyShared) {
                split();
            }
            for (Read r : spans) {
                sink.accept(r.span());
            }
            spans.clear();
            traceId = null;
            anyShared = false;
        }

        /**
         * Gives each shared server span whose client half is in the run the id {@code ID-server} under {@code ID}, and
         * moves the spans of its service whose parent is {@code ID} under it.
         */
        private void split() {
            Set<String> others = new HashSet<>();
            for (Read r : spans) {
                if (!r.sharedServer()) {
                    others.add(r.span().spanId());
                }
            }
            Map<String, String> serverService = new HashMap<>();
            for (int i = 0; i < spans.size(); i++) {
                Read r = spans.get(i);
                Span s = r.span();
                if (r.sharedServer() && others.contains(s.spanId())) {
                    serverService.put(s.spanId(), s.service());
                    spans.set(i, new Read(new Span(s.traceId(), s.spanId() + "-server", s.spanId(), s.service(), s.instance(),
                            s.name(), s.route(), s.kind(), s.startNs(), s.endNs(), s.error(), s.mark()), true));
                    sharedSplit++;
                }
            }
            for (int i = 0; i < spans.size(); i++) {
                Span s = spans.get(i).span();
                String service = s.parentId() == null ? null : serverService.get(s.parentId());
                if (service != null && !spans.get(i).sharedServer() && service.equals(s.service())) {
                    spans.set(i, new Read(new Span(s.traceId(), s.spanId(), s.parentId() + "-server", s.service(),
                            s.instance(), s.name(), s.route(), s.kind(), s.startNs(), s.endNs(), s.error(), s.mark()), false));
                    moved++;
                }
            }
        }
    }
}
