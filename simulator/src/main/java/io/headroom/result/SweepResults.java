package io.headroom.result;

import java.util.List;

/**
 * What {@code results.json} holds: what the sweep was, the slice (or null for a whole sweep), the
 * chart's axes (cost or instance-hours against a latency metric), the Pareto frontier and the
 * cheapest point meeting the SLOs (point numbers; null when none does), and every point's row.
 */
public record SweepResults(Meta meta, String shard, String xMetric, String yMetric, List<Integer> pareto,
                           Integer cheapestMeetingSlos, List<SweepPoint> rows) {

    /** Bumped when a key changes meaning or disappears. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * What the sweep was, the same for every slice of it: the study, its design and profile files,
     * the base seed, replications per point, the number of points, the varied paths, the SLOs
     * judged, and the study's fingerprint.
     */
    public record Meta(String study, String design, String profile, long seed, int replications, int points,
                       List<String> columns, List<String> slos, String fingerprint) {
    }
}
