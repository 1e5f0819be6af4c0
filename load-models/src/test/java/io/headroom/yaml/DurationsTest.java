package io.headroom.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({
        "5ns, 5",
        "10us, 10000",
        "10µs, 10000",
        "250ms, 250000000",
        "2s, 2000000000",
        "1.5s, 1500000000",
        "0.5ms, 500000",
        ".5s, 500000000",
        "5.s, 5000000000",
        "1.5m, 90000000000",
        "2min, 120000000000",
        "1h, 3600000000000",
        "1d, 86400000000000",
        "0s, 0",
        "' 3 s ', 3000000000",
        "1.0000000005s, 1000000001",   // half a nanosecond rounds up
        "0.0004us, 0",
        "625000s, 625000000000000",
    })
    void parsesUnitsAndDecimals(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "1.5", "-1s", "-0s", " -2ms", "abc", "", "  ", "s", "ms5", "1x", "1e3ms", "1.2.3s",
        "+5s", "1 000s", "5 seconds", "1S", "1H", "1h30m", "NaNs", "Infinitys", "100000000d"})
    void rejectsBareNumbersNegativesAndGarbage(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals(true, e.getMessage() != null && !e.getMessage().isBlank());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 0s",
        "7, 7ns",
        "3000, 3us",
        "1500, 1500ns",
        "250000000, 250ms",
        "1500000, 1.5ms",
        "1500000000, 1500ms",
        "2000000000, 2s",
        "90000000000, 90s",
        "600000000000, 10m",
        "7200000000000, 2h",
        "1000000001, 1.000000001s",
    })
    void formatsShort(long nanos, String text) {
        assertEquals(text, Durations.format(Duration.ofNanos(nanos)));
        assertEquals(Duration.ofNanos(nanos), Durations.parse(text));
    }

    @Test
    void formatRoundTripsThroughParse() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            // magnitudes from nanoseconds to days, and round values as well as ragged ones
            long magnitude = (long) Math.pow(10, r.nextInt(15));
            long ns = r.nextLong(1, 10) * magnitude + (r.nextBoolean() ? 0 : r.nextLong(magnitude));
            Duration d = Duration.ofNanos(ns);
            assertEquals(d, Durations.parse(Durations.format(d)), () -> d + " formatted " + Durations.format(d));
        }
    }

    @Test
    void secondsIsExact() {
        assertEquals(1.5, Durations.seconds(Duration.ofMillis(1500)));
        assertEquals(1e-9, Durations.seconds(Duration.ofNanos(1)));
        assertEquals(625000.000000001, Durations.seconds(Duration.ofSeconds(625000, 1)), 1e-9);
    }
}
