package io.headroom.validation.compare;

import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.validation.gatling.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The arrivals a load generator actually made, as a load profile the simulator plays: each distinct start
 * time becomes {@code atOnceUsers(k)} after a {@code nothingFor} the gap since the previous one, to the
 * nanosecond. Gatling seeds {@code .randomized} arrivals from the clock, so only a replay puts the simulator
 * under the same arrivals as the real run; what remains different is the service times (drawn from the
 * design's distributions) and the endpoints and keys (drawn from the profile's mix and popularity).
 */
public final class Replay {
    private Replay() {
    }

    /**
     * @param requests in start order, start times in milliseconds since the run's start
     * @param profile  the profile they were made from: its name, mix, keys and warm-up are kept
     * @param endS     when the replayed profile ends (the original's length, or the last start if later)
     */
    public static LoadProfile of(List<RecordedRequest> requests, LoadProfile profile, double endS) {
        List<OpenStep> steps = new ArrayList<>();
        long last = 0;
        int i = 0;
        while (i < requests.size()) {
            long t = Math.round(requests.get(i).startMs() * 1e6);
            long k = 0;
            while (i < requests.size() && Math.round(requests.get(i).startMs() * 1e6) == t) {
                k++;
                i++;
            }
            if (t > last) {
                steps.add(new OpenStep.NothingFor(Duration.ofNanos(t - last)));
            }
            steps.add(new OpenStep.AtOnceUsers(k));
            last = t;
        }
        long end = Math.max(Math.round(endS * 1e9), last + 1);
        steps.add(new OpenStep.NothingFor(Duration.ofNanos(end - last)));
        return new LoadProfile(profile.name() + " (replayed)", "arrivals replayed from a load-generator run", profile.mix(),
                profile.keys(), null, profile.warmup(), steps, null, null);
    }
}
