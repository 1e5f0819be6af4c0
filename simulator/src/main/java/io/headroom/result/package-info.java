/**
 * What runs, sweeps and comparisons found, as the files hold it: {@link io.headroom.result.Summary} is
 * {@code summary.json} typed, {@link io.headroom.result.SummaryCodec} its one writer and one reader, and
 * {@link io.headroom.result.RunSummary} a run's result rounded for it; a sweep point's row (a journal
 * line, a row of {@code results.json}) is a {@link io.headroom.result.SweepPoint} with its
 * {@link io.headroom.result.Figures}, {@code results.json} a {@link io.headroom.result.SweepResults}, both
 * written and read by {@link io.headroom.result.SweepCodec}; {@code compare.json} is a
 * {@link io.headroom.result.CompareResults}, written and read by {@link io.headroom.result.CompareCodec}.
 * Reports, sweeps, comparisons and the capacity search read results through these
 * records, never by key.
 */
package io.headroom.result;
