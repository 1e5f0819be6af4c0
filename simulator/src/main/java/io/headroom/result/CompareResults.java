package io.headroom.result;

import java.util.List;
import java.util.Map;

/**
 * What {@code compare.json} holds: the profile, base seed and replications every design ran with
 * (common random numbers), the baseline's name, each design's {@link Figures}, and the paired
 * differences of every other design from the baseline.
 */
public record CompareResults(String profile, long seed, int replications, String baseline, List<Design> designs,
                             List<Difference> differences) {

    /** Bumped when a key changes meaning or disappears. */
    public static final int SCHEMA_VERSION = 1;

    /** One compared design: its name in the comparison, the design's own name, its figures. */
    public record Design(String name, String design, Figures figures) {
    }

    /** {@code design} − {@code minus}, by metric key (the metrics both have, in metric order). */
    public record Difference(String design, String minus, Map<String, Paired> metrics) {
    }

    /**
     * A paired difference: the mean of the per-replication differences, its paired-t 95 % half-width
     * (NaN when unknown), and whether the interval excludes zero.
     */
    public record Paired(double mean, double ci95, boolean significant) {
    }
}
