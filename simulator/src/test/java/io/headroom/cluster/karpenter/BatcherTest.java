package io.headroom.cluster.karpenter;

import static io.headroom.cluster.karpenter.KarpenterFixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The batching window: 1 s idle after the last pod, 10 s at most after the first. */
class BatcherTest {
    private final Batcher batcher = new Batcher();

    @Test
    void noBatchNoDeadline() {
        assertFalse(batcher.open());
        assertEquals(Long.MAX_VALUE, batcher.readyAt());
    }

    @Test
    void idleSecondAfterTheLastPod() {
        batcher.podAdded(5 * SECOND);
        assertEquals(6 * SECOND, batcher.readyAt());
        batcher.podAdded(5 * SECOND + SECOND / 2);
        assertEquals(6 * SECOND + SECOND / 2, batcher.readyAt());
    }

    @Test
    void atMostTenSecondsAfterTheFirst() {
        for (long t = 0; t <= 12 * SECOND; t += SECOND / 2) {
            batcher.podAdded(t);
        }
        assertEquals(10 * SECOND, batcher.readyAt());
    }

    @Test
    void resetOpensANewWindow() {
        batcher.podAdded(0);
        batcher.reset();
        assertFalse(batcher.open());
        batcher.podAdded(20 * SECOND);
        assertTrue(batcher.open());
        assertEquals(21 * SECOND, batcher.readyAt());
    }
}
