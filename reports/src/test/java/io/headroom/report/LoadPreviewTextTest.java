package io.headroom.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The small formatting rules of the preview's terminal summary. */
class LoadPreviewTextTest {

    @Test
    void timesAreExactAndCompact() {
        assertEquals("0s", TimeAxis.clock(0));
        assertEquals("2.5s", TimeAxis.clock(2.5));
        assertEquals("45s", TimeAxis.clock(45));
        assertEquals("8m 20s", TimeAxis.clock(500));
        assertEquals("15m", TimeAxis.clock(900));
        assertEquals("2h 5m", TimeAxis.clock(7500));
        assertEquals("7d 5h 36m 40s", TimeAxis.clock(625_000));
    }

    @Test
    void axisLabelsKeepTwoUnits() {
        assertEquals("7d 6h", TimeAxis.roughly(625_000));
        assertEquals("7m 30s", TimeAxis.roughly(450));
        assertEquals("2.75s", TimeAxis.roughly(2.75));
        assertEquals("1h", TimeAxis.roughly(3599.9));
    }

    @Test
    void chartTopsAreNiceNumbers() {
        assertEquals(600, LoadPreviewText.niceCeiling(524.4), 1e-9);
        assertEquals(500, LoadPreviewText.niceCeiling(500), 1e-9);
        assertEquals(4, LoadPreviewText.niceCeiling(3.27), 1e-9);
        assertEquals(0.12, LoadPreviewText.niceCeiling(0.11), 1e-12);
        assertEquals(0, LoadPreviewText.niceCeiling(0), 0);
    }

    @Test
    void ratesReadAsPeopleReadThem() {
        assertEquals("1,234.5", LoadPreviewText.rate(1234.5));
        assertEquals("3.20", LoadPreviewText.rate(3.2));
        assertEquals("0.0500", LoadPreviewText.rate(0.05));
        assertEquals("0", LoadPreviewText.rate(0));
    }
}
