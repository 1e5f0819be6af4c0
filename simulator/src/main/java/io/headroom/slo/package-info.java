/**
 * SLO verdicts. A whole-run {@link io.headroom.design.Slo} is held against the run's figures
 * ({@link io.headroom.slo.SloCheck}); windowed SLOs and error budgets are followed through the run by
 * {@link io.headroom.slo.SloMonitor}, which hears every request as it ends and every time-series step as
 * it closes: {@link io.headroom.slo.WindowedSlo} judges every sliding window from merged per-step
 * tallies, {@link io.headroom.slo.BudgetTracker} counts good and bad events and replays the SRE
 * workbook's burn-rate alerts ({@link io.headroom.slo.BurnRateRule}), and the breaches become
 * {@link io.headroom.slo.Incident}s explained by {@link io.headroom.slo.IncidentCauses}. Reads
 * {@code metrics} and {@code pricing}; results, reports and {@code --fail-on-slo} use the verdicts.
 */
package io.headroom.slo;
