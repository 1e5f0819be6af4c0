package io.headroom.validation.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.headroom.yaml.BadInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged fixtures — cut short at many places, one byte replaced at many places, a gzip stream cut short — give either
 * the spans of a still-valid file or a located {@link BadInputException}: never another exception.
 */
class BadTraceFilesTest {
    private static final byte[] REPLACEMENTS = {'"', '{', ']', 'x', '-', '9', ':', ' '};

    @TempDir
    Path dir;

    private void damaged(String fixture, Supplier<SpanReader> reader) throws Exception {
        byte[] text = Files.readAllBytes(TraceFixtures.fixture(fixture));
        int located = 0;
        Random random = new Random(26);
        // cut short every 23 bytes, and at every byte of the last 64
        for (int cut = 0; cut < text.length; cut++) {
            if (cut % 23 == 0 || cut > text.length - 64) {
                located += outcome(reader.get(), Arrays.copyOf(text, cut), fixture + " cut at " + cut);
            }
        }
        // 300 bytes replaced, each by one of the replacements
        for (int i = 0; i < 300; i++) {
            byte[] copy = text.clone();
            int at = random.nextInt(text.length);
            copy[at] = REPLACEMENTS[random.nextInt(REPLACEMENTS.length)];
            located += outcome(reader.get(), copy, fixture + " byte " + at + " replaced by " + (char) copy[at]);
        }
        assertTrue(located > text.length / 23, fixture + ": most cuts are errors: " + located);
    }

    /** 1 when reading gives a located error, 0 when the damaged file still reads; fails on anything else. */
    private int outcome(SpanReader reader, byte[] bytes, String what) throws IOException {
        Path file = dir.resolve("damaged.json");
        Files.write(file, bytes);
        try {
            reader.read(file, s -> { });
            return 0;
        } catch (BadInputException e) {
            assertEquals(1, e.errors().size());
            assertTrue(e.errors().get(0).mark().line() >= 1 && e.errors().get(0).mark().column() >= 1, what);
            assertTrue(e.getMessage().startsWith(file.toString() + ":"), what + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            fail(what + ": " + e, e);
            return 0;
        }
    }

    @Test
    void damagedOtlpFilesAreLocatedErrors() throws Exception {
        damaged("otlp.json", OtlpJsonReader::new);
    }

    @Test
    void damagedZipkinFilesAreLocatedErrors() throws Exception {
        damaged("zipkin-v2.json", ZipkinReader::new);
    }

    @Test
    void damagedJaegerFilesAreLocatedErrors() throws Exception {
        damaged("jaeger.json", JaegerReader::new);
    }

    @Test
    void columnsCountCharactersAndBadUtf8IsALocatedError() throws Exception {
        // "ééé" is 3 characters but 6 bytes: the column is the editor's, 28
        assertEquals(":1:28: [0].timestamp: expected timestamp (µs) as an integer number, got a string",
                TraceFixtures.error(new ZipkinReader(), dir, "\uFEFF[{\"name\":\"ééé\",\"timestamp\":\"x\"}]"));
        Path file = dir.resolve("latin1.json");
        Files.write(file, "[{\"name\":\"caf\u00e9\"}]".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> new ZipkinReader().read(file, s -> { }));
        assertEquals(file + ":1:1: not valid UTF-8 text (in the first 8192 characters)", e.errors().get(0).format());
    }

    @Test
    void aTruncatedGzipFileIsALocatedError() throws Exception {
        Path gz = dir.resolve("zipkin.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(TraceFixtures.fixture("zipkin-v2.json")));
        }
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(bytes, bytes.length / 2));
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> new ZipkinReader().read(gz, s -> { }));
        String message = e.errors().get(0).format();
        assertTrue(message.startsWith(gz + ":") && message.contains("the gzip stream is truncated or corrupt"), message);
        Files.writeString(gz, "[]");
        e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> new ZipkinReader().read(gz, s -> { }));
        assertEquals(gz + ":1:1: not a gzip file, or a corrupt one: Not in GZIP format", e.errors().get(0).format());
    }
}
