package io.headroom.load.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.load.LoadProfile;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code keys:} as a user writes it: what is accepted, and each refusal located at the offending key. */
class KeyPopularityTest {

    private static LoadProfile bind(String keys) throws BadInputException {
        String yaml = "name: p\n"
                + "keys: " + keys + "\n"
                + "injection:\n"
                + "  - constantUsersPerSec: {rate: 10, during: 1m}\n";
        return YamlDocument.parse(Path.of("p.yaml"), "p.yaml", yaml).bind(LoadProfile.class);
    }

    private static InputError refused(String keys) {
        BadInputException e = assertThrows(BadInputException.class, () -> bind(keys), keys);
        assertEquals(1, e.errors().size(), e.errors().toString());
        return e.errors().get(0);
    }

    @Test
    void validSpecifications() throws BadInputException {
        KeyPopularity z = bind("{distribution: zipf, items: 1000000, exponent: 0.99}").keys();
        assertEquals(KeyPopularity.Distribution.ZIPF, z.distribution());
        assertEquals(1_000_000L, z.items());
        assertEquals(0.99, z.exponent());
        assertEquals(KeyPopularity.Distribution.SCRAMBLED_ZIPF,
                bind("{distribution: scrambled-zipf, items: 1000, exponent: 0}").keys().distribution());
        assertEquals(KeyPopularity.Distribution.UNIFORM, bind("{distribution: uniform, items: 5000000000}").keys().distribution());
        KeyPopularity h = bind("{distribution: hotspot, items: 1000, hot-keys: 0.01, hot-requests: 0.9}").keys();
        assertEquals(10, h.hotCount());
        assertEquals(0.9, h.hotRequests());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{distribution: zipf, items: 1000}|keys.exponent|missing required key 'exponent'",
        "{distribution: scrambled-zipf, items: 1000, exponent: -0.5}|keys.exponent|must be zero (uniform) or positive",
        "{distribution: zipf, items: 1000, exponent: 1e999}|keys.exponent|at most 1e6: a multiplier or ratio past a million is a unit mistake or beyond the engine's double arithmetic; got Infinity",
        "{distribution: zipf, items: 1000, exponent: 1.1, hot-keys: 0.1}|keys.hot-keys|'hot-keys' does not apply to distribution zipf",
        "{distribution: zipf, items: 9007199254740993, exponent: 1.1}|keys.items|at most 9007199254740992: keys are drawn through double-precision numbers, exact up to 2^53; got 9007199254740993",
        "{distribution: uniform, items: 1000, exponent: 1.2}|keys.exponent|'exponent' does not apply to distribution uniform (it applies only to zipf and scrambled-zipf)",
        "{distribution: uniform, items: 1000, hot-requests: 0.5}|keys.hot-requests|'hot-requests' does not apply to distribution uniform (it applies only to hotspot)",
        "{distribution: hotspot, items: 1000, hot-requests: 0.9}|keys.hot-keys|missing required key 'hot-keys'",
        "{distribution: hotspot, items: 1000, hot-keys: 0.1}|keys.hot-requests|missing required key 'hot-requests'",
        "{distribution: hotspot, items: 1000, hot-keys: 0, hot-requests: 0.9}|keys.hot-keys|strictly between 0 and 1",
        "{distribution: hotspot, items: 1000, hot-keys: 1, hot-requests: 0.9}|keys.hot-keys|strictly between 0 and 1",
        "{distribution: hotspot, items: 1000, hot-keys: 0.1, hot-requests: 1.5}|keys.hot-requests|strictly between 0 and 1",
        "{distribution: hotspot, items: 1000, hot-keys: 0.0001, hot-requests: 0.9}|keys.hot-keys|is 0 hot key(s); it must leave at least one hot and one cold key",
        "{distribution: hotspot, items: 1, hot-keys: 0.5, hot-requests: 0.9}|keys.items|a hotspot needs at least 2 items",
        "{distribution: hotspot, items: 1000, exponent: 1, hot-keys: 0.1, hot-requests: 0.9}|keys.exponent|'exponent' does not apply to distribution hotspot",
        "{distribution: uniform, items: 0}|keys.items|must be at least 1",
        "{distribution: zipfian, items: 10}|keys.distribution|zipfian",
    })
    void refusals(String keys, String path, String message) {
        InputError e = refused(keys);
        assertEquals(path, e.path(), e.format());
        assertTrue(e.message().contains(message), e.format());
        assertEquals(2, e.mark().line(), e.format());
    }

    @Test
    void aKeyThatDoesNotApplyIsLocatedAtItsValue() {
        InputError e = refused("{distribution: uniform, items: 1000, exponent: 1.2}");
        // "keys: {distribution: uniform, items: 1000, exponent: 1.2}": the value 1.2 at column 54
        assertEquals(54, e.mark().column(), e.format());
    }
}
