package io.headroom.validation.compare;

import io.headroom.random.RandomStreams;
import io.headroom.validation.gatling.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Gatling's response times are whole milliseconds: the difference of two millisecond clock readings,
 * {@code floor(s + x) - floor(s)} for a true time x, which is x rounded down or up with the probabilities
 * that make it right on average. Percentiles of such integers jump by whole milliseconds (on a 15 ms median,
 * up to 3 %). Adding an independent uniform (-0.5, 0.5) ms to each (seeded: same input, same result) turns
 * the integers back into a continuous sample with the same mean, whose percentiles move smoothly; the spread
 * it adds (a variance of 1/12 ms squared on top of the rounding's) is negligible against tens of milliseconds.
 */
public final class Dequantize {
    private Dequantize() {
    }

    /** True when every response time is a whole number of milliseconds. */
    public static boolean wholeMillis(List<RecordedRequest> requests) {
        return requests.stream().allMatch(r -> r.responseMs() == Math.rint(r.responseMs()));
    }

    /** The requests with jittered response times (if they are whole milliseconds; else unchanged). */
    public static List<RecordedRequest> of(List<RecordedRequest> requests, long seed) {
        if (!wholeMillis(requests)) {
            return requests;
        }
        RandomGenerator rng = new RandomStreams(seed).stream("validation:dequantize");
        List<RecordedRequest> out = new ArrayList<>(requests.size());
        for (RecordedRequest r : requests) {
            double v = Math.max(0, r.responseMs() + rng.nextDouble() - 0.5);
            out.add(new RecordedRequest(r.startMs(), v, r.gatlingMs(), r.status(), r.endpoint()));
        }
        return out;
    }
}
