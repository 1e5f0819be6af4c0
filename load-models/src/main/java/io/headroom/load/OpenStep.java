package io.headroom.load;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.OptBoolean;
import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.load.arrival.ArrivalStream;
import io.headroom.load.arrival.GatlingShard;
import io.headroom.load.arrival.HeavisideArrivals;
import io.headroom.load.arrival.PoissonArrivals;
import io.headroom.load.arrival.RateShape;
import io.headroom.load.arrival.RegularArrivals;
import io.headroom.load.arrival.ThinnedArrivals;
import io.headroom.load.trace.TraceFormat;
import io.headroom.load.trace.TraceReplay;
import io.headroom.load.trace.TraceSpec;
import io.headroom.load.trace.TraceUnit;
import io.headroom.load.trace.TraceWindow;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.Describe;
import io.headroom.yaml.Durations;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.YamlDocument;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One step of Gatling's open injection model, written in YAML as the Gatling method's name
 * wrapping its arguments: {@code - constantUsersPerSec: {rate: 20, during: 5m, randomized: true}}.
 * Steps run one after another. As in Gatling, a step's user count is computed over its whole
 * seconds ({@code during: 1500ms} injects over 1 s), while the next step starts after the full duration.
 * ({@code stressPeakUsers} counts whole milliseconds, as Gatling does; the shapes beyond Gatling's,
 * {@code diurnal}, {@code spikes} and {@code piecewise}, carry users over their whole duration.)
 */
@Describe("injection step")
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
    @JsonSubTypes.Type(value = OpenStep.ConstantUsersPerSec.class, name = "constantUsersPerSec"),
    @JsonSubTypes.Type(value = OpenStep.RampUsersPerSec.class, name = "rampUsersPerSec"),
    @JsonSubTypes.Type(value = OpenStep.NothingFor.class, name = "nothingFor"),
    @JsonSubTypes.Type(value = OpenStep.AtOnceUsers.class, name = "atOnceUsers"),
    @JsonSubTypes.Type(value = OpenStep.RampUsers.class, name = "rampUsers"),
    @JsonSubTypes.Type(value = OpenStep.StressPeakUsers.class, name = "stressPeakUsers"),
    @JsonSubTypes.Type(value = OpenStep.IncrementUsersPerSec.class, name = "incrementUsersPerSec"),
    @JsonSubTypes.Type(value = OpenStep.Diurnal.class, name = "diurnal"),
    @JsonSubTypes.Type(value = OpenStep.Spikes.class, name = "spikes"),
    @JsonSubTypes.Type(value = OpenStep.Piecewise.class, name = "piecewise"),
    @JsonSubTypes.Type(value = OpenStep.Trace.class, name = "trace")
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
    record ConstantUsersPerSec(@AtMost(value = Limits.RATE, why = Limits.RATE_WHY) Double rate, Duration during, Boolean randomized) implements OpenStep {
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
    record RampUsersPerSec(@AtMost(value = Limits.RATE, why = Limits.RATE_WHY) Double from, @AtMost(value = Limits.RATE, why = Limits.RATE_WHY) Double to, Duration during, Boolean randomized) implements OpenStep {
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

    // ---- the rest of Gatling's open steps (Gatling 3.15.1's rules; see GatlingStepsParityTest) ----

    /** {@code nothingFor(d)}: nobody arrives for {@code during}. */
    record NothingFor(Duration during) implements OpenStep {
        public NothingFor {
            FieldError.positive(during, "during");
        }

        public ArrivalStream arrivals(long offsetNs, RandomGenerator rng) {
            return () -> ArrivalStream.END;
        }

        public double rateAt(double t) {
            return 0;
        }

        public double peakRate() {
            return 0;
        }

        public OpenStep scaled(double factor) {
            return this;
        }
    }

    /**
     * {@code atOnceUsers(n)}: {@code users} users at the step's start, all at the same instant. The step
     * lasts no time (the next one starts at the same instant). A burst has no rate: {@code rateAt} and
     * {@code peakRate} are 0, and its users are not spread over any time.
     */
    record AtOnceUsers(@AtMost(value = Limits.OPEN_USERS, why = Limits.OPEN_USERS_WHY) Long users) implements OpenStep {
        public AtOnceUsers {
            Checks.users(users, "users");
        }

        public Duration during() {
            return Duration.ZERO;
        }

        public ArrivalStream arrivals(long offsetNs, RandomGenerator rng) {
            return new ArrivalStream() {
                private long left = users;

                public long next() {
                    return left-- > 0 ? offsetNs : END;
                }
            };
        }

        public double rateAt(double t) {
            return 0;
        }

        public double peakRate() {
            return 0;
        }

        public OpenStep scaled(double factor) {
            return new AtOnceUsers(Math.round(users * factor));
        }
    }

    /**
     * {@code rampUsers(n).during(d)}: {@code users} users spread evenly over the step's whole seconds, as
     * Gatling's {@code RampOpenInjection} spreads them: second {@code s} of {@code S} gets
     * {@code ceil(n (s+1) / S) - ceil(n s / S)} users, spread over its milliseconds (so
     * {@code rampUsers(10).during(10s)} starts one user at 0, 1, ..., 9 s). Gatling injects nobody from a
     * ramp shorter than a second, so such a step is refused.
     */
    record RampUsers(@AtMost(value = Limits.OPEN_USERS, why = Limits.OPEN_USERS_WHY) Long users, Duration during) implements OpenStep {
        public RampUsers {
            Checks.users(users, "users");
            FieldError.positive(during, "during");
            if (users > 0 && during.getSeconds() == 0) {
                throw new FieldError("during", "a rampUsers step must last at least 1s: Gatling spreads its users over"
                        + " whole seconds and injects none of them in " + Durations.format(during)
                        + " (for users all at once, use atOnceUsers)");
            }
        }

        public ArrivalStream arrivals(long offsetNs, RandomGenerator rng) {
            long seconds = during.getSeconds();
            return new RegularArrivals(offsetNs, seconds, s -> GatlingShard.at(users, s, seconds));
        }

        public double rateAt(double t) {
            long seconds = during.getSeconds();
            return t >= 0 && t < seconds ? (double) users / seconds : 0;
        }

        public double peakRate() {
            return during.getSeconds() > 0 ? (double) users / during.getSeconds() : 0;
        }

        public OpenStep scaled(double factor) {
            return new RampUsers(Math.round(users * factor), during);
        }
    }

    /**
     * {@code stressPeakUsers(n).during(d)}: {@code users} users following Gatling's smoothed step
     * (its {@code HeavisideOpenInjection}): few at the start and the end, most around the middle, at the
     * milliseconds Gatling computes (see {@link HeavisideArrivals}). The mean rate is
     * {@code (n + 2) / (k sqrt(pi)) exp(-(t / k - t0)^2)}, {@code t0 = |erfinv(2 / (n + 2) - 1)|},
     * {@code k = d / (2 t0)}, highest at {@code d / 2}.
     */
    record StressPeakUsers(@AtMost(value = Limits.OPEN_USERS, why = Limits.OPEN_USERS_WHY) Long users, Duration during) implements OpenStep {
        public StressPeakUsers {
            Checks.users(users, "users");
            FieldError.positive(during, "during");
            if (users > 0 && during.toMillis() == 0) {
                throw new FieldError("during", "a stressPeakUsers step must last at least 1ms (Gatling schedules it in"
                        + " whole milliseconds), got " + Durations.format(during));
            }
        }

        public ArrivalStream arrivals(long offsetNs, RandomGenerator rng) {
            return users == 0 ? () -> ArrivalStream.END : new HeavisideArrivals(offsetNs, users, during.toMillis());
        }

        public double rateAt(double t) {
            return t >= 0 && t < Checks.seconds(during) ? HeavisideArrivals.rate(users, during.toMillis(), t) : 0;
        }

        public double peakRate() {
            return HeavisideArrivals.rate(users, during.toMillis(), during.toMillis() / 2000.0);
        }

        public OpenStep scaled(double factor) {
            return new StressPeakUsers(Math.round(users * factor), during);
        }
    }

    /**
     * {@code incrementUsersPerSec(step).times(n).eachLevelLasting(level).separatedByRampsLasting(ramp)
     * .startingFrom(from)}: Gatling's staircase ({@code StairsUsersPerSecCompositeStep}), run as the
     * constant and ramp steps Gatling expands it into ({@link #expand()}): level {@code i} (0..n-1) is
     * {@code constantUsersPerSec(from + i * step).during(level)}, and, when {@code ramp} is not 0,
     * {@code rampUsersPerSec} steps of {@code ramp} join consecutive levels. From 0, a ramp also leads
     * up to the first level, which is then {@code step} (Gatling's rule): levels {@code (i + 1) * step}.
     * Gatling 3.15.1 has no {@code randomized} for this step. {@code step} may be negative while every
     * level's rate stays zero or more.
     */
    record IncrementUsersPerSec(@AtMost(value = Limits.RATE, why = Limits.RATE_WHY) Double step, @AtMost(value = Limits.COUNT, why = Limits.COUNT_WHY) Integer times, Duration level, Duration ramp, @AtMost(value = Limits.RATE, why = Limits.RATE_WHY) Double from) implements OpenStep {
        public IncrementUsersPerSec {
            Checks.finite(step, "step");
            FieldError.positive(times, "times");
            FieldError.positive(level, "level");
            ramp = ramp == null ? Duration.ZERO : ramp;
            from = from == null ? 0.0 : from;
            FieldError.nonNegative(from, "from");
            if (!ramp.isZero() && ramp.getSeconds() == 0) {
                throw new FieldError("ramp", "must be 0s (no ramps) or at least 1s: Gatling ramps over whole seconds and"
                        + " fails on " + Durations.format(ramp));
            }
            for (int i = 0; i < times; i++) {
                double rate = from == 0 && !ramp.isZero() ? (i + 1) * step : i * step + from;
                if (rate < 0) {
                    throw new FieldError("step", "the rate goes negative: level " + (i + 1) + " would be "
                            + FieldError.number(rate) + " users/s");
                }
            }
        }

        /** Gatling's constant and ramp steps, computed one at a time when asked for (no list of them is kept). */
        public List<OpenStep> expand() {
            double step = this.step;
            double from = this.from;
            Duration level = this.level;
            Duration ramp = this.ramp;
            boolean ramps = !ramp.isZero();
            boolean fromZero = from == 0;
            int size = !ramps ? times : fromZero ? 2 * times : 2 * times - 1;
            return new java.util.AbstractList<>() {
                public OpenStep get(int j) {
                    java.util.Objects.checkIndex(j, size);
                    if (!ramps) {
                        return new ConstantUsersPerSec(j * step + from, level, false);
                    }
                    int i = j / 2;
                    if (fromZero) {
                        return j % 2 == 0
                                ? new RampUsersPerSec(i * step, (i + 1) * step, ramp, false)
                                : new ConstantUsersPerSec((i + 1) * step, level, false);
                    }
                    return j % 2 == 0
                            ? new ConstantUsersPerSec(i * step + from, level, false)
                            : new RampUsersPerSec(i * step + from, (i + 1) * step + from, ramp, false);
                }

                public int size() {
                    return size;
                }
            };
        }

        public Duration during() {
            long ramps = ramp.isZero() ? 0 : from == 0 ? times : times - 1;
            return level.multipliedBy(times).plus(ramp.multipliedBy(ramps));
        }

        public ArrivalStream arrivals(long offsetNs, RandomGenerator rng) {
            return new ChainedArrivals(offsetNs, expand(), rng);
        }

        public double rateAt(double t) {
            double start = 0;
            for (OpenStep s : expand()) {
                double d = Checks.seconds(s.during());
                if (t < start + d) {
                    return t >= start ? s.rateAt(t - start) : 0;
                }
                start += d;
            }
            return 0;
        }

        public double peakRate() {
            double peak = 0;
            for (OpenStep s : expand()) {
                peak = Math.max(peak, s.peakRate());
            }
            return peak;
        }

        public OpenStep scaled(double factor) {
            return new IncrementUsersPerSec(step * factor, times, level, ramp, from * factor);
        }
    }

    // ---- shapes beyond Gatling's: non-homogeneous Poisson processes (ThinnedArrivals) ----------------

    /**
     * A step whose arrivals are a non-homogeneous Poisson process with a known rate shape, generated
     * by thinning (the shapes beyond Gatling's).
     */
    sealed interface Shaped extends OpenStep {
        /** The rate over the step. */
        RateShape shape();

        default ArrivalStream arrivals(long offsetNs, RandomGenerator rng) {
            return new ThinnedArrivals(offsetNs, shape(), rng);
        }

        default double rateAt(double t) {
            return shape().rateAt(t);
        }

        default double peakRate() {
            return shape().peak();
        }
    }

    /**
     * {@code diurnal: {peak, trough, period, phase, during}}: a Poisson process whose rate is a sinusoid
     * between {@code trough} and {@code peak} users per second,
     * {@code rate(t) = trough + (peak - trough) (1 - cos(2 pi (t - phase) / period)) / 2},
     * {@code t} from the step's start. At the trough when {@code t = phase} (default 0s: the step starts at
     * the trough), at the peak half a period later. E.g. {@code period: 24h, phase: 4h}, the step
     * starting at midnight: quietest at 04:00, busiest at 16:00. Unlike Gatling's steps, the whole
     * {@code during} carries users, fractions of a second included.
     */
    record Diurnal(@AtMost(value = Limits.RATE, why = Limits.RATE_WHY) Double peak, @AtMost(value = Limits.RATE, why = Limits.RATE_WHY) Double trough, Duration period, Duration phase, Duration during) implements Shaped {
        public Diurnal {
            FieldError.nonNegative(trough, "trough");
            FieldError.nonNegative(peak, "peak");
            if (peak < trough) {
                throw new FieldError("peak", "must be at least the trough (" + FieldError.number(trough) + "), got "
                        + FieldError.number(peak));
            }
            FieldError.positive(period, "period");
            phase = phase == null ? Duration.ZERO : phase;
            FieldError.positive(during, "during");
        }

        public RateShape shape() {
            return new RateShapes.Diurnal(peak, trough, Checks.seconds(period), Checks.seconds(phase), Checks.seconds(during));
        }

        public OpenStep scaled(double factor) {
            return new Diurnal(peak * factor, trough * factor, period, phase, during);
        }
    }

    /**
     * {@code spikes: {base, height, every, width, during}}: a Poisson process at {@code base} users per
     * second, plus {@code height} for {@code width} at the start of every {@code every}:
     * {@code rate(t) = base + height} while {@code t mod every < width}, else {@code base}; the first
     * spike starts with the step. {@code height} may be negative (a dip) while {@code base + height}
     * stays zero or more; {@code width} is shorter than {@code every}.
     */
    record Spikes(@AtMost(value = Limits.RATE, why = Limits.RATE_WHY) Double base, @AtMost(value = Limits.RATE, why = Limits.RATE_WHY) Double height, Duration every, Duration width, Duration during) implements Shaped {
        public Spikes {
            FieldError.nonNegative(base, "base");
            Checks.finite(height, "height");
            if (base + height < 0) {
                throw new FieldError("height", "the rate goes negative during a spike: base + height = "
                        + FieldError.number(base + height) + " users/s");
            }
            FieldError.positive(every, "every");
            FieldError.positive(width, "width");
            if (width.compareTo(every) >= 0) {
                throw new FieldError("width", "a spike must be shorter than 'every' (" + Durations.format(every) + "), got "
                        + Durations.format(width));
            }
            FieldError.positive(during, "during");
        }

        public RateShape shape() {
            return new RateShapes.Spikes(base, height, Checks.seconds(every), Checks.seconds(width), Checks.seconds(during));
        }

        public OpenStep scaled(double factor) {
            return new Spikes(base * factor, height * factor, every, width, during);
        }
    }

    /**
     * {@code piecewise: [[0s, 10], [10m, 50], [30m, 50], [40m, 0]]} (or {@code piecewise: {points: [...]}}): a
     * Poisson process whose rate runs in straight lines between {@code [time, rate]} points. Times are
     * durations from the step's start (with units, as every duration), the first {@code 0s}; the last ends
     * the step. Times never go back; two points at the same time make a jump. Rates are users per second.
     */
    record Piecewise(List<RatePoint> points) implements Shaped {
        public Piecewise {
            RatePoint.check(FieldError.require(points, "points"), "");
            points = List.copyOf(points);
        }

        /** From YAML: a list of points, or a mapping with {@code points}. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Piecewise of(JsonNode node) {
            return new Piecewise(RatePoint.parse(node));
        }

        public Duration during() {
            return points.get(points.size() - 1).at();
        }

        public RateShape shape() {
            return new RateShapes.Piecewise(points);
        }

        public OpenStep scaled(double factor) {
            return new Piecewise(RatePoint.scaled(points, factor));
        }
    }

    /**
     * {@code trace: {file: traces/nasa-jul95.csv, time-column: minute_index, count-column: requests, unit: min,
     * speedup: 60}}: a recorded request series (CSV) or access log ({@code format: clf}) played back; the
     * rules are in {@link TraceReplay}. The file, relative to the profile, is read and checked when the
     * profile is bound, and read again row by row as arrivals are pulled. Unlike Gatling's steps, a trace
     * injects over its whole duration, fractions of a second included.
     */
    record Trace(TraceReplay replay) implements OpenStep {
        @JsonCreator
        static Trace of(@JsonProperty("file") String file, @JsonProperty("format") TraceFormat format,
                        @JsonProperty("time-column") String timeColumn, @JsonProperty("count-column") String countColumn,
                        @JsonProperty("rate-column") String rateColumn, @JsonProperty("unit") TraceUnit unit,
                        @JsonProperty("speedup") @AtMost(value = Limits.FACTOR, why = Limits.FACTOR_WHY) Double speedup, @JsonProperty("scale") @AtMost(value = Limits.FACTOR, why = Limits.FACTOR_WHY) Double scale,
                        @JsonProperty("window") TraceWindow window,
                        @JacksonInject(value = YamlDocument.BASE_DIR, useInput = OptBoolean.FALSE, optional = OptBoolean.TRUE)
                        Path baseDir) {
            return new Trace(TraceReplay.open(
                    new TraceSpec(file, format, timeColumn, countColumn, rateColumn, unit, speedup, scale, window), baseDir));
        }

        public Duration during() {
            return replay.during();
        }

        public ArrivalStream arrivals(long offsetNs, RandomGenerator rng) {
            return replay.arrivals(offsetNs, rng);
        }

        public double rateAt(double t) {
            return replay.rateAt(t);
        }

        public double peakRate() {
            return replay.peakRate();
        }

        public OpenStep scaled(double factor) {
            return new Trace(replay.scaled(factor));
        }
    }
}
