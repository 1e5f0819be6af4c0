package io.headroom.design.resilience;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.Bounds;
import io.headroom.yaml.Durations;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.time.Duration;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * How a caller retries a failed call: {@code count} more attempts after the first, each after a
 * backoff delay. A retry is "selfish": it adds load to a dependency exactly when the dependency is
 * failing, so a design's {@code attempts} grow faster than its {@code requests} — retry
 * amplification, {@link #expectedAttempts(double, int)}.
 *
 * <p>YAML, on a call: {@code retries: 2} (two immediate retries), or
 * {@code retries: {count: 2, backoff: {base: 50ms, multiplier: 2, cap: 1s}, jitter: full}}.
 *
 * <p>The delay before retry {@code n} (1-based: retry 1 is the second attempt) is capped exponential
 * backoff, {@code d = min(cap, base · multiplier^(n−1))}, randomised by the jitter of Marc Brooker,
 * "Exponential Backoff And Jitter", AWS Architecture Blog, March 2015
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/; the blog's simulator is
 * aws-samples/aws-arch-backoff-simulator, {@code src/backoff_simulator.py}):
 * <ul>
 *   <li>{@code none}: {@code d};
 *   <li>{@code full}: {@code uniform(0, d)};
 *   <li>{@code equal}: {@code d/2 + uniform(0, d/2)}.
 * </ul>
 * The blog's formula is written {@code min(cap, base · 2^attempt)}; here the first retry waits
 * {@code base} itself (as Resilience4j's {@code IntervalFunction.ofExponentialBackoff(initial,
 * multiplier, max)} does), and the factor 2 is {@code multiplier}.
 *
 * @param count   retries after the first attempt (0: none), so at most {@code count + 1} attempts
 * @param backoff the delay between attempts; {@code null}: none, every retry is immediate
 * @param jitter  how the delay is randomised (default {@code none}); needs a {@code backoff}
 */
public record RetryPolicy(@AtMost(value = Limits.COUNT, why = Limits.COUNT_WHY) Integer count, Backoff backoff, Jitter jitter) {

    /** No retries: one attempt. */
    public static final RetryPolicy NONE = new RetryPolicy(0, null, null);

    /** How a backoff delay is randomised (the AWS blog's names). */
    public enum Jitter {
        /** The delay as computed: every client that failed together retries together. */
        NONE("none"),
        /** Uniform on {@code [0, d)}: the most spread out, the lowest mean wait (d/2). */
        FULL("full"),
        /** {@code d/2} plus uniform on {@code [0, d/2)}: never shorter than half the backoff; mean 3d/4. */
        EQUAL("equal");

        private final String yamlName;

        Jitter(String yamlName) {
            this.yamlName = yamlName;
        }

        /** The name as written in YAML (and in results). */
        @JsonValue
        public String yamlName() {
            return yamlName;
        }

    }

    /**
     * Capped exponential backoff: {@code {base: 50ms, multiplier: 2, cap: 1s}}.
     *
     * @param base       the delay before the first retry (required, positive)
     * @param multiplier the factor from one retry's delay to the next (default 2, as in the AWS blog; at least 1;
     *                   1 is a constant delay)
     * @param cap        the longest delay (default: none); not below {@code base}
     */
    public record Backoff(Duration base, @AtMost(value = Limits.FACTOR, why = Limits.FACTOR_WHY) Double multiplier, Duration cap) {
        public Backoff {
            FieldError.positive(base, "base");
            multiplier = multiplier == null ? 2.0 : multiplier;
            if (!(multiplier >= 1) || multiplier.isInfinite()) {
                throw new FieldError("multiplier", "must be at least 1 (1 keeps the delay constant), got "
                        + FieldError.number(multiplier));
            }
            if (cap != null) {
                FieldError.positive(cap, "cap");
                if (cap.compareTo(base) < 0) {
                    throw new FieldError("cap", "cap (" + Durations.format(cap) + ") is below base (" + Durations.format(base)
                            + "): every delay would be the cap");
                }
            }
        }

        /** The cap in nanoseconds; without a cap, {@link RetryPolicy#MAX_DELAY_NS}. */
        public long capNs() {
            return cap == null ? MAX_DELAY_NS : Math.min(cap.toNanos(), MAX_DELAY_NS);
        }
    }

    /**
     * The longest delay {@link #delayNs} returns, about 73 years: an uncapped backoff saturates here rather than
     * overflow simulated time (it is also the longest duration {@link Durations} reads).
     */
    public static final long MAX_DELAY_NS = Long.MAX_VALUE / 4;

    public RetryPolicy {
        if (FieldError.require(count, "count") < 0) {
            throw new FieldError("count", "must be zero (no retries) or more, got " + count);
        }
        jitter = jitter == null ? Jitter.NONE : jitter;
        if (backoff == null && jitter != Jitter.NONE) {
            throw new FieldError("jitter", "jitter: " + jitter.yamlName() + " needs a backoff to randomise; add "
                    + "backoff: {base: 50ms, multiplier: 2, cap: 1s}, or remove jitter");
        }
    }

    /** {@code retries: 2}: that many immediate retries. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RetryPolicy immediate(int count) {
        if (count < 0) {
            throw new FieldError("", "must be zero (no retries) or more, got " + count);
        }
        Bounds.check(RetryPolicy.class, "count", count);
        return new RetryPolicy(count, null, null);
    }

    /** {@code retries: 1.5} (or a count beyond int): refused with its own message rather than "expected a mapping". */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RetryPolicy fractional(double count) {
        throw new FieldError("", count == Math.rint(count)
                ? "'" + FieldError.number(count) + "' is out of range (at most " + Integer.MAX_VALUE + ")"
                : "a count of retries is a whole number, got " + FieldError.number(count));
    }

    /** {@code retries: "2"}: refused, as every quoted number is. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RetryPolicy text(String text) {
        throw new FieldError("", "expected a count of retries (retries: 2) or a mapping (retries: {count: 2, backoff: "
                + "{base: 50ms}}), found the string \"" + text + "\"");
    }

    /** The most attempts one call makes: {@code count + 1}. */
    public int maxAttempts() {
        return count + 1;
    }

    /**
     * The wait before retry {@code retry} (1 ≤ retry ≤ count), in nanoseconds of simulated time. Draws one
     * {@code rng.nextDouble()} for {@code full} and {@code equal} jitter and none otherwise ({@code rng} may then be
     * null), so a policy without jitter does not shift its caller's random stream. Allocation-free.
     */
    public long delayNs(int retry, RandomGenerator rng) {
        if (retry < 1 || retry > count) {
            throw new IllegalArgumentException("retry " + retry + " is not between 1 and count (" + count + ")");
        }
        if (backoff == null) {
            return 0;
        }
        long d = backoffNs(retry);
        return switch (jitter) {
            case NONE -> d;
            // (long) truncates: uniform on the whole nanoseconds of [0, d)
            case FULL -> (long) (rng.nextDouble() * d);
            case EQUAL -> {
                double half = d * 0.5;
                yield (long) (half + rng.nextDouble() * half);
            }
        };
    }

    /** The backoff before retry {@code retry} before jitter: {@code min(cap, base · multiplier^(retry−1))} ns. */
    public long backoffNs(int retry) {
        if (backoff == null) {
            return 0;
        }
        double raw = backoff.base().toNanos() * Math.pow(backoff.multiplier(), retry - 1);
        long cap = backoff.capNs();
        // compared in double first: raw may exceed any long (multiplier^retry overflows long arithmetic)
        return raw >= cap ? cap : Math.round(raw);
    }

    /**
     * The mean wait before retry {@code retry}, in nanoseconds: {@code d} for {@code none}, {@code d/2} for
     * {@code full}, {@code 3d/4} for {@code equal} (before truncation to whole nanoseconds).
     */
    public double meanDelayNs(int retry) {
        double d = backoffNs(retry);
        return switch (jitter) {
            case NONE -> d;
            case FULL -> d / 2;
            case EQUAL -> 0.75 * d;
        };
    }

    /** {@link #expectedAttempts(double, int)} for this policy's count. */
    public double expectedAttempts(double failureProbability) {
        return expectedAttempts(failureProbability, count);
    }

    /**
     * Retry amplification in closed form: the expected number of attempts one call makes against a dependency
     * whose every attempt fails independently with probability {@code q}, retrying up to {@code retries} times:
     * {@code 1 + q + q² + … + q^retries} (attempt k+1 happens exactly when the first k all failed). At
     * {@code q = 1} it is {@code retries + 1}; the ratio {@code attempts / requests} in results should equal it.
     */
    public static double expectedAttempts(double q, int retries) {
        checkProbability(q);
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be zero or more, got " + retries);
        }
        double sum = 0;
        double term = 1;
        for (int k = 0; k <= retries; k++) {
            sum += term;
            term *= q;
        }
        return sum;
    }

    /** The probability that a call still fails after all its attempts: {@code q^(retries+1)}. */
    public static double failureProbability(double q, int retries) {
        checkProbability(q);
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be zero or more, got " + retries);
        }
        return Math.pow(q, retries + 1);
    }

    private static void checkProbability(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("a failure probability is between 0 and 1, got " + q);
        }
    }
}
