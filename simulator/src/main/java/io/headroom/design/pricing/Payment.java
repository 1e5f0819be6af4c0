package io.headroom.design.pricing;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a reserved instance is paid for (AWS's three payment options): nothing upfront and a discounted rate every hour of
 * the term; part of it upfront and a lower hourly rate; or all of it upfront and nothing by the hour. A commitment's
 * effective hourly price is {@code upfront / hours of the term + hourly}, paid whether the reservation is used or not.
 */
public enum Payment {
    NO_UPFRONT("no-upfront"),
    PARTIAL_UPFRONT("partial-upfront"),
    ALL_UPFRONT("all-upfront");

    private final String key;

    Payment(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    /** The option named {@code key} ({@code no-upfront}, {@code partial-upfront}, {@code all-upfront}), or null. */
    public static Payment of(String key) {
        for (Payment p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        return null;
    }
}
