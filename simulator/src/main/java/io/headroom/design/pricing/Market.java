package io.headroom.design.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How an instance is bought. On-demand is paid by the second at the catalogue price; spot is
 * spare capacity at a discount that the cloud can take back with a two-minute notice.
 * (Reserved instances and savings plans are not markets an instance is launched in: they are
 * billing constructs, {@link CommitmentSpec}, that cover running on-demand instances.)
 */
public enum Market {
    @JsonProperty("on-demand") ON_DEMAND("on-demand"),
    @JsonProperty("spot") SPOT("spot");

    private final String key;

    Market(String key) {
        this.key = key;
    }

    /** The name used in YAML and in results. */
    public String key() {
        return key;
    }
}
