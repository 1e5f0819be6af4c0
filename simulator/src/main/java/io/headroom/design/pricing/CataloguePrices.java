package io.headroom.design.pricing;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The prices of a {@link PriceCatalogue}, as {@link CatalogueReader} reads them: built and laid over a base there, then
 * never changed. A bundled catalogue reads them at its first price, not when a design names it.
 */
final class CataloguePrices {
    final String name;
    final String source;
    final Map<String, InstanceType> types;
    final double spotDiscount;
    final double spotInterruptionsPerHour;
    final Map<Term, Double> reserved;
    final Map<Term, Double> savingsPlan;
    final double loadBalancerUsdPerHour;
    final double crossZoneUsdPerGb;
    double interRegionUsdPerGb;
    Map<String, FamilySpec> families = Map.of();
    double smtGain = 2;
    double surplusUsdPerVcpuHour;
    Map<String, Double> burstable = Map.of();
    Map<String, CommitmentRate> rates = Map.of();
    double internetUsdPerGb;
    final Map<Architecture, FunctionPrice> functions;
    final Map<String, Map<String, InstanceType>> databases;
    final Map<String, InstanceType> cacheNodes;
    final Map<String, StoragePrice> storage;
    final CatalogueFile.CdnPrice cdn;

    CataloguePrices(String name, String source, Map<String, InstanceType> types, double spotDiscount,
                    double spotInterruptionsPerHour, Map<Term, Double> reserved, Map<Term, Double> savingsPlan,
                    double loadBalancerUsdPerHour, double crossZoneUsdPerGb, Map<Architecture, FunctionPrice> functions,
                    Map<String, Map<String, InstanceType>> databases, Map<String, InstanceType> cacheNodes,
                    Map<String, StoragePrice> storage, CatalogueFile.CdnPrice cdn) {
        this.name = name;
        this.cdn = cdn;
        this.source = source;
        this.types = Collections.unmodifiableMap(new TreeMap<>(types));
        this.spotDiscount = spotDiscount;
        this.spotInterruptionsPerHour = spotInterruptionsPerHour;
        this.reserved = Collections.unmodifiableMap(new EnumMap<>(reserved));
        this.savingsPlan = Collections.unmodifiableMap(new EnumMap<>(savingsPlan));
        this.loadBalancerUsdPerHour = loadBalancerUsdPerHour;
        this.crossZoneUsdPerGb = crossZoneUsdPerGb;
        this.functions = Collections.unmodifiableMap(new EnumMap<>(functions));
        Map<String, Map<String, InstanceType>> dbs = new TreeMap<>();
        databases.forEach((engine, classes) -> dbs.put(engine, Collections.unmodifiableMap(new TreeMap<>(classes))));
        this.databases = Collections.unmodifiableMap(dbs);
        this.cacheNodes = Collections.unmodifiableMap(new TreeMap<>(cacheNodes));
        this.storage = Collections.unmodifiableMap(new TreeMap<>(storage));
    }

    /** These prices with {@code rates} for the published reserved-instance rates. */
    CataloguePrices withRates(Map<String, CommitmentRate> rates) {
        CataloguePrices c = new CataloguePrices(name, source, types, spotDiscount, spotInterruptionsPerHour, reserved, savingsPlan,
                loadBalancerUsdPerHour, crossZoneUsdPerGb, functions, databases, cacheNodes, storage, cdn);
        c.interRegionUsdPerGb = interRegionUsdPerGb;
        c.internetUsdPerGb = internetUsdPerGb;
        c.families = families;
        c.smtGain = smtGain;
        c.surplusUsdPerVcpuHour = surplusUsdPerVcpuHour;
        c.burstable = burstable;
        c.rates = Collections.unmodifiableMap(new TreeMap<>(rates));
        return c;
    }
}
