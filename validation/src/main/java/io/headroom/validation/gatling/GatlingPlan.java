package io.headroom.validation.gatling;

import io.headroom.design.DesignReader;
import io.headroom.dist.DurationSampler;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.load.keys.KeySampler;
import io.headroom.random.RandomStreams;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * What one Gatling run is to do: the profile, the address it drives (always loopback for the testbed), the
 * entry's endpoints, and the draws a user makes (endpoint from the mix, key from the popularity, think time)
 * on seeded streams — Gatling's own {@code .randomized} arrivals are seeded from the clock, which is why the
 * comparison replays the start times recorded here. Handed to {@link ProfileSimulation}, which Gatling makes
 * by name, through {@link #current()}.
 */
public final class GatlingPlan {
    private static volatile GatlingPlan current;

    private final LoadProfile profile;
    private final URI baseUrl;
    private final String[] endpoints;
    private final double[] cumulative;
    private final RandomGenerator mixRng;
    private final KeySampler keys;
    private final DurationSampler think;
    private final Recorder recorder = new Recorder();
    private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();

    GatlingPlan(DesignReader.LoadedProfile loaded, URI baseUrl, List<String> entryEndpoints, long seed) throws BadInputException {
        this.profile = loaded.profile();
        this.baseUrl = baseUrl;
        RandomStreams streams = new RandomStreams(seed);
        List<String> names = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        if (profile.mix().isEmpty()) {
            names.add(entryEndpoints.get(0));
            weights.add(1.0);
        } else {
            profile.mix().forEach((k, v) -> {
                names.add(k);
                weights.add(v);
            });
        }
        endpoints = names.toArray(String[]::new);
        cumulative = new double[weights.size()];
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        double acc = 0;
        for (int i = 0; i < cumulative.length; i++) {
            acc += weights.get(i) / total;
            cumulative[i] = acc;
        }
        mixRng = streams.stream("gatling:mix");
        keys = profile.keys() == null ? null : KeySampler.of(profile.keys(), streams.stream("gatling:keys"));
        var closed = profile.scaledClosed();
        think = closed == null || closed.think() == null ? null
                : closed.think().sampler(streams.stream("gatling:think"), loaded.baseDir());
    }

    /** Refuses, located, what Gatling's DSL cannot express: scenarios and headroom's own shapes and traces. */
    public static void check(DesignReader.LoadedProfile loaded) throws BadInputException {
        List<InputError> errors = new ArrayList<>();
        LoadProfile p = loaded.profile();
        if (p.scenario() != null) {
            errors.add(loaded.document().error("scenario", "validation runs profiles of one request per user (a mix);"
                    + " scenarios are not translated to Gatling yet"));
        }
        if (p.injection() != null) {
            for (int i = 0; i < p.injection().size(); i++) {
                OpenStep s = p.injection().get(i);
                if (s instanceof OpenStep.Shaped || s instanceof OpenStep.Trace) {
                    errors.add(loaded.document().error("injection[" + i + "]", "Gatling has no such step: validation takes"
                            + " Gatling's own steps (constantUsersPerSec, rampUsersPerSec, nothingFor, atOnceUsers,"
                            + " rampUsers, stressPeakUsers, incrementUsersPerSec)"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
    }

    static GatlingPlan current() {
        GatlingPlan p = current;
        if (p == null) {
            throw new IllegalStateException("ProfileSimulation runs only from GatlingRun");
        }
        return p;
    }

    static void install(GatlingPlan plan) {
        current = plan;
    }

    LoadProfile profile() {
        return profile;
    }

    URI baseUrl() {
        return baseUrl;
    }

    String name() {
        return profile.name();
    }

    Recorder recorder() {
        return recorder;
    }

    boolean hasThink() {
        return think != null;
    }

    synchronized String nextEndpoint() {
        if (endpoints.length == 1) {
            return endpoints[0];
        }
        double u = mixRng.nextDouble();
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return endpoints[i];
            }
        }
        return endpoints[endpoints.length - 1];
    }

    /** A number per request, sent as {@code X-Request-Id} so that the testbed's rows match Gatling's. */
    long nextId() {
        return ids.getAndIncrement();
    }

    synchronized long nextKey() {
        return keys == null ? 0 : keys.next();
    }

    synchronized long nextThinkNanos() {
        return think.sampleNanos();
    }
}
