package io.headroom.load;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Describe;
import io.headroom.yaml.Durations;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One step of Gatling's open injection model, written in YAML as the Gatling method's name
 * wrapping its arguments: {@code - constantUsersPerSec: {rate: 20, during: 5m, randomized: true}}.
 * Steps run one after another. As in Gatling, a step's user count is computed over its whole
 * seconds ({@code during: 1500ms} injects over 1 s), while the next step starts after the full duration.
 */
@Describe("injection step")
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
    @JsonSubTypes.Type(value = OpenStep.ConstantUsersPerSec.class, name = "constantUsersPerSec"),
    @JsonSubTypes.Type(value = OpenStep.RampUsersPerSec.class, name = "rampUsersPerSec")
})
public sealed interface OpenStep {

    /** How long the step lasts; the next step starts this much later. */
    Duration during();

    /** The step's arrivals, shifted by {@code offsetNs}. */
    ArrivalStream arrivals(long offsetNs, RandomGenerator rng);

    /**
     * The mean arrival rate at {@code t} seconds into the step (for previews and load estimates): as in
     * Gatling, users arrive only during the step's whole seconds, so the rate is 0 in a fractional tail.
     */
    double rateAt(double t);

    /** The highest mean arrival rate during the step. */
    double peakRate();

    /** The step with its arrival rates (and user counts) multiplied by {@code factor}: a profile's {@code scale}. */
    OpenStep scaled(double factor);

    /** {@code constantUsersPerSec(rate).during(d)[.randomized]}. */
    record ConstantUsersPerSec(Double rate, Duration during, Boolean randomized) implements OpenStep {
        public ConstantUsersPerSec {
            FieldError.nonNegative(rate, "rate");
            FieldError.positive(during, "during");
            randomized = randomized != null && randomized;
        }

        public ArrivalStream arrivals(long offsetNs, RandomGenerator rng) {
            long seconds = during.getSeconds();
            if (randomized) {
                return new PoissonArrivals(offsetNs, seconds, rate, rate, rng);
            }
            long users = Math.round(seconds * rate);
            return new RegularArrivals(offsetNs, seconds, s -> GatlingShard.at(users, s, seconds));
        }

        public double rateAt(double t) {
            return t >= 0 && t < during.getSeconds() ? rate : 0;
        }

        public double peakRate() {
            return during.getSeconds() > 0 ? rate : 0;
        }

        public OpenStep scaled(double factor) {
            return new ConstantUsersPerSec(rate * factor, during, randomized);
        }
    }

    /** {@code rampUsersPerSec(from).to(to).during(d)[.randomized]}: the rate changes linearly. */
    record RampUsersPerSec(Double from, Double to, Duration during, Boolean randomized) implements OpenStep {
        public RampUsersPerSec {
            FieldError.nonNegative(from, "from");
            FieldError.nonNegative(to, "to");
            FieldError.positive(during, "during");
            randomized = randomized != null && randomized;
            if (!randomized && during.getSeconds() == 0 && (from > 0 || to > 0)) {
                // Gatling's RampRateOpenInjection divides by the whole seconds: it fails with
                // "ArithmeticException: Division by zero" when the run starts
                throw new FieldError("during", "a rampUsersPerSec step must last at least 1s (Gatling ramps over"
                        + " whole seconds and fails on " + Durations.format(during) + ")");
            }
        }

        public ArrivalStream arrivals(long offsetNs, RandomGenerator rng) {
            long seconds = during.getSeconds();
            if (randomized) {
                return new PoissonArrivals(offsetNs, seconds, from, to, rng);
            }
            // Gatling: users of second s = a(2s+1) + from + carried fraction, a = (to - from) / 2d,
            // rounded to 10 decimals then truncated; the fraction left over carries to the next second.
            MathContext mc = MathContext.DECIMAL128;
            BigDecimal a = seconds == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(to).subtract(BigDecimal.valueOf(from), mc).divide(BigDecimal.valueOf(2 * seconds), mc);
            BigDecimal start = BigDecimal.valueOf(from);
            BigDecimal[] pending = {BigDecimal.ZERO};
            return new RegularArrivals(offsetNs, seconds, s -> {
                BigDecimal exact = a.multiply(BigDecimal.valueOf(2 * s + 1), mc).add(start, mc).add(pending[0], mc);
                long whole = exact.setScale(10, RoundingMode.HALF_UP).longValue();
                pending[0] = exact.subtract(BigDecimal.valueOf(whole), mc);
                return whole;
            });
        }

        public double rateAt(double t) {
            double d = during.getSeconds();
            return t >= 0 && t < d ? from + (to - from) * t / d : 0;
        }

        public double peakRate() {
            return during.getSeconds() > 0 ? Math.max(from, to) : 0;
        }

        public OpenStep scaled(double factor) {
            return new RampUsersPerSec(from * factor, to * factor, during, randomized);
        }
    }
}
