/**
 * SLO verdicts: a design's {@link io.headroom.design.Slo} held against the figures of a run
 * ({@link io.headroom.slo.SloCheck}) — the latency percentile or mean of successful requests, the error
 * percentage, or the cost — giving the value and whether the objective was met. Reads the run's
 * {@code metrics} and its {@code pricing} summary; results, reports and {@code --fail-on-slo} use the verdicts.
 */
package io.headroom.slo;
