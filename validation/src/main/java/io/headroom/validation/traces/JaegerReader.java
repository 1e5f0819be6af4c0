package io.headroom.validation.traces;

import io.headroom.yaml.BadInputException;
import io.headroom.yaml.Mark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Jaeger's JSON ({@code model/json} in jaegertracing/jaeger), what its query API answers and its UI downloads:
 * {@code {"data": [trace, …], "total", "limit", "offset", "errors"}}, each trace {@code {"traceID", "spans": [...],
 * "processes": {"p1": {"serviceName", "tags"}}, "warnings"}}. Several such objects one after the other are read in
 * turn.
 *
 * <p>A span's {@code startTime} and {@code duration} are microseconds (read as µs × 1000 ns). Its parent is its
 * {@code CHILD_OF} reference, else its {@code FOLLOWS_FROM} one, else the legacy {@code parentSpanID} field. Its service
 * and instance come from its process — {@code processID} into the trace's {@code processes}, or an embedded
 * {@code process} — the instance being the process tag {@code service.instance.id}, else {@code hostname}, else
 * {@code ip}, else {@code k8s.pod.name}. Its kind is the {@code span.kind} tag ({@code server}, {@code client},
 * {@code producer}, {@code consumer}, {@code internal}); it is in error when its {@code error} tag is true, its
 * {@code otel.status_code} tag {@code ERROR}, or its {@code http.status_code} (or {@code http.response.status_code})
 * 500 or more; its route is the {@code http.route} tag. Ids are hex, lower-cased and left-padded with zeros (older Jaegers
 * write ids without their leading zeros). Jaeger writes a trace's processes after its spans: the spans of that one
 * trace object wait for them, which bounds memory by one trace.
 */
public final class JaegerReader implements SpanReader {
    private long errors;
    private long defaultedService;

    @Override
    public void read(Path file, Consumer<Span> sink) throws BadInputException, IOException {
        JsonInput.read(file, in -> {
            boolean any = false;
            while (in.nextRoot()) {
                any = true;
                in.object("a Jaeger export {\"data\": [trace, …]}", name -> {
                    switch (name) {
                        case "data" -> in.array("data", i -> trace(in, i, sink));
                        case "errors" -> in.array("errors", i -> {
                            errors++;
                            in.skip();
                        });
                        default -> in.skip();
                    }
                });
            }
            if (!any) {
                throw in.error("the file is empty: expected a Jaeger export {\"data\": [trace, …]}");
            }
        });
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (errors > 0) {
            notes.add("the export lists " + errors + " error(s) from Jaeger's query: some traces may be missing");
        }
        if (defaultedService > 0) {
            notes.add(defaultedService + " span(s) whose process has no serviceName read as " + OtlpJsonReader.UNKNOWN_SERVICE);
        }
        return notes;
    }

    private void trace(JsonInput in, int traceIndex, Consumer<Span> sink) throws IOException, BadInputException {
        List<Pending> waiting = new ArrayList<>();
        Map<String, Process> processes = new HashMap<>();
        boolean[] processesRead = {false};
        in.object("a trace", name -> {
            switch (name) {
                case "spans" -> in.array("spans", j -> {
                    Pending p = span(in, traceIndex, j);
                    if (processesRead[0]) {
                        sink.accept(resolve(in, p, processes));
                    } else {
                        waiting.add(p);
                    }
                });
                case "processes" -> {
                    in.object("processes", id -> processes.put(id, process(in)));
                    processesRead[0] = true;
                }
                default -> in.skip();
            }
        });
        for (Pending p : waiting) {
            sink.accept(resolve(in, p, processes));
        }
    }

    private Span resolve(JsonInput in, Pending p, Map<String, Process> processes) throws BadInputException {
        Process proc = p.process;
        if (proc == null) {
            String where = "data[" + p.traceIndex + "].spans[" + p.spanIndex + "]";
            if (p.processId == null) {
                throw in.error(p.mark, where, "the span has neither a processID nor a process");
            }
            proc = processes.get(p.processId);
            if (proc == null) {
                throw in.error(p.mark, where + ".processID", "processID \"" + p.processId + "\" is not among the trace's"
                        + " processes " + processes.keySet().stream().sorted().toList());
            }
        }
        String service = proc.service;
        if (service == null || service.isEmpty()) {
            defaultedService++;
            service = OtlpJsonReader.UNKNOWN_SERVICE;
        }
        String parent = p.childOf != null ? p.childOf : p.followsFrom != null ? p.followsFrom : p.legacyParent;
        return new Span(p.traceId, p.spanId, parent, service, proc.instance(), p.name == null ? "" : p.name, p.route,
                p.kind, p.start, p.end, p.error, p.mark);
    }

    private Pending span(JsonInput in, int traceIndex, int spanIndex) throws IOException, BadInputException {
        Pending p = new Pending(in.mark(), traceIndex, spanIndex);
        boolean[] has = new boolean[2];
        in.object("a span", name -> {
            switch (name) {
                case "traceID" -> p.traceId = in.hexId("traceID", in.string("traceID"), 32);
                case "spanID" -> p.spanId = in.hexId("spanID", in.string("spanID"), 16);
                case "parentSpanID" -> p.legacyParent = in.parentId("parentSpanID", in.string("parentSpanID"));
                case "operationName" -> p.name = in.string("operationName");
                case "references" -> in.array("references", i -> reference(in, p));
                case "startTime" -> {
                    has[0] = !in.isNull();
                    p.start = in.isNull() ? 0 : in.microsToNanos("startTime", nonNegative(in, "startTime (µs)"));
                }
                case "duration" -> {
                    has[1] = !in.isNull();
                    p.end = in.isNull() ? 0 : in.microsToNanos("duration", nonNegative(in, "duration (µs)"));
                }
                case "tags" -> tags(in, (key, value) -> {
                    switch (key) {
                        case "span.kind" -> p.kind = kind(value);
                        case "error" -> p.error |= Boolean.TRUE.equals(value) || "true".equals(value);
                        case "otel.status_code" -> p.error |= "ERROR".equals(value);
                        case "http.status_code", "http.response.status_code" -> p.error |= OtlpJsonReader.serverError(value);
                        case "http.route" -> p.route = value instanceof String r ? r : p.route;
                        default -> {
                        }
                    }
                });
                case "processID" -> p.processId = in.string("processID");
                case "process" -> p.process = process(in);
                default -> in.skip();
            }
        });
        // on the span's closing brace, in.path() is the span's path
        if (p.traceId == null) {
            throw in.error(p.mark, in.path(), "the span has no traceID");
        }
        if (p.spanId == null) {
            throw in.error(p.mark, in.path(), "the span has no spanID");
        }
        if (!has[0]) {
            throw in.error(p.mark, in.path(), "the span has no startTime");
        }
        if (!has[1]) {
            throw in.error(p.mark, in.path(), "the span has no duration");
        }
        long end = p.start + p.end;
        if (end < p.start) {
            throw in.error(p.mark, in.path() + ".duration", "startTime + duration is too large");
        }
        p.end = end;
        return p;
    }

    private static long nonNegative(JsonInput in, String what) throws IOException, BadInputException {
        long v = in.integer(what);
        if (v < 0) {
            throw in.error(what + " must not be negative (the span would end before it starts), got " + v);
        }
        return v;
    }

    private static void reference(JsonInput in, Pending p) throws IOException, BadInputException {
        String[] type = new String[1];
        String[] span = new String[1];
        in.object("a reference", field -> {
            switch (field) {
                case "refType" -> type[0] = in.string("refType");
                case "spanID" -> span[0] = in.parentId("spanID", in.string("spanID"));
                default -> in.skip();
            }
        });
        if (span[0] == null) {
            return;
        }
        if ("CHILD_OF".equals(type[0])) {
            if (p.childOf == null) {
                p.childOf = span[0];
            }
        } else if ("FOLLOWS_FROM".equals(type[0])) {
            if (p.followsFrom == null) {
                p.followsFrom = span[0];
            }
        } else {
            throw in.error("refType \"" + type[0] + "\" is not CHILD_OF or FOLLOWS_FROM");
        }
    }

    private static SpanKind kind(Object value) {
        if (!(value instanceof String k)) {
            return SpanKind.UNSPECIFIED;
        }
        return switch (k.toLowerCase(Locale.ROOT)) {
            case "server" -> SpanKind.SERVER;
            case "client" -> SpanKind.CLIENT;
            case "producer" -> SpanKind.PRODUCER;
            case "consumer" -> SpanKind.CONSUMER;
            case "internal" -> SpanKind.INTERNAL;
            default -> SpanKind.UNSPECIFIED;
        };
    }

    private static Process process(JsonInput in) throws IOException, BadInputException {
        Process proc = new Process();
        in.object("a process", field -> {
            switch (field) {
                case "serviceName" -> proc.service = in.string("serviceName");
                case "tags" -> tags(in, (key, value) -> {
                    String text = value == null ? null : String.valueOf(value);
                    switch (key) {
                        case "service.instance.id" -> proc.instanceId = text;
                        case "hostname" -> proc.hostname = text;
                        case "ip" -> proc.ip = text;
                        case "k8s.pod.name" -> proc.pod = text;
                        default -> {
                        }
                    }
                });
                default -> in.skip();
            }
        });
        return proc;
    }

    private interface Tag {
        void accept(String key, Object value);
    }

    /** {@code [{"key", "type", "value"}]}: each key with its value (a string, number or boolean; null otherwise). */
    private static void tags(JsonInput in, Tag t) throws IOException, BadInputException {
        in.array("tags", i -> {
            String[] key = new String[1];
            Object[] value = new Object[1];
            in.object("a tag", field -> {
                switch (field) {
                    case "key" -> key[0] = in.string("key");
                    case "value" -> value[0] = in.scalar();
                    default -> in.skip();
                }
            });
            if (key[0] != null) {
                t.accept(key[0], value[0]);
            }
        });
    }

    /** A process: its service, and the tags that may name its instance. */
    private static final class Process {
        String service;
        String instanceId;
        String hostname;
        String ip;
        String pod;

        String instance() {
            return nonEmpty(instanceId) ? instanceId : nonEmpty(hostname) ? hostname : nonEmpty(ip) ? ip
                    : nonEmpty(pod) ? pod : null;
        }

        private static boolean nonEmpty(String s) {
            return s != null && !s.isEmpty();
        }
    }

    /** A span read, waiting for its trace's processes. */
    private static final class Pending {
        final Mark mark;
        final int traceIndex;
        final int spanIndex;
        String traceId;
        String spanId;
        String legacyParent;
        String childOf;
        String followsFrom;
        String name;
        String route;
        SpanKind kind = SpanKind.UNSPECIFIED;
        long start;
        long end;
        boolean error;
        String processId;
        Process process;

        Pending(Mark mark, int traceIndex, int spanIndex) {
            this.mark = mark;
            this.traceIndex = traceIndex;
            this.spanIndex = spanIndex;
        }
    }
}
