package io.headroom.advice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.report.AtomicFiles;
import io.headroom.result.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The advice as users read it: a terminal table, {@code advice.json} (Compute Optimizer's field names where they
 * exist: {@code finding}, {@code findingReasonCodes}, {@code recommendationOptions} with {@code instanceType},
 * {@code performanceRisk}, {@code savingsOpportunity}) and {@code advice.md}. Money per month is the run's cost per
 * hour × 730 (AWS's month).
 */
public final class AdviceWriter {
    private AdviceWriter() {
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
            b.append(String.format(Locale.ROOT, "  %-4s %-22s %12s %12s %10s %9s %-9s%n", "rank", "option", "USD/month", "vs now", "p99 ms",
                    "cpu", "risk"));
            int rank = 1;
            for (Advisor.Evaluated e : f.options()) {
                double delta = e.monthlyUsd() - f.current().monthlyUsd();
                b.append(String.format(Locale.ROOT, "  %-4d %-22s %12.2f %12s %10.1f %8.0f%% %-9s%s%n", rank++, label(e), e.monthlyUsd(),
                        String.format(Locale.ROOT, "%+.2f", delta), e.p99Ms(), e.cpu() * 100, e.risk().level() + " " + e.risk().name(),
                        same(e, f.current()) ? "  (as written)" : ""));
            }
            if (f.options().isEmpty()) {
                b.append("  no option tried meets the SLOs\n");
            }
        }
        return b.toString();
    }

    private static boolean same(Advisor.Evaluated e, Advisor.Evaluated current) {
        return e.type().equals(current.type()) && java.util.Objects.equals(e.count(), current.count());
    }

    private static String label(Advisor.Evaluated e) {
        return (e.count() == null ? "autoscaled " : e.count() + " × ") + e.type();
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
        o.put("meets_slos", e.meets());
        o.put("cost_per_month_usd", round(e.monthlyUsd()));
        if (current != null) {
            ObjectNode s = o.putObject("savingsOpportunity");
            double saves = current.monthlyUsd() - e.monthlyUsd();
            s.put("estimatedMonthlySavings_usd", round(saves));
            s.put("savingsOpportunityPercentage", current.monthlyUsd() > 0 ? Math.round(saves / current.monthlyUsd() * 1000) / 10.0 : 0);
        }
        o.put("p99_ms", round(e.p99Ms()));
        o.put("errors_pct", round(e.errorsPct()));
        if (!Double.isNaN(e.cpu())) {
            o.put("cpu", round(e.cpu()));
            o.put("utilisation", round(e.utilisation()));
        }
        o.put("performanceRisk", e.risk().level());
        o.put("performanceRiskName", e.risk().name());
        if (e.risk().tightest() != null) {
            o.put("tightest_slo", e.risk().tightest());
            o.put("slo_margin_low", round(e.risk().marginLow()));
        }
        ArrayNode slo = o.putArray("slo");
        for (Summary.SloResult r : e.slo()) {
            ObjectNode x = slo.addObject();
            x.put("expr", r.expr());
            x.put("value", round(r.value()));
            x.put("pass", r.pass());
        }
        ArrayNode un = o.putArray("unstable");
        e.unstable().forEach(un::add);
        return o;
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
    }

    /** {@code advice.md}: the findings and each service's options as tables. */
    public static String markdown(Advisor.Advice a) {
        StringBuilder b = new StringBuilder("# Advice: ").append(a.design()).append(" under ").append(a.profile()).append("\n\n");
        b.append(String.format(Locale.ROOT, "%d replications per option, common random numbers from seed %d; SLOs: %s. "
                + "Costs per month are the run's cost per hour × 730.%n%n", a.replications(), a.seed(),
                a.slos().isEmpty() ? "none" : String.join(", ", a.slos())));
        b.append(String.format(Locale.ROOT, "As written: %s, %.2f USD/month, p99 %.1f ms.%n", a.asWritten().meets() ? "meets the SLOs"
                : "**misses the SLOs**", a.asWritten().monthlyUsd(), a.asWritten().p99Ms()));
        for (Advisor.Finding f : a.findings()) {
            b.append(String.format(Locale.ROOT, "%n## %s: %s%s%n%nNow: %s, %.2f USD/month, p99 %.1f ms, CPU %.0f %% busy.%n%n",
                    f.component(), f.finding(), f.reasons().isEmpty() ? "" : " (" + String.join(", ", f.reasons()) + ")",
                    label(f.current()), f.current().monthlyUsd(), f.current().p99Ms(), f.current().cpu() * 100));
            if (f.options().isEmpty()) {
                b.append("No option tried meets the SLOs.\n");
                continue;
            }
            b.append("| rank | option | USD/month | vs now | p99 ms | CPU busy | performance risk |\n");
            b.append("|--:|---|--:|--:|--:|--:|---|\n");
            int rank = 1;
            for (Advisor.Evaluated e : f.options()) {
                b.append(String.format(Locale.ROOT, "| %d | %s%s | %.2f | %+.2f | %.1f | %.0f %% | %d %s |%n", rank++, label(e),
                        same(e, f.current()) ? " (as written)" : "", e.monthlyUsd(), e.monthlyUsd() - f.current().monthlyUsd(), e.p99Ms(),
                        e.cpu() * 100, e.risk().level(), e.risk().name()));
            }
            List<Advisor.Evaluated> missed = f.tried().stream().filter(e -> !e.meets()).toList();
            if (!missed.isEmpty()) {
                b.append("\nSimulated and missing the SLOs: ");
                b.append(String.join(", ", missed.stream().map(e -> String.format(Locale.ROOT, "%s (p99 %.1f ms)", label(e), e.p99Ms())).toList()));
                b.append(".\n");
            }
        }
        return b.toString();
    }

    /** Writes {@code advice.json} and {@code advice.md} into {@code dir}, each atomically; returns them. */
    public static List<Path> write(Path dir, Advisor.Advice a) throws IOException {
        Path json = dir.resolve("advice.json");
        Path md = dir.resolve("advice.md");
        AtomicFiles.write(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json(a)) + "\n");
        AtomicFiles.write(md, markdown(a));
        return List.of(json, md);
    }
}
