package io.headroom.load.arrival;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * A non-homogeneous Poisson process with the rate of a {@link RateShape}, by thinning (Lewis and
 * Shedler, 1979): inside each piece of the shape, candidates come as a homogeneous Poisson process
 * at the piece's bound {@code M} (exponential gaps of mean {@code 1/M}), and a candidate at {@code t}
 * is kept with probability {@code rate(t) / M}. A gap that runs past the end of a piece is cut there
 * and drawn afresh at the next piece's bound, which the exponential's lack of memory allows. The count
 * is Poisson with mean the integral of the rate, counts in disjoint windows are independent, and
 * nothing but the current position is kept: O(1) memory whatever the step's length.
 *
 * <p>Each candidate takes two uniforms from {@code rng} (the gap, then the acceptance), so the times
 * are a pure function of the generator's seed. Times are rounded to the nanosecond.
 */
public final class ThinnedArrivals implements ArrivalStream {
    private final long offsetNs;
    private final RateShape shape;
    private final RandomGenerator rng;
    private final long pieces;
    private long piece = -1;
    private double end;
    private double bound;
    private double t;

    public ThinnedArrivals(long offsetNs, RateShape shape, RandomGenerator rng) {
        this.offsetNs = offsetNs;
        this.shape = shape;
        this.rng = rng;
        this.pieces = shape.pieces();
        enter(0);
    }

    /** Moves to piece {@code j}, at its start. */
    private void enter(long j) {
        piece = j;
        if (j >= pieces) {
            t = shape.seconds();
            end = t;
            bound = 0;
            return;
        }
        t = Math.max(t, shape.pieceStart(j));
        end = j + 1 < pieces ? Math.min(shape.pieceStart(j + 1), shape.seconds()) : shape.seconds();
        bound = shape.bound(j);
    }

    @Override
    public long next() {
        while (piece < pieces) {
            if (!(bound > 0) || t >= end) {
                enter(piece + 1);
                continue;
            }
            // an exponential gap at rate `bound`: -ln(U) with U in (0, 1]
            double candidate = t - Math.log(1.0 - rng.nextDouble()) / bound;
            if (candidate >= end) {
                enter(piece + 1);
                continue;
            }
            t = candidate;
            if (rng.nextDouble() * bound < shape.rate(piece, t)) {
                return offsetNs + Math.round(t * 1e9);
            }
        }
        return END;
    }
}
