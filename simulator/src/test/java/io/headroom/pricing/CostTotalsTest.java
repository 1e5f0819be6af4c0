package io.headroom.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A finished bill totalled from booked accounts: markets and components add up, idle is the unbusy share plus unused fees. */
class CostTotalsTest {
    private static final long HOUR = 3_600_000_000_000L;

    @Test
    void marketsAndComponentsAddUpAndIdleCountsUnusedCommitments() {
        Account api = new Account("api");
        api.onDemandUsd = 3;
        api.spotUsd = 1;
        api.reservedUsedUsd = 2;
        api.instanceNs = 10 * HOUR;
        Account lb = new Account("lb");
        lb.loadBalancers = 1;
        lb.loadBalancerUsd = 0.5;
        // 2 h: reserved fees 1.5 USD/h = 3 USD (2 used), no savings plan; 2^30 bytes across zones at 0.01 USD/GB each way
        CostSummary s = CostTotals.of(2 * HOUR, List.of(api, lb), List.of(), 1.5, 0, 1L << 30, 0.01, Map.of("api", 0.25), 1000);

        assertEquals(3, s.byMarket().get("on-demand"), 1e-12);
        assertEquals(1, s.byMarket().get("spot"), 1e-12);
        assertEquals(3, s.byMarket().get("reserved"), 1e-12, "the fees for the run, used or not");
        assertEquals(0, s.byMarket().get("savings-plan"), 1e-12);
        assertEquals(0.5, s.byMarket().get("load-balancer"), 1e-12);
        assertEquals(0.02, s.byMarket().get("network"), 1e-12);
        assertEquals(7.52, s.totalUsd(), 1e-12);
        assertEquals(7.52, s.byComponent().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        assertEquals(6, s.byComponent().get("api"), 1e-12, "on demand + spot + the reservation value it used");
        assertEquals(1, s.byComponent().get("unused-commitments"), 1e-12);
        assertEquals(0.02, s.byComponent().get("network"), 1e-12);
        assertEquals(6 * 0.75 + 1, s.idleUsd(), 1e-12, "api idle three quarters of the time, plus the unused reservation");
        assertEquals(3.76, s.perHourUsd(), 1e-12);
        assertEquals(7520, s.perMillionRequestsUsd(), 1e-9);
        assertEquals(10, s.instanceHours().get("api"), 1e-12);
        assertFalse(s.instanceHours().containsKey("lb"), "a load balancer runs no instances");
    }

    @Test
    void withoutCommitmentsOrTrafficThoseKeysStayOut() {
        Account api = new Account("api");
        api.onDemandUsd = 1;
        CostSummary s = CostTotals.of(HOUR, List.of(api), List.of(), 0, 0, 0, 0.01, Map.of("api", Double.NaN), 0);
        assertEquals(Map.of("api", 1.0), s.byComponent());
        assertEquals(1, s.idleUsd(), 1e-12, "a NaN busy fraction counts as never busy");
        assertEquals(0, s.perMillionRequestsUsd());
    }
}
