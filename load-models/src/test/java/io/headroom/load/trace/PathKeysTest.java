package io.headroom.load.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Paths numbered by first appearance, as a map of strings numbers them, across table growth and chunk ends. */
class PathKeysTest {
    @Test
    void numbersPathsInTheOrderTheyAreFirstSeen() {
        PathKeys keys = new PathKeys();
        assertEquals(0, keys.id("/b"));
        assertEquals(1, keys.id("/a"));
        assertEquals(0, keys.id("/b"));
        assertEquals(2, keys.id(""));
        assertEquals(3, keys.id("/\u00e9"));
        assertEquals(4, keys.id("/\u00e8"));
        assertEquals(3, keys.id("/\u00e9"));
        assertEquals(5, keys.size());
    }

    @Test
    void anEmptyPathFirstIsAKeyLikeAnyOther() {
        PathKeys keys = new PathKeys();
        assertEquals(0, keys.id(""));
        assertEquals(1, keys.id("/"));
        assertEquals(0, keys.id(""));
    }

    @Test
    void agreesWithAMapOfStringsOverManyPathsAndLongOnes() {
        PathKeys keys = new PathKeys();
        Map<String, Long> reference = new HashMap<>();
        Random random = new Random(42);
        String longPath = "/x".repeat(PathKeys.CHUNK); // longer than a chunk
        for (int i = 0; i < 400_000; i++) {
            String path = switch (i % 1000) {
                case 999 -> longPath + (i % 3);
                case 998 -> "/" + (char) (128 + random.nextInt(128)) + random.nextInt(50);
                default -> "/item/" + random.nextInt(150_000);
            };
            long expected = reference.computeIfAbsent(path, p -> (long) reference.size());
            assertEquals(expected, keys.id(path), "path " + i);
        }
        assertEquals(reference.size(), keys.size());
    }
}
