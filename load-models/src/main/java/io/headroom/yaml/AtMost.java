package io.headroom.yaml;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The largest value a configuration key may take, and why: the limit comes from what the engine can
 * hold (array sizes, the request and user pools, the nanosecond clock, memory), so a value past it is
 * refused at binding with a located error that states the reason, instead of failing later as an
 * out-of-memory or array-size error. Put on a record component; the YAML binder ({@link Bounds})
 * checks the value as it is read (each element of a list or map of numbers).
 *
 * <p>{@link #value} is written as the key's values are: a number ({@code 1e6}, {@code 100000}) for
 * numbers, a duration ({@code 3650d}) for durations. Every number and duration of every configuration
 * record carries one (a test walks them), so keys added later get bounds too.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface AtMost {
    /** The largest accepted value, as the user would write it. */
    String value();

    /** The reason, finishing "at most VALUE: ..." in the error. */
    String why();

    /**
     * True when the record's constructor refuses a value past the bound itself, with a message that says
     * more (a share written as a percentage: "write 0.8 or 80%"): the binder then leaves the check to it.
     */
    boolean byRecord() default false;
}
