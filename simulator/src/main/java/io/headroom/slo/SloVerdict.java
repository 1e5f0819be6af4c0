package io.headroom.slo;

import java.util.List;

/**
 * An SLO held against a run: the value that decides it and whether it was met, and for the kinds
 * that need them, how the windows went ({@link Windows}) or how the error budget was spent
 * ({@link Budget}). What {@code summary.json}'s {@code slo} array holds.
 *
 * @param expr    the expression as written, or an error budget's name
 * @param value   a whole-run SLO's figure; a windowed one's worst judged window; an error budget's good
 *                events in percent
 * @param met     the objective held (for windows: in every judged window)
 * @param windows for a windowed SLO, else null
 * @param budget  for an error budget, else null
 */
public record SloVerdict(String expr, double value, boolean met, Windows windows, Budget budget) {

    /** A whole-run SLO's verdict. */
    public static SloVerdict of(String expr, double value, boolean met) {
        return new SloVerdict(expr, value, met, null, null);
    }

    /**
     * How a windowed SLO's windows went.
     *
     * @param windowS           the window's length as judged: a whole number of time-series steps
     * @param judged            windows with at least min-requests requests
     * @param worstWindowStartS where the worst judged window starts (NaN with none)
     * @param worstValue        its value
     * @param violating         judged windows that missed the objective
     * @param violatingS        the time those windows cover together (overlaps counted once)
     */
    public record Windows(double windowS, long judged, double worstWindowStartS, double worstValue, long violating,
                          double violatingS) {
    }

    /**
     * An error budget over the measured part of the run.
     *
     * @param target       the promised fraction of good events
     * @param periodS      the budget's period, in seconds
     * @param events       requests that ended (successful or failed)
     * @param bad          of them, failed or too slow
     * @param goodFraction {@code 1 − bad / events}
     * @param budgetSpent  {@code bad / ((1 − target) × events)}: 1 is the whole budget
     * @param rules        the burn-rate alert rules and what became of them
     * @param alerts       each time a rule fired
     */
    public record Budget(double target, double periodS, long events, long bad, double goodFraction, double budgetSpent,
                         List<Rule> rules, List<Alert> alerts) {
    }

    /**
     * A multiwindow, multi-burn-rate alert rule (Google SRE workbook, chapter 5): it fires while the
     * burn rate over both its long and its short window is at least {@code burnRate}.
     *
     * @param status {@code fired}, {@code quiet}, or {@code not_evaluable} when the run is shorter than the long window
     */
    public record Rule(String rule, String severity, double burnRate, double longS, double shortS, String status) {
    }

    /**
     * A rule fired at {@code firedAtS} and stopped at {@code resolvedAtS} (NaN: still firing when the
     * run ended); {@code replication} names the replication it fired in (0 in a single run).
     */
    public record Alert(String rule, double firedAtS, double resolvedAtS, int replication) {
        public Alert(String rule, double firedAtS, double resolvedAtS) {
            this(rule, firedAtS, resolvedAtS, 0);
        }
    }
}
