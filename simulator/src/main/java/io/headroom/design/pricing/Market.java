package io.headroom.design.pricing;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How an instance is bought. On-demand is paid by the second at the catalogue price; spot is
 * spare capacity at a discount that the cloud can take back with a two-minute notice.
 * (Reserved instances and savings plans are not markets an instance is launched in: they are
 * billing constructs, {@link CommitmentSpec}, that cover running on-demand instances.)
 */
public enum Market {
    ON_DEMAND("on-demand"),
    SPOT("spot");

    private final String key;

    Market(String key) {
        this.key = key;
    }

    /** The name used in YAML and in results. */
    @JsonValue
    public String key() {
        return key;
    }
}
