/**
 * The accuracy report of a validation or an imported run: {@code validation.json} (every figure with its
 * interval), {@code validation.md} and {@code validation.html} (the tables, and the charts inline), the
 * measured latency CDF with the simulated percentiles on it and the per-window percentiles over time, in the
 * look of the run reports of {@code io.headroom.report}. Writes what {@code io.headroom.validation.compare}
 * found.
 */
package io.headroom.validation.report;
