package io.headroom.load;

import io.headroom.load.arrival.ArrivalStream;
import io.headroom.load.closed.ClosedModel;
import io.headroom.load.keys.KeyPopularity;
import io.headroom.load.scenario.ScenarioStep;
import io.headroom.random.RandomStreams;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A load profile: who arrives when, and what they ask for. The open model ({@code injection:}) is
 * Gatling's, step for step, so one profile drives both the simulator and a real Gatling run.
 *
 * <p>Either {@code injection:} (Gatling's open model: users arrive, each runs the scenario once) or
 * {@code closed:} (Gatling's closed model: a number of users in the system, each replaced when it
 * finishes). Without a {@code scenario}, a user is one request whose endpoint is drawn from
 * {@code mix}.
 *
 * @param name        a label for results
 * @param description free text
 * @param mix         endpoint weights; a request's endpoint is drawn from them, each weight over their sum (weights that
 *                    do not sum to 1 are normalised so, and the run warns: {@link #mixNormalisation()})
 * @param keys        popularity of request keys (null: requests carry no key)
 * @param scale       multiplies the whole profile: open arrival rates and counts, closed user counts
 * @param warmup      the first part of the run left out of the summary (requests that arrive before it)
 * @param injection   open-model steps, run one after another
 * @param closed      the closed model, instead of {@code injection}
 * @param scenario    what each user does (default: one request from the mix)
 */
public record LoadProfile(String name, String description, @AtMost(value = Limits.FACTOR, why = Limits.FACTOR_WHY) Map<String, Double> mix, KeyPopularity keys, @AtMost(value = Limits.FACTOR, why = Limits.FACTOR_WHY) Double scale,
                          Duration warmup, List<OpenStep> injection, ClosedModel closed, List<ScenarioStep> scenario) {

    /** The profile of the foundation release: open steps and a mix only. */
    public LoadProfile(String name, String description, Map<String, Double> mix, Duration warmup, List<OpenStep> injection) {
        this(name, description, mix, null, null, warmup, injection, null, null);
    }

    public LoadProfile {
        FieldError.require(name, "name");
        if (injection != null && closed != null) {
            throw new FieldError("closed", "a profile is open (injection:) or closed (closed:), not both");
        }
        if (injection == null && closed == null) {
            throw new FieldError("injection", "missing required key 'injection' (a list of steps, e.g. "
                    + "- constantUsersPerSec: {rate: 10, during: 1m}), or 'closed' for a closed model");
        }
        if (injection != null && injection.isEmpty()) {
            throw new FieldError("injection", "needs at least one step, e.g. - constantUsersPerSec: {rate: 10, during: 1m}");
        }
        scale = scale == null ? 1.0 : scale;
        FieldError.positive(scale, "scale");
        if (scenario != null) {
            if (scenario.isEmpty()) {
                throw new FieldError("scenario", "needs at least one step, e.g. - {request: browse}");
            }
            scenario = List.copyOf(scenario);
        }
        if (closed != null && closed.think() != null && scenario != null) {
            throw new FieldError("scenario", "the closed shorthand {users, think, during} is its own scenario (a request,"
                    + " then think); with a scenario, use closed steps such as - constantConcurrentUsers: {users: 50, during: 10m}");
        }
        mix = mix == null ? Map.of() : new LinkedHashMap<>(mix);
        for (Map.Entry<String, Double> e : mix.entrySet()) {
            if (e.getValue() == null || !(e.getValue() > 0) || e.getValue().isInfinite()) {
                throw new FieldError("mix." + e.getKey(), "a mix weight must be a positive number, got " + FieldError.number(e.getValue()));
            }
        }
        warmup = warmup == null ? Duration.ZERO : warmup;
        injection = injection == null ? null : List.copyOf(injection);
        if (injection != null && duration(injection).isZero()) {
            throw new FieldError("injection", "the injection lasts no time (atOnceUsers alone): add a step after it,"
                    + " e.g. - nothingFor: {during: 1m}, so that the run lasts long enough to measure its users");
        }
        if (warmup.compareTo(injection != null ? duration(injection) : closed.duration()) >= 0) {
            throw new FieldError("warmup", "warm-up must be shorter than the profile");
        }
    }

    private static Duration duration(List<OpenStep> steps) {
        Duration d = Duration.ZERO;
        for (OpenStep s : steps) {
            d = d.plus(s.during());
        }
        return d;
    }

    /** Reads and validates a profile file. */
    public static LoadProfile read(Path file) throws BadInputException {
        return read(YamlDocument.read(file));
    }

    public static LoadProfile read(YamlDocument doc) throws BadInputException {
        return doc.bind(LoadProfile.class);
    }

    /**
     * The warning a run gives when the mix's weights do not sum to 1: they are normalised (each over their sum),
     * which is how a request's endpoint has always been drawn, and the shares actually used are named. Null when
     * there is no mix or its weights sum to 1.
     */
    public String mixNormalisation() {
        if (mix.isEmpty()) {
            return null;
        }
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        double total = 0;
        for (double w : mix.values()) {
            sum = sum.add(java.math.BigDecimal.valueOf(w));
            total += w;
        }
        if (Math.abs(total - 1) <= 1e-9) {
            return null;
        }
        StringBuilder shares = new StringBuilder();
        for (Map.Entry<String, Double> e : mix.entrySet()) {
            shares.append(shares.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.3f", e.getValue() / total));
        }
        return "the mix's weights sum to " + sum.stripTrailingZeros().toPlainString() + ", not 1: they were normalised to "
                + shares + " (each weight over their sum)";
    }

    /** This profile with another warm-up (an experiment's automatic warm-up deletion). */
    public LoadProfile withWarmup(Duration newWarmup) {
        return new LoadProfile(name, description, mix, keys, scale, newWarmup, injection, closed, scenario);
    }

    /** This profile with another {@code scale} (a capacity search scales the load up and down). */
    public LoadProfile withScale(double newScale) {
        return new LoadProfile(name, description, mix, keys, newScale, warmup, injection, closed, scenario);
    }

    /** The sum of the step durations: when injection ends. */
    public Duration duration() {
        return injection != null ? duration(injection) : closed.duration();
    }

    /** True for the closed model. */
    public boolean isClosed() {
        return closed != null;
    }

    /** The open steps with {@code scale} applied (empty for a closed profile). */
    public List<OpenStep> scaledInjection() {
        if (injection == null) {
            return List.of();
        }
        return scale == 1.0 ? injection : injection.stream().map(s -> s.scaled(scale)).toList();
    }

    /** The closed model with {@code scale} applied (null for an open profile). */
    public ClosedModel scaledClosed() {
        return closed == null || scale == 1.0 ? closed : closed.scaled(scale);
    }

    /** All users' start times (open model), step after step, from the run's {@code load:arrivals} stream. */
    public ArrivalStream arrivals(RandomStreams streams) {
        List<OpenStep> injection = scaledInjection();
        var rng = streams.stream("load:arrivals");
        return new ArrivalStream() {
            private int step = -1;
            private long offset;
            private ArrivalStream current = () -> END;

            @Override
            public long next() {
                while (step < injection.size()) {
                    long t = current.next();
                    if (t != END) {
                        return t;
                    }
                    if (step >= 0) {
                        offset += injection.get(step).during().toNanos();
                    }
                    step++;
                    if (step < injection.size()) {
                        current = injection.get(step).arrivals(offset, rng);
                    }
                }
                return END; // and again on every later call
            }

            @Override
            public long key() {
                return current.key();
            }
        };
    }

    /**
     * The profile's peak arrival rate, users per second: the highest expected (mean) rate at any instant of its
     * open steps, {@code scale} applied — a ramp's top, a diurnal's peak, a trace's busiest row. It does not
     * depend on any window; the arrivals a run draws scatter around it, so one window may count more. Users
     * that arrive all at once ({@code atOnceUsers}) have no rate and are not in it; 0 for a closed profile.
     */
    public double peakRatePerS() {
        double peak = 0;
        for (OpenStep s : scaledInjection()) {
            peak = Math.max(peak, s.peakRate());
        }
        return peak;
    }

    /** The mean arrival rate at {@code t} seconds into the run (open model; 0 for a closed one). */
    public double rateAt(double t) {
        double start = 0;
        for (OpenStep s : scaledInjection()) {
            double d = s.during().toNanos() / 1e9;
            if (t < start + d) {
                return s.rateAt(t - start);
            }
            start += d;
        }
        return 0;
    }
}
