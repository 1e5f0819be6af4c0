package io.headroom.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.theory.CacheTheory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@link CacheTheory}'s Che solver reproduces every row of the reference table (T and the hit ratio, to the
 * printed digits), and its edge cases and helpers are right.
 */
class CheReferenceTest {

    /** Asserts that {@code actual} rounds to {@code printed} (half a unit of its last digit). */
    static void assertPrinted(String printed, double actual, String what) {
        BigDecimal expected = new BigDecimal(printed);
        double halfUnit = 0.5 * Math.pow(10, -expected.scale());
        assertTrue(Math.abs(actual - expected.doubleValue()) <= halfUnit * (1 + 1e-9),
                () -> what + ": expected " + printed + " (±" + halfUnit + "), got " + actual);
    }

    @Test
    void reproducesTheReferenceTable() {
        List<ZipfReference> rows = ZipfReference.rows();
        assertEquals(7, rows.size());
        for (ZipfReference row : rows) {
            double[] p = CacheTheory.zipfPmf(row.itemCount(), row.exponent());
            double t = CacheTheory.cheCharacteristicTime(p, row.capacityKeys());
            double h = CacheTheory.cheLruHitRatio(p, row.capacityKeys());
            System.out.printf(Locale.ROOT, "Che %-25s T = %10.3f (table %s)  hit ratio %.6f (table %s)%n",
                    row, t, row.cheT(), h, row.cheHitRatio());
            assertPrinted(row.cheT(), t, row + ": T");
            assertPrinted(row.cheHitRatio(), h, row + ": hit ratio");
            // T solves the equation
            double occupied = 0;
            for (double x : p) {
                occupied += 1 - Math.exp(-x * t);
            }
            assertEquals(row.capacityKeys(), occupied, 1e-6);
        }
    }

    @Test
    void zipfPmfIsTheLaw() {
        double[] p = CacheTheory.zipfPmf(1000, 0.99);
        double sum = 0;
        for (double x : p) {
            sum += x;
        }
        assertEquals(1.0, sum, 1e-12);
        assertEquals(Math.pow(2, -0.99), p[1] / p[0], 1e-12);
        assertEquals(Math.pow(1000, -0.99), p[999] / p[0], 1e-12);
        double[] u = CacheTheory.zipfPmf(4, 0);
        for (double x : u) {
            assertEquals(0.25, x, 0);
        }
        assertThrows(IllegalArgumentException.class, () -> CacheTheory.zipfPmf(0, 1));
        assertThrows(IllegalArgumentException.class, () -> CacheTheory.zipfPmf(10, -1));
    }

    @Test
    void edgeCases() {
        double[] uniform = CacheTheory.zipfPmf(1000, 0);
        // uniform popularity: every key has the same 1 - e^{-T/N} = C/N, so the hit ratio is exactly C/N
        assertEquals(0.25, CacheTheory.cheLruHitRatio(uniform, 250), 1e-12);
        assertEquals(0.0, CacheTheory.cheLruHitRatio(uniform, 0), 0);
        assertEquals(1.0, CacheTheory.cheLruHitRatio(uniform, 1000), 0);
        assertEquals(Double.POSITIVE_INFINITY, CacheTheory.cheCharacteristicTime(uniform, 1000), 0);
        // weights are normalised; keys of zero popularity never count
        assertEquals(CacheTheory.cheLruHitRatio(new double[] {0.5, 0.3, 0.2}, 1),
                CacheTheory.cheLruHitRatio(new double[] {5, 3, 2, 0, 0}, 1), 1e-12);
        assertEquals(1.0, CacheTheory.cheLruHitRatio(new double[] {5, 3, 2, 0, 0}, 3), 0);
        // LRU never beats holding the most popular keys
        double[] p = CacheTheory.zipfPmf(10_000, 0.8);
        assertTrue(CacheTheory.cheLruHitRatio(p, 100) < CacheTheory.topKeysHitRatio(p, 100));
        assertEquals(0.8, CacheTheory.topKeysHitRatio(new double[] {2, 3, 5}, 2), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> CacheTheory.cheLruHitRatio(new double[] {1, -1}, 1));
        assertThrows(IllegalArgumentException.class, () -> CacheTheory.cheLruHitRatio(new double[0], 1));
        // TTL: λτ/(1+λτ) per key
        assertEquals(2.0 / 3, CacheTheory.ttlKeyHitRatio(4, 0.5), 1e-15);
        assertEquals(0.0, CacheTheory.ttlKeyHitRatio(0, 5), 0);
        assertEquals(0.5 * 0.5 + 0.5 * 0.5, CacheTheory.ttlHitRatio(new double[] {1, 1}, 2, 1), 1e-15);
    }
}
