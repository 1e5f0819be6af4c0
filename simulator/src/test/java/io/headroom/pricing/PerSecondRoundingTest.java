package io.headroom.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Per-second billing with a 60-second minimum, on a table of run lengths. */
class PerSecondRoundingTest {
    private static final long S = 1_000_000_000L;

    @ParameterizedTest(name = "{0} ns run: {1} s billed, {2} ns extra")
    @CsvSource({
        // ran ns,          billed s, extra ns
        "0,                 60,       60000000000",
        "1,                 60,       59999999999",
        "10000000000,       60,       50000000000",
        "59999999999,       60,       1",
        "60000000000,       60,       0",
        "60000000001,       61,       999999999",
        "61000000000,       61,       0",
        "3599500000000,     3600,     500000000",
        "86400000000000,    86400,    0",
    })
    void roundsUpToTheSecondAndToAMinute(long ranNs, long billedS, long extraNs) {
        assertEquals(billedS, PerSecondRounding.billedSeconds(ranNs));
        assertEquals(extraNs, PerSecondRounding.extraNs(ranNs));
    }

    @ParameterizedTest(name = "{0} ns at {1} USD/h less {2}: {3} USD")
    @CsvSource({
        // 50 s short of the minute at 0.36 USD/h: 50/3600 * 0.36 = 0.005
        "10000000000,  0.36,  0,    0.005",
        // the same on spot at 70 % off
        "10000000000,  0.36,  0.7,  0.0015",
        // half a second short of the next second at 3.6 USD/h: 0.0005
        "60500000000,  3.6,   0,    0.0005",
        "120000000000, 3.6,   0,    0",
    })
    void theExtraTimeCostsItsShareOfTheHourlyPrice(long ranNs, double usdPerHour, double discount, double usd) {
        assertEquals(usd, PerSecondRounding.usd(ranNs, usdPerHour, discount), 1e-15);
    }

    @ParameterizedTest
    @CsvSource({"1", "7", "59", "60", "61", "3601"})
    void aWholeNumberOfSecondsAtOrAboveTheMinuteHasNoExtra(long seconds) {
        assertEquals(seconds < 60 ? (60 - seconds) * S : 0, PerSecondRounding.extraNs(seconds * S));
    }
}
