package io.headroom.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/** Paired-t intervals on differences, worked by hand. */
class PairedDifferenceTest {

    @Test
    void meanAndHalfWidthOfTheDifferences() {
        double[] a = {10, 12, 11, 13};
        double[] b = {12, 13, 14, 15};
        // differences 2, 1, 3, 2: mean 2, sample sd sqrt(2/3), half-width t(0.975, 3) * sd / 2
        PairedDifference d = PairedDifference.of(a, b);
        assertEquals(2.0, d.mean(), 1e-12);
        assertEquals(3.182446305284263 * Math.sqrt(2.0 / 3) / 2, d.halfWidth(), 1e-9);
        assertEquals(new TDistribution(3).inverseCumulativeProbability(0.975), 3.182446305284263, 1e-9);
        assertTrue(d.significant());
    }

    @Test
    void sharedLuckCancels() {
        // both designs had the same bad luck in replication 2: the paired interval is tight though each varies widely
        double[] a = {10, 30, 11, 12};
        double[] b = {11, 31, 12, 13};
        PairedDifference d = PairedDifference.of(a, b);
        assertEquals(1.0, d.mean(), 1e-12);
        assertEquals(0.0, d.halfWidth(), 1e-12);
        assertFalse(PairedDifference.of(new double[] {1, 2}, new double[] {2, 1}).significant());
        assertTrue(Double.isNaN(PairedDifference.of(new double[] {1}, new double[] {2}).halfWidth()));
    }
}
