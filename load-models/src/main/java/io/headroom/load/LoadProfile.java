package io.headroom.load;

import io.headroom.load.arrival.ArrivalStream;
import io.headroom.load.closed.ClosedModel;
import io.headroom.load.closed.ClosedStep;
import io.headroom.load.k6.K6Plan;
import io.headroom.load.k6.K6Scenario;
import io.headroom.load.k6.K6Stage;
import io.headroom.load.k6.K6Threshold;
import io.headroom.load.k6.K6Thresholds;
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
import java.util.ArrayList;
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
 * <p>Or k6's vocabulary ({@link io.headroom.load.k6}): {@code scenarios:} with one k6 executor, or the top-level
 * {@code stages:} (k6's shorthand for {@code ramping-vus}); an iteration is one run of the scenario (or one request
 * from the mix). {@code thresholds:} (k6's syntax) are SLOs, judged beside the design's, whatever the model.
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
 * @param scenarios   k6's scenarios (one), instead of {@code injection} or {@code closed}
 * @param stages      k6's top-level {@code stages}: a {@code ramping-vus} scenario
 * @param thresholds  k6's thresholds, read as SLOs ({@link K6Thresholds})
 */
public record LoadProfile(String name, String description, @AtMost(value = Limits.FACTOR, why = Limits.FACTOR_WHY) Map<String, Double> mix, KeyPopularity keys, @AtMost(value = Limits.FACTOR, why = Limits.FACTOR_WHY) Double scale,
                          Duration warmup, List<OpenStep> injection, ClosedModel closed, List<ScenarioStep> scenario,
                          Map<String, K6Scenario> scenarios, List<K6Stage> stages, Map<String, List<K6Threshold>> thresholds) {

    /** A profile in Gatling's vocabulary only. */
    public LoadProfile(String name, String description, Map<String, Double> mix, KeyPopularity keys, Double scale,
                       Duration warmup, List<OpenStep> injection, ClosedModel closed, List<ScenarioStep> scenario) {
        this(name, description, mix, keys, scale, warmup, injection, closed, scenario, null, null, null);
    }

    /** The profile of the foundation release: open steps and a mix only. */
    public LoadProfile(String name, String description, Map<String, Double> mix, Duration warmup, List<OpenStep> injection) {
        this(name, description, mix, null, null, warmup, injection, null, null);
    }

    public LoadProfile {
        FieldError.require(name, "name");
        if (scenarios != null && stages != null) {
            throw new FieldError("stages", "k6 refuses 'stages' beside 'scenarios' (\"using `stages` and `scenarios` options"
                    + " simultaneously is not allowed\"): put the stages in a ramping-vus scenario");
        }
        if ((scenarios != null || stages != null) && (injection != null || closed != null)) {
            throw new FieldError(scenarios != null ? "scenarios" : "stages", "a profile is written in Gatling's vocabulary"
                    + " (injection:, closed:) or in k6's (scenarios:, stages:), not both");
        }
        if (scenarios != null) {
            if (scenarios.isEmpty()) {
                throw new FieldError("scenarios", "needs one scenario, e.g. default: {executor: constant-vus, vus: 10, duration: 5m}");
            }
            if (scenarios.size() > 1) {
                throw new FieldError("scenarios", "several k6 scenarios run concurrently in k6; the simulator plays one (got "
                        + String.join(", ", scenarios.keySet()) + "): keep one per profile");
            }
            for (Map.Entry<String, K6Scenario> e : scenarios.entrySet()) {
                if (e.getValue() == null) {
                    throw new FieldError("scenarios." + e.getKey(), "a scenario is a mapping with an executor, e.g."
                            + " {executor: constant-vus, vus: 10, duration: 5m}");
                }
            }
            scenarios = new LinkedHashMap<>(scenarios);
        }
        if (stages != null) {
            if (stages.isEmpty()) {
                throw new FieldError("stages", "needs at least one stage, e.g. - {duration: 5m, target: 100}");
            }
            for (int i = 0; i < stages.size(); i++) {
                if (stages.get(i) == null) {
                    throw new FieldError("stages[" + i + "]", "a stage is {duration, target}");
                }
            }
            stages = List.copyOf(stages);
        }
        if (thresholds != null) {
            try {
                K6Thresholds.slos(thresholds);
            } catch (FieldError e) {
                throw new FieldError("thresholds." + e.field(), e.getMessage());
            }
            thresholds = new LinkedHashMap<>(thresholds);
        }
        boolean k6 = scenarios != null || stages != null;
        if (injection != null && closed != null) {
            throw new FieldError("closed", "a profile is open (injection:) or closed (closed:), not both");
        }
        if (injection == null && closed == null && !k6) {
            throw new FieldError("injection", "missing required key 'injection' (a list of steps, e.g. "
                    + "- constantUsersPerSec: {rate: 10, during: 1m}), or 'closed' for a closed model, or k6's 'scenarios' or"
                    + " 'stages'");
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
        Duration length = injection != null ? duration(injection) : closed != null ? closed.duration()
                : Duration.ofNanos(k6Scenario(scenarios, stages).plan(1.0).durationNs());
        if (warmup.compareTo(length) >= 0) {
            throw new FieldError("warmup", "warm-up must be shorter than the profile");
        }
    }

    private static K6Scenario k6Scenario(Map<String, K6Scenario> scenarios, List<K6Stage> stages) {
        return scenarios != null ? scenarios.values().iterator().next() : K6Scenario.rampingVus(stages);
    }

    /** The k6 scenario ({@code scenarios:}'s one, or the {@code stages:} shorthand's), or null. */
    public K6Scenario k6() {
        return scenarios == null && stages == null ? null : k6Scenario(scenarios, stages);
    }

    /** The k6 scenario as played, {@code scale} applied; null for a Gatling profile. */
    public K6Plan k6Plan() {
        K6Scenario k6 = k6();
        return k6 == null ? null : k6.plan(scale);
    }

    /** The SLO expressions of the k6 {@code thresholds} (empty without). */
    public List<String> thresholdSlos() {
        return thresholds == null ? List.of() : K6Thresholds.slos(thresholds);
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
        return new LoadProfile(name, description, mix, keys, scale, newWarmup, injection, closed, scenario, scenarios, stages, thresholds);
    }

    /** This profile with another {@code scale} (a capacity search scales the load up and down). */
    public LoadProfile withScale(double newScale) {
        return new LoadProfile(name, description, mix, keys, newScale, warmup, injection, closed, scenario, scenarios, stages, thresholds);
    }

    /** The sum of the step durations: when injection ends. */
    public Duration duration() {
        if (injection == null && closed == null) {
            return Duration.ofNanos(k6Plan().durationNs());
        }
        return injection != null ? duration(injection) : closed.duration();
    }

    /** True for the closed model (and k6's VU executors). */
    public boolean isClosed() {
        return closed != null || k6() != null && !k6().kind().arrivalRate();
    }

    /**
     * The open steps with {@code scale} applied (empty for a closed profile). For k6's arrival-rate executors, Gatling
     * steps with the same mean rate over time (what the load preview, the work estimate and a Gatling run read); the
     * simulator itself starts the iterations at k6's times.
     */
    public List<OpenStep> scaledInjection() {
        if (injection == null) {
            return closed == null && k6() != null && k6().kind().arrivalRate() ? k6OpenSteps() : List.of();
        }
        return scale == 1.0 ? injection : injection.stream().map(s -> s.scaled(scale)).toList();
    }

    /** The closed model with {@code scale} applied (null for an open profile). */
    public ClosedModel scaledClosed() {
        if (closed == null && injection == null && isClosed()) {
            return k6ClosedModel();
        }
        return closed == null || scale == 1.0 ? closed : closed.scaled(scale);
    }

    /** A k6 arrival-rate plan as Gatling open steps of the same mean rate (k6's stages, rates per second). */
    private List<OpenStep> k6OpenSteps() {
        K6Scenario k6 = k6();
        K6Plan plan = k6.plan(scale);
        double perS = 1e9 / io.headroom.load.k6.K6Durations.parse(k6.timeUnit(), "timeUnit", 1_000_000_000L);
        List<OpenStep> out = new ArrayList<>();
        if (plan.startNs() > 0) {
            out.add(new OpenStep.NothingFor(Duration.ofNanos(plan.startNs())));
        }
        if (k6.kind() == K6Scenario.Executor.CONSTANT_ARRIVAL_RATE) {
            out.add(new OpenStep.ConstantUsersPerSec(k6.rate() * scale * perS, Duration.ofNanos(plan.regularNs()), false));
        } else {
            double from = (k6.startRate() == null ? 0 : k6.startRate()) * scale * perS;
            for (K6Stage s : k6.stages()) {
                double to = s.target() * scale * perS;
                Duration d = Duration.ofNanos(s.durationNs());
                if (!d.isZero()) {
                    if (from == 0 && to == 0) {
                        out.add(new OpenStep.NothingFor(d));
                    } else if (from == to || d.getSeconds() == 0) {
                        out.add(new OpenStep.ConstantUsersPerSec((from + to) / 2, d, false));
                    } else {
                        out.add(new OpenStep.RampUsersPerSec(from, to, d, false));
                    }
                }
                from = to;
            }
        }
        if (plan.endNs() > plan.regularNs()) {
            out.add(new OpenStep.NothingFor(Duration.ofNanos(plan.endNs() - plan.regularNs())));
        }
        return out;
    }

    /** A k6 VU plan as Gatling closed steps: its scheduled VUs, level by level. */
    private ClosedModel k6ClosedModel() {
        K6Plan plan = k6Plan();
        List<ClosedStep> steps = new ArrayList<>();
        if (plan.startNs() > 0) {
            steps.add(new ClosedStep.ConstantConcurrentUsers(0, Duration.ofNanos(plan.startNs())));
        }
        long at = 0;
        if (plan instanceof K6Plan.Vus v) {
            for (int k = 0; k < v.raw().size(); k++) {
                long next = k + 1 < v.raw().size() ? v.raw().get(k + 1).atNs() : v.endNs();
                if (next > v.raw().get(k).atNs()) {
                    steps.add(new ClosedStep.ConstantConcurrentUsers(v.raw().get(k).vus(), Duration.ofNanos(next - v.raw().get(k).atNs())));
                }
                at = Math.max(at, next);
            }
        } else if (plan instanceof K6Plan.Iterations it) {
            steps.add(new ClosedStep.ConstantConcurrentUsers(it.vus(), Duration.ofNanos(it.regularNs())));
            at = it.regularNs();
        }
        if (plan.endNs() > at) {
            steps.add(new ClosedStep.ConstantConcurrentUsers(0, Duration.ofNanos(plan.endNs() - at)));
        }
        return new ClosedModel(steps, null);
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
