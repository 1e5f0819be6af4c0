package io.headroom.load.k6;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One k6 scenario as k6's {@code options.scenarios} writes it, with k6's camelCase keys and duration strings, checked
 * as k6 checks it ({@code Validate()} of each executor config in grafana/k6 {@code lib/executor}, commit
 * {@code 87883075}) and with k6's defaults: {@code gracefulStop} 30s and {@code startTime} 0 for every executor
 * ({@code base_config.go}); {@code timeUnit} 1s; {@code maxVUs} = {@code preAllocatedVUs}; {@code vus} 1;
 * {@code startVUs} 1; {@code gracefulRampDown} 30s; {@code iterations} 1; {@code maxDuration} 10m. A key that does not
 * belong to the executor is refused, as k6's strict JSON reading refuses it.
 *
 * @param executor         {@code constant-arrival-rate}, {@code ramping-arrival-rate}, {@code constant-vus},
 *                         {@code ramping-vus}, {@code per-vu-iterations} or {@code shared-iterations}
 * @param startTime        when the scenario starts, from the run's start
 * @param gracefulStop     how long iterations running at the scenario's end may go on before they are interrupted
 * @param rate             constant-arrival-rate: iterations started per {@code timeUnit}
 * @param timeUnit         the period {@code rate}, {@code startRate} and a stage's {@code target} are per
 * @param duration         constant-arrival-rate, constant-vus: how long iterations start
 * @param preAllocatedVUs  arrival-rate: the VUs ready at the start
 * @param maxVUs           arrival-rate: the most VUs, hence the most iterations in flight; an iteration that finds
 *                         none free is dropped ({@code dropped_iterations})
 * @param startRate        ramping-arrival-rate: the rate at the start, per {@code timeUnit}
 * @param stages           ramping executors: targets reached linearly, one stage after another
 * @param vus              constant-vus, per-vu-iterations, shared-iterations: the VUs
 * @param startVUs         ramping-vus: the VUs at the start
 * @param gracefulRampDown ramping-vus: how long a VU removed by a ramp-down may finish its iteration
 * @param iterations       per-vu-iterations: each VU's; shared-iterations: all VUs' together
 * @param maxDuration      per-vu-iterations, shared-iterations: when iterations stop starting anyway
 */
public record K6Scenario(String executor, @JsonProperty("startTime") String startTime, @JsonProperty("gracefulStop") String gracefulStop,
                         @AtMost(value = Limits.RATE, why = Limits.RATE_WHY) Integer rate, @JsonProperty("timeUnit") String timeUnit,
                         String duration,
                         @JsonProperty("preAllocatedVUs") @AtMost(value = Limits.USERS, why = Limits.USERS_WHY) Integer preAllocatedVUs,
                         @JsonProperty("maxVUs") @AtMost(value = Limits.USERS, why = Limits.USERS_WHY) Integer maxVUs,
                         @JsonProperty("startRate") @AtMost(value = Limits.RATE, why = Limits.RATE_WHY) Integer startRate,
                         List<K6Stage> stages, @AtMost(value = Limits.USERS, why = Limits.USERS_WHY) Integer vus,
                         @JsonProperty("startVUs") @AtMost(value = Limits.USERS, why = Limits.USERS_WHY) Integer startVUs,
                         @JsonProperty("gracefulRampDown") String gracefulRampDown,
                         @AtMost(value = Limits.OPEN_USERS, why = Limits.OPEN_USERS_WHY) Long iterations,
                         @JsonProperty("maxDuration") String maxDuration) {

    /** k6's executors, by their names. */
    public enum Executor {
        CONSTANT_ARRIVAL_RATE("constant-arrival-rate", Set.of("rate", "timeUnit", "duration", "preAllocatedVUs", "maxVUs")),
        RAMPING_ARRIVAL_RATE("ramping-arrival-rate", Set.of("startRate", "timeUnit", "stages", "preAllocatedVUs", "maxVUs")),
        CONSTANT_VUS("constant-vus", Set.of("vus", "duration")),
        RAMPING_VUS("ramping-vus", Set.of("startVUs", "stages", "gracefulRampDown")),
        PER_VU_ITERATIONS("per-vu-iterations", Set.of("vus", "iterations", "maxDuration")),
        SHARED_ITERATIONS("shared-iterations", Set.of("vus", "iterations", "maxDuration"));

        private final String key;
        private final Set<String> keys;

        Executor(String key, Set<String> keys) {
            this.key = key;
            this.keys = keys;
        }

        public String key() {
            return key;
        }

        /** An open model (iterations start at a rate) rather than a closed one (VUs loop). */
        public boolean arrivalRate() {
            return this == CONSTANT_ARRIVAL_RATE || this == RAMPING_ARRIVAL_RATE;
        }

        static Executor of(String name) {
            for (Executor e : values()) {
                if (e.key.equals(name)) {
                    return e;
                }
            }
            return null;
        }
    }

    /** k6's {@code DefaultGracefulStopValue}. */
    public static final long DEFAULT_GRACEFUL_STOP_NS = 30_000_000_000L;
    /** k6's {@code minDuration} for {@code duration} and {@code maxDuration}. */
    static final long MIN_DURATION_NS = 1_000_000_000L;
    private static final long SECOND_NS = 1_000_000_000L;
    private static final int MAX_VUS = Integer.parseInt(Limits.USERS);

    public K6Scenario {
        FieldError.require(executor, "executor");
        Executor kind = Executor.of(executor);
        if (kind == null) {
            List<String> known = new ArrayList<>();
            for (Executor e : Executor.values()) {
                known.add(e.key);
            }
            throw new FieldError("executor", "unknown k6 executor '" + executor + "' (simulated: " + String.join(", ", known)
                    + (executor.equals("externally-controlled") ? "; externally-controlled is driven by hand at run time and"
                    + " has no plan to simulate" : "") + ")");
        }
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("rate", rate);
        given.put("timeUnit", timeUnit);
        given.put("duration", duration);
        given.put("preAllocatedVUs", preAllocatedVUs);
        given.put("maxVUs", maxVUs);
        given.put("startRate", startRate);
        given.put("stages", stages);
        given.put("vus", vus);
        given.put("startVUs", startVUs);
        given.put("gracefulRampDown", gracefulRampDown);
        given.put("iterations", iterations);
        given.put("maxDuration", maxDuration);
        for (Map.Entry<String, Object> e : given.entrySet()) {
            if (e.getValue() != null && !kind.keys.contains(e.getKey())) {
                throw new FieldError(e.getKey(), "'" + e.getKey() + "' is not an option of k6's " + executor + " executor (its"
                        + " options: " + String.join(", ", kind.keys.stream().sorted().toList()) + ", and startTime, gracefulStop)");
            }
        }
        K6Durations.parse(startTime, "startTime", 0);
        K6Durations.parse(gracefulStop, "gracefulStop", 0);
        if (timeUnit != null && K6Durations.parse(timeUnit, "timeUnit") <= 0) {
            throw new FieldError("timeUnit", "the timeUnit must be more than 0");
        }
        K6Durations.parse(gracefulRampDown, "gracefulRampDown", 0);
        switch (kind) {
            case CONSTANT_ARRIVAL_RATE -> {
                if (FieldError.require(rate, "rate") <= 0) {
                    throw new FieldError("rate", "the iteration rate must be more than 0");
                }
                minDuration(FieldError.require(duration, "duration"), "duration");
                vuPool(preAllocatedVUs, maxVUs);
            }
            case RAMPING_ARRIVAL_RATE -> {
                if (startRate != null && startRate < 0) {
                    throw new FieldError("startRate", "the startRate value can't be negative");
                }
                stages(stages, false);
                vuPool(preAllocatedVUs, maxVUs);
            }
            case CONSTANT_VUS -> {
                if (vus != null && vus <= 0) {
                    throw new FieldError("vus", "the number of VUs must be more than 0");
                }
                minDuration(FieldError.require(duration, "duration"), "duration");
            }
            case RAMPING_VUS -> {
                if (startVUs != null && startVUs < 0) {
                    throw new FieldError("startVUs", "the number of start VUs can't be negative");
                }
                stages(stages, true);
            }
            case PER_VU_ITERATIONS, SHARED_ITERATIONS -> {
                if (vus != null && vus <= 0) {
                    throw new FieldError("vus", "the number of VUs must be more than 0");
                }
                if (iterations != null && iterations <= 0) {
                    throw new FieldError("iterations", "the number of iterations must be more than 0");
                }
                if (kind == Executor.SHARED_ITERATIONS && (iterations == null ? 1 : iterations) < (vus == null ? 1 : vus)) {
                    throw new FieldError("iterations", "the number of iterations (" + (iterations == null ? 1 : iterations)
                            + ") can't be less than the number of VUs (" + (vus == null ? 1 : vus) + ")");
                }
                if (maxDuration != null) {
                    minDuration(maxDuration, "maxDuration");
                }
            }
            default -> throw new IllegalStateException();
        }
        stages = stages == null ? null : List.copyOf(stages);
        long length = switch (kind) {
            case CONSTANT_ARRIVAL_RATE, CONSTANT_VUS -> K6Durations.parse(duration, "duration");
            case PER_VU_ITERATIONS, SHARED_ITERATIONS -> K6Durations.parse(maxDuration, "maxDuration", 600 * SECOND_NS);
            default -> {
                long sum = 0;
                for (K6Stage s : stages) {
                    sum = Math.min(Long.MAX_VALUE / 4, sum + s.durationNs());
                }
                yield sum;
            }
        };
        long total = K6Durations.parse(startTime, "startTime", 0) + length
                + Math.max(K6Durations.parse(gracefulStop, "gracefulStop", DEFAULT_GRACEFUL_STOP_NS),
                K6Durations.parse(gracefulRampDown, "gracefulRampDown", 0));
        if (total > io.headroom.yaml.Durations.MAX.toNanos()) {
            throw new FieldError(kind == Executor.RAMPING_ARRIVAL_RATE || kind == Executor.RAMPING_VUS ? "stages" : "startTime",
                    "the scenario lasts longer than " + Limits.DURATION + " (startTime, its stages or duration, and gracefulStop"
                    + " together): " + Limits.DURATION_WHY);
        }
    }

    private static void minDuration(String text, String field) {
        long ns = K6Durations.parse(text, field);
        if (ns < MIN_DURATION_NS) {
            throw new FieldError(field, "the " + field + " must be at least 1s, but is " + text);
        }
    }

    private static void vuPool(Integer preAllocatedVUs, Integer maxVUs) {
        if (FieldError.require(preAllocatedVUs, "preAllocatedVUs") < 0) {
            throw new FieldError("preAllocatedVUs", "the number of preAllocatedVUs can't be negative");
        }
        if (maxVUs != null && maxVUs < preAllocatedVUs) {
            throw new FieldError("maxVUs", "maxVUs can't be less than preAllocatedVUs (" + preAllocatedVUs + ")");
        }
        if ((maxVUs == null ? preAllocatedVUs : maxVUs) == 0) {
            throw new FieldError(maxVUs == null ? "preAllocatedVUs" : "maxVUs", "with no VU, no iteration can start (k6 skips"
                    + " such a scenario: it has no work)");
        }
    }

    private static void stages(List<K6Stage> stages, boolean vus) {
        if (FieldError.require(stages, "stages").isEmpty()) {
            throw new FieldError("stages", "at least one stage has to be specified, e.g. - {duration: 5m, target: 100}");
        }
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i) == null) {
                throw new FieldError("stages[" + i + "]", "a stage is {duration, target}");
            }
            if (vus && stages.get(i).target() > MAX_VUS) {
                throw new FieldError("stages[" + i + "].target", "at most " + Limits.USERS + " VUs: " + Limits.USERS_WHY);
            }
        }
    }

    /** The executor. */
    public Executor kind() {
        return Executor.of(executor);
    }

    /** The scenario as the simulator plays it, with its VU counts and rates multiplied by {@code scale}. */
    public K6Plan plan(double scale) {
        long start = K6Durations.parse(startTime, "startTime", 0);
        long stop = K6Durations.parse(gracefulStop, "gracefulStop", DEFAULT_GRACEFUL_STOP_NS);
        long unit = K6Durations.parse(timeUnit, "timeUnit", SECOND_NS);
        return switch (kind()) {
            case CONSTANT_ARRIVAL_RATE -> {
                long d = K6Durations.parse(duration, "duration");
                int pre = scaled(preAllocatedVUs, scale);
                yield new K6Plan.ArrivalRate(start, d, d + stop, K6Plan.ArrivalRate.constantTimes(rate * scale, unit, d),
                        pre, maxVUs == null ? pre : Math.max(pre, scaled(maxVUs, scale)));
            }
            case RAMPING_ARRIVAL_RATE -> {
                long d = 0;
                for (K6Stage s : stages) {
                    d += s.durationNs();
                }
                int pre = scaled(preAllocatedVUs, scale);
                yield new K6Plan.ArrivalRate(start, d, d + stop, K6Plan.ArrivalRate.rampingTimes(
                        (startRate == null ? 0 : startRate) * scale, stages, scale, unit),
                        pre, maxVUs == null ? pre : Math.max(pre, scaled(maxVUs, scale)));
            }
            case CONSTANT_VUS -> {
                long d = K6Durations.parse(duration, "duration");
                int n = scaled(vus == null ? 1 : vus, scale);
                yield new K6Plan.Vus(start, List.of(new K6Plan.Step(0, n), new K6Plan.Step(d, 0)),
                        List.of(new K6Plan.Step(0, n), new K6Plan.Step(d + stop, 0)));
            }
            case RAMPING_VUS -> {
                List<K6Stage> scaledStages = stages.stream().map(s -> new K6Stage(s.duration(), scaled(s.target(), scale))).toList();
                int from = scaled(startVUs == null ? 1 : startVUs, scale);
                long rampDown = K6Durations.parse(gracefulRampDown, "gracefulRampDown", DEFAULT_GRACEFUL_STOP_NS);
                yield K6Plan.Vus.ramping(start, from, scaledStages, rampDown, stop);
            }
            case PER_VU_ITERATIONS, SHARED_ITERATIONS -> {
                long d = K6Durations.parse(maxDuration, "maxDuration", 600 * SECOND_NS);
                int n = Math.max(1, scaled(vus == null ? 1 : vus, scale));
                long iters = iterations == null ? 1 : iterations;
                if (scale != 1.0 && kind() == Executor.SHARED_ITERATIONS) {
                    iters = Math.max(n, Math.round(iters * scale));
                }
                yield new K6Plan.Iterations(start, d, d + stop, n, iters, kind() == Executor.SHARED_ITERATIONS);
            }
        };
    }

    private static int scaled(int n, double scale) {
        return scale == 1.0 ? n : (int) Math.round(n * scale);
    }

    /** k6's top-level {@code stages:}: a {@code ramping-vus} scenario starting from k6's default of 1 VU. */
    public static K6Scenario rampingVus(List<K6Stage> stages) {
        return new K6Scenario("ramping-vus", null, null, null, null, null, null, null, null, stages, null, null, null, null, null);
    }
}
