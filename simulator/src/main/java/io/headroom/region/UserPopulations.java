package io.headroom.region;

import io.headroom.request.Requests;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Where the users are: in a design with regions, every request the load sends is given its user's population, drawn
 * from the users' shares (stream {@code regions:users}). A user who runs a scenario, or a closed-model user, is drawn
 * once when it starts and keeps its population for all its requests; a one-request user is drawn with its request.
 */
public final class UserPopulations {
    private final Requests req;
    private final RandomGenerator rng;
    private final double[] cumulative;
    private int[] ofUser = new int[64];

    public UserPopulations(Requests req, RandomGenerator rng, double[] shares) {
        this.req = req;
        this.rng = rng;
        this.cumulative = new double[shares.length];
        double c = 0;
        for (int i = 0; i < shares.length; i++) {
            c += shares[i];
            cumulative[i] = c;
        }
        req.trackPopulations();
    }

    private int draw() {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int p = 0;
        while (p < cumulative.length - 1 && u >= cumulative[p]) {
            p++;
        }
        return p;
    }

    /** User {@code u} (a slot of the load's user pool) starts now: it gets its population. */
    public void userStarted(int u) {
        if (u >= ofUser.length) {
            ofUser = Arrays.copyOf(ofUser, Math.max(u + 1, ofUser.length * 2));
        }
        ofUser[u] = draw();
    }

    /** Request {@code r} of user {@code u} (-1: a one-request user) leaves the load now: its population is set. */
    public void assign(int r, int u) {
        req.population[r] = u >= 0 ? ofUser[u] : draw();
    }
}
