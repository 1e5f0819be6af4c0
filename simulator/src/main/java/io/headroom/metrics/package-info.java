/**
 * Measurement of a run: end-to-end request accounting per endpoint
 * ({@link io.headroom.metrics.RequestMetrics}: arrivals, completions, failures by cause), latencies of
 * successful requests in fixed memory ({@link io.headroom.metrics.LatencyStats}, an HdrHistogram with an
 * exact mean and maximum), and the time series of fixed windows with their percentiles, streamed to a
 * {@link io.headroom.metrics.SeriesSink} so memory does not grow with the run. Recording is on the hot path
 * and allocates nothing. The run fills it; SLO checks, experiments and reports read it.
 */
package io.headroom.metrics;
