/**
 * What a run found, as the files hold it: {@link io.headroom.result.Summary} is {@code summary.json}
 * typed, {@link io.headroom.result.SummaryCodec} its one writer and one reader, and
 * {@link io.headroom.result.RunSummary} a run's result rounded for it. Reports, sweeps, comparisons,
 * the capacity search and validation read results through these records, never by key.
 */
package io.headroom.result;
