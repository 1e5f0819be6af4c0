/**
 * The files a person or a script reads after a run, a sweep, a comparison or a load preview:
 * {@code summary.json} (the contract scripts rely on, keys in a fixed order and numbers rounded so the same
 * run gives the same bytes), {@code timeseries.csv} streamed window by window, the summaries of replicated
 * runs with their confidence intervals, and the reports — {@code report.html}, {@code report.md} and their
 * charts — rendered from those files alone, so {@code headroom report DIR} renders them again. Every file is
 * staged and then renamed into place, never left half written. Reads what the simulator's runs, experiments
 * and studies return; the command line and the validation report use it. See the README's "Results".
 */
package io.headroom.report;
