package io.headroom.design;

import io.headroom.yaml.FieldError;

/**
 * A call an endpoint makes to another component after its own work: {@code {to: orders, endpoint:
 * get, p: 0.3, write: true}}. The caller waits for the answer (holding its worker unless the
 * endpoint is {@code async}); a failed call fails the caller's request as {@code dependency}.
 *
 * @param to       the component called
 * @param endpoint the callee's endpoint (default: the caller's endpoint name)
 * @param p        probability that the call is made (default 1)
 * @param write    marks a write (a sharded store sends it to the shard's primary)
 */
public record CallSpec(String to, String endpoint, Double p, Boolean write) {
    public CallSpec {
        FieldError.require(to, "to");
        p = p == null ? 1.0 : p;
        if (!(p >= 0 && p <= 1)) {
            throw new FieldError("p", "a probability is between 0 and 1, got " + FieldError.number(p));
        }
        write = write != null && write;
    }

    /** A call made every time. */
    public static CallSpec to(String component) {
        return new CallSpec(component, null, null, null);
    }
}
