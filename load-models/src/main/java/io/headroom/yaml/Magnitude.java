package io.headroom.yaml;

/** A configuration value with a size that {@link AtMost} can bound, in its own unit: a data size's bytes, a fraction's value. */
public interface Magnitude {
    /** The amount in the unit {@link AtMost#value} is written in. */
    double magnitude();
}
