package io.headroom.run;

import java.util.List;
import java.util.Map;

/**
 * Where a design with regions served its users over the measured period: per region, its share of the users, the
 * requests global routers sent there (completed, failed by cause, latency as users saw it, round trip included) and
 * what the region cost (its components and the transfer out of it); per router, the requests of each user population
 * by the region that served them, and each change of a record's health.
 */
public record RegionFigures(Map<String, Region> regions, Map<String, Routing> routing) {
    /** One region. */
    public record Region(double usersShare, RunResult.RequestStats served, double costUsd) {
    }

    /** One router: {@code served.get(population).get(region)} requests, and its records' health changes in time order. */
    public record Routing(Map<String, Map<String, Long>> served, List<HealthChange> healthChanges) {
    }

    /** A record's region became healthy or unhealthy at {@code atS}. */
    public record HealthChange(String region, double atS, boolean healthy) {
    }
}
