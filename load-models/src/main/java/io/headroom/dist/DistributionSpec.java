package io.headroom.dist;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.Durations;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.math3.distribution.EnumeratedRealDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A distribution of durations (a CPU demand, an off-CPU wait, a think time), written in YAML as
 * {@code {dist: exponential, mean: 2ms}}. Sampling is done by commons-math3; each spec knows its
 * mean and squared coefficient of variation so that models and reports can reason about load.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "dist")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DistributionSpec.Constant.class, name = "constant"),
    @JsonSubTypes.Type(value = DistributionSpec.Exponential.class, name = "exponential"),
    @JsonSubTypes.Type(value = DistributionSpec.Lognormal.class, name = "lognormal"),
    @JsonSubTypes.Type(value = DistributionSpec.Gamma.class, name = "gamma"),
    @JsonSubTypes.Type(value = DistributionSpec.Uniform.class, name = "uniform"),
    @JsonSubTypes.Type(value = DistributionSpec.Empirical.class, name = "empirical")
})
public sealed interface DistributionSpec {

    /** Mean in seconds. */
    double meanSeconds();

    /** Squared coefficient of variation, Var/mean²; 0 for a constant, 1 for an exponential. */
    double scv();

    /**
     * A sampler on the given random stream. {@code baseDir} resolves relative sample files.
     *
     * @throws BadInputException if a sample file cannot be used (located at the file's row)
     */
    DurationSampler sampler(RandomGenerator rng, Path baseDir) throws BadInputException;

    /** Whether a draw takes random numbers: false for a constant and for a trace replayed in order. */
    default boolean random() {
        return true;
    }

    private static DurationSampler of(RealDistribution d) {
        return () -> toNanos(d.sample());
    }

    /**
     * Samples are capped at {@link #MAX_SAMPLE_NS} (about 31 years): a heavy tail must not push the
     * simulated clock past the range of a {@code long}.
     */
    long MAX_SAMPLE_NS = 1_000_000_000_000_000_000L;

    private static long toNanos(double seconds) {
        if (!(seconds > 0)) {
            return 0L;
        }
        double ns = seconds * 1e9;
        return ns >= MAX_SAMPLE_NS ? MAX_SAMPLE_NS : Math.round(ns);
    }

    /** Always the same value. */
    record Constant(Duration value) implements DistributionSpec {
        public Constant {
            FieldError.require(value, "value");
        }

        public double meanSeconds() {
            return Durations.seconds(value);
        }

        public double scv() {
            return 0;
        }

        public DurationSampler sampler(RandomGenerator rng, Path baseDir) {
            long ns = value.toNanos();
            return () -> ns;
        }

        @Override
        public boolean random() {
            return false;
        }
    }

    /**
     * Memoryless: the classic service time of queueing theory. Drawn by inversion,
     * {@code -mean * ln(1 - U)} with {@link Math#log} (a JIT intrinsic), as the arrival streams
     * draw their gaps: one uniform per draw. commons-math3's {@code ExponentialDistribution.sample()}
     * (Ahrens–Dieter) loops over the uniform's leading bits and a third of the time draws more,
     * branches the processor cannot predict: about twice the cost per draw (benchmarks'
     * {@code SamplingBenchmark}), and the largest single item of a run's profile.
     */
    record Exponential(Duration mean) implements DistributionSpec {
        public Exponential {
            FieldError.positive(mean, "mean");
        }

        public double meanSeconds() {
            return Durations.seconds(mean);
        }

        public double scv() {
            return 1;
        }

        public DurationSampler sampler(RandomGenerator rng, Path baseDir) {
            double meanS = meanSeconds();
            return () -> toNanos(-meanS * Math.log(1.0 - rng.nextDouble()));
        }
    }

    /**
     * Right-skewed, the usual shape of measured service times. Given either as {@code median} and
     * {@code p99} (the way latency is usually known), or as {@code mu} and {@code sigma} of ln(t),
     * with t in {@code unit} (default seconds).
     */
    record Lognormal(Duration median, Duration p99, @AtMost(value = Limits.SHAPE, why = Limits.SHAPE_WHY) Double mu, @AtMost(value = Limits.SHAPE, why = Limits.SHAPE_WHY) Double sigma, TimeUnitName unit) implements DistributionSpec {
        /** The 0.99 quantile of the standard normal. */
        static final double Z99 = 2.3263478740408408;

        public Lognormal {
            boolean byQuantiles = median != null || p99 != null;
            boolean byParams = mu != null || sigma != null;
            if (byQuantiles && byParams) {
                throw new FieldError("mu", "give either median and p99, or mu and sigma, not both");
            }
            if (byParams) {
                FieldError.require(mu, "mu");
                FieldError.positive(sigma, "sigma");
                if (unit == null) {
                    unit = TimeUnitName.S;
                }
            } else {
                FieldError.positive(median, "median");
                FieldError.positive(p99, "p99");
                if (p99.compareTo(median) <= 0) {
                    throw new FieldError("p99", "p99 (" + Durations.format(p99) + ") must be above the median ("
                            + Durations.format(median) + ")");
                }
                if (unit != null) {
                    throw new FieldError("unit", "'unit' applies to mu only; median and p99 carry their own units");
                }
            }
        }

        /** mu of ln(t in seconds). */
        public double muSeconds() {
            return mu != null ? mu + Math.log(unit.seconds()) : Math.log(Durations.seconds(median));
        }

        public double sigmaValue() {
            return sigma != null ? sigma : (Math.log(Durations.seconds(p99)) - Math.log(Durations.seconds(median))) / Z99;
        }

        public double meanSeconds() {
            double s = sigmaValue();
            return Math.exp(muSeconds() + s * s / 2);
        }

        public double scv() {
            double s = sigmaValue();
            return Math.expm1(s * s);
        }

        public DurationSampler sampler(RandomGenerator rng, Path baseDir) {
            return of(new LogNormalDistribution(rng, muSeconds(), sigmaValue()));
        }
    }

    /** Gamma by mean and coefficient of variation (cv = 1 is exponential; below 1 more regular). */
    record Gamma(Duration mean, @AtMost(value = Limits.SHAPE, why = Limits.SHAPE_WHY) Double cv) implements DistributionSpec {
        public Gamma {
            FieldError.positive(mean, "mean");
            FieldError.positive(cv, "cv");
        }

        public double meanSeconds() {
            return Durations.seconds(mean);
        }

        public double scv() {
            return cv * cv;
        }

        public DurationSampler sampler(RandomGenerator rng, Path baseDir) {
            double shape = 1 / (cv * cv);
            return of(new GammaDistribution(rng, shape, meanSeconds() / shape));
        }
    }

    /** Uniform between {@code min} and {@code max}. */
    record Uniform(Duration min, Duration max) implements DistributionSpec {
        public Uniform {
            FieldError.require(min, "min");
            FieldError.require(max, "max");
            if (max.compareTo(min) <= 0) {
                throw new FieldError("max", "max (" + Durations.format(max) + ") must be above min (" + Durations.format(min) + ")");
            }
        }

        public double meanSeconds() {
            return (Durations.seconds(min) + Durations.seconds(max)) / 2;
        }

        public double scv() {
            double w = Durations.seconds(max) - Durations.seconds(min);
            double m = meanSeconds();
            return w * w / 12 / (m * m);
        }

        public DurationSampler sampler(RandomGenerator rng, Path baseDir) {
            return of(new UniformRealDistribution(rng, Durations.seconds(min), Durations.seconds(max)));
        }
    }

    /**
     * Measured durations from a CSV file: one number per row (or the named {@code column}), in {@code unit}; a
     * header row is allowed. Path relative to the YAML file. {@code order} says how they are used:
     * {@code resample} (the default, also when omitted) draws uniformly at random from the samples;
     * {@code sequence} replays them in file order, one per draw, starting again at the first after the last,
     * and consumes no random numbers (a trace replay). In the simulator each endpoint of a service has one
     * sampler for all its instances, and draws happen when a request starts service, so for one FCFS station
     * the i-th value goes to the i-th request to start.
     */
    record Empirical(String file, TimeUnitName unit, String column,
                     @JsonInclude(JsonInclude.Include.NON_NULL) EmpiricalOrder order) implements DistributionSpec {
        public Empirical {
            FieldError.require(file, "file");
            FieldError.require(unit, "unit");
        }

        /** Resampled (the default order). */
        public Empirical(String file, TimeUnitName unit, String column) {
            this(file, unit, column, null);
        }

        /** The order in effect: {@link EmpiricalOrder#RESAMPLE} when none is given. */
        public EmpiricalOrder orderOrDefault() {
            return order == null ? EmpiricalOrder.RESAMPLE : order;
        }

        private EmpiricalSamples load(Path baseDir) throws BadInputException {
            return EmpiricalSamples.load(baseDir.resolve(file), column, unit);
        }

        /** Checks the file; used by {@code headroom check} before any run. */
        public EmpiricalSamples validate(Path baseDir) throws BadInputException {
            return load(baseDir);
        }

        public double meanSeconds() {
            throw new UnsupportedOperationException("the mean of an empirical distribution needs its file: use EmpiricalSamples");
        }

        public double scv() {
            throw new UnsupportedOperationException("the scv of an empirical distribution needs its file: use EmpiricalSamples");
        }

        public DurationSampler sampler(RandomGenerator rng, Path baseDir) throws BadInputException {
            double[] seconds = load(baseDir).seconds();
            if (orderOrDefault() == EmpiricalOrder.SEQUENCE) {
                long[] nanos = new long[seconds.length];
                for (int i = 0; i < seconds.length; i++) {
                    nanos[i] = toNanos(seconds[i]);
                }
                return new SequenceSampler(nanos);
            }
            return of(new EnumeratedRealDistribution(rng, seconds));
        }

        @Override
        public boolean random() {
            return orderOrDefault() != EmpiricalOrder.SEQUENCE;
        }
    }
}
