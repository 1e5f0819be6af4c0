package io.headroom.validation.testbed;

import com.sun.net.httpserver.Headers;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.logging.otlp.OtlpJsonLoggingSpanExporter;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The testbed's traces with the OpenTelemetry Java SDK, built by hand (no autoconfigure, which reads the environment
 * and could export to a network endpoint; no network exporter), written to one file as OTLP JSON lines: each line an
 * {@code ExportTraceServiceRequest} of the protobuf JSON mapping, {@code {"resourceSpans":[{...}]}} with one
 * resource's spans — what the OpenTelemetry Collector's file exporter writes.
 *
 * <p>Each service instance has its own {@link SdkTracerProvider}, whose resource is {@code service.name} = the
 * design's component and {@code service.instance.id} = the instance ({@code api#0}); all share one
 * {@link BatchSpanProcessor}, so spans are serialised on its one thread, off the workers. The exporter is the SDK's
 * public {@link OtlpJsonLoggingSpanExporter}, which hands each resource's spans of a batch to a
 * {@code java.util.logging} logger as one JSON object; a handler on that logger (none of its records reach the console)
 * writes the record of the exporting thread's testbed as one line, wrapped as a request. Every span's start and end
 * are given explicitly, {@link System#nanoTime()} readings (the {@link ServedLog}'s clock) anchored once to the wall
 * clock: the SDK's own timing would anchor a child span to its parent's clock with two readings apart, which a thread
 * preempted between them shifts by milliseconds on a busy machine, ending a callee's span after its caller's.
 */
final class OtelTracing implements Tracing {
    /** How long {@link #close} waits for the last spans to be written, and then for the exporter to shut down. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private static final Logger JSON_LOG = Logger.getLogger(OtlpJsonLoggingSpanExporter.class.getName());
    /** The file the exporting thread writes to, set around each export (several testbeds may trace at once). */
    private static final ThreadLocal<FileSink> SINK = new ThreadLocal<>();
    private static final Handler LINES = new Handler() {
        @Override
        public void publish(LogRecord record) {
            FileSink sink = SINK.get();
            if (sink != null && record.getLevel() == Level.INFO) {
                sink.line(record.getMessage());
            } else if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                System.err.println("headroom: traces: " + record.getMessage()
                        + (record.getThrown() == null ? "" : " (" + record.getThrown() + ")"));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final AttributeKey<String> SERVICE_INSTANCE = AttributeKey.stringKey("service.instance.id");
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Headers carrier, String key) {
            return carrier == null ? null : carrier.getFirst(key);
        }
    };

    private final Path file;
    private final FileSink sink;
    private final BatchSpanProcessor processor;
    private final long epoch0 = epochNanos(Instant.now());
    private final long nano0 = System.nanoTime();
    private final Clock clock;
    /** By instance; the providers are not shut down one by one, which would shut the shared processor down. */
    private final Map<String, Tracer> tracers = new ConcurrentHashMap<>();
    private final AtomicLong ended = new AtomicLong();
    private volatile boolean closed;

    /** Starts writing to {@code file} (replaced if it exists). */
    OtelTracing(Path file) throws IOException {
        this.file = file;
        synchronized (JSON_LOG) {
            JSON_LOG.setUseParentHandlers(false);
            JSON_LOG.setLevel(Level.INFO);
            boolean attached = false;
            for (Handler h : JSON_LOG.getHandlers()) {
                attached |= h == LINES;
            }
            if (!attached) {
                JSON_LOG.addHandler(LINES);
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        sink = new FileSink(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        clock = new Clock() {
            @Override
            public long now() {
                return epoch(System.nanoTime());
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }
        };
        // a large queue: a span is dropped only when the queue is full, and the export keeps up with far more than a
        // testbed serves; batches go out when 512 are waiting or every second
        processor = BatchSpanProcessor.builder(new ToFile(OtlpJsonLoggingSpanExporter.create(), sink))
                .setMaxQueueSize(1 << 16).setMaxExportBatchSize(512).setScheduleDelay(Duration.ofSeconds(1))
                .setExporterTimeout(CLOSE_WAIT).build();
    }

    /** The wall-clock time, in nanoseconds since the epoch, of the {@link System#nanoTime()} reading {@code ns}. */
    private long epoch(long ns) {
        return epoch0 + (ns - nano0);
    }

    private static long epochNanos(Instant t) {
        return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
    }

    /** The traces file. */
    Path file() {
        return file;
    }

    /** Spans ended so far. */
    long spansEnded() {
        return ended.get();
    }

    /** Spans written to the file so far: fewer than {@link #spansEnded} after {@link #close} means some were dropped. */
    long spansWritten() {
        return sink.spans.get();
    }

    @Override
    public Instance instance(String component, String instance) {
        Tracer tracer = tracers.computeIfAbsent(instance, i -> {
            SdkTracerProvider provider = SdkTracerProvider.builder().setClock(clock)
                    .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, component,
                            SERVICE_INSTANCE, instance))))
                    .addSpanProcessor(processor).build();
            return provider.get("io.headroom.validation.testbed");
        });
        return (endpoint, incoming, startNs) -> serve(tracer, endpoint, incoming, startNs);
    }

    private Server serve(Tracer tracer, String endpoint, Headers incoming, long startNs) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), incoming, HEADERS);
        Span span = tracer.spanBuilder("GET /" + endpoint).setSpanKind(SpanKind.SERVER).setParent(parent)
                .setStartTimestamp(epoch(startNs), TimeUnit.NANOSECONDS)
                .setAttribute(METHOD, "GET").setAttribute(ROUTE, "/" + endpoint).startSpan();
        Context context = parent.with(span);
        return new Server() {
            @Override
            public Client call(String callee, URI uri) {
                Span client = tracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT).setParent(context)
                        .setStartTimestamp(epoch(System.nanoTime()), TimeUnit.NANOSECONDS).setAttribute(METHOD, "GET")
                        .setAttribute(SERVER_ADDRESS, callee).setAttribute(SERVER_PORT, (long) uri.getPort())
                        .setAttribute(URL_PATH, uri.getPath()).startSpan();
                Context inner = context.with(client);
                return new Client() {
                    @Override
                    public HttpRequest.Builder inject(HttpRequest.Builder request) {
                        W3CTraceContextPropagator.getInstance().inject(inner, request, HttpRequest.Builder::header);
                        return request;
                    }

                    @Override
                    public void end(int status) {
                        if (status >= 0) {
                            client.setAttribute(STATUS, (long) status);
                        }
                        if (status < 0 || status >= 400) { // a client span is an error from 4xx on
                            client.setStatus(StatusCode.ERROR);
                            client.setAttribute(ERROR_TYPE, status < 0 ? "no_response" : Integer.toString(status));
                        }
                        client.end(epoch(System.nanoTime()), TimeUnit.NANOSECONDS);
                        ended.incrementAndGet();
                    }
                };
            }

            @Override
            public void end(int status, long endNs) {
                span.setAttribute(STATUS, (long) status);
                if (status >= 500) { // a server span is an error from 5xx on: a 4xx is the client's
                    span.setStatus(StatusCode.ERROR);
                    span.setAttribute(ERROR_TYPE, Integer.toString(status));
                }
                span.end(epoch(endNs), TimeUnit.NANOSECONDS);
                ended.incrementAndGet();
            }
        };
    }

    /**
     * Writes what is left and closes the file: the processor flushes its queue, then shuts down with the exporter,
     * each within {@link #CLOSE_WAIT}. Spans ended after this are dropped.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        processor.forceFlush().join(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        CompletableResultCode shutdown = processor.shutdown().join(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (!shutdown.isDone()) {
            System.err.println("headroom: traces: the exporter did not finish within " + CLOSE_WAIT.toSeconds() + " s; "
                    + file + " may lack the last spans");
        }
        sink.close();
    }

    /** The traces file: one line per JSON object the exporter logs, wrapped as an ExportTraceServiceRequest. */
    private static final class FileSink {
        final Writer out;
        final AtomicLong spans = new AtomicLong();
        IOException failure;

        FileSink(Writer out) {
            this.out = out;
        }

        synchronized void line(String resourceSpans) {
            if (failure != null) {
                return;
            }
            try {
                out.write("{\"resourceSpans\":[");
                out.write(resourceSpans);
                out.write("]}\n");
            } catch (IOException e) {
                failure = e;
                System.err.println("headroom: traces: cannot write (" + e.getMessage() + ")");
            }
        }

        synchronized void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        synchronized void close() {
            try {
                out.close();
            } catch (IOException e) {
                System.err.println("headroom: traces: cannot close (" + e.getMessage() + ")");
            }
        }
    }

    /** The logging exporter, with the exporting thread's lines going to this testbed's file. */
    private static final class ToFile implements SpanExporter {
        private final SpanExporter json;
        private final FileSink sink;

        ToFile(SpanExporter json, FileSink sink) {
            this.json = json;
            this.sink = sink;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            SINK.set(sink);
            try {
                CompletableResultCode result = json.export(spans);
                if (result.isSuccess()) {
                    sink.spans.addAndGet(spans.size());
                }
                return result;
            } finally {
                SINK.remove();
            }
        }

        @Override
        public CompletableResultCode flush() {
            try {
                sink.flush();
                return CompletableResultCode.ofSuccess();
            } catch (UncheckedIOException e) {
                return CompletableResultCode.ofExceptionalFailure(e);
            }
        }

        @Override
        public CompletableResultCode shutdown() {
            flush();
            return CompletableResultCode.ofSuccess(); // the logging exporter's own shutdown would only log
        }
    }
}
