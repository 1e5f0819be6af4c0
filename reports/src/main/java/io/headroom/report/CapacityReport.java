package io.headroom.report;

import io.headroom.design.Slo;
import io.headroom.result.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of {@code headroom capacity} ({@code report.html}, {@code report.md}): the capacity found, the
 * component that limits it — the busiest at the last probe that met the SLOs, by the larger of its busy workers
 * and busy cores (a store by its hottest shard) — every probe, and a warning when the probes were not monotone
 * in load. The bisection assumes more load never makes a result better; a probe that met the SLOs above one that
 * missed them, or an SLO's value that got better as the load grew (an autoscaler catching up, scheduled scaling,
 * noise between close probes), says that assumption did not hold and the capacity found may be off.
 */
public final class CapacityReport {
    private CapacityReport() {
    }

    /** How busy a component was in one probe (means over its replications; NaN when not measured). */
    public record Load(String component, double utilisation, double cpu) {
        /** The larger of the two: what saturates first. */
        public double busiest() {
            double u = Double.isNaN(utilisation) ? 0 : utilisation;
            double c = Double.isNaN(cpu) ? 0 : cpu;
            return Math.max(u, c);
        }
    }

    /** One probe of the search: its scale, verdict, SLO values and its components from the busiest down. */
    public record Probe(double scale, boolean meets, List<Summary.SloResult> slo, List<String> unstable, List<Load> loads) {
        public Probe {
            slo = List.copyOf(slo);
            unstable = List.copyOf(unstable);
            loads = List.copyOf(loads);
        }

        /** The busiest component, or null when the design has none with workers. */
        public Load busiest() {
            return loads.isEmpty() ? null : loads.get(0);
        }
    }

    /**
     * A finished search.
     *
     * @param title    the design (and the knob's value) and the profile, as the terminal names them
     * @param verdict  the terminal's sentence on the capacity found
     * @param capacity the highest scale found to meet the SLOs (0: none did)
     * @param probes   in the order they were made
     */
    public record Search(String title, String verdict, List<String> slos, int replications, long seed, double capacity,
                         List<Probe> probes) {
        public Search {
            slos = List.copyOf(slos);
            probes = List.copyOf(probes);
        }

        /** The probe the bottleneck is read from: the last that met the SLOs, or the lowest scale when none did. */
        public Probe atCapacity() {
            Probe best = null;
            for (Probe p : probes) {
                if (capacity > 0 ? p.meets() && p.scale() == capacity : best == null || p.scale() < best.scale()) {
                    best = p;
                }
            }
            return best;
        }
    }

    /** Each service's busy workers and cores in {@code s}, the busiest first (the first of equals in name order). */
    public static List<Load> loads(Summary s) {
        List<Load> out = new ArrayList<>();
        for (Map.Entry<String, Summary.Component> e : s.components().entrySet()) {
            if (e.getValue() instanceof Summary.Service svc) {
                out.add(new Load(e.getKey(), svc.sharded() ? svc.hottestShardUtilisation() : svc.utilisation(), svc.cpu()));
            }
        }
        out.sort(Comparator.comparingDouble(Load::busiest).reversed());
        return out;
    }

    /** Where the probes were not monotone in load; empty when they were. */
    public static List<String> monotonyWarnings(List<Probe> probes) {
        List<Probe> byScale = new ArrayList<>(probes);
        byScale.sort(Comparator.comparingDouble(Probe::scale));
        List<String> out = new ArrayList<>();
        Probe missed = null;
        for (Probe p : byScale) {
            if (!p.meets() && missed == null) {
                missed = p;
            } else if (p.meets() && missed != null) {
                out.add(String.format(Locale.ROOT, "probes not monotone in load: %s× met the SLOs although %s× missed them",
                        scale(p.scale()), scale(missed.scale())));
                break;
            }
        }
        Map<String, double[]> worst = new LinkedHashMap<>(); // expr -> {drop, lowScale, lowValue, highScale, highValue}
        for (int k = 0; !byScale.isEmpty() && k < byScale.get(0).slo().size(); k++) {
            String expr = byScale.get(0).slo().get(k).expr();
            if (!judgesRequests(expr)) {
                continue;
            }
            double maxValue = Double.NaN;
            double maxScale = Double.NaN;
            for (Probe p : byScale) {
                if (k >= p.slo().size() || Double.isNaN(p.slo().get(k).value())) {
                    continue;
                }
                double v = p.slo().get(k).value();
                if (Double.isNaN(maxValue) || v >= maxValue) {
                    maxValue = v;
                    maxScale = p.scale();
                } else if (!worst.containsKey(expr) || maxValue - v > worst.get(expr)[0]) {
                    worst.put(expr, new double[] {maxValue - v, maxScale, maxValue, p.scale(), v});
                }
            }
        }
        worst.forEach((expr, w) -> out.add(String.format(Locale.ROOT,
                "probes not monotone in load: %s was %s at %s× but %s at %s× — more load, a better value (an autoscaler"
                        + " catching up, scheduled scaling, or noise between close probes); the search assumes more load never"
                        + " helps, so the capacity found may be off", expr, value(w[4]), scale(w[3]), value(w[2]), scale(w[1]))));
        return out;
    }

    /** Latency and error SLOs get worse with load; a cost per request may fall as a fixed fleet fills, so it is not judged. */
    private static boolean judgesRequests(String expr) {
        try {
            Slo.Metric m = Slo.parse(expr).metric();
            return !m.cost();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The sentence naming the bottleneck at the capacity found. */
    public static String bottleneck(Search s) {
        Probe at = s.atCapacity();
        Load b = at == null ? null : at.busiest();
        if (b == null) {
            return "no component with workers to name as the bottleneck";
        }
        String where = s.capacity() > 0 ? "the last probe that met the SLOs" : "the lowest probe: none met the SLOs";
        return String.format(Locale.ROOT, "bottleneck %s at %s× today's load (%s): cores %s busy, workers %s busy", b.component(),
                scale(at.scale()), where, percent(b.cpu()), percent(b.utilisation()));
    }

    /** Writes {@code report.md} and {@code report.html} into {@code dir}; returns them. */
    public static List<Path> write(Path dir, Search s) throws IOException {
        String md = render(s, new ReportWriter.Markdown());
        String html = render(s, new ReportWriter.Html());
        Path mdf = dir.resolve(RunReport.MARKDOWN);
        Path hf = dir.resolve(RunReport.HTML);
        Path stagedMd = AtomicFiles.stage(mdf, w -> w.write(md));
        Path stagedHtml;
        try {
            stagedHtml = AtomicFiles.stage(hf, w -> w.write(html));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(stagedMd);
            throw e;
        }
        AtomicFiles.commit(stagedMd, mdf);
        AtomicFiles.commit(stagedHtml, hf);
        return List.of(mdf, hf);
    }

    private static String render(Search s, ReportWriter w) {
        w.begin("Capacity: " + s.title(), "SLOs " + String.join(", ", s.slos()) + "; " + s.replications()
                + (s.replications() == 1 ? " run per probe, seed " : " replications per probe, seeds from ") + s.seed()
                + ", the same at every probe (common random numbers)");
        w.heading("Capacity");
        w.paragraph(s.verdict());
        w.heading("Bottleneck");
        Probe at = s.atCapacity();
        w.paragraph("The " + bottleneck(s) + ". Each service at that probe, the busiest first (time-averages over the measured period; a store by its hottest shard):");
        if (at != null && !at.loads().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (Load l : at.loads()) {
                rows.add(List.of(l.component(), percent(l.cpu()), percent(l.utilisation())));
            }
            w.table(ReportTable.numbers(List.of("component", "cores busy", "workers busy"), rows));
        }
        w.heading("Warnings");
        List<String> warnings = monotonyWarnings(s.probes());
        if (warnings.isEmpty()) {
            w.paragraph("None: the probes were monotone in load.");
        } else {
            w.list(warnings);
        }
        w.heading("Probes");
        List<String> head = new ArrayList<>(List.of("scale", "verdict"));
        if (!s.probes().isEmpty()) {
            s.probes().get(0).slo().forEach(r -> head.add(r.expr()));
        }
        head.add("busiest component");
        List<List<String>> rows = new ArrayList<>();
        for (Probe p : s.probes()) {
            List<String> row = new ArrayList<>(List.of(scale(p.scale()) + "×", p.meets() ? "met" : "MISSED"));
            p.slo().forEach(r -> row.add(value(r.value())));
            Load b = p.busiest();
            row.add((b == null ? "" : b.component() + " " + percent(b.busiest()))
                    + (p.unstable().isEmpty() ? "" : " (unstable: " + String.join(", ", p.unstable()) + ")"));
            rows.add(row);
        }
        List<Boolean> numeric = new ArrayList<>();
        for (int i = 0; i < head.size(); i++) {
            numeric.add(i == 0 || (i > 1 && i < head.size() - 1));
        }
        w.table(ReportTable.of(head, numeric, rows));
        w.paragraph("In the order they were made. An SLO's value is the mean over the probe's replications.");
        return w.end();
    }

    private static String scale(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }

    private static String value(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f %%", v * 100);
    }
}
