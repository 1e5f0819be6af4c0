package io.headroom.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bisection on a known threshold: whatever it is, the answer brackets it within the tolerance. */
class CapacitySearchTest {

    @Test
    void bracketsAThresholdAboveToday() throws Exception {
        var r = CapacitySearch.search(s -> s <= 2.37, 0.01, 64);
        assertTrue(r.capacity() <= 2.37 && r.failing() > 2.37, r.toString());
        assertTrue(r.step() <= 0.01 * r.capacity());
        assertTrue(r.meetsToday());
        assertEquals(List.of(1.0, 2.0, 4.0, 3.0), r.steps().subList(0, 4).stream().map(CapacitySearch.Step::scale).toList(),
                "doubles until a miss, then bisects");
    }

    @Test
    void bracketsAThresholdBelowToday() throws Exception {
        var r = CapacitySearch.search(s -> s < 0.3, 0.02, 64);
        assertTrue(r.capacity() < 0.3 && r.failing() >= 0.3 && r.step() <= 0.02 * r.capacity(), r.toString());
        assertTrue(!r.meetsToday());
    }

    @Test
    void stopsAtTheLimits() throws Exception {
        var high = CapacitySearch.search(s -> true, 0.02, 10);
        assertEquals(10, high.capacity());
        assertTrue(Double.isInfinite(high.failing()));
        var low = CapacitySearch.search(s -> false, 0.02, 10);
        assertEquals(0, low.capacity());
        assertEquals(CapacitySearch.MIN_SCALE, low.failing());
    }
}
