package io.headroom.pricing;

/**
 * The bill of one CDN (CloudFront): requests its edges received and the bytes they sent back to the users, priced
 * per 10,000 requests and per GB (1 GB = 2^30 bytes, as the ledger counts cross-zone traffic). Every request is billed,
 * warm-up included, as the ledger bills the whole run; bytes are billed for the answers sent (an error's few bytes are
 * not counted). The CDN calls {@link #received} once per request and {@link #sent} once per answer.
 */
public final class CdnMeter {
    private static final double BYTES_PER_GB = 1L << 30;
    private final String component;
    private final double usdPerGb;
    private final double usdPerRequest;
    private final CostLedger ledger;
    private long requests;
    private long bytes;

    CdnMeter(String component, double usdPerGb, double usdPer10kRequests, CostLedger ledger) {
        this.component = component;
        this.usdPerGb = usdPerGb;
        this.usdPerRequest = usdPer10kRequests / 10_000;
        this.ledger = ledger;
    }

    /** An edge received a request. Allocation-free. */
    public void received() {
        requests++;
        ledger.addLump(usdPerRequest);
    }

    /** An edge sent an answer {@code responseBytes} long back to its user. Allocation-free. */
    public void sent(long responseBytes) {
        bytes += responseBytes;
        ledger.addLump(responseBytes / BYTES_PER_GB * usdPerGb);
    }

    public String component() {
        return component;
    }

    /** Requests the edges received. */
    public long requests() {
        return requests;
    }

    /** Bytes the edges sent to the users. */
    public long bytes() {
        return bytes;
    }

    /** Its bill: requests × the price per request plus GB × the price per GB. */
    public double usd() {
        return requests * usdPerRequest + bytes / BYTES_PER_GB * usdPerGb;
    }
}
