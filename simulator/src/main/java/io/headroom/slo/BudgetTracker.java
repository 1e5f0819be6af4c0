package io.headroom.slo;

import io.headroom.design.ErrorBudget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An error budget followed through a run: per judged step, the requests that ended (events) and the
 * bad ones among them (failed, or slower than the good-event bound). At the end: the good fraction,
 * the budget spent over the measured part, and for each {@link BurnRateRule} the moments it would
 * have fired, judged at each step's end over the last whole steps of its long and short windows.
 * A rule whose long window is longer than the measured part is not evaluable.
 */
final class BudgetTracker {
    private final ErrorBudget budget;
    private final int endpoint;
    private long stepEvents;
    private long stepBad;
    private long[] events = new long[256];
    private long[] bad = new long[256];
    private int steps;

    /** @param endpoint the endpoint index it counts, -1 for every request, -2 for one no request goes to */
    BudgetTracker(ErrorBudget budget, int endpoint) {
        this.budget = budget;
        this.endpoint = endpoint;
    }

    boolean counts(int ep) {
        return endpoint == -1 || endpoint == ep;
    }

    void completed(long latencyNs) {
        stepEvents++;
        if (!budget.good(latencyNs)) {
            stepBad++;
        }
    }

    void failed() {
        stepEvents++;
        stepBad++;
    }

    void stepClosed(boolean judged) {
        if (judged) {
            if (steps == events.length) {
                events = Arrays.copyOf(events, steps * 2);
                bad = Arrays.copyOf(bad, steps * 2);
            }
            events[steps] = stepEvents;
            bad[steps] = stepBad;
            steps++;
        }
        stepEvents = 0;
        stepBad = 0;
    }

    SloVerdict verdict(StepLog log) {
        long[] cumEvents = new long[steps + 1];
        long[] cumBad = new long[steps + 1];
        for (int i = 0; i < steps; i++) {
            cumEvents[i + 1] = cumEvents[i] + events[i];
            cumBad[i + 1] = cumBad[i] + bad[i];
        }
        long n = cumEvents[steps];
        long b = cumBad[steps];
        double good = n == 0 ? Double.NaN : 1.0 - (double) b / n;
        double spent = n == 0 ? Double.NaN : b / (budget.budget() * n);
        double stepNs = steps == 0 ? 0 : log.endNs(0) - log.startNs(0);
        double measuredNs = steps == 0 ? 0 : log.endNs(steps - 1) - log.startNs(0);
        List<SloVerdict.Rule> rules = new ArrayList<>();
        List<SloVerdict.Alert> alerts = new ArrayList<>();
        for (BurnRateRule rule : BurnRateRule.workbook(budget.periodScale())) {
            long longNs = rule.longWindow().toNanos();
            if (steps == 0 || longNs > measuredNs) {
                rules.add(new SloVerdict.Rule(rule.label(), rule.severity(), rule.burnRate(), longNs / 1e9,
                        rule.shortWindow().toNanos() / 1e9, "not_evaluable"));
                continue;
            }
            int kLong = Math.max(1, (int) Math.round(longNs / stepNs));
            int kShort = Math.max(1, (int) Math.round(rule.shortWindow().toNanos() / stepNs));
            boolean firing = false;
            int fired = 0;
            double firedAt = Double.NaN;
            for (int i = kLong - 1; i < steps; i++) {
                boolean now = burning(cumEvents, cumBad, i, kLong, rule.burnRate()) && burning(cumEvents, cumBad, i, kShort, rule.burnRate());
                double at = log.endNs(i) / 1e9;
                if (now && !firing) {
                    firedAt = at;
                    fired++;
                } else if (!now && firing) {
                    alerts.add(new SloVerdict.Alert(rule.label(), firedAt, at));
                }
                firing = now;
            }
            if (firing) {
                alerts.add(new SloVerdict.Alert(rule.label(), firedAt, Double.NaN));
            }
            rules.add(new SloVerdict.Rule(rule.label(), rule.severity(), rule.burnRate(), longNs / 1e9,
                    rule.shortWindow().toNanos() / 1e9, fired > 0 ? "fired" : "quiet"));
        }
        alerts.sort((x, y) -> Double.compare(x.firedAtS(), y.firedAtS()));
        var detail = new SloVerdict.Budget(budget.target(), budget.period().toNanos() / 1e9, n, b, good, spent, rules, alerts);
        return new SloVerdict(budget.name(), 100 * good, n > 0 && b <= budget.budget() * n, null, detail);
    }

    /** The burn rate over the {@code k} steps ending at step {@code i} is at least {@code rate}. */
    private boolean burning(long[] cumEvents, long[] cumBad, int i, int k, double rate) {
        int from = Math.max(0, i + 1 - k);
        long e = cumEvents[i + 1] - cumEvents[from];
        long b = cumBad[i + 1] - cumBad[from];
        return e > 0 && b >= rate * budget.budget() * e;
    }
}
