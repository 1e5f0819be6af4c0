package io.headroom.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.cost.BudgetSpec;
import io.headroom.yaml.Fraction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The projected month and the alerts' days, against hand computation. */
class BudgetProjectionTest {
    private static BudgetSpec budget(double monthly, double... shares) {
        return new BudgetSpec(monthly, java.util.Arrays.stream(shares).mapToObj(s -> new Fraction(s, true)).toList());
    }

    /** A curve of a constant fleet costing {@code rate} an hour, read every 6 minutes over {@code hours}. */
    private static BudgetProjection constant(BudgetSpec b, double rate, int hours) {
        int n = hours * 10;
        double[] t = new double[n];
        double[] usd = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = (i + 1) / 10.0;
            usd[i] = rate * t[i];
        }
        return BudgetProjection.of(b, t, usd, hours, rate * hours);
    }

    /**
     * Two m5.large (0.096 USD/h each) cost 0.192 an hour, 140.16 a 730-hour month: over a 100 USD budget. 50 USD is
     * reached at hour 50 / 0.192 = 260.42 (day 11), 80 at 416.67 (day 18), 100 at 520.83 (day 22); 150 never.
     */
    @Test
    void aConstantFleetFiresOnTheDayItsRateSays() {
        BudgetProjection p = constant(budget(100, 0.5, 0.8, 1.0, 1.5), 0.192, 1);
        assertEquals(140.16, p.projectedUsd(), 1e-9);
        assertTrue(p.overBudget());
        List<BudgetProjection.Alert> a = p.alerts();
        assertEquals(50 / 0.192, a.get(0).hour(), 1e-9);
        assertEquals(11, a.get(0).day());
        assertEquals(80 / 0.192, a.get(1).hour(), 1e-9);
        assertEquals(18, a.get(1).day());
        assertEquals(100 / 0.192, a.get(2).hour(), 1e-9);
        assertEquals(22, a.get(2).day());
        assertNull(a.get(3).day());
        assertFalse(a.get(3).fires());
    }

    /**
     * 10 USD an hour against 2,400 a month: 10 % (240 USD) is reached at hour 24 exactly, the end of day 1; 20 % at hour
     * 48, the end of day 2; 1 % at hour 2.4, day 1. The month's 7,300 passes 300 % (hour 720) on day 30.
     */
    @Test
    void aThresholdReachedAtMidnightFiresOnTheDayThatEnds() {
        BudgetProjection p = constant(budget(2400, 0.01, 0.1, 0.2, 3.0), 10, 1);
        assertEquals(7300, p.projectedUsd(), 1e-9);
        assertEquals(1, p.alerts().get(0).day());
        assertEquals(24, p.alerts().get(1).hour(), 1e-9);
        assertEquals(1, p.alerts().get(1).day());
        assertEquals(48, p.alerts().get(2).hour(), 1e-9);
        assertEquals(2, p.alerts().get(2).day());
        assertEquals(720, p.alerts().get(3).hour(), 1e-9);
        assertEquals(30, p.alerts().get(3).day());
    }

    /**
     * A day of two halves repeated: 1 USD/h for 12 hours, then 3 USD/h (48 USD a day, 1,460 a month). 100 USD: two days
     * (96) and then 4 more, in the quiet half: hour 48 + 4 = 52, day 3. 130 USD: 96 + 34 = 12 quiet + 22 / 3 busy hours:
     * hour 48 + 12 + 7.33 = 67.33, day 3.
     */
    @Test
    void aVaryingDayRepeatsOverTheMonth() {
        double[] t = {6, 12, 18, 24};
        double[] usd = {6, 12, 30, 48};
        BudgetProjection p = BudgetProjection.of(budget(200, 0.5, 0.65), t, usd, 24, 48);
        assertEquals(1460, p.projectedUsd(), 1e-9);
        assertEquals(52, p.alerts().get(0).hour(), 1e-9);
        assertEquals(3, p.alerts().get(0).day());
        assertEquals(60 + 22 / 3.0, p.alerts().get(1).hour(), 1e-9);
        assertEquals(3, p.alerts().get(1).day());
    }
}
