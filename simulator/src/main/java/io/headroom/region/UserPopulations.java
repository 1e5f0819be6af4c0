package io.headroom.region;

import io.headroom.request.Component;
import io.headroom.request.Requests;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Where the users are: in front of a design with regions, it gives each arriving request its user's population,
 * drawn from the users' shares, and hands it to the design's entry (same request, same instant).
 */
public final class UserPopulations implements Component {
    private final Component entry;
    private final Requests req;
    private final RandomGenerator rng;
    private final double[] cumulative;
    private final long[] arrived;

    public UserPopulations(Component entry, Requests req, RandomGenerator rng, double[] shares) {
        this.entry = entry;
        this.req = req;
        this.rng = rng;
        this.cumulative = new double[shares.length];
        double c = 0;
        for (int i = 0; i < shares.length; i++) {
            c += shares[i];
            cumulative[i] = c;
        }
        this.arrived = new long[shares.length];
        req.trackPopulations();
    }

    @Override
    public String name() {
        return entry.name();
    }

    @Override
    public void accept(int r) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int p = 0;
        while (p < cumulative.length - 1 && u >= cumulative[p]) {
            p++;
        }
        req.population[r] = p;
        if (req.counted[r]) {
            arrived[p]++;
        }
        entry.accept(r);
    }

    /** Counted requests from population {@code p}. */
    public long arrived(int p) {
        return arrived[p];
    }
}
