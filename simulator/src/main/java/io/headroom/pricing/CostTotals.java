package io.headroom.pricing;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished run's bill totalled: each component's charges, the charges by market, the commitment
 * fees (paid whether used or not), the cross-zone traffic, and what the unused headroom cost.
 *
 * <p>{@code idle_usd}: for each component, its instance cost times {@code 1 - busy}, where {@code busy}
 * is its busy fraction over the run (clamped to [0, 1]; missing or NaN counts as never busy), plus
 * the commitment fees no instance used. Load balancers, functions (billed only while they run) and
 * traffic are never idle.
 */
final class CostTotals {
    private static final double NS_PER_HOUR = 3.6e12;
    private static final double BYTES_PER_GB = 1L << 30;

    private CostTotals() {
    }

    /** The totals of a run that stored no data. */
    static CostSummary of(long endNs, Collection<Account> accounts, List<FunctionMeter> meters, double riFeePerHour,
                          double planFeePerHour, long crossZoneBytes, double crossZoneUsdPerGb,
                          Map<String, Double> busyFraction, long requests) {
        return of(endNs, accounts, meters, riFeePerHour, planFeePerHour, crossZoneBytes, crossZoneUsdPerGb, busyFraction, requests,
                List.of(), List.of(), List.of());
    }

    /**
     * @param riFeePerHour   reserved-instance fees per hour
     * @param planFeePerHour savings-plan fees per hour
     * @param crossZoneBytes bytes that crossed zones, each paid leaving and entering at {@code crossZoneUsdPerGb}
     * @param requests       every request the bill covers (the whole run, warm-up included), for {@code per_million_requests_usd} (0 when there were none)
     * @param stores         the stores of data billed, for their figures
     */
    static CostSummary of(long endNs, Collection<Account> accounts, List<FunctionMeter> meters, double riFeePerHour,
                          double planFeePerHour, long crossZoneBytes, double crossZoneUsdPerGb,
                          Map<String, Double> busyFraction, long requests, List<StorageBill> stores) {
        return of(endNs, accounts, meters, riFeePerHour, planFeePerHour, crossZoneBytes, crossZoneUsdPerGb, busyFraction, requests,
                stores, List.of(), List.of());
    }

    /**
     * The totals with the CDNs' meters ({@code cdns}: market {@value CostLedger#CDN}, present only when there is one) and
     * {@code usage}, charges by usage (transfer between regions and out), each under its component and market.
     */
    static CostSummary of(long endNs, Collection<Account> accounts, List<FunctionMeter> meters, double riFeePerHour,
                          double planFeePerHour, long crossZoneBytes, double crossZoneUsdPerGb,
                          Map<String, Double> busyFraction, long requests, List<StorageBill> stores, List<CdnMeter> cdns,
                          List<UsageMeter> usage) {
        double runHours = endNs / NS_PER_HOUR;
        Map<String, Double> byComponent = new LinkedHashMap<>();
        Map<String, Double> instanceHours = new LinkedHashMap<>();
        Map<String, Double> byMarket = new LinkedHashMap<>();
        CostLedger.MARKETS.forEach(m -> byMarket.put(m, 0.0));
        if (!stores.isEmpty()) {
            byMarket.put(CostLedger.STORAGE, 0.0);
        }
        if (!cdns.isEmpty()) {
            byMarket.put(CostLedger.CDN, 0.0);
        }
        Map<String, Double> cdnUsd = new LinkedHashMap<>();
        for (CdnMeter m : cdns) {
            cdnUsd.merge(m.component(), m.usd(), Double::sum);
        }
        Map<String, Double> functionUsd = new LinkedHashMap<>();
        for (FunctionMeter m : meters) {
            functionUsd.merge(m.component(), m.usd(), Double::sum);
        }
        double reservedUsed = 0;
        double planUsed = 0;
        double idle = 0;
        for (Account a : accounts) {
            double instances = a.instancesUsd();
            double fn = functionUsd.getOrDefault(a.name, 0.0);
            double cdn = cdnUsd.getOrDefault(a.name, 0.0);
            byComponent.put(a.name, instances + a.loadBalancerUsd + fn + a.storageUsd + cdn);
            if (!cdns.isEmpty()) {
                byMarket.merge(CostLedger.CDN, cdn, Double::sum);
            }
            if (a.instanceNs > 0 || instances > 0) {
                instanceHours.put(a.name, a.instanceNs / NS_PER_HOUR);
            }
            byMarket.merge("on-demand", a.onDemandUsd, Double::sum);
            byMarket.merge("spot", a.spotUsd, Double::sum);
            byMarket.merge("load-balancer", a.loadBalancerUsd, Double::sum);
            byMarket.merge("function", fn, Double::sum);
            if (!stores.isEmpty()) {
                byMarket.merge(CostLedger.STORAGE, a.storageUsd, Double::sum);
            }
            reservedUsed += a.reservedUsedUsd;
            planUsed += a.planUsedUsd;
            double busy = busyFraction.getOrDefault(a.name, 0.0);
            busy = Double.isNaN(busy) ? 0 : Math.max(0, Math.min(1, busy));
            idle += instances * (1 - busy);
        }
        double riFee = riFeePerHour * runHours;
        double planFee = planFeePerHour * runHours;
        byMarket.put("reserved", riFee);
        byMarket.put("savings-plan", planFee);
        double network = crossZoneBytes / BYTES_PER_GB * 2 * crossZoneUsdPerGb;
        byMarket.put("network", network);
        double unused = Math.max(0, riFee - reservedUsed) + Math.max(0, planFee - planUsed);
        if (riFee + planFee > 0) {
            byComponent.put("unused-commitments", unused);
        }
        if (crossZoneBytes > 0) {
            byComponent.merge("network", network, Double::sum);
        }
        for (UsageMeter u : usage) {
            byMarket.merge(u.market(), u.usd(), Double::sum);
            byComponent.merge(u.component(), u.usd(), Double::sum);
        }
        idle += unused;
        double total = 0;
        for (double v : byMarket.values()) {
            total += v;
        }
        double perHour = runHours > 0 ? total / runHours : 0;
        double perMillion = requests > 0 ? total / requests * 1e6 : 0;
        Map<String, StorageFigures> storage = new LinkedHashMap<>();
        for (StorageBill b : stores) {
            storage.put(b.name(), StorageFigures.of(b, endNs / 1e9));
        }
        return new CostSummary(total, perHour, perMillion, idle, byComponent, byMarket, instanceHours, storage);
    }
}
