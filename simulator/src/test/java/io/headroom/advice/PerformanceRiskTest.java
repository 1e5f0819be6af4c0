package io.headroom.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.design.Slo;
import io.headroom.result.Summary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compute Optimizer's 0–4 scale from the lower 95 % bound of the tightest SLO's relative margin, on hand-made margins. */
class PerformanceRiskTest {

    @Test
    void theLevelsFollowTheMarginsLowerBound() {
        assertEquals(0, PerformanceRisk.level(0.30));
        assertEquals(1, PerformanceRisk.level(0.2999));
        assertEquals(1, PerformanceRisk.level(0.15));
        assertEquals(2, PerformanceRisk.level(0.10));
        assertEquals(3, PerformanceRisk.level(0.0));
        assertEquals(4, PerformanceRisk.level(-0.01));
    }

    @Test
    void theLowerBoundIsStudentsT() {
        // three margins 0.2, 0.3, 0.4: mean 0.3, s 0.1, se 0.1/√3; t(0.975, 2) = 4.302653: 0.3 − 0.248414 = 0.051586
        assertEquals(0.3 - 4.302652729749464 * 0.1 / Math.sqrt(3), PerformanceRisk.lowerBound(new double[] {0.2, 0.3, 0.4}), 1e-9);
        assertEquals(0.25, PerformanceRisk.lowerBound(new double[] {0.25}), 0);
    }

    @Test
    void theTightestSloDecides() {
        Slo p99 = Slo.parse("p99 < 100ms");
        Slo errors = Slo.parse("errors < 1%");
        // p99 80, 80 ms: margin 0.2 exactly, no spread: Low; errors 0.5 %: margin 0.5
        List<Summary> runs = List.of(summary(80, 0.5), summary(80, 0.5));
        PerformanceRisk r = PerformanceRisk.of(runs, List.of(p99, errors));
        assertEquals(1, r.level());
        assertEquals("p99 < 100ms", r.tightest());
        assertEquals(0.2, r.marginLow(), 1e-12);
        // p99 95 and 105 ms: mean margin 0, spread 0.0707: the lower bound is below 0: VeryHigh
        assertEquals(4, PerformanceRisk.of(List.of(summary(95, 0), summary(105, 0)), List.of(p99, errors)).level());
    }

    private static Summary summary(double p99, double errors) {
        return new Summary(null, null, java.util.Map.of(), java.util.Map.of(), null,
                List.of(new Summary.SloResult("p99 < 100ms", p99, p99 < 100), new Summary.SloResult("errors < 1%", errors, errors < 1)),
                List.of(), List.of(), List.of(), null, null, null, null, null, null, null, null);
    }
}
