package io.headroom.pricing;

import io.headroom.design.pricing.FunctionPrice;

/**
 * The bill of one serverless function: requests and billed duration, priced per request and per
 * GB-second (memory in GB, 1 GB = 1024 MB as Lambda counts it, times the billed seconds). A function
 * component calls {@link #invoked} once per finished invocation; that is all the per-request work.
 */
public final class FunctionMeter {
    private final String component;
    private final FunctionPrice price;
    private final int memoryMb;
    private final double usdPerBilledMs;
    private final CostLedger ledger;
    private long requests;
    private long billedMs;

    FunctionMeter(String component, FunctionPrice price, int memoryMb, CostLedger ledger) {
        this.component = component;
        this.price = price;
        this.memoryMb = memoryMb;
        this.usdPerBilledMs = memoryMb / 1024.0 / 1000.0 * price.usdPerGbSecond();
        this.ledger = ledger;
    }

    /**
     * Lambda's billed duration of an invocation that took {@code durationNs} (cold start included):
     * rounded up to the next millisecond.
     */
    public static long billedMillis(long durationNs) {
        return Math.max(1, (durationNs + 999_999) / 1_000_000);
    }

    /** One invocation finished, billed for {@code billedMs} milliseconds. Allocation-free. */
    public void invoked(long billedMs) {
        requests++;
        this.billedMs += billedMs;
        ledger.addLump(price.usdPerRequest() + billedMs * usdPerBilledMs);
    }

    public String component() {
        return component;
    }

    public long requests() {
        return requests;
    }

    public long billedMs() {
        return billedMs;
    }

    /** Memory in GB times billed seconds. */
    public double gbSeconds() {
        return memoryMb / 1024.0 * billedMs / 1000.0;
    }

    public double usd() {
        return requests * price.usdPerRequest() + gbSeconds() * price.usdPerGbSecond();
    }
}
