package io.headroom.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * The highest load a design carries within its SLOs, found by bisection on the profile's {@code scale}
 * (1 is the profile as written: today's load). From scale 1 the search doubles (or halves) the load
 * until it has a scale that meets the SLOs and one that does not, then halves the gap between them
 * until it is within {@code tolerance} of the lower one. Every probe runs the same seeds (common random
 * numbers), so a probe's verdict changes with the load, not with the luck of the draw; the search
 * assumes that more load never makes the results better, which holds for any design that does not
 * autoscale on a schedule.
 */
public final class CapacitySearch {
    /** The search does not go below 1/1024 of today's load, or above {@code maxScale}. */
    public static final double MIN_SCALE = 1.0 / 1024;

    private CapacitySearch() {
    }

    /** Runs the design at a scale and says whether it met its SLOs. */
    @FunctionalInterface
    public interface Probe {
        boolean meets(double scale) throws Exception;
    }

    /** One probe: a scale and its verdict, in the order they were made. */
    public record Step(double scale, boolean meets) {
    }

    /**
     * @param capacity  the highest scale found to meet the SLOs (0 when even {@link #MIN_SCALE} did not)
     * @param failing   the lowest scale found not to meet them (infinite when none up to the maximum failed)
     * @param steps     every probe made
     */
    public record Result(double capacity, double failing, List<Step> steps) {
        /** Whether today's load (scale 1) meets the SLOs. */
        public boolean meetsToday() {
            return capacity >= 1;
        }

        /** The bracket's width: the answer lies within [capacity, failing). */
        public double step() {
            return failing - capacity;
        }
    }

    public static Result search(Probe probe, double tolerance, double maxScale) throws Exception {
        if (!(tolerance > 0) || !(maxScale >= 1)) {
            throw new IllegalArgumentException("tolerance must be positive and maxScale at least 1");
        }
        List<Step> steps = new ArrayList<>();
        double lo;
        double hi;
        if (record(probe, 1.0, steps)) {
            lo = 1;
            hi = Double.POSITIVE_INFINITY;
            for (double s = 2; s <= maxScale * (1 + 1e-12); s *= 2) {
                if (record(probe, s, steps)) {
                    lo = s;
                } else {
                    hi = s;
                    break;
                }
            }
            if (Double.isInfinite(hi) && lo < maxScale) {
                if (record(probe, maxScale, steps)) {
                    return new Result(maxScale, Double.POSITIVE_INFINITY, steps);
                }
                hi = maxScale;
            } else if (Double.isInfinite(hi)) {
                return new Result(lo, Double.POSITIVE_INFINITY, steps);
            }
        } else {
            hi = 1;
            lo = 0;
            for (double s = 0.5; s >= MIN_SCALE; s /= 2) {
                if (record(probe, s, steps)) {
                    lo = s;
                    break;
                }
                hi = s;
            }
            if (lo == 0) {
                return new Result(0, hi, steps);
            }
        }
        while (hi - lo > tolerance * lo) {
            double mid = (lo + hi) / 2;
            if (record(probe, mid, steps)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new Result(lo, hi, steps);
    }

    private static boolean record(Probe probe, double scale, List<Step> steps) throws Exception {
        boolean meets = probe.meets(scale);
        steps.add(new Step(scale, meets));
        return meets;
    }
}
