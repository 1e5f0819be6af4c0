package io.headroom.slo;

import io.headroom.design.Slo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An SLO judged on every window of {@code k} consecutive time-series steps, sliding one step at a
 * time: the window's figure comes from the merged per-step tallies of the requests that ended in it
 * (an HdrHistogram of 3 significant digits for percentiles, as the whole-run figures use; exact sums
 * for the mean and counts for errors, which are failed / ended), so an incident is never halved by a
 * window edge. A window in which fewer than min-requests requests ended is not judged. A run whose
 * measured part is shorter than one window is judged as one window.
 *
 * <p>Keeps a ring of {@code k + 1} step tallies and the running total of the last {@code k}: each
 * step adds one tally and takes out the one that left (the latencies in a {@link SlidingPercentile},
 * which answers as the merged histogram would without walking all its buckets each step). Records
 * each step's own figure and each window's verdict, from which the incidents are read at the end.
 */
final class WindowedSlo {
    private final Slo slo;
    private final int endpoint;
    private final int k;
    private final int ring;
    private final SlidingPercentile latencies; // null unless the metric is a percentile
    private final double[] sums;
    private final long[] done;
    private final long[] failed;
    private double totalSum;
    private long totalDone;
    private long totalFailed;
    private int cur;
    private int steps;
    private double[] stepValue = new double[256];
    private double[] windowValue = new double[256];
    private int windows;
    private boolean partial;

    /**
     * @param endpoint the endpoint index it counts, -1 for every request, -2 for one no request goes to
     * @param k        steps per window, at least 1
     */
    WindowedSlo(Slo slo, int endpoint, int k) {
        this.slo = slo;
        this.endpoint = endpoint;
        this.k = k;
        this.ring = k + 1;
        boolean percentile = !Double.isNaN(slo.metric().percent());
        latencies = percentile ? new SlidingPercentile(ring) : null;
        sums = new double[ring];
        done = new long[ring];
        failed = new long[ring];
    }

    Slo slo() {
        return slo;
    }

    int steps() {
        return k;
    }

    boolean counts(int ep) {
        return endpoint == -1 || endpoint == ep;
    }

    void completed(long latencyNs) {
        if (latencies != null) {
            latencies.record(cur, latencyNs);
        }
        sums[cur] += latencyNs;
        done[cur]++;
    }

    void failed() {
        failed[cur]++;
    }

    /** The step being tallied closed; {@code judged}: it is in the measured part (else it is dropped). */
    void stepClosed(boolean judged) {
        if (!judged) {
            clear(cur);
            return;
        }
        if (steps == stepValue.length) {
            stepValue = Arrays.copyOf(stepValue, steps * 2);
        }
        stepValue[steps] = figure(cur, sums[cur], done[cur], failed[cur], 1);
        steps++;
        if (latencies != null) {
            latencies.enter(cur);
        }
        totalSum += sums[cur];
        totalDone += done[cur];
        totalFailed += failed[cur];
        int next = (cur + 1) % ring;
        if (steps > k) {
            if (latencies != null) {
                latencies.leave(next);
            }
            totalSum -= sums[next];
            totalDone -= done[next];
            totalFailed -= failed[next];
        }
        if (steps >= k) {
            judgeWindow();
        }
        clear(next);
        cur = next;
    }

    /** The run ended: a measured part shorter than one window is judged as one. */
    void finish() {
        if (steps > 0 && steps < k) {
            partial = true;
            judgeWindow();
        }
    }

    private void judgeWindow() {
        if (windows == windowValue.length) {
            windowValue = Arrays.copyOf(windowValue, windows * 2);
        }
        windowValue[windows++] = figure(-1, totalSum, totalDone, totalFailed, slo.minRequests());
    }

    private void clear(int slot) {
        if (latencies != null && done[slot] > 0) {
            latencies.empty(slot);
        }
        sums[slot] = 0;
        done[slot] = 0;
        failed[slot] = 0;
    }

    /** The SLO's figure over tallies with at least {@code min} ended requests, else NaN; {@code slot} a step's, -1 the window's. */
    private double figure(int slot, double sumNs, long completed, long failures, int min) {
        long events = completed + failures;
        if (events < min) {
            return Double.NaN;
        }
        return switch (slo.metric()) {
            case ERRORS -> 100.0 * failures / events;
            case MEAN -> completed == 0 ? Double.NaN : sumNs / completed / 1e6;
            default -> completed == 0 ? Double.NaN : (slot < 0 ? latencies.windowPercentile(slo.metric().percent())
                    : latencies.stepPercentile(slot, slo.metric().percent())) / 1e6;
        };
    }

    private boolean violates(double v) {
        return !Double.isNaN(v) && !slo.met(v);
    }

    /** The first judged step of window {@code w}, and its last. */
    private int firstStep(int w) {
        return w;
    }

    private int lastStep(int w) {
        return partial ? steps - 1 : w + k - 1;
    }

    /** The verdict: met when every judged window held (and at least one was judged). */
    SloVerdict verdict(StepLog log) {
        long judged = 0;
        long violating = 0;
        int worst = -1;
        long coveredNs = 0;
        long coveredUntil = Long.MIN_VALUE;
        for (int w = 0; w < windows; w++) {
            double v = windowValue[w];
            if (Double.isNaN(v)) {
                continue;
            }
            judged++;
            if (worst < 0 || v > windowValue[worst]) {
                worst = w;
            }
            if (violates(v)) {
                violating++;
                long from = Math.max(log.startNs(firstStep(w)), coveredUntil);
                long to = log.endNs(lastStep(w));
                if (to > from) {
                    coveredNs += to - from;
                }
                coveredUntil = Math.max(coveredUntil, to);
            }
        }
        double worstValue = worst < 0 ? Double.NaN : windowValue[worst];
        double windowS = partial ? (log.endNs(steps - 1) - log.startNs(0)) / 1e9
                : steps == 0 ? Double.NaN : k * (log.endNs(0) - log.startNs(0)) / 1e9;
        var detail = new SloVerdict.Windows(windowS, judged, worst < 0 ? Double.NaN : log.startNs(firstStep(worst)) / 1e9, worstValue,
                violating, coveredNs / 1e9);
        return new SloVerdict(slo.expression(), worstValue, judged > 0 && violating == 0, detail, null);
    }

    /**
     * The breaches: each run of consecutive violating windows is one, narrowed to the steps within
     * it whose own figure misses the objective (the whole run of windows when none does alone).
     */
    List<Incident> incidents(StepLog log, IncidentCauses causes) {
        List<Incident> out = new ArrayList<>();
        int w = 0;
        while (w < windows) {
            if (!violates(windowValue[w])) {
                w++;
                continue;
            }
            int a = w;
            double worst = windowValue[w];
            while (w + 1 < windows && violates(windowValue[w + 1])) {
                w++;
                worst = Math.max(worst, windowValue[w]);
            }
            int from = firstStep(a);
            int to = lastStep(w);
            int firstBad = -1;
            int lastBad = -1;
            for (int s = from; s <= to; s++) {
                if (violates(stepValue[s])) {
                    if (firstBad < 0) {
                        firstBad = s;
                    }
                    lastBad = s;
                }
            }
            if (firstBad >= 0) {
                from = firstBad;
                to = lastBad;
            }
            out.add(new Incident(log.startNs(from) / 1e9, log.endNs(to) / 1e9, slo.expression(), worst, causes.explain(from, to)));
            w++;
        }
        return out;
    }
}
