package io.headroom.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The deserializer of a record another record holds is built when a document first holds one, and binds as Jackson's
 * own would: same values, same located errors with the keys the record knows. Building a record's deserializer makes
 * the readers its keys name ({@code @JsonDeserialize(using = ...)}): counting those made shows when it was built.
 */
class LazyBeansTest {
    /** Reads a whole number; its subclasses count how many were made. */
    public abstract static class IntReader extends JsonDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return p.getIntValue();
        }
    }

    /** Counts the readers made: one per deserializer built for a record that names it. */
    public static final class CountedReader extends IntReader {
        static final AtomicInteger MADE = new AtomicInteger();

        public CountedReader() {
            MADE.incrementAndGet();
        }
    }

    /** Counts the readers made for the control, bound without the module. */
    public static final class ControlReader extends IntReader {
        static final AtomicInteger MADE = new AtomicInteger();

        public ControlReader() {
            MADE.incrementAndGet();
        }
    }

    public record Part(@JsonDeserialize(using = CountedReader.class) Integer size, String label) {
    }

    public record Whole(String name, Part part, List<Part> parts) {
    }

    public record ControlPart(@JsonDeserialize(using = ControlReader.class) Integer size) {
    }

    public record ControlWhole(String name, ControlPart part) {
    }

    private static YamlDocument doc(String text) throws BadInputException {
        return YamlDocument.parse(Path.of("whole.yaml"), "whole.yaml", text);
    }

    @Test
    void aPartIsBuiltWhenADocumentFirstHoldsOne() throws Exception {
        Whole bare = doc("name: a\n").bind(Whole.class);
        assertEquals(new Whole("a", null, null), bare);
        assertEquals(0, CountedReader.MADE.get(), "no part in the document: its deserializer not built");

        Whole full = doc("name: b\npart: {size: 3, label: x}\nparts:\n  - {size: 4}\n  - {label: y}\n").bind(Whole.class);
        assertEquals(new Whole("b", new Part(3, "x"), List.of(new Part(4, null), new Part(null, "y"))), full);
        assertEquals(1, CountedReader.MADE.get(), "built once, for the first part, and shared");

        BadInputException e = assertThrows(BadInputException.class, () -> doc("name: c\npart: {sise: 3}\n").bind(Whole.class));
        String message = e.errors().get(0).format();
        assertTrue(message.startsWith("whole.yaml:2:8: part.sise: "), message);
        assertTrue(message.contains("'size'"), message); // the keys the part knows, for the suggestion
    }

    @Test
    void withoutItJacksonBuildsEveryPartUpFront() throws Exception {
        JsonMapper plain = JsonMapper.builder().build();
        assertEquals(new ControlWhole("a", null), plain.readValue("{\"name\": \"a\"}", ControlWhole.class));
        assertEquals(1, ControlReader.MADE.get());
        assertNull(plain.readValue("{\"name\": \"b\"}", ControlWhole.class).part());
    }
}
