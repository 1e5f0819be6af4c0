package io.headroom.report;

import io.headroom.advice.Advisor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.result.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The advice as users read it: a terminal table, {@code advice.json} (Compute Optimizer's field names where they
 * exist: {@code finding}, {@code findingReasonCodes}, {@code recommendationOptions} with {@code instanceType},
 * {@code performanceRisk}, {@code savingsOpportunity}) and {@code advice.md}. Money per month is the run's cost per
 * hour × 730 (AWS's month).
 */
public final class AdviceReport {
    private AdviceReport() {
    }

    /** The terminal table: per service, its finding, then its options cheapest first. */
    public static String text(Advisor.Advice a) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "advice for %s under %s (%d replications, seed %d; SLOs: %s)%n", a.design(), a.profile(),
                a.replications(), a.seed(), a.slos().isEmpty() ? "none" : String.join(", ", a.slos())));
        b.append(String.format(Locale.ROOT, "as written: %s, %.2f USD/month, p99 %.1f ms%n", a.asWritten().meets() ? "meets the SLOs" : "MISSES the SLOs",
                a.asWritten().monthlyUsd(), a.asWritten().p99Ms()));
        for (Advisor.Finding f : a.findings()) {
            b.append(String.format(Locale.ROOT, "%n%s: %s%s  (now %s)%n", f.component(), f.finding(),
                    f.reasons().isEmpty() ? "" : " " + f.reasons(), label(f.current())));
            int w = 22; // the option column fits the longest label
            for (Advisor.Evaluated e : f.options()) {
                w = Math.max(w, label(e).length());
            }
            for (Advisor.SpotOption o : f.spot()) {
                w = Math.max(w, label(o.run()).length() + 9);
            }
            String option = "%-" + w + "s";
            b.append(String.format(Locale.ROOT, "  %-4s " + option + " %12s %12s %10s %9s %-9s%n", "rank", "option", "USD/month", "vs now",
                    "p99 ms", "cpu", "risk"));
            int rank = 1;
            for (Advisor.Evaluated e : f.options()) {
                double delta = e.monthlyUsd() - f.current().monthlyUsd();
                b.append(String.format(Locale.ROOT, "  %-4d " + option + " %12.2f %12s %10.1f %8.0f%% %-9s%s%n", rank++, label(e), e.monthlyUsd(),
                        String.format(Locale.ROOT, "%+.2f", delta), e.p99Ms(), e.cpu() * 100, e.risk().level() + " " + e.risk().name(),
                        same(e, f.current()) ? "  (as written)" : ""));
            }
            if (f.options().isEmpty()) {
                b.append("  no option tried meets the SLOs\n");
            }
            for (Advisor.SpotOption o : f.spot()) {
                b.append(String.format(Locale.ROOT, "  spot %3d %% of %-" + (w - 9) + "s %12.2f %12s %10.1f %8.0f%% %-9s %s%n", o.sharePct(), label(o.run()),
                        o.run().monthlyUsd(), String.format(Locale.ROOT, "%+.2f", o.run().monthlyUsd() - f.current().monthlyUsd()),
                        o.run().p99Ms(), o.run().cpu() * 100, o.run().risk().level() + " " + o.run().risk().name(),
                        o.run().meets() ? "meets the SLOs through interruptions" : "misses the SLOs through interruptions"));
            }
        }
        return b.toString();
    }

    private static boolean same(Advisor.Evaluated e, Advisor.Evaluated current) {
        return e.type().equals(current.type()) && java.util.Objects.equals(e.count(), current.count()) && e.target() == null
                && e.min() == null;
    }

    private static String label(Advisor.Evaluated e) {
        return (e.count() == null ? "autoscaled " : e.count() + " × ") + e.type() + (e.target() == null ? "" : " at target " + e.target())
                + (e.min() == null ? "" : ", min " + e.min());
    }

    /** {@code advice.json}. */
    public static ObjectNode json(Advisor.Advice a) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("schema_version", 1);
        root.put("design", a.design());
        root.put("profile", a.profile());
        root.put("replications", a.replications());
        root.put("seed", a.seed());
        ArrayNode slos = root.putArray("slos");
        a.slos().forEach(slos::add);
        root.put("hours_per_month", io.headroom.result.Figures.HOURS_PER_MONTH);
        root.set("as_written", evaluated(m, a.asWritten(), null));
        ArrayNode fs = root.putArray("findings");
        for (Advisor.Finding f : a.findings()) {
            ObjectNode o = fs.addObject();
            o.put("component", f.component());
            o.put("autoscaled", f.autoscaled());
            o.put("finding", f.finding());
            ArrayNode r = o.putArray("findingReasonCodes");
            f.reasons().forEach(r::add);
            o.set("current", evaluated(m, f.current(), null));
            ArrayNode opts = o.putArray("recommendationOptions");
            int rank = 1;
            for (Advisor.Evaluated e : f.options()) {
                ObjectNode x = evaluated(m, e, f.current());
                x.put("rank", rank++);
                opts.add(x);
            }
            ArrayNode spot = o.putArray("spot");
            for (Advisor.SpotOption so : f.spot()) {
                ObjectNode x = evaluated(m, so.run(), f.current());
                x.put("spot_share_pct", so.sharePct());
                number(x, "simulated_interruptions_per_hour", so.interruptionsPerHour());
                spot.add(x);
            }
            ArrayNode tried = o.putArray("simulated");
            for (Advisor.Evaluated e : f.tried()) {
                tried.add(evaluated(m, e, null));
            }
        }
        return root;
    }

    private static ObjectNode evaluated(ObjectMapper m, Advisor.Evaluated e, Advisor.Evaluated current) {
        ObjectNode o = m.createObjectNode();
        if (e.type() != null) {
            o.put("instanceType", e.type());
        }
        if (e.count() != null) {
            o.put("count", e.count());
        }
        if (e.target() != null) {
            o.put("autoscaling_target", e.target());
        }
        if (e.min() != null) {
            o.put("autoscaling_min", e.min());
        }
        o.put("meets_slos", e.meets());
        number(o, "cost_per_month_usd", e.monthlyUsd());
        if (current != null) {
            ObjectNode s = o.putObject("savingsOpportunity");
            double saves = current.monthlyUsd() - e.monthlyUsd();
            number(s, "estimatedMonthlySavings_usd", saves);
            s.put("savingsOpportunityPercentage", current.monthlyUsd() > 0 ? Math.round(saves / current.monthlyUsd() * 1000) / 10.0 : 0);
        }
        number(o, "p99_ms", e.p99Ms());
        number(o, "errors_pct", e.errorsPct());
        if (!Double.isNaN(e.cpu())) {
            number(o, "cpu", e.cpu());
            number(o, "utilisation", e.utilisation());
        }
        o.put("performanceRisk", e.risk().level());
        o.put("performanceRiskName", e.risk().name());
        if (e.risk().tightest() != null) {
            o.put("tightest_slo", e.risk().tightest());
            number(o, "slo_margin_low", e.risk().marginLow());
        }
        ArrayNode slo = o.putArray("slo");
        for (Summary.SloResult r : e.slo()) {
            ObjectNode x = slo.addObject();
            x.put("expr", r.expr());
            number(x, "value", r.value());
            x.put("pass", r.pass());
        }
        ArrayNode un = o.putArray("unstable");
        e.unstable().forEach(un::add);
        return o;
    }

    /** {@code v} to the millionth under {@code key}; null when it has no value (NaN, or infinite: nothing completed). */
    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, Math.round(v * 1e6) / 1e6);
        } else {
            o.putNull(key);
        }
    }

    /** The file of service {@code component}'s chart: {@code chart-advice-COMPONENT.png}. */
    static String chartFile(String component) {
        return "chart-advice-" + component.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
    }

    /** The report: the design as written, then per service its finding, its options as a table and its chart. */
    private static String render(Advisor.Advice a, ReportWriter w, Map<String, byte[]> pngs) {
        w.begin("Advice: " + a.design() + " under " + a.profile(), String.format(Locale.ROOT, "%d %s per option, seeds from %d, the same"
                + " for every option (common random numbers); SLOs: %s; costs per month are the run's cost per hour × %d", a.replications(),
                a.replications() == 1 ? "run" : "replications", a.seed(), a.slos().isEmpty() ? "none" : String.join(", ", a.slos()),
                io.headroom.result.Figures.HOURS_PER_MONTH));
        w.paragraph(String.format(Locale.ROOT, "As written: %s, %.2f USD a month, p99 %.1f ms.", a.asWritten().meets() ? "meets the SLOs"
                : "misses the SLOs", a.asWritten().monthlyUsd(), a.asWritten().p99Ms()));
        for (Advisor.Finding f : a.findings()) {
            w.heading(f.component() + ": " + f.finding() + (f.reasons().isEmpty() ? "" : " (" + String.join(", ", f.reasons()) + ")"));
            w.paragraph(String.format(Locale.ROOT, "Now %s: %.2f USD a month, p99 %.1f ms, cores %.0f %% busy, workers %.0f %% busy.",
                    label(f.current()), f.current().monthlyUsd(), f.current().p99Ms(), f.current().cpu() * 100, f.current().utilisation() * 100));
            if (f.options().isEmpty()) {
                w.paragraph("No option simulated meets the SLOs.");
            } else {
                List<List<String>> rows = new java.util.ArrayList<>();
                int rank = 1;
                for (Advisor.Evaluated e : f.options()) {
                    rows.add(List.of(String.valueOf(rank++), label(e) + (same(e, f.current()) ? " (as written)" : ""),
                            String.format(Locale.ROOT, "%.2f", e.monthlyUsd()),
                            String.format(Locale.ROOT, "%+.2f", e.monthlyUsd() - f.current().monthlyUsd()),
                            String.format(Locale.ROOT, "%.1f", e.p99Ms()), String.format(Locale.ROOT, "%.0f %%", e.cpu() * 100),
                            e.risk().level() + " " + e.risk().name()));
                }
                w.table(ReportTable.of(List.of("rank", "option", "USD/month", "vs now", "p99 ms", "cores busy", "performance risk"),
                        List.of(true, false, true, true, true, true, false), rows));
            }
            List<Advisor.Evaluated> missed = f.tried().stream().filter(e -> !e.meets()).toList();
            if (!missed.isEmpty()) {
                w.paragraph("Simulated and missing the SLOs: " + String.join(", ", missed.stream()
                        .map(e -> String.format(Locale.ROOT, "%s (p99 %.1f ms)", label(e), e.p99Ms())).toList()) + ".");
            }
            if (!f.spot().isEmpty()) {
                List<List<String>> rows = new java.util.ArrayList<>();
                for (Advisor.SpotOption o : f.spot()) {
                    rows.add(List.of(o.sharePct() + " %", label(o.run()), o.run().meets() ? "met" : "MISSED",
                            String.format(Locale.ROOT, "%.2f", o.run().monthlyUsd()),
                            String.format(Locale.ROOT, "%+.2f", o.run().monthlyUsd() - f.current().monthlyUsd()),
                            String.format(Locale.ROOT, "%.1f", o.run().p99Ms()), o.run().risk().level() + " " + o.run().risk().name()));
                }
                w.paragraph(String.format(Locale.ROOT, "Spot: the cheapest option with a share of its instances on spot, every spot instance"
                        + " interrupted %.2f times an hour (about once in the run; the catalogue's rate is far lower), so that the SLOs"
                        + " are judged through interruptions:", f.spot().get(0).interruptionsPerHour()));
                w.table(ReportTable.of(List.of("on spot", "option", "SLOs", "USD/month", "vs now", "p99 ms", "performance risk"),
                        List.of(true, false, false, true, true, true, false), rows));
            }
            String file = chartFile(f.component());
            w.chart(f.component() + ": every option simulated, its cost a month against its p99", file, pngs.get(file),
                    AdviceChart.WIDTH, AdviceChart.HEIGHT);
        }
        w.paragraph("Performance risk is AWS Compute Optimizer's scale (0 very low to 4 very high), from the lower 95 % bound of the"
                + " tightest SLO's margin over the replications: at least 30 %, 15 %, 5 %, 0 % for 0 to 3, below 0 for 4.");
        return w.end();
    }

    /** Writes {@code advice.json}, {@code report.md}, {@code report.html} and each service's chart into {@code dir}, atomically; returns them. */
    public static List<Path> write(Path dir, Advisor.Advice a) throws IOException {
        Map<String, byte[]> pngs = new java.util.LinkedHashMap<>();
        Map<String, String> svgs = new java.util.LinkedHashMap<>();
        for (Advisor.Finding f : a.findings()) {
            org.jfree.chart.JFreeChart c = AdviceChart.of(a, f);
            pngs.put(chartFile(f.component()), ChartFiles.png(c, AdviceChart.WIDTH, AdviceChart.HEIGHT));
            svgs.put(chartFile(f.component()), ChartFiles.svg(c, AdviceChart.WIDTH, AdviceChart.HEIGHT));
        }
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json(a)) + "\n";
        String md = render(a, new ReportWriter.Markdown(), pngs);
        String html = render(a, new ReportWriter.Html(), pngs);
        Map<Path, Path> staged = new java.util.LinkedHashMap<>();
        try {
            Path jf = dir.resolve("advice.json");
            staged.put(jf, AtomicFiles.stage(jf, x -> x.write(json)));
            for (Map.Entry<String, byte[]> png : pngs.entrySet()) {
                Path pf = dir.resolve(png.getKey());
                staged.put(pf, AtomicFiles.stageBytes(pf, o -> o.write(png.getValue())));
                Path sf = dir.resolve(ChartFiles.svgName(png.getKey()));
                String svg = svgs.get(png.getKey());
                staged.put(sf, AtomicFiles.stage(sf, x -> x.write(svg)));
            }
            Path mf = dir.resolve(RunReport.MARKDOWN);
            staged.put(mf, AtomicFiles.stage(mf, x -> x.write(md)));
            Path hf = dir.resolve(RunReport.HTML);
            staged.put(hf, AtomicFiles.stage(hf, x -> x.write(html)));
        } catch (IOException | RuntimeException e) {
            for (Path p : staged.values()) {
                java.nio.file.Files.deleteIfExists(p);
            }
            throw e;
        }
        for (Map.Entry<Path, Path> e : staged.entrySet()) {
            AtomicFiles.commit(e.getValue(), e.getKey());
        }
        return new java.util.ArrayList<>(staged.keySet());
    }
}
