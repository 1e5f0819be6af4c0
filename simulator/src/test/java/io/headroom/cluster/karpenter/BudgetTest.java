package io.headroom.cluster.karpenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Disruption budgets: percentages of the pool's nodes rounded up, less the nodes already being disrupted. */
class BudgetTest {
    @Test
    void tenPercentRoundsUp() {
        assertEquals(3, Budget.DEFAULT.allowed(25, 0));
        assertEquals(1, Budget.DEFAULT.allowed(3, 0));
        assertEquals(1, Budget.DEFAULT.allowed(10, 0));
        assertEquals(2, Budget.DEFAULT.allowed(11, 0));
        assertEquals(0, Budget.DEFAULT.allowed(0, 0));
    }

    @Test
    void nodesBeingDisruptedCount() {
        assertEquals(2, Budget.DEFAULT.allowed(25, 1));
        assertEquals(0, Budget.DEFAULT.allowed(25, 4));
    }

    @Test
    void hundredPercentAndCounts() {
        assertEquals(25, new Budget("100%").allowed(25, 0));
        assertEquals(3, new Budget("3").allowed(25, 0));
        assertEquals(0, new Budget("0").allowed(25, 0));
        assertEquals(0, new Budget("0%").allowed(25, 0));
    }

    /** Upstream's example: 5 % of 10 nodes allows 1 (rounded up rather than blocking every disruption). */
    @Test
    void upstreamsRoundingExample() {
        assertEquals(1, new Budget("5%").allowed(10, 0));
    }

    @Test
    void theStrictestBudgetWins() {
        assertEquals(2, Budget.allowed(List.of(new Budget("100%"), new Budget("2")), 25, 0));
        assertEquals(3, Budget.allowed(List.of(), 25, 0));
    }

    @Test
    void malformedRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Budget("101%"));
        assertThrows(IllegalArgumentException.class, () -> new Budget("ten"));
        assertThrows(IllegalArgumentException.class, () -> new Budget("-1"));
    }
}
