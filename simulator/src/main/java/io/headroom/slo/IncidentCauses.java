package io.headroom.slo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Explains a stretch of judged steps from the time series and the fleets: the components at
 * saturation (mean utilisation of workers or CPU of at least {@value #SATURATED} over the stretch),
 * or else the busiest one; the components whose queue grew (its peak in the stretch at least twice,
 * and one request more than, the step before); the errors by cause; each autoscaler at its maximum
 * or waiting for instances to become ready.
 */
final class IncidentCauses {
    /** Utilisation or CPU at which a component is saturated. */
    static final double SATURATED = 0.95;

    private final StepLog log;
    private final Map<String, int[]> components = new LinkedHashMap<>();
    private final Map<String, Integer> errors = new LinkedHashMap<>();

    IncidentCauses(StepLog log) {
        this.log = log;
        List<String> cols = log.columns();
        for (int c = 0; c < cols.size(); c++) {
            String name = cols.get(c);
            if (name.endsWith(".utilisation")) {
                String comp = name.substring(0, name.length() - ".utilisation".length());
                components.put(comp, new int[] {c, cols.indexOf(comp + ".cpu"), cols.indexOf(comp + ".queue")});
            } else if (name.startsWith("errors.")) {
                errors.put(name.substring("errors.".length()), c);
            }
        }
    }

    /** The attribution of steps {@code from..to}, most telling first. */
    List<String> explain(int from, int to) {
        List<String> out = new ArrayList<>();
        String busiest = null;
        double busiestLoad = -1;
        for (Map.Entry<String, int[]> e : components.entrySet()) {
            int[] c = e.getValue();
            double util = mean(c[0], from, to);
            double cpu = c[1] < 0 ? Double.NaN : mean(c[1], from, to);
            double load = Math.max(nz(util), nz(cpu));
            if (load >= SATURATED) {
                out.add(String.format(Locale.ROOT, "%s saturated (utilisation %.2f, cpu %.2f)", e.getKey(), nz(util), nz(cpu)));
            }
            if (load > busiestLoad) {
                busiestLoad = load;
                busiest = e.getKey();
            }
        }
        if (out.isEmpty() && busiest != null) {
            out.add(String.format(Locale.ROOT, "no component saturated; busiest %s at %.2f", busiest, busiestLoad));
        }
        for (Map.Entry<String, int[]> e : components.entrySet()) {
            int q = e.getValue()[2];
            if (q < 0) {
                continue;
            }
            double before = from > 0 ? nz(log.value(from - 1, q)) : 0;
            double peak = 0;
            for (int s = from; s <= to; s++) {
                peak = Math.max(peak, nz(log.value(s, q)));
            }
            if (peak >= 2 * before && peak >= before + 1) {
                out.add(String.format(Locale.ROOT, "%s queue grew from %.1f to %.1f", e.getKey(), before, peak));
            }
        }
        StringBuilder errs = new StringBuilder();
        for (Map.Entry<String, Integer> e : errors.entrySet()) {
            double n = 0;
            for (int s = from; s <= to; s++) {
                n += nz(log.value(s, e.getValue()));
            }
            if (n > 0) {
                errs.append(errs.length() == 0 ? "errors: " : ", ").append(String.format(Locale.ROOT, "%.0f %s", n, e.getKey()));
            }
        }
        if (errs.length() > 0) {
            out.add(errs.toString());
        }
        List<ScalingProbe> probes = log.probes();
        for (int p = 0; p < probes.size(); p++) {
            int atMax = 0;
            int waiting = 0;
            int maxWanted = 0;
            int minReady = Integer.MAX_VALUE;
            for (int s = from; s <= to; s++) {
                int desired = log.desired(s, p);
                int ready = log.ready(s, p);
                if (desired >= log.max(s, p)) {
                    atMax++;
                }
                if (ready < desired) {
                    waiting++;
                    maxWanted = Math.max(maxWanted, desired);
                    minReady = Math.min(minReady, ready);
                }
            }
            String name = probes.get(p).component();
            if (atMax > 0) {
                out.add(String.format(Locale.ROOT, "%s autoscaler at its maximum (%d) in %d of %d steps", name, log.max(to, p), atMax,
                        to - from + 1));
            }
            if (waiting > 0) {
                out.add(String.format(Locale.ROOT, "%s waiting for readiness in %d of %d steps (wanted up to %d, ready as few as %d)",
                        name, waiting, to - from + 1, maxWanted, minReady));
            }
        }
        return out;
    }

    private double mean(int c, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int s = from; s <= to; s++) {
            double v = log.value(s, c);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double nz(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
