package io.headroom.pricing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.design.cost.CostAllocationSpec;
import io.headroom.design.cost.SharedRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** Cost allocation by tag on hand cases: every shared line split exactly by its rule, the roll-ups exact to the cent. */
class CostAllocationTest {
    private static final String LOAD = CallTally.LOAD;

    /**
     * The shop of docs/pricing.md: the load → balancer {@code edge} → {@code gateway} (untagged) → {@code cart}
     * (team=checkout) and {@code search} (team=discovery), 1,000 requests each; cart calls {@code db} once a request and
     * search twice; 5 USD of cross-zone traffic.
     */
    private static Map<String, Map<String, Long>> shop() {
        Map<String, Map<String, Long>> received = new LinkedHashMap<>();
        received.put("edge", Map.of(LOAD, 1000L));
        received.put("gateway", Map.of()); // the balancer hands requests on itself: an edge in `forwards`
        received.put("cart", Map.of("gateway", 1000L));
        received.put("search", Map.of("gateway", 1000L));
        received.put("db", new LinkedHashMap<>(Map.of("cart", 1000L, "search", 2000L)));
        return received;
    }

    private static Map<String, Double> bill() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("edge", 10.0);
        m.put("gateway", 20.0);
        m.put("cart", 30.0);
        m.put("search", 50.0);
        m.put("db", 60.0);
        m.put("network", 5.0);
        return m;
    }

    private static CostAllocationSpec teams(SharedRule rule) {
        return new CostAllocationSpec(rule, Map.of("cart", Map.of("team", "checkout"), "search", Map.of("team", "discovery")));
    }

    /**
     * By requests: db's 60 goes 1/3 to checkout and 2/3 to discovery (1,000 against 2,000 requests), the gateway's 20 and,
     * down through it, the balancer's 10 half each (1,000 requests to each team), the network's 5 half each (each team
     * received 1,000 requests): checkout 30 + 20 + 10 + 5 + 2.5 = 67.5, discovery 50 + 40 + 10 + 5 + 2.5 = 107.5, nothing
     * unallocated; a month of a 1-hour run is 730 times as much.
     */
    @Test
    void sharedCostsFollowTheRequestsUpAndDown() {
        var r = CostAllocation.of(bill(), 175, 1, teams(SharedRule.BY_REQUESTS), shop(), Map.of("edge", "gateway")).get("team");
        assertEquals(Map.of("checkout", 67.5, "discovery", 107.5), r.values());
        assertEquals(0.0, r.unallocated());
        assertEquals(Map.of("checkout", 67.5 * 730, "discovery", 107.5 * 730), r.perMonth());
        assertEquals(67.5, r.exact().get("checkout"), 1e-12);
        assertEquals(107.5, r.exact().get("discovery"), 1e-12);
    }

    /**
     * Requests that trace back only to the load do not count: db got 100 requests from the load and 300 from cart, so
     * its 8 USD is checkout's; a shared sender's requests count as its own senders': db's 6 requests from an untagged
     * {@code worker}, fed half by search (team discovery) and half by the load, count as 3 of search's, against cart's 3:
     * db's 9 USD half each.
     */
    @Test
    void requestsFromTheLoadAloneDoNotCount() {
        Map<String, Map<String, Long>> received = Map.of("cart", Map.of(LOAD, 300L), "db", Map.of(LOAD, 100L, "cart", 300L));
        var r = CostAllocation.of(Map.of("cart", 2.0, "db", 8.0), 10, 1, teams(SharedRule.BY_REQUESTS), received, Map.of())
                .get("team");
        assertEquals(Map.of("checkout", 10.0, "discovery", 0.0), r.values());
        assertEquals(0.0, r.unallocated());
        Map<String, Map<String, Long>> chain = Map.of("worker", Map.of("search", 5L, LOAD, 5L), "db", Map.of("worker", 6L, "cart", 3L));
        var c = CostAllocation.of(Map.of("db", 9.0), 9, 1, teams(SharedRule.BY_REQUESTS), chain, Map.of()).get("team");
        assertEquals(Map.of("checkout", 4.5, "discovery", 4.5), c.values());
    }

    /** With no tagged component that received a request, a shared cost is unallocated. */
    @Test
    void withoutTaggedTrafficASharedCostIsUnallocated() {
        var r = CostAllocation.of(Map.of("cart", 2.0, "db", 8.0), 10, 1, teams(SharedRule.BY_REQUESTS), Map.of(), Map.of())
                .get("team");
        assertEquals(Map.of("checkout", 2.0, "discovery", 0.0), r.values());
        assertEquals(8.0, r.unallocated());
    }

    /** Even: each shared line in equal parts among the key's values; unallocated: not split at all. */
    @Test
    void evenAndUnallocatedRules() {
        var even = CostAllocation.of(bill(), 175, 1, teams(SharedRule.EVEN), shop(), Map.of("edge", "gateway")).get("team");
        assertEquals(Map.of("checkout", 30 + 47.5, "discovery", 50 + 47.5), even.values());
        assertEquals(0.0, even.unallocated());
        var none = CostAllocation.of(bill(), 175, 1, teams(SharedRule.UNALLOCATED), Map.of(), Map.of()).get("team");
        assertEquals(Map.of("checkout", 30.0, "discovery", 50.0), none.values());
        assertEquals(95.0, none.unallocated());
    }

    /**
     * A dollar of db split 1/3 : 2/3 is 33.33… and 66.66… cents: by largest remainder 33 and 67, adding up to the dollar; a
     * month of a 3-hour run is 243.33… each dollar-hour: 81.11… and 162.22…, to 81.11 and 162.22 (243.33 in all).
     */
    @Test
    void thirdsOfADollarAddUpToTheDollar() {
        Map<String, Map<String, Long>> received = Map.of("db", Map.of("cart", 1L, "search", 2L));
        var r = CostAllocation.of(Map.of("db", 1.0), 1.0, 3, teams(SharedRule.BY_REQUESTS), received, Map.of()).get("team");
        assertEquals(Map.of("checkout", 0.33, "discovery", 0.67), r.values());
        assertEquals(Map.of("checkout", 81.11, "discovery", 162.22), r.perMonth());
    }

    /** A regional copy keeps its base's tags. */
    @Test
    void aRegionalCopyKeepsItsTags() {
        var r = CostAllocation.of(Map.of("cart@eu-west-1", 4.0, "cart@us-east-1", 6.0), 10, 1, teams(SharedRule.BY_REQUESTS),
                Map.of(), Map.of()).get("team");
        assertEquals(Map.of("checkout", 10.0, "discovery", 0.0), r.values());
        assertEquals(0.0, r.unallocated());
    }

    /** Largest remainder: ties to the first listed; floors that overshoot the rounded total give cents back. */
    @Test
    void centsByLargestRemainder() {
        assertArrayEquals(new long[] {1, 0}, CostAllocation.cents(List.of(0.005, 0.005), 0.01));
        assertArrayEquals(new long[] {34, 33, 33}, CostAllocation.cents(List.of(1 / 3.0, 1 / 3.0, 1 / 3.0), 1));
        assertArrayEquals(new long[] {0, 0}, CostAllocation.cents(List.of(0.004, 0.0), 0.004));
    }

    /** Whatever the lines and the traffic, each key's cents add up to the total's, exactly (2,000 random bills). */
    @Test
    void rollupsAddUpToTheTotalToTheCent() {
        MersenneTwister rng = new MersenneTwister(23);
        String[] names = {"edge", "gateway", "cart", "search", "db", "network", "unused-commitments"};
        for (int trial = 0; trial < 2000; trial++) {
            Map<String, Double> bill = new LinkedHashMap<>();
            double total = 0;
            for (String n : names) {
                double usd = rng.nextInt(4) == 0 ? 0 : rng.nextDouble() * Math.pow(10, rng.nextInt(6) - 2);
                bill.put(n, usd);
                total += usd;
            }
            Map<String, Map<String, Long>> received = new LinkedHashMap<>();
            List<String> senders = new ArrayList<>(List.of(LOAD, "edge", "gateway", "cart", "search", "db"));
            for (String callee : List.of("edge", "gateway", "cart", "search", "db")) {
                Map<String, Long> from = new LinkedHashMap<>();
                for (String s : senders) {
                    if (!s.equals(callee) && rng.nextInt(3) == 0) {
                        from.put(s, (long) rng.nextInt(1000));
                    }
                }
                received.put(callee, from);
            }
            SharedRule rule = SharedRule.values()[trial % 3];
            double hours = 0.1 + rng.nextDouble() * 48;
            var byTag = CostAllocation.of(bill, total, hours, new CostAllocationSpec(rule, Map.of("cart", Map.of("team", "a"),
                    "search", Map.of("team", "b", "env", "prod"), "db", Map.of("env", "prod"))), received, Map.of("edge", "gateway"));
            long cents = Math.round(new java.math.BigDecimal(total).movePointRight(2).setScale(0, java.math.RoundingMode.HALF_EVEN)
                    .doubleValue());
            long monthCents = new java.math.BigDecimal(total * 730 / hours).movePointRight(2)
                    .setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
            for (var r : byTag.values()) {
                long sum = Math.round(r.unallocated() * 100);
                long month = Math.round(r.unallocatedPerMonth() * 100);
                for (String v : r.values().keySet()) {
                    sum += Math.round(r.values().get(v) * 100);
                    month += Math.round(r.perMonth().get(v) * 100);
                }
                assertEquals(cents, sum, "trial " + trial);
                assertEquals(monthCents, month, "trial " + trial);
                double exact = 0;
                for (double e : r.exact().values()) {
                    exact += e;
                }
                assertEquals(total, exact, 1e-9 * Math.max(1, total), "trial " + trial);
            }
        }
    }
}
