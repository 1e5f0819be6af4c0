/**
 * A run's results as OpenMetrics text, to be loaded beside real metrics (Prometheus' backfill,
 * {@code promtool tsdb create-blocks-from openmetrics}, then Grafana): {@link OpenMetricsText} the
 * exposition grammar (names, label escaping, one block per metric family, {@code # EOF}), and
 * {@link RunMetrics} the mapping of a results folder's {@code summary.json} and {@code timeseries.csv}
 * onto gauges with timestamps from a chosen start instant. See docs/prometheus.md.
 */
package io.headroom.openmetrics;
