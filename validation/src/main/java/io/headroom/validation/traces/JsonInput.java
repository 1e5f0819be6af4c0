package io.headroom.validation.traces;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.Mark;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One export file under Jackson's streaming parser, with what every trace reader needs: the JSON path and the line and
 * column of the current token for located errors, typed reads of the current value (a string where a number belongs is
 * an error naming both), objects and arrays walked field by field, and trace and span ids checked and normalised.
 * Nothing here holds more than the current token. Jackson's own parse errors (bad or truncated JSON) and a truncated
 * gzip stream become {@link BadInputException}s at the place the parser had reached.
 */
final class JsonInput {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    /** Characters decoded ahead of the parser. */
    private static final int BUFFER = 8192;
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,20}");

    private final String file;
    private final JsonParser parser;

    private JsonInput(String file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /** The work of one reader on one open file. */
    interface Body {
        void read(JsonInput in) throws IOException, BadInputException;
    }

    /** A field's value, the parser positioned on its first token. */
    interface Field {
        void value(String name) throws IOException, BadInputException;
    }

    /** An array element, the parser positioned on its first token. */
    interface Element {
        void value(int index) throws IOException, BadInputException;
    }

    /**
     * Opens {@code file} (through gzip when its name ends in {@code .gz}) and runs {@code body} on it; a JSON syntax
     * error, a truncated file or a corrupt gzip stream becomes a located {@link BadInputException}.
     */
    static void read(Path file, Body body) throws IOException, BadInputException {
        String name = file.toString();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = name.endsWith(".gz") ? new GZIPInputStream(new BufferedInputStream(raw), 1 << 16)
                     : new BufferedInputStream(raw, 1 << 16);
             JsonParser p = FACTORY.createParser(utf8(in))) {
            JsonInput json = new JsonInput(name, p);
            try {
                body.read(json);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
                throw new BadInputException(new InputError(name, mark(at), path(p.getParsingContext()),
                        "not valid JSON: " + jacksonMessage(e)));
            } catch (CharacterCodingException e) {
                // decoding runs a buffer ahead of the parser: the bad bytes are at or a little after this place
                throw new BadInputException(new InputError(name, mark(p.currentLocation()), path(p.getParsingContext()),
                        "not valid UTF-8 text (at or shortly after this place)"));
            } catch (ZipException | EOFException e) {
                throw new BadInputException(new InputError(name, mark(p.currentLocation()), path(p.getParsingContext()),
                        "the gzip stream is truncated or corrupt: " + e.getMessage()));
            }
        } catch (ZipException e) {
            // GZIPInputStream reads the header on opening, and the first buffer is decoded before parsing
            throw new BadInputException(new InputError(name, Mark.UNKNOWN, "", "not a gzip file, or a corrupt one: "
                    + e.getMessage()));
        } catch (EOFException e) {
            throw new BadInputException(new InputError(name, Mark.UNKNOWN, "", "the gzip stream is truncated or corrupt: "
                    + e.getMessage()));
        } catch (CharacterCodingException e) {
            throw new BadInputException(new InputError(name, Mark.UNKNOWN, "", "not valid UTF-8 text (in the first "
                    + BUFFER + " characters)"));
        }
    }

    /**
     * The bytes decoded as UTF-8 (the encoding the three formats are written in), strictly: a malformed sequence is an
     * error, not a replacement character. Jackson parses characters, so a column counts characters as editors do, not
     * bytes; a byte-order mark is dropped.
     */
    private static Reader utf8(InputStream in) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), BUFFER);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    JsonToken token() {
        return parser.currentToken();
    }

    /** Where the current token starts. */
    Mark mark() {
        return mark(parser.currentTokenLocation());
    }

    /** The JSON path of the current token, e.g. {@code resourceSpans[0].scopeSpans[1].spans[17].startTimeUnixNano}. */
    String path() {
        return path(parser.getParsingContext());
    }

    /** An error at the current token. */
    BadInputException error(String message) {
        return error(mark(), path(), message);
    }

    BadInputException error(Mark at, String path, String message) {
        return new BadInputException(new InputError(file, at, path, message));
    }

    /** Skips the current value, with its children when it is an object or an array. */
    void skip() throws IOException {
        parser.skipChildren();
    }

    boolean isNull() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    /**
     * Walks the object at the current token, positioning the parser on each field's value before calling {@code f};
     * a field {@code f} does not read must be skipped by it. A JSON null stands for an absent object.
     */
    void object(String what, Field f) throws IOException, BadInputException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            throw error("expected " + what + " (a JSON object), got " + describe(t));
        }
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            f.value(name);
        }
        if (t != JsonToken.END_OBJECT) {
            throw error("unexpected end of input inside " + what);
        }
    }

    /** Walks the array at the current token, positioning the parser on each element. A JSON null is an empty array. */
    void array(String what, Element e) throws IOException, BadInputException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            throw error("expected " + what + " (a JSON array), got " + describe(t));
        }
        int i = 0;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw error("unexpected end of input inside " + what);
            }
            e.value(i++);
        }
    }

    /** The current value as a string; null for JSON null; an error for an object, an array, a number or a boolean. */
    String string(String what) throws IOException, BadInputException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw error("expected " + what + " as a string, got " + describe(t));
        }
        return parser.getText();
    }

    /** The current value as text when it is a scalar (string, number, boolean), null for null; an error otherwise. */
    String scalarText(String what) throws IOException, BadInputException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!t.isScalarValue()) {
            throw error("expected " + what + " as a string, number or boolean, got " + describe(t));
        }
        return parser.getText();
    }

    /** The current value as an integer JSON number (a string holding digits is an error). */
    long integer(String what) throws IOException, BadInputException {
        JsonToken t = parser.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw error("expected " + what + " as an integer number, got " + describe(t));
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw error(what + " " + parser.getText() + " is too large");
        }
        return parser.getLongValue();
    }

    /**
     * The current value as an integer given either as a JSON number or as a string of decimal digits (the protobuf JSON
     * mapping writes 64-bit integers as strings and accepts both).
     */
    long integerOrDecimalString(String what) throws IOException, BadInputException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return integer(what);
        }
        if (t == JsonToken.VALUE_STRING) {
            String s = parser.getText();
            if (!DECIMAL.matcher(s).matches()) {
                throw error("expected " + what + " as an integer (a decimal string or a number), got \"" + clip(s) + "\"");
            }
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw error(what + " " + clip(s) + " is too large");
            }
        }
        throw error("expected " + what + " as an integer (a decimal string or a number), got " + describe(t));
    }

    /** The current value as a boolean (true/false, or the strings "true"/"false"). */
    boolean bool(String what) throws IOException, BadInputException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        if (t == JsonToken.VALUE_STRING && ("true".equals(parser.getText()) || "false".equals(parser.getText()))) {
            return "true".equals(parser.getText());
        }
        throw error("expected " + what + " as true or false, got " + describe(t));
    }

    /**
     * A scalar value as Java sees it — a String, a Long, a Double, a Boolean — or null for null, an object or an array
     * (which are skipped). For tag and attribute values, whose meaning only some keys give.
     */
    Object scalar() throws IOException {
        JsonToken t = parser.currentToken();
        return switch (t) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? parser.getText()
                    : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> {
                parser.skipChildren();
                yield null;
            }
        };
    }

    /**
     * A trace or span id read as hex: lower-cased and, when shorter than the id's width, padded on the left with zeros
     * as Zipkin's own span builder does (16 hex digits for a span id; 16 or 32 for a trace id), so that an id written
     * without its leading zeros still matches the same id written in full. An empty id is no id: null. An id of zeros
     * only is invalid in all three formats: an error, except for a parent id, where some exporters write it for a root
     * (then null).
     *
     * @param maxDigits 16 for a span id, 32 for a trace id
     */
    String hexId(String what, String text, int maxDigits) throws BadInputException {
        return hexId(what, text, maxDigits, false);
    }

    /** A parent span id: as {@link #hexId(String, String, int)}, but all zeros reads as no parent. */
    String parentId(String what, String text) throws BadInputException {
        return hexId(what, text, 16, true);
    }

    private String hexId(String what, String text, int maxDigits, boolean zeroIsNone) throws BadInputException {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() > maxDigits) {
            throw error("expected " + what + " as at most " + maxDigits + " hex digits, got \"" + clip(text) + "\" ("
                    + text.length() + " characters)");
        }
        boolean zero = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!hex) {
                throw error("expected " + what + " as hex digits, got \"" + clip(text) + "\""
                        + (text.endsWith("=") || text.length() == 24 || text.length() == 12
                        ? " (base64? OTLP/JSON, Zipkin and Jaeger write ids in hex)" : ""));
            }
            zero &= c == '0';
        }
        if (zero) {
            if (zeroIsNone) {
                return null;
            }
            throw error(what + " is all zeros, which is not a valid id");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int width = text.length() <= 16 ? 16 : 32;
        return lower.length() == width ? lower : "0".repeat(width - lower.length()) + lower;
    }

    /** Whether the next root value exists; at the end of input, false. */
    boolean nextRoot() throws IOException {
        return parser.nextToken() != null;
    }

    static Mark mark(JsonLocation at) {
        if (at == null) {
            return Mark.UNKNOWN;
        }
        return new Mark(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    /** {@code a[0].b.c[3]}, from the parser's context chain (the root's own index is left out). */
    static String path(JsonStreamContext ctx) {
        List<JsonStreamContext> chain = new ArrayList<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            chain.add(c);
        }
        StringBuilder b = new StringBuilder();
        for (int i = chain.size() - 1; i >= 0; i--) {
            JsonStreamContext c = chain.get(i);
            if (c.inArray()) {
                if (c.getCurrentIndex() >= 0 && c.hasCurrentIndex()) {
                    b.append('[').append(c.getCurrentIndex()).append(']');
                }
            } else if (c.getCurrentName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(c.getCurrentName());
            }
        }
        return b.toString();
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    /** Jackson's message without its source description: {@code (start marker at line 2, column 1)}. */
    static String jacksonMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        return m == null ? e.getClass().getSimpleName() : SOURCE.matcher(m).replaceAll("line $1, column $2").trim();
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** Microseconds (Zipkin, Jaeger) to nanoseconds; an error when the product does not fit. */
    long microsToNanos(String what, long micros) throws BadInputException {
        try {
            return Math.multiplyExact(micros, 1000L);
        } catch (ArithmeticException e) {
            throw error(what + " " + micros + " µs is too large");
        }
    }
}
