package io.headroom.load;

import io.headroom.load.arrival.ArrivalStream;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/** Steps run one after another, each starting the full {@code during} of those before it later (a composite step). */
final class ChainedArrivals implements ArrivalStream {
    private final List<OpenStep> steps;
    private final RandomGenerator rng;
    private int step = -1;
    private long offset;
    private ArrivalStream current = () -> END;

    ChainedArrivals(long offsetNs, List<OpenStep> steps, RandomGenerator rng) {
        this.offset = offsetNs;
        this.steps = steps;
        this.rng = rng;
    }

    @Override
    public long next() {
        while (step < steps.size()) {
            long t = current.next();
            if (t != END) {
                return t;
            }
            if (step >= 0) {
                offset += steps.get(step).during().toNanos();
            }
            step++;
            if (step < steps.size()) {
                current = steps.get(step).arrivals(offset, rng);
            }
        }
        return END;
    }
}
