package io.headroom.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Slo;
import io.headroom.metrics.LatencyStats.LatencySummary;
import org.junit.jupiter.api.Test;

class SloTest {
    private static final LatencySummary LAT = new LatencySummary(40, 30, 80, 120, 250, 400, 900);

    @Test
    void parsesLatencyAndErrorObjectives() {
        Slo p99 = Slo.parse("p99 < 250ms");
        assertEquals(Slo.Metric.P99, p99.metric());
        assertEquals(250.0, p99.threshold());
        assertFalse(p99.met(SloCheck.valueIn(p99, LAT, 1000, 0)), "250 is not below 250");
        assertTrue(Slo.parse("p99 <= 250ms").met(250.0));
        assertTrue(Slo.parse("mean<0.05s").met(SloCheck.valueIn(Slo.parse("mean<0.05s"), LAT, 1000, 0)));
        Slo errors = Slo.parse("errors < 0.1%");
        assertEquals(0.09, SloCheck.valueIn(errors, LAT, 10_000, 9), 1e-12);
        assertTrue(errors.met(0.09));
        assertFalse(errors.met(0.1));
        assertFalse(errors.met(Double.NaN), "no value never meets an objective");
        assertEquals("p99 < 250ms: 250.000 ms, MISSED", p99.describe(250.0));
    }

    @Test
    void refusesWhatItCannotCheck() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Slo.parse("p98 < 1s")).getMessage().contains("unknown SLO metric"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Slo.parse("errors < 0.1")).getMessage().contains("percentage"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Slo.parse("errors < 200%")).getMessage()
                .contains("an error rate is 0 to 100 %"));
        assertEquals(100.0, Slo.parse("errors < 100%").threshold());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Slo.parse("p99 > 1s")).getMessage().contains("not an SLO"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Slo.parse("p99 < 250")).getMessage().contains("unit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Slo.parse("cost_per_hour < 3usd")).getMessage()
                .contains("amount in USD"));
    }

    @Test
    void costObjectivesReadTheRunsCost() {
        var cost = new io.headroom.pricing.CostSummary(12.0, 1.5, 0.75, 3.0, java.util.Map.of(), java.util.Map.of(), java.util.Map.of());
        Slo perHour = Slo.parse("cost_per_hour < $2");
        assertEquals(Slo.Metric.COST_PER_HOUR, perHour.metric());
        assertEquals(1.5, SloCheck.check(perHour, LAT, 1000, 0, cost).value());
        assertTrue(SloCheck.check(perHour, LAT, 1000, 0, cost).met());
        Slo perMillion = Slo.parse("cost_per_million <= 0.5");
        assertEquals(0.75, SloCheck.check(perMillion, LAT, 1000, 0, cost).value());
        assertFalse(SloCheck.check(perMillion, LAT, 1000, 0, cost).met());
        assertFalse(SloCheck.check(perHour, LAT, 1000, 0, null).met(), "no cost never meets a cost objective");
        assertEquals("cost_per_hour < $2: 1.500 USD/h, met", perHour.describe(1.5));
    }

    @Test
    void endpointsAndWindowsAreReadFromTheExpression() {
        Slo s = Slo.parse("checkout.p99 < 300ms over 5m");
        assertEquals("checkout", s.endpoint());
        assertEquals(Slo.Metric.P99, s.metric());
        assertEquals(300.0, s.threshold());
        assertEquals(300_000_000_000L, s.windowNs());
        assertEquals(Slo.DEFAULT_MIN_REQUESTS, s.minRequests());
        Slo scenario = Slo.parse("orders.place.errors <= 0.5% over 1h");
        assertEquals("orders.place", scenario.endpoint());
        assertTrue(scenario.inclusive());
        Slo plain = Slo.parse("mean<0.05s");
        assertEquals(null, plain.endpoint());
        assertFalse(plain.windowed());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Slo.parse("cost_per_hour < $2 over 1h")).getMessage()
                .contains("whole run"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Slo.parse("api.cost_per_hour < $2")).getMessage()
                .contains("whole design"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Slo.parse("p99 < 1s over 0s")).getMessage()
                .contains("positive"));
    }

    @Test
    void anSloEntryIsAnExpressionOrAnErrorBudget() throws Exception {
        var mapper = io.headroom.yaml.YamlDocument.mapper();
        var type = mapper.getTypeFactory().constructCollectionType(java.util.List.class, io.headroom.design.SloSpec.class);
        java.util.List<io.headroom.design.SloSpec> specs = mapper.readValue("""
                - "p99 < 400ms over 5m"
                - {expr: "errors < 1% over 1m", min-requests: 20}
                - {name: fast, good: "checkout.latency <= 300ms", target: 99.9%, period: 7d}
                - {name: up, good: available, target: 0.999}
                """, type);
        assertEquals(100, specs.get(0).slo().minRequests());
        assertEquals(20, specs.get(1).slo().minRequests());
        io.headroom.design.ErrorBudget fast = specs.get(2).budget();
        assertEquals("checkout", fast.endpoint());
        assertEquals(0.999, fast.target(), 1e-15);
        assertEquals(7 / 30.0, fast.periodScale(), 1e-15);
        assertTrue(fast.good(300_000_000L), "<= includes the bound");
        assertFalse(fast.good(300_000_001L));
        io.headroom.design.ErrorBudget up = specs.get(3).budget();
        assertEquals(30, up.period().toDays(), "the workbook's 30 days by default");
        assertTrue(up.good(Long.MAX_VALUE), "any success is good");
        assertEquals("up", specs.get(3).label());
    }
}
