package io.headroom.load;

import io.headroom.random.RandomStreams;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.FieldError;
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
 * @param name        a label for results
 * @param description free text
 * @param mix         endpoint weights; a request's endpoint is drawn from them (need not sum to 1)
 * @param warmup      the first part of the run left out of the summary (requests that arrive before it)
 * @param injection   open-model steps, run one after another
 */
public record LoadProfile(String name, String description, Map<String, Double> mix, Duration warmup, List<OpenStep> injection) {

    public LoadProfile {
        FieldError.require(name, "name");
        if (injection == null) {
            throw new FieldError("injection", "missing required key 'injection' (a list of steps, e.g. "
                    + "- constantUsersPerSec: {rate: 10, during: 1m})");
        }
        if (injection.isEmpty()) {
            throw new FieldError("injection", "needs at least one step, e.g. - constantUsersPerSec: {rate: 10, during: 1m}");
        }
        mix = mix == null ? Map.of() : new LinkedHashMap<>(mix);
        for (Map.Entry<String, Double> e : mix.entrySet()) {
            if (e.getValue() == null || !(e.getValue() > 0) || e.getValue().isInfinite()) {
                throw new FieldError("mix." + e.getKey(), "a mix weight must be a positive number, got " + FieldError.number(e.getValue()));
            }
        }
        warmup = warmup == null ? Duration.ZERO : warmup;
        injection = List.copyOf(injection);
        if (warmup.compareTo(duration(injection)) >= 0) {
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

    /** The sum of the step durations: when injection ends. */
    public Duration duration() {
        return duration(injection);
    }

    /** All users' start times, step after step, from the run's {@code load:arrivals} stream. */
    public ArrivalStream arrivals(RandomStreams streams) {
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
        };
    }

    /** The mean arrival rate at {@code t} seconds into the run. */
    public double rateAt(double t) {
        double start = 0;
        for (OpenStep s : injection) {
            double d = s.during().toNanos() / 1e9;
            if (t < start + d) {
                return s.rateAt(t - start);
            }
            start += d;
        }
        return 0;
    }
}
