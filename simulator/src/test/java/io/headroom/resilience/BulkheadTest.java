package io.headroom.resilience;

import io.headroom.design.resilience.BulkheadConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.random.StreamRandom;
import org.junit.jupiter.api.Test;

/** At most max-concurrent calls in flight; the rest refused at once. */
class BulkheadTest {

    @Test
    void refusesBeyondTheLimitAndAdmitsAgainAfterARelease() {
        Bulkhead b = new Bulkhead(BulkheadConfig.of(3));
        assertTrue(b.tryAcquire());
        assertTrue(b.tryAcquire());
        assertTrue(b.tryAcquire());
        assertFalse(b.tryAcquire());
        assertFalse(b.tryAcquire());
        assertEquals(3, b.inFlight());
        assertEquals(2, b.refused());
        b.release();
        assertTrue(b.tryAcquire());
        assertFalse(b.tryAcquire());
        assertEquals(4, b.admitted());
        assertEquals(3, b.refused());
        assertEquals(3, b.peak());
        b.release();
        b.release();
        b.release();
        assertEquals(0, b.inFlight());
        assertThrows(IllegalStateException.class, b::release);
    }

    @Test
    void neverMoreInFlightThanTheLimit() {
        Bulkhead b = new Bulkhead(BulkheadConfig.of(5));
        StreamRandom rng = new StreamRandom(5);
        int inFlight = 0;
        long refused = 0;
        for (int i = 0; i < 100_000; i++) {
            if (rng.nextDouble() < 0.55) {
                boolean ok = b.tryAcquire();
                assertEquals(inFlight < 5, ok);
                if (ok) {
                    inFlight++;
                } else {
                    refused++;
                }
            } else if (inFlight > 0) {
                b.release();
                inFlight--;
            }
            assertTrue(b.inFlight() <= 5);
            assertEquals(inFlight, b.inFlight());
        }
        assertEquals(refused, b.refused());
        assertEquals(5, b.peak());
    }

    @Test
    void resilience4jDefault() {
        assertEquals(25, BulkheadConfig.DEFAULTS.maxConcurrent());
        assertThrows(IllegalArgumentException.class, () -> new BulkheadConfig(0));
    }
}
