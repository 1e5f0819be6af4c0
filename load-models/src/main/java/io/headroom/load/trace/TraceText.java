package io.headroom.load.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The lines of a trace file, read one at a time (never the whole file), through gzip when the name
 * ends in {@code .gz}. Counts lines from 1 as editors do, blank and comment lines included. Bytes are
 * read one for one (ISO-8859-1); in UTF-8 mode a line with bytes above 127 is then decoded as UTF-8,
 * so that a line that is not UTF-8 is reported with its own number.
 */
final class TraceText implements AutoCloseable {
    private final BufferedReader reader;
    private final CharsetDecoder utf8;
    private long line;

    /** @param utf8 decode lines as UTF-8 (a CSV); else keep bytes as ISO-8859-1 characters (a log: any path is a key) */
    TraceText(Path file, boolean utf8) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
        } catch (IOException e) {
            in.close();
            throw e;
        }
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1 << 16);
        this.utf8 = utf8 ? StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT) : null;
    }

    /** The next line (without its end), or null at the end of the file. */
    String next() throws IOException, TraceException {
        String s = reader.readLine();
        if (s == null) {
            return null;
        }
        line++;
        if (line == 1 && s.startsWith("\u00EF\u00BB\u00BF")) {
            s = s.substring(3); // a UTF-8 byte-order mark, as spreadsheets write CSV
        }
        if (utf8 != null && !ascii(s)) {
            try {
                s = utf8.decode(ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1))).toString();
            } catch (CharacterCodingException e) {
                throw new TraceException(line, "is not UTF-8 text");
            }
        }
        return s;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    /** The number of the line last returned. */
    long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
