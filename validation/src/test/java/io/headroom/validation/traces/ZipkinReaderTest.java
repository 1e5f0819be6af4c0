package io.headroom.validation.traces;

import static io.headroom.validation.traces.TraceFixtures.error;
import static io.headroom.validation.traces.TraceFixtures.read;
import static io.headroom.validation.traces.TraceFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.yaml.Mark;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zipkin v2: the fixture read span by span, shared spans split, lists of traces, and located errors. */
class ZipkinReaderTest {
    private static final String T = "5b8aa5a2d2c872e8321cf37308d69df2";

    @TempDir
    Path dir;

    @Test
    void theFixtureGivesEverySpanExactlyWithSharedServerSpansSplit() throws Exception {
        ZipkinReader reader = new ZipkinReader();
        List<Span> spans = read(reader, TraceFixtures.fixture("zipkin-v2.json"));
        assertEquals(21, spans.size());
        assertEquals(TraceFixtures.expected(true), TraceFixtures.sortedUnmarked(spans));
        assertEquals(new Mark(2, 3), spans.get(0).mark());
        assertEquals(List.of("2 shared server span(s) (B3 joined spans) read as ID-server children of their client span"),
                reader.notes());
    }

    @Test
    void theFixtureAsAListOfTracesGivesTheSameSpans() throws Exception {
        List<Span> spans = read(new ZipkinReader(), TraceFixtures.fixture("zipkin-v2-traces.json"));
        assertEquals(TraceFixtures.expected(true), TraceFixtures.sortedUnmarked(spans));
        assertEquals(new Mark(3, 5), spans.get(0).mark());
    }

    private static String span(String traceId, String id, String parentId, String kind, String service, long ts, long dur,
                               String extra) {
        return "{\"traceId\":\"" + traceId + "\",\"id\":\"" + id + "\"" + (parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"")
                + (kind == null ? "" : ",\"kind\":\"" + kind + "\"") + ",\"localEndpoint\":{\"serviceName\":\"" + service
                + "\"},\"timestamp\":" + ts + ",\"duration\":" + dur + extra + "}";
    }

    @Test
    void aSharedServerSpansOwnChildrenMoveUnderItsServerHalf() throws Exception {
        // api calls cart (client a2, joined by cart's server span a2); cart calls db (client a3 under a2 in cart)
        String text = "[" + String.join(",\n",
                span(T, "a1", null, "SERVER", "Api", 1000, 100, ""),
                span(T, "a2", "a1", "CLIENT", "api", 1010, 80, ""),
                span(T, "a2", "a1", "SERVER", "cart", 1015, 70, ",\"shared\":true"),
                span(T, "a3", "a2", "CLIENT", "cart", 1020, 50, ""),
                // another trace: a shared server span whose client half is not there keeps its id and parent
                span("1", "b2", "b1", "SERVER", "cart", 2000, 10, ",\"shared\":true")) + "]";
        ZipkinReader reader = new ZipkinReader();
        List<Span> spans = read(reader, write(dir, "shared.json", text));
        String t = T;
        String t2 = "0000000000000001";
        assertEquals(List.of(
                new Span(t, "00000000000000a1", null, "api", null, "", null, SpanKind.SERVER, 1_000_000, 1_100_000, false, new Mark(1, 2)),
                new Span(t, "00000000000000a2", "00000000000000a1", "api", null, "", null, SpanKind.CLIENT, 1_010_000, 1_090_000,
                        false, new Mark(2, 1)),
                new Span(t, "00000000000000a2-server", "00000000000000a2", "cart", null, "", null, SpanKind.SERVER, 1_015_000,
                        1_085_000, false, new Mark(3, 1)),
                new Span(t, "00000000000000a3", "00000000000000a2-server", "cart", null, "", null, SpanKind.CLIENT, 1_020_000,
                        1_070_000, false, new Mark(4, 1)),
                new Span(t2, "00000000000000b2", "00000000000000b1", "cart", null, "", null, SpanKind.SERVER, 2_000_000, 2_010_000,
                        false, new Mark(5, 1))), spans);
        assertEquals(List.of("1 shared server span(s) (B3 joined spans) read as ID-server children of their client span, and 1"
                + " of their children moved under them"), reader.notes());
    }

    @Test
    void aListOfTracesEndpointsTagsAndKinds() throws Exception {
        String ep = "\"localEndpoint\":{\"serviceName\":\"web\",\"ipv6\":\"2001:db8::1\",\"port\":443}";
        String text = "[[" + "{\"traceId\":\"" + T.toUpperCase() + "\",\"id\":\"0000000000000001\",\"name\":\"get\",\"kind\":\"PRODUCER\","
                + "\"timestamp\":5,\"duration\":0," + ep + ",\"tags\":{\"http.route\":\"/x/{id}\",\"http.status_code\":\"503\"},"
                + "\"annotations\":[{\"timestamp\":5,\"value\":\"ws\"}],\"debug\":false}],\n"
                + "[{\"traceId\":\"" + T + "\",\"id\":\"0000000000000002\",\"timestamp\":7,\"duration\":2,"
                + "\"localEndpoint\":{\"ipv4\":\"10.1.2.3\"},\"tags\":{\"error\":\"\",\"http.path\":\"/x/17\"}}]]";
        ZipkinReader reader = new ZipkinReader();
        List<Span> spans = read(reader, write(dir, "traces.json", text));
        assertEquals(List.of(
                new Span(T, "0000000000000001", null, "web", "[2001:db8::1]:443", "get", "/x/{id}", SpanKind.PRODUCER, 5000, 5000,
                        true, new Mark(1, 3)),
                new Span(T, "0000000000000002", null, OtlpJsonReader.UNKNOWN_SERVICE, "10.1.2.3", "", null, SpanKind.UNSPECIFIED,
                        7000, 9000, true, new Mark(2, 2))), spans);
        assertEquals(List.of("1 span(s) without localEndpoint.serviceName read as unknown_service"), reader.notes());
    }

    private static final String ID = "\"traceId\":\"" + T + "\",\"id\":\"051581bf3cb55c13\",";

    @Test
    void aTruncatedFileIsALocatedError() throws Exception {
        assertEquals(":2:17: [1].timestamp: not valid JSON: Unexpected end-of-input: expected close marker for Object (start"
                        + " marker at line 2, column 1)",
                error(new ZipkinReader(), dir, "[" + span(T, "1", null, null, "a", 1, 1, "") + ",\n{\"timestamp\": 17"));
    }

    @Test
    void aStringWhereANumberBelongsIsALocatedError() throws Exception {
        assertEquals(":1:84: [0].timestamp: expected timestamp (µs) as an integer number, got a string",
                error(new ZipkinReader(), dir, "[{" + ID + "\"timestamp\":\"1765000000000000\",\"duration\":5}]"));
    }

    @Test
    void aMissingIdOrTimeIsALocatedError() throws Exception {
        assertEquals(":2:1: [1]: the span has no id",
                error(new ZipkinReader(), dir, "[" + span(T, "1", null, null, "a", 1, 1, "") + ",\n{\"traceId\":\"" + T
                        + "\",\"timestamp\":1,\"duration\":1}]"));
        assertEquals(":1:2: [0]: the span has no duration: Zipkin lets a span be reported in parts, which this reader does"
                        + " not merge: each span needs its timestamp and duration",
                error(new ZipkinReader(), dir, "[{" + ID + "\"timestamp\":5}]"));
        assertEquals(":1:22: [0].id: expected id as hex digits, got \"span-1\"",
                error(new ZipkinReader(), dir, "[{\"traceId\":\"1\",\"id\":\"span-1\"}]"));
        assertEquals(":1:22: [0].id: expected id as at most 16 hex digits, got \"" + T + "\" (32 characters)",
                error(new ZipkinReader(), dir, "[{\"traceId\":\"1\",\"id\":\"" + T + "\"}]"));
    }

    @Test
    void aNegativeDurationAndWrongShapesAreLocatedErrors() throws Exception {
        assertEquals(":1:97: [0].duration: duration must not be negative (the span would end before it starts), got -5",
                error(new ZipkinReader(), dir, "[{" + ID + "\"timestamp\":5,\"duration\":-5}]"));
        assertEquals(":1:1: expected a list of Zipkin v2 spans (a JSON array), got an object",
                error(new ZipkinReader(), dir, "{\"data\":[]}"));
        assertEquals(":1:1: the file is empty: expected a JSON array of Zipkin v2 spans", error(new ZipkinReader(), dir, ""));
        assertEquals(":1:79: [0].kind: kind \"server\" is not a Zipkin span kind (SERVER, CLIENT, PRODUCER, CONSUMER)",
                error(new ZipkinReader(), dir, "[{" + ID + "\"kind\":\"server\"}]"));
        assertEquals(":1:2: [0]: expected a Zipkin v2 span (a JSON object), got a number", error(new ZipkinReader(), dir, "[1]"));
    }
}
