package io.headroom.validation.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each format's command-line name gives its reader, which reads that format's fixture. */
class TraceFormatTest {

    @Test
    void everyFormatByItsNameReadsItsFixture() throws Exception {
        Map<String, String> fixtures = Map.of("otlp-json", "otlp.json", "zipkin", "zipkin-v2.json", "jaeger", "jaeger.json");
        for (TraceFormat f : TraceFormat.values()) {
            assertEquals(f, TraceFormat.of(f.cliName()));
            SpanReader reader = TraceFormat.of(f.cliName()).reader();
            assertEquals(21, TraceFixtures.read(reader, TraceFixtures.fixture(fixtures.get(f.cliName()))).size(), f.cliName());
        }
        assertEquals(OtlpJsonReader.class, TraceFormat.of("otlp-json").reader().getClass());
        assertEquals(ZipkinReader.class, TraceFormat.of("zipkin").reader().getClass());
        assertEquals(JaegerReader.class, TraceFormat.of("jaeger").reader().getClass());
        assertNull(TraceFormat.of("zipkin-v1"));
    }
}
