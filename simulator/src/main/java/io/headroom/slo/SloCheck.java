package io.headroom.slo;

import io.headroom.design.Slo;
import io.headroom.metrics.LatencyStats.LatencySummary;
import io.headroom.pricing.CostSummary;

/**
 * A whole-run {@link Slo} held against a run's figures (overall, or one endpoint's): its value (the
 * latency percentile of successful requests, the error percentage, or the cost) and whether the
 * objective was met. Windowed SLOs and error budgets are followed through the run by {@link SloMonitor}.
 */
public final class SloCheck {
    private SloCheck() {
    }

    /** The SLO's metric from a run's overall figures and its cost (NaN when there is no value, e.g. nothing completed). */
    public static double valueIn(Slo slo, LatencySummary latencyMs, long requests, long errors, CostSummary cost) {
        return switch (slo.metric()) {
            case COST_PER_HOUR -> cost == null ? Double.NaN : cost.perHourUsd();
            case COST_PER_MONTH -> cost == null ? Double.NaN : cost.perMonthUsd();
            case COST_PER_MILLION -> cost == null || requests == 0 ? Double.NaN : cost.perMillionRequestsUsd();
            default -> valueIn(slo, latencyMs, requests, errors);
        };
    }

    /** The SLO's metric from a run's overall figures (NaN when there is no value, e.g. nothing completed, or a cost). */
    public static double valueIn(Slo slo, LatencySummary latencyMs, long requests, long errors) {
        return switch (slo.metric()) {
            case COST_PER_HOUR, COST_PER_MILLION, COST_PER_MONTH -> Double.NaN;
            case P50 -> latencyMs.p50();
            case P90 -> latencyMs.p90();
            case P95 -> latencyMs.p95();
            case P99 -> latencyMs.p99();
            case P99_9 -> latencyMs.p99_9();
            case MEAN -> latencyMs.mean();
            case ERRORS -> requests == 0 ? Double.NaN : 100.0 * errors / requests;
        };
    }

    /** The SLO checked against a run with its cost. */
    public static SloVerdict check(Slo slo, LatencySummary latencyMs, long requests, long errors, CostSummary cost) {
        double v = valueIn(slo, latencyMs, requests, errors, cost);
        return SloVerdict.of(slo.expression(), v, slo.met(v));
    }

    /** The SLO checked against a run without prices. */
    public static SloVerdict check(Slo slo, LatencySummary latencyMs, long requests, long errors) {
        double v = valueIn(slo, latencyMs, requests, errors);
        return SloVerdict.of(slo.expression(), v, slo.met(v));
    }
}
