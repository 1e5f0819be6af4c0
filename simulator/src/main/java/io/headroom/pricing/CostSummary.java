package io.headroom.pricing;

import java.util.Map;

/**
 * What a run cost, with the {@code cost} keys of summary.json (README, "Results"). {@code byComponent} and {@code byMarket} each
 * add up to {@code totalUsd}: {@code byComponent} holds every priced component (its instances with the
 * commitment value they used, its load balancer hours, its function invocations) and, when there
 * are any, {@code network} (cross-zone traffic) and {@code unused-commitments} (commitment fees no
 * running instance used); {@code byMarket} always holds {@code on-demand, spot, reserved,
 * savings-plan, function, load-balancer, network}, and {@code storage} when the run stored data. {@code instanceHours}: hours each component's
 * instances ran (not rounded up to the billing minimum).
 *
 * @param idleUsd what the unused headroom cost: each component's instance cost times the fraction of
 *                it that was not busy, plus the unused commitments (see {@link CostLedger#finish})
 * @param storage each store of data's figures, by name (empty when the design stores none)
 * @param allocationRule the design's rule for shared costs ({@code by-requests}…), null when no component is tagged
 * @param allocation     the roll-ups by tag key ({@link CostAllocation}), empty when no component is tagged
 * @param budget         the projected month against the design's budget, or null without one
 * @param usage          the run's on-demand instances over time (for the commitment planner; not in summary.json)
 */
public record CostSummary(double totalUsd, double perHourUsd, double perMillionRequestsUsd, double idleUsd,
                          Map<String, Double> byComponent, Map<String, Double> byMarket, Map<String, Double> instanceHours,
                          Map<String, StorageFigures> storage, String allocationRule, Map<String, CostAllocation.Rollup> allocation,
                          BudgetProjection budget, UsageProfile usage) {

    public CostSummary {
        usage = usage == null ? UsageProfile.EMPTY : usage;
        allocation = allocation == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(allocation));
        byComponent = Map.copyOf(byComponent);
        byMarket = Map.copyOf(byMarket);
        instanceHours = Map.copyOf(instanceHours);
        storage = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(storage));
    }

    /** A cost without tags, budget or the on-demand usage profile. */
    public CostSummary(double totalUsd, double perHourUsd, double perMillionRequestsUsd, double idleUsd,
                       Map<String, Double> byComponent, Map<String, Double> byMarket, Map<String, Double> instanceHours,
                       Map<String, StorageFigures> storage) {
        this(totalUsd, perHourUsd, perMillionRequestsUsd, idleUsd, byComponent, byMarket, instanceHours, storage, null, null, null, null);
    }

    /** This cost with the run's on-demand instances over time ({@link UsageProfile}, what the commitment planner reads). */
    public CostSummary withUsage(UsageProfile u) {
        return new CostSummary(totalUsd, perHourUsd, perMillionRequestsUsd, idleUsd, byComponent, byMarket, instanceHours, storage,
                allocationRule, allocation, budget, u);
    }

    /** A cost without stored data. */
    public CostSummary(double totalUsd, double perHourUsd, double perMillionRequestsUsd, double idleUsd,
                       Map<String, Double> byComponent, Map<String, Double> byMarket, Map<String, Double> instanceHours) {
        this(totalUsd, perHourUsd, perMillionRequestsUsd, idleUsd, byComponent, byMarket, instanceHours, Map.of());
    }

    /** The same bill with its allocation by tag and its budget projection. */
    public CostSummary with(String rule, Map<String, CostAllocation.Rollup> byTag, BudgetProjection projection) {
        return new CostSummary(totalUsd, perHourUsd, perMillionRequestsUsd, idleUsd, byComponent, byMarket, instanceHours, storage,
                rule, byTag, projection, usage);
    }

    /** The cost per month: the run's average cost per hour × 730 (AWS's month). */
    public double perMonthUsd() {
        return perHourUsd * CostAllocation.HOURS_PER_MONTH;
    }

    /**
     * The {@code cost} object of {@code summary.json}: {@code total_usd, per_hour_usd,
     * per_million_requests_usd, idle_usd, by_component, by_market}, maps sorted by key so the output is
     * byte-identical run to run. ({@code instance_hours} belongs to each component's own entry.)
     */
    public Map<String, Object> asJson() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("total_usd", totalUsd);
        m.put("per_hour_usd", perHourUsd);
        m.put("per_million_requests_usd", perMillionRequestsUsd);
        m.put("idle_usd", idleUsd);
        m.put("by_component", new java.util.TreeMap<>(byComponent));
        Map<String, Double> markets = new java.util.LinkedHashMap<>();
        CostLedger.MARKETS.forEach(k -> markets.put(k, byMarket.getOrDefault(k, 0.0)));
        if (byMarket.containsKey(CostLedger.STORAGE)) {
            markets.put(CostLedger.STORAGE, byMarket.get(CostLedger.STORAGE));
        }
        m.put("by_market", markets);
        return m;
    }
}
