package io.headroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The zone network: zones of slots, intra- and cross-zone round trips, cross-zone bytes billed both ways. */
class ZoneNetworkTest {

    @Test
    void answersWithinAZoneAndAcrossZones() {
        ZoneNetwork n = new ZoneNetwork();
        assertEquals(0, n.zones());
        assertEquals(0, n.zoneOf(5), "no zones: everything in zone 0");
        n.configure(3, () -> 200_000, () -> 1_500_000);
        long[] billed = {0, 0};
        n.meter(new long[][] {{4_096, 0}}, bytes -> {
            billed[0] += bytes;
            billed[1]++;
        });
        assertEquals(2, n.zoneOf(5));
        assertEquals(200_000, n.answerDelay(1, 4, 0, 0), "slots 1 and 4 are both in zone 1");
        assertEquals(0, billed[1], "nothing billed within a zone");
        assertEquals(1_500_000, n.answerDelay(1, 2, 0, 0));
        assertEquals(4_096, billed[0]);
        assertEquals(1_500_000, n.answerDelay(0, 2, 0, 1));
        assertEquals(1, billed[1], "a call with no bytes bills nothing");
    }

    @Test
    void noSamplerMeansNoTime() {
        ZoneNetwork n = new ZoneNetwork();
        n.configure(2, null, null);
        assertEquals(0, n.answerDelay(0, 1, 0, 0));
        assertEquals(0, n.answerDelay(0, 2, 0, 0));
    }
}
