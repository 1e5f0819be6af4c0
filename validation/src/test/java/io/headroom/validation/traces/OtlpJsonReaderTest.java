package io.headroom.validation.traces;

import static io.headroom.validation.traces.TraceFixtures.error;
import static io.headroom.validation.traces.TraceFixtures.read;
import static io.headroom.validation.traces.TraceFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.yaml.Mark;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OTLP JSON: the fixture read span by span, the mapping's variants, and located errors. */
class OtlpJsonReaderTest {
    private static final String T = "5b8aa5a2d2c872e8321cf37308d69df2";

    @TempDir
    Path dir;

    @Test
    void theFixtureGivesEverySpanExactly() throws Exception {
        List<Span> spans = read(new OtlpJsonReader(), TraceFixtures.fixture("otlp.json"));
        assertEquals(21, spans.size());
        assertEquals(TraceFixtures.expected(false), TraceFixtures.sortedUnmarked(spans));
        // the first span object of the file starts on line 39, column 13
        assertEquals(new Mark(39, 13), spans.get(0).mark());
        assertEquals("0000000000000101", spans.get(0).spanId());
    }

    /** Two JSON lines: an ExportTraceServiceRequest, then a bare ResourceSpans with its resource last. */
    private static final String LINES = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}},{"key":"host.name","value":{"stringValue":"h1"}}]},"scopeSpans":[{"scope":{"name":"x"},"spans":[{"traceId":"5B8AA5A2D2C872E8321CF37308D69DF2","spanId":"051581BF3CB55C13","parentSpanId":"","name":"GET /a","kind":"SPAN_KIND_SERVER","startTimeUnixNano":1000000000000000001,"endTimeUnixNano":"1000000000000000501","attributes":[{"key":"http.route","value":{"stringValue":"/a"}},{"key":"http.response.status_code","value":{"intValue":503}}],"status":{"code":"STATUS_CODE_UNSET"},"events":[{"name":"e"}],"newField":{"x":[1,2]}}]}]}]}
            {"scopeSpans":[{"spans":[{"spanId":"161581bf3cb55c13","traceId":"%s","parentSpanId":"051581bf3cb55c13","name":"SELECT","kind":3,"startTimeUnixNano":"1000000000000000100","endTimeUnixNano":"1000000000000000200","status":{"code":2}}]}],"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"db"}},{"key":"k8s.pod.name","value":{"stringValue":"db-0"}}]}}
            """.formatted(T);

    @Test
    void jsonLinesOfDocumentsAndBareResourceSpansWithKindsAsNamesOrNumbers() throws Exception {
        List<Span> spans = read(new OtlpJsonReader(), write(dir, "lines.json", LINES));
        assertEquals(List.of(
                new Span(T, "051581bf3cb55c13", null, "api", "h1", "GET /a", "/a", SpanKind.SERVER,
                        1000000000000000001L, 1000000000000000501L, true, new Mark(1, 195)),
                new Span(T, "161581bf3cb55c13", "051581bf3cb55c13", "db", "db-0", "SELECT", null, SpanKind.CLIENT,
                        1000000000000000100L, 1000000000000000200L, true, new Mark(2, 26))), spans);
    }

    @Test
    void gzippedFilesAreReadThroughGzip() throws Exception {
        Path gz = dir.resolve("lines.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(LINES.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(read(new OtlpJsonReader(), write(dir, "lines.json", LINES)), read(new OtlpJsonReader(), gz));
    }

    @Test
    void olderKeysProtoFieldNamesAndAResourceWithoutServiceName() throws Exception {
        String text = """
                {"resource_spans":[{"resource":{"attributes":[{"key":"service.instance.id","value":{"stringValue":"i-7"}},
                  {"key":"host.name","value":{"stringValue":"h"}}]},
                 "instrumentationLibrarySpans":[{"instrumentationLibrary":{"name":"old"},"spans":[
                  {"trace_id":"%s","span_id":"0000000000000001","parent_span_id":"0000000000000000","name":"n","kind":1,
                   "start_time_unix_nano":"10","end_time_unix_nano":"10",
                   "attributes":[{"value":{"intValue":"200"},"key":"http.status_code"},{"key":"a","value":{"arrayValue":{"values":[]}}}]}]}]}]}
                """.formatted(T);
        OtlpJsonReader reader = new OtlpJsonReader();
        List<Span> spans = read(reader, write(dir, "old.json", text));
        assertEquals(1, spans.size());
        Span s = spans.get(0);
        assertEquals(OtlpJsonReader.UNKNOWN_SERVICE, s.service());
        assertEquals("i-7", s.instance());
        assertNull(s.parentId(), "an all-zero parent id is a root");
        assertEquals(SpanKind.INTERNAL, s.kind());
        assertEquals(0, s.durationNs());
        assertEquals(false, s.error());
        assertEquals(List.of("1 resource(s) without service.name: their 1 span(s) read as unknown_service"), reader.notes());
    }

    @Test
    void anEmptyFileHoldsNoSpans() throws Exception {
        assertEquals(List.of(), read(new OtlpJsonReader(), write(dir, "empty.json", "\n")));
    }

    private static String oneSpan(String fields) {
        return "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[\n{" + fields + "}]}]}]}";
    }

    private static final String GOOD = "\"traceId\":\"" + T + "\",\"spanId\":\"051581bf3cb55c13\",";

    @Test
    void aTruncatedFileIsALocatedError() throws Exception {
        String text = oneSpan(GOOD + "\"startTimeUnixNano\":\"5\",\"endTimeUnixNano\":\"6\"");
        String msg = error(new OtlpJsonReader(), dir, text.substring(0, text.length() - 9));
        assertEquals(":2:118: resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano: not valid JSON: Unexpected end-of-input:"
                + " was expecting closing quote for a string value", msg);
    }

    @Test
    void aStringWhereANumberBelongsIsALocatedError() throws Exception {
        assertEquals(":2:95: resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: expected startTimeUnixNano as an"
                        + " integer (a decimal string or a number), got \"soon\"",
                error(new OtlpJsonReader(), dir, oneSpan(GOOD + "\"startTimeUnixNano\":\"soon\",\"endTimeUnixNano\":\"6\"")));
        assertEquals(":2:95: resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: expected startTimeUnixNano as an"
                        + " integer (a decimal string or a number), got a boolean",
                error(new OtlpJsonReader(), dir, oneSpan(GOOD + "\"startTimeUnixNano\":true,\"endTimeUnixNano\":\"6\"")));
    }

    @Test
    void aMissingOrMalformedIdIsALocatedError() throws Exception {
        assertEquals(":2:1: resourceSpans[0].scopeSpans[0].spans[0]: the span has no spanId",
                error(new OtlpJsonReader(), dir, oneSpan("\"traceId\":\"" + T + "\",\"startTimeUnixNano\":\"5\",\"endTimeUnixNano\":\"6\"")));
        assertEquals(":2:12: resourceSpans[0].scopeSpans[0].spans[0].traceId: expected traceId as hex digits, got"
                        + " \"W4qlotLIcugyHPNzCNad8g==\" (base64? OTLP/JSON, Zipkin and Jaeger write ids in hex)",
                error(new OtlpJsonReader(), dir, oneSpan("\"traceId\":\"W4qlotLIcugyHPNzCNad8g==\"")));
        assertEquals(":2:12: resourceSpans[0].scopeSpans[0].spans[0].traceId: traceId is all zeros, which is not a valid id",
                error(new OtlpJsonReader(), dir, oneSpan("\"traceId\":\"" + "0".repeat(32) + "\"")));
    }

    @Test
    void aSpanEndingBeforeItStartsIsALocatedError() throws Exception {
        assertEquals(":2:117: resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano: the span ends (5 ns) before it"
                        + " starts (6 ns)",
                error(new OtlpJsonReader(), dir, oneSpan(GOOD + "\"startTimeUnixNano\":\"6\",\"endTimeUnixNano\":\"5\"")));
        assertEquals(":2:1: resourceSpans[0].scopeSpans[0].spans[0]: the span has no endTimeUnixNano (0 means unknown)",
                error(new OtlpJsonReader(), dir, oneSpan(GOOD + "\"startTimeUnixNano\":\"6\"")));
    }

    @Test
    void wrongShapesAndUnknownEnumsAreLocatedErrors() throws Exception {
        assertEquals(":1:1: expected an OTLP JSON object — an ExportTraceServiceRequest {\"resourceSpans\": [...]} or a"
                        + " ResourceSpans {\"resource\": ..., \"scopeSpans\": [...]} — got an array",
                error(new OtlpJsonReader(), dir, "[]"));
        assertEquals(":1:18: resourceSpans: expected resourceSpans (a JSON array), got an object",
                error(new OtlpJsonReader(), dir, "{\"resourceSpans\":{}}"));
        assertEquals(":2:82: resourceSpans[0].scopeSpans[0].spans[0].kind: kind \"SERVER\" is not a span kind"
                        + " (SPAN_KIND_SERVER, SPAN_KIND_CLIENT, … or 0 to 5)",
                error(new OtlpJsonReader(), dir, oneSpan(GOOD + "\"kind\":\"SERVER\"")));
    }

    @Test
    void errorsOnALaterLineNameThatLine() throws Exception {
        String text = LINES + oneSpan(GOOD + "\"startTimeUnixNano\":\"x\"").replace("\n", "") + "\n";
        assertTrue(error(new OtlpJsonReader(), dir, text).startsWith(":3:138: resourceSpans[0].scopeSpans[0].spans[0]"
                + ".startTimeUnixNano: expected"), error(new OtlpJsonReader(), dir, text));
    }
}
