package io.headroom.validation.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200,000-span export as the Collector's file exporter writes it — JSON lines, one ExportTraceServiceRequest of 100
 * spans a line, every third line a bare ResourceSpans as the logging exporter writes it — read into a counting sink:
 * every span arrives, with the times written. (The reader holds at most one line's batch; memory is not measured
 * here.)
 */
class LargeOtlpFileTest {
    private static final int LINES = 2_000;
    private static final int PER_LINE = 100;

    @TempDir
    Path dir;

    @Test
    void everySpanOfALargeJsonLinesFileArrives() throws Exception {
        Path file = dir.resolve("traces.jsonl");
        long expectedNs = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int line = 0; line < LINES; line++) {
                StringBuilder b = new StringBuilder();
                boolean bare = line % 3 == 2;
                b.append(bare ? "{" : "{\"resourceSpans\":[{");
                b.append("\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"svc")
                        .append(line % 7).append("\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"t\"},\"spans\":[");
                for (int i = 0; i < PER_LINE; i++) {
                    long n = (long) line * PER_LINE + i;
                    long start = 1_765_000_000_000_000_000L + n * 1_000_000L;
                    long duration = 1_000 + n % 977;
                    expectedNs += duration;
                    if (i > 0) {
                        b.append(',');
                    }
                    b.append("{\"traceId\":\"").append(String.format("%032x", n / 10 + 1)).append("\",\"spanId\":\"")
                            .append(String.format("%016x", n + 1)).append("\",\"parentSpanId\":\"")
                            .append(n % 10 == 0 ? "" : String.format("%016x", n - n % 10 + 1)).append("\",\"name\":\"op\",\"kind\":")
                            .append(n % 10 == 0 ? 2 : 3).append(",\"startTimeUnixNano\":\"").append(start)
                            .append("\",\"endTimeUnixNano\":\"").append(start + duration).append("\",\"attributes\":[{\"key\":"
                                    + "\"http.route\",\"value\":{\"stringValue\":\"/r\"}}],\"status\":{}}");
                }
                b.append("]}]").append(bare ? "}" : "}]}").append('\n');
                w.write(b.toString());
            }
        }
        long[] count = new long[3];
        new OtlpJsonReader().read(file, s -> {
            count[0]++;
            count[1] += s.durationNs();
            count[2] += s.parentId() == null ? 1 : 0;
        });
        assertEquals((long) LINES * PER_LINE, count[0]);
        assertEquals(expectedNs, count[1]);
        assertEquals((long) LINES * PER_LINE / 10, count[2]);
    }
}
