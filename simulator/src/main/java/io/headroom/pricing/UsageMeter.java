package io.headroom.pricing;

import java.util.function.LongConsumer;

/**
 * A charge by usage, counted as it happens and billed at a fixed price per unit: bytes sent between regions or out to
 * the internet, requests and bytes served by a CDN. Reported under its {@code component} (in {@code by_component}) and
 * {@code market} (in {@code by_market}), and, with a {@code region}, in that region's cost. Allocation-free.
 */
public final class UsageMeter implements LongConsumer {
    private final CostLedger ledger;
    private final String component;
    private final String market;
    private final String region;
    private final double usdPerUnit;
    private long units;

    UsageMeter(CostLedger ledger, String component, String market, String region, double usdPerUnit) {
        this.ledger = ledger;
        this.component = component;
        this.market = market;
        this.region = region;
        this.usdPerUnit = usdPerUnit;
    }

    /** {@code n} more units used now. */
    @Override
    public void accept(long n) {
        units += n;
        ledger.addLump(n * usdPerUnit);
    }

    public String component() {
        return component;
    }

    public String market() {
        return market;
    }

    /** The region billed, or null. */
    public String region() {
        return region;
    }

    public long units() {
        return units;
    }

    public double usd() {
        return units * usdPerUnit;
    }
}
