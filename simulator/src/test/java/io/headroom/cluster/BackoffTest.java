package io.headroom.cluster;

import static io.headroom.cluster.AutoscalerFixtures.MINUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(AutoscalerSettings.DEFAULTS);

    @Test
    void doublesAfterEachExpiredBackoffUpToTheMaximum() {
        long t = 0;
        assertEquals(t + 5 * MINUTE, backoff.backoff(0, t));
        assertTrue(backoff.isBackedOff(0, t + 5 * MINUTE - 1));
        assertFalse(backoff.isBackedOff(0, t + 5 * MINUTE));
        assertFalse(backoff.isBackedOff(1, t));
        t += 6 * MINUTE;
        assertEquals(t + 10 * MINUTE, backoff.backoff(0, t));
        t += 11 * MINUTE;
        assertEquals(t + 20 * MINUTE, backoff.backoff(0, t));
        t += 21 * MINUTE;
        assertEquals(t + 30 * MINUTE, backoff.backoff(0, t));
        t += 31 * MINUTE;
        assertEquals(t + 30 * MINUTE, backoff.backoff(0, t));
    }

    @Test
    void aFailureWhileBackedOffKeepsTheDuration() {
        backoff.backoff(0, 0);
        assertEquals(MINUTE + 5 * MINUTE, backoff.backoff(0, MINUTE));
        // at the very end of the back-off it is not yet "before now": no doubling either
        assertEquals(6 * MINUTE + 5 * MINUTE, backoff.backoff(0, 6 * MINUTE));
    }

    @Test
    void forgottenThreeHoursAfterTheLastFailure() {
        backoff.backoff(0, 0);
        backoff.backoff(0, 6 * MINUTE);                  // 10 minutes
        long t = 6 * MINUTE + 180 * MINUTE;
        assertEquals(t + 20 * MINUTE, backoff.backoff(0, t)); // exactly 3 h after: still remembered
        long later = t + 180 * MINUTE + 1;
        assertEquals(later + 5 * MINUTE, backoff.backoff(0, later));
        backoff.removeBackoff(0);
        assertFalse(backoff.isBackedOff(0, later));
    }
}
