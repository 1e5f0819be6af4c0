package io.headroom.slo;

import io.headroom.design.ErrorBudget;
import io.headroom.design.Slo;
import io.headroom.design.SloSpec;
import io.headroom.metrics.RequestObserver;
import io.headroom.request.ErrorCause;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Follows a run's SLOs through time: hears every request as it ends, and each time-series step as
 * it closes. Windowed SLOs ({@code "p99 < 400ms over 5m"}) are judged on every window
 * ({@link WindowedSlo}), error budgets on their events and burn rates ({@link BudgetTracker}). The
 * breaches of the windowed SLOs are the run's incidents; a design without windowed SLOs has its
 * whole-run latency and error SLOs applied to each step to find them (the verdicts of those SLOs
 * stay the whole run's). Steps of the warm-up and of the drain after the profile are not judged.
 */
public final class SloMonitor implements RequestObserver {
    private final long warmupNs;
    private final long horizonNs;
    private final WindowedSlo[] windowed;
    private final boolean[] verdicts;
    private final BudgetTracker[] budgets;
    private final StepLog log;

    /**
     * @param specs     the design's SLOs
     * @param endpoints the run's endpoint labels, by index
     * @param stepNs    the time-series step
     * @param columns   the time series' columns (a step's row comes in this order)
     * @param probes    the autoscaled fleets
     */
    public SloMonitor(List<SloSpec> specs, String[] endpoints, long warmupNs, long horizonNs, long stepNs, List<String> columns,
                      List<ScalingProbe> probes) {
        this.warmupNs = warmupNs;
        this.horizonNs = horizonNs;
        List<WindowedSlo> w = new ArrayList<>();
        List<BudgetTracker> b = new ArrayList<>();
        for (SloSpec spec : specs) {
            if (spec.isExpression()) {
                Slo slo = spec.slo();
                if (slo.windowed()) {
                    w.add(new WindowedSlo(slo, index(endpoints, slo.endpoint()), (int) Math.max(1,
                            Math.min(Integer.MAX_VALUE - 1, Math.round((double) slo.windowNs() / stepNs)))));
                }
            } else {
                ErrorBudget budget = spec.budget();
                b.add(new BudgetTracker(budget, index(endpoints, budget.endpoint())));
            }
        }
        int judging = w.size();
        if (judging == 0) {
            for (SloSpec spec : specs) {
                if (spec.isExpression() && (spec.slo().metric().latency() || spec.slo().metric() == Slo.Metric.ERRORS)) {
                    Slo slo = spec.slo();
                    w.add(new WindowedSlo(slo, index(endpoints, slo.endpoint()), 1));
                }
            }
        }
        windowed = w.toArray(WindowedSlo[]::new);
        verdicts = new boolean[windowed.length];
        Arrays.fill(verdicts, 0, judging, true);
        budgets = b.toArray(BudgetTracker[]::new);
        log = new StepLog(columns, probes);
    }

    /** Whether a design's SLOs need following through time (any latency, error or budget SLO). */
    public static boolean needed(List<SloSpec> specs) {
        return specs.stream().anyMatch(s -> !s.isExpression() || s.slo().windowed() || s.slo().metric().latency()
                || s.slo().metric() == Slo.Metric.ERRORS);
    }

    private static int index(String[] endpoints, String label) {
        if (label == null) {
            return -1;
        }
        for (int i = 0; i < endpoints.length; i++) {
            if (endpoints[i].equals(label)) {
                return i;
            }
        }
        return -2;
    }

    @Override
    public void completed(int endpoint, long latencyNs) {
        for (WindowedSlo w : windowed) {
            if (w.counts(endpoint)) {
                w.completed(latencyNs);
            }
        }
        for (BudgetTracker b : budgets) {
            if (b.counts(endpoint)) {
                b.completed(latencyNs);
            }
        }
    }

    @Override
    public void failed(int endpoint, ErrorCause cause) {
        for (WindowedSlo w : windowed) {
            if (w.counts(endpoint)) {
                w.failed();
            }
        }
        for (BudgetTracker b : budgets) {
            if (b.counts(endpoint)) {
                b.failed();
            }
        }
    }

    /** The step {@code [start, end)} closed with this time-series row. */
    public void stepClosed(long start, long end, double[] row) {
        boolean judged = start >= warmupNs && start < horizonNs;
        if (judged) {
            log.add(start, end, row);
        }
        for (WindowedSlo w : windowed) {
            w.stepClosed(judged);
        }
        for (BudgetTracker b : budgets) {
            b.stepClosed(judged);
        }
    }

    /** What the run's SLOs came to, once it has ended. */
    public record Findings(List<SloVerdict> windowed, List<SloVerdict> budgets, List<Incident> incidents) {
    }

    /** Judges what is left and returns the windowed verdicts and budgets (in design order) and the incidents (by start). */
    public Findings finish() {
        List<SloVerdict> wv = new ArrayList<>();
        List<Incident> incidents = new ArrayList<>();
        IncidentCauses causes = new IncidentCauses(log);
        for (int i = 0; i < windowed.length; i++) {
            windowed[i].finish();
            if (verdicts[i]) {
                wv.add(windowed[i].verdict(log));
            }
            incidents.addAll(windowed[i].incidents(log, causes));
        }
        incidents.sort(Comparator.comparingDouble(Incident::startS));
        List<SloVerdict> bv = new ArrayList<>();
        for (BudgetTracker b : budgets) {
            bv.add(b.verdict(log));
        }
        return new Findings(wv, bv, incidents);
    }
}
