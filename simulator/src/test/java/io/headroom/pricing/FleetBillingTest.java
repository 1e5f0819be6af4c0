package io.headroom.pricing;

import io.headroom.design.pricing.InstanceSpec;
import io.headroom.design.pricing.Market;
import io.headroom.design.pricing.PriceCatalogue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A fleet's start and stop notices become launches in the right market, billed to the component. */
class FleetBillingTest {
    private static final long H = 3_600_000_000_000L;

    @Test
    void launchesFollowTheSplitAndSlotsAreReused() {
        PriceCatalogue aws = PriceCatalogue.defaultCatalogue();
        CostLedger ledger = new CostLedger(aws, List.of());
        FleetBilling api = new FleetBilling(ledger, "api", new InstanceSpec("c6i.large", null, 1, 50, null), 0);
        api.started(0, 0);  // base: on-demand
        api.started(1, 0);  // 2 of 2: 1 + ceil(0.5) = 2 on-demand
        api.started(2, 0);  // 3: 1 + ceil(1) = 2 -> spot
        // two shards of a store share the component, told apart by the offset
        FleetBilling shard0 = new FleetBilling(ledger, "orders", InstanceSpec.onDemand("r6i.large"), 0);
        FleetBilling shard1 = new FleetBilling(ledger, "orders", InstanceSpec.onDemand("r6i.large"), 1 << 20);
        shard0.started(0, 0);
        shard1.started(0, 0);
        assertEquals(Market.ON_DEMAND, api.marketOf(0));
        assertEquals(Market.ON_DEMAND, api.marketOf(1));
        assertEquals(Market.SPOT, api.marketOf(2));
        assertEquals(Market.SPOT, api.marketToStop());
        api.stopped(1, H);  // the fleet chose slot 1 (on-demand)
        assertNull(api.marketOf(1));
        api.started(1, H);  // 3 again with 1 on-demand: 2 needed -> on-demand, in the reused slot
        assertEquals(Market.ON_DEMAND, api.marketOf(1));
        CostSummary c = ledger.finish(2 * H, Map.of(), 0);
        // api: slots 0 and 1 on demand for 2 h (slot 1 twice an hour), slot 2 spot for 2 h
        assertEquals(4 * 0.085 + 2 * 0.085 * 0.4, c.byComponent().get("api"), 1e-12);
        assertEquals(2 * 2 * 0.126, c.byComponent().get("orders"), 1e-12);
        assertEquals(0.00007, api.spotInterruptionsPerHour());
    }
}
