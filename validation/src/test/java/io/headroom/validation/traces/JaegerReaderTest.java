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

/** Jaeger JSON: the fixture read span by span, processes and references in their variants, and located errors. */
class JaegerReaderTest {
    private static final String T = "5b8aa5a2d2c872e8321cf37308d69df2";

    @TempDir
    Path dir;

    @Test
    void theFixtureGivesEverySpanExactly() throws Exception {
        JaegerReader reader = new JaegerReader();
        List<Span> spans = read(reader, TraceFixtures.fixture("jaeger.json"));
        assertEquals(21, spans.size());
        assertEquals(TraceFixtures.expected(false), TraceFixtures.sortedUnmarked(spans));
        assertEquals(new Mark(6, 9), spans.get(0).mark());
        assertEquals(List.of(), reader.notes());
    }

    @Test
    void processesBeforeSpansEmbeddedProcessesReferencesAndInstanceTags() throws Exception {
        String text = """
                {"data":[{"traceID":"%1$s","processes":{
                   "p1":{"serviceName":"web","tags":[{"key":"ip","type":"int64","value":167772161},{"key":"hostname","type":"string","value":"web-a"}]},
                   "p2":{"serviceName":"db","tags":[{"key":"ip","type":"string","value":"10.0.0.9"},{"key":"k8s.pod.name","type":"string","value":"db-0"}]}},
                 "spans":[
                  {"traceID":"%1$s","spanID":"a1","operationName":"GET /x","references":[],"startTime":10,"duration":5,"processID":"p1",
                   "tags":[{"key":"span.kind","type":"string","value":"server"},{"key":"http.status_code","type":"string","value":"503"},{"key":"http.route","type":"string","value":"/x"}]},
                  {"traceID":"%1$s","spanID":"A2","operationName":"q","startTime":11,"duration":1,"processID":"p2",
                   "references":[{"refType":"FOLLOWS_FROM","traceID":"%1$s","spanID":"b9"},{"refType":"CHILD_OF","traceID":"%1$s","spanID":"a1"}],
                   "tags":[{"key":"span.kind","type":"string","value":"CLIENT"},{"key":"error","type":"string","value":"true"}]},
                  {"traceID":"%1$s","spanID":"a3","parentSpanID":"a1","operationName":"r","startTime":12,"duration":0,
                   "process":{"serviceName":"cache","tags":[{"key":"service.instance.id","type":"string","value":"c-1"},{"key":"hostname","type":"string","value":"h"}]},
                   "tags":[{"value":"ERROR","key":"otel.status_code","type":"string"}]},
                  {"traceID":"%1$s","spanID":"a4","operationName":"s","startTime":13,"duration":1,"processID":"p2",
                   "references":[{"refType":"FOLLOWS_FROM","traceID":"%1$s","spanID":"a3"}],"flags":1,"logs":[{"timestamp":13,"fields":[]}]}
                 ]}],"total":0,"limit":0,"offset":0,"errors":[{"code":500,"msg":"storage timeout"}]}
                """.formatted(T);
        JaegerReader reader = new JaegerReader();
        List<Span> spans = read(reader, write(dir, "j.json", text));
        assertEquals(List.of(
                new Span(T, "00000000000000a1", null, "web", "web-a", "GET /x", "/x", SpanKind.SERVER, 10_000, 15_000, true,
                        new Mark(5, 3)),
                new Span(T, "00000000000000a2", "00000000000000a1", "db", "10.0.0.9", "q", null, SpanKind.CLIENT, 11_000, 12_000,
                        true, new Mark(7, 3)),
                new Span(T, "00000000000000a3", "00000000000000a1", "cache", "c-1", "r", null, SpanKind.UNSPECIFIED, 12_000,
                        12_000, true, new Mark(10, 3)),
                new Span(T, "00000000000000a4", "00000000000000a3", "db", "10.0.0.9", "s", null, SpanKind.UNSPECIFIED, 13_000,
                        14_000, false, new Mark(13, 3))), spans);
        assertEquals(List.of("the export lists 1 error(s) from Jaeger's query: some traces may be missing"), reader.notes());
    }

    private static String trace(String spans) {
        return "{\"data\":[{\"traceID\":\"" + T + "\",\"spans\":[\n" + spans + "],\"processes\":{\"p1\":{\"serviceName\":\"a\"}}}]}";
    }

    private static final String IDS = "{\"traceID\":\"" + T + "\",\"spanID\":\"051581bf3cb55c13\",\"processID\":\"p1\",";

    @Test
    void aTruncatedFileIsALocatedError() throws Exception {
        String text = trace(IDS + "\"startTime\":1,\"duration\":1}");
        assertEquals(":2:118: data[0].spans[0].duration: not valid JSON: Unexpected end-of-input: expected close marker for Object"
                + " (start marker at line 2, column 1)", error(new JaegerReader(), dir, text.substring(0, text.indexOf("1}]") + 1)));
    }

    @Test
    void aStringWhereANumberBelongsIsALocatedError() throws Exception {
        assertEquals(":2:117: data[0].spans[0].duration: expected duration (µs) as an integer number, got a string",
                error(new JaegerReader(), dir, trace(IDS + "\"startTime\":1,\"duration\":\"25000\"}")));
    }

    @Test
    void aMissingIdTimeOrProcessIsALocatedError() throws Exception {
        assertEquals(":3:1: data[0].spans[1]: the span has no spanID", error(new JaegerReader(), dir,
                trace(IDS + "\"startTime\":1,\"duration\":1},\n{\"traceID\":\"" + T + "\",\"startTime\":1,\"duration\":1}")));
        assertEquals(":2:1: data[0].spans[0]: the span has no startTime",
                error(new JaegerReader(), dir, trace(IDS + "\"duration\":1}")));
        assertEquals(":2:1: data[0].spans[0].processID: processID \"p7\" is not among the trace's processes [p1]",
                error(new JaegerReader(), dir, trace(IDS.replace("p1", "p7") + "\"startTime\":1,\"duration\":1}")));
        assertEquals(":2:12: data[0].spans[0].traceID: expected traceID as hex digits, got \"trace-1\"",
                error(new JaegerReader(), dir, trace("{\"traceID\":\"trace-1\"}")));
    }

    @Test
    void aNegativeDurationAndWrongShapesAreLocatedErrors() throws Exception {
        assertEquals(":2:117: data[0].spans[0].duration: duration (µs) must not be negative (the span would end before it"
                        + " starts), got -1", error(new JaegerReader(), dir, trace(IDS + "\"startTime\":1,\"duration\":-1}")));
        assertEquals(":1:1: expected a Jaeger export {\"data\": [trace, …]} (a JSON object), got an array",
                error(new JaegerReader(), dir, "[]"));
        assertEquals(":1:9: data: expected data (a JSON array), got an object", error(new JaegerReader(), dir, "{\"data\":{}}"));
        assertEquals(":1:1: the file is empty: expected a Jaeger export {\"data\": [trace, …]}", error(new JaegerReader(), dir, " "));
    }
}
