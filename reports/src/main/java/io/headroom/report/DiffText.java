package io.headroom.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link PullRequestDiff} as a reviewer reads it: in a terminal ({@code text}), as a Markdown comment
 * ({@code markdown}; CommonMark with GitHub's tables), as a GitHub pull-request comment ({@code github}: the Markdown
 * with a hidden marker naming the design, so that a workflow updates its own comment rather than adding one per push,
 * and the long tables folded), or as JSON for scripts ({@code json}: the record's fields in snake case, null where a
 * figure has no value).
 */
public final class DiffText {
    /** The formats {@code headroom diff --format} writes. */
    public enum Format { TEXT, MARKDOWN, GITHUB, JSON }

    /** The first characters of a GitHub comment written by {@code headroom diff}: how a workflow finds its own comment. */
    public static final String MARKER = "<!-- headroom-diff";

    private static final Map<String, String> LABELS = Map.of("cost_per_month_usd", "Cost a month", "mean_ms", "Mean latency",
            "p50_ms", "p50 latency", "p95_ms", "p95 latency", "p99_ms", "p99 latency", "errors_pct", "Errors");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new SimpleModule().addSerializer(Double.class, new NanAsNull()).addSerializer(double.class, new NanAsNull()));

    private DiffText() {
    }

    /** The diff in {@code format}; {@code path} names the design in the GitHub marker. */
    public static String render(PullRequestDiff d, Format format, String path) {
        return switch (format) {
            case TEXT -> text(d);
            case MARKDOWN -> markdown(d, false, path);
            case GITHUB -> markdown(d, true, path);
            case JSON -> json(d);
        };
    }

    static String json(PullRequestDiff d) {
        try {
            return JSON.writeValueAsString(d) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The terminal's form. */
    static String text(PullRequestDiff d) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s -> %s under %s, %s (common random numbers, seed %d)%n", d.base().label(),
                d.head().label(), d.profile(), runs(d.replications()), d.seed()));
        int w = 14;
        for (PullRequestDiff.Metric m : d.metrics()) {
            w = Math.max(w, LABELS.get(m.key()).length());
        }
        for (PullRequestDiff.Metric m : d.metrics()) {
            b.append(String.format(Locale.ROOT, "  %-" + w + "s %s -> %s   %s%n", LABELS.get(m.key()), value(m.key(), m.before(), m.beforeCi95()),
                    value(m.key(), m.after(), m.afterCi95()), change(m)));
        }
        for (PullRequestDiff.SloChange s : d.slos()) {
            b.append(String.format(Locale.ROOT, "  SLO %s: %s -> %s (%s)%n", s.expr(), verdict(s.before(), s.beforeMet(), s.beforeMetShare(), d),
                    verdict(s.after(), s.afterMet(), s.afterMetShare(), d), s.change()));
        }
        for (PullRequestDiff.ComponentChange c : d.components()) {
            b.append(String.format(Locale.ROOT, "  %s (%s): %s%n", c.name(), c.change(), componentLine(c)));
        }
        if (d.components().isEmpty()) {
            b.append("  no component's instances, utilisation or cost changed\n");
        }
        unstable(d, b, "  ");
        return b.toString();
    }

    private static String markdown(PullRequestDiff d, boolean github, String path) {
        StringBuilder b = new StringBuilder();
        if (github) {
            b.append(MARKER).append(' ').append(path == null ? d.head().design() : path.replace("--", "- -")).append(" -->\n");
        }
        PullRequestDiff.Metric cost = find(d, "cost_per_month_usd");
        PullRequestDiff.Metric p99 = find(d, "p99_ms");
        b.append("### Headroom: `").append(d.head().design()).append("` under `").append(d.profile()).append("`\n\n");
        List<PullRequestDiff.SloChange> broken = d.broken();
        if (!broken.isEmpty()) {
            b.append("> [!CAUTION]\n> This change breaks ").append(broken.size() == 1 ? "an SLO" : broken.size() + " SLOs")
                    .append(" that the base met: ");
            for (int i = 0; i < broken.size(); i++) {
                b.append(i == 0 ? "" : ", ").append('`').append(broken.get(i).expr()).append('`');
            }
            b.append(".\n\n");
        }
        if (cost != null) {
            b.append("Monthly cost **").append(usd(cost.before())).append(" → ").append(usd(cost.after())).append("** (")
                    .append(signedUsd(cost.difference())).append(Double.isNaN(cost.relativePct()) ? "" : ", " + pct(cost.relativePct()))
                    .append(")");
        }
        if (p99 != null) {
            b.append(cost != null ? " · " : "").append("p99 **").append(ms(p99.before())).append(" → ").append(ms(p99.after()))
                    .append(" ms**").append(Double.isNaN(p99.relativePct()) ? "" : " (" + pct(p99.relativePct()) + ")");
        }
        b.append(" · SLOs: ").append(sloHeadline(d)).append("\n\n");
        b.append("| | base: ").append(cellText(d.base().label())).append(" | head: ").append(cellText(d.head().label()))
                .append(" | change (95 % CI) | |\n|---|--:|--:|--:|---|\n");
        for (PullRequestDiff.Metric m : d.metrics()) {
            b.append("| ").append(LABELS.get(m.key())).append(" | ").append(value(m.key(), m.before(), m.beforeCi95())).append(" | ")
                    .append(value(m.key(), m.after(), m.afterCi95())).append(" | ").append(difference(m)).append(" | ")
                    .append(significance(m)).append(" |\n");
        }
        b.append('\n');
        if (!d.slos().isEmpty()) {
            open(b, github, "SLOs (" + sloHeadline(d) + ")");
            b.append("| SLO | base | head | |\n|---|---|---|---|\n");
            for (PullRequestDiff.SloChange s : d.slos()) {
                String change = s.change().equals("broken") ? "**broken**" : s.change();
                b.append("| `").append(s.expr()).append("` | ").append(verdict(s.before(), s.beforeMet(), s.beforeMetShare(), d))
                        .append(" | ").append(verdict(s.after(), s.afterMet(), s.afterMetShare(), d)).append(" | ")
                        .append(change).append(" |\n");
            }
            close(b, github);
        }
        if (d.components().isEmpty()) {
            b.append("No component's instances, utilisation or cost changed.\n\n");
        } else {
            open(b, github, "Components that changed (" + d.components().size() + ")");
            b.append("| component | | instances (mean) | peak | utilisation | cost a month |\n|---|---|--:|--:|--:|--:|\n");
            for (PullRequestDiff.ComponentChange c : d.components()) {
                b.append("| `").append(c.name()).append("` | ").append(c.change()).append(" | ")
                        .append(arrow(c.instances(), "%.2f", 1)).append(" | ").append(arrow(c.instancesPeak(), "%.0f", 1)).append(" | ")
                        .append(arrow(c.utilisation(), "%.1f %%", 100)).append(" | ").append(arrowUsd(c.costPerMonthUsd())).append(" |\n");
            }
            close(b, github);
        }
        StringBuilder warn = new StringBuilder();
        unstable(d, warn, "");
        if (warn.length() > 0) {
            b.append("> [!WARNING]\n");
            for (String line : warn.toString().split("\n")) {
                b.append("> ").append(line).append("\n");
            }
            b.append('\n');
        }
        b.append("<sub>").append(runs(d.replications())).append(" of each design under common random numbers (seed ").append(d.seed())
                .append("); ± is a 95 % confidence half-width; a change is significant when its paired-t interval excludes 0. ")
                .append("Base: `").append(d.base().source()).append("`, head: `").append(d.head().source())
                .append("`. Written by `headroom diff`.</sub>\n");
        return b.toString();
    }

    private static void open(StringBuilder b, boolean github, String title) {
        if (github) {
            b.append("<details><summary>").append(title).append("</summary>\n\n");
        } else {
            b.append("#### ").append(title).append("\n\n");
        }
    }

    private static void close(StringBuilder b, boolean github) {
        b.append(github ? "\n</details>\n\n" : "\n");
    }

    private static void unstable(PullRequestDiff d, StringBuilder b, String indent) {
        for (PullRequestDiff.Side s : List.of(d.base(), d.head())) {
            if (!s.unstable().isEmpty()) {
                b.append(indent).append(s.label()).append(": unstable (queues grew without bound): ")
                        .append(String.join(", ", s.unstable())).append("\n");
            }
            if (!s.selfCheckFailures().isEmpty()) {
                b.append(indent).append(s.label()).append(": self-checks failed, the figures cannot be trusted: ")
                        .append(String.join("; ", s.selfCheckFailures())).append("\n");
            }
        }
    }

    private static String sloHeadline(PullRequestDiff d) {
        if (d.slos().isEmpty()) {
            return "none";
        }
        long broken = d.broken().size();
        long missed = d.slos().stream().filter(s -> !s.afterMet() && !s.change().equals("removed")).count();
        long met = d.slos().stream().filter(PullRequestDiff.SloChange::afterMet).count();
        StringBuilder b = new StringBuilder();
        b.append(met).append(" met");
        if (missed > 0) {
            b.append(", ").append(missed).append(" missed");
        }
        if (broken > 0) {
            b.append(" (").append(broken).append(" broken by this change)");
        }
        return b.toString();
    }

    private static PullRequestDiff.Metric find(PullRequestDiff d, String key) {
        return d.metrics().stream().filter(m -> m.key().equals(key)).findFirst().orElse(null);
    }

    private static String runs(int n) {
        return n == 1 ? "1 run" : n + " replications";
    }

    private static String value(String key, double v, double ci) {
        if (Double.isNaN(v)) {
            return "–";
        }
        String pm = Double.isNaN(ci) ? "" : " ± " + plain(key, ci);
        return switch (key) {
            case "cost_per_month_usd" -> usd(v) + pm;
            case "errors_pct" -> plain(key, v) + pm + " %";
            default -> plain(key, v) + pm + " ms";
        };
    }

    private static String plain(String key, double v) {
        return switch (key) {
            case "cost_per_month_usd" -> String.format(Locale.ROOT, "%,.2f", v);
            case "errors_pct" -> String.format(Locale.ROOT, "%.3f", v);
            default -> ms(v);
        };
    }

    private static String difference(PullRequestDiff.Metric m) {
        if (Double.isNaN(m.difference())) {
            return "–";
        }
        String unit = m.key().equals("errors_pct") ? " points" : m.key().equals("cost_per_month_usd") ? "" : " ms";
        String d = m.key().equals("cost_per_month_usd") ? signedUsd(m.difference()) : signed(m.key(), m.difference());
        String ci = Double.isNaN(m.differenceCi95()) ? "" : " ± " + plain(m.key(), m.differenceCi95());
        String rel = Double.isNaN(m.relativePct()) ? "" : " (" + pct(m.relativePct()) + ")";
        return d + ci + unit + rel;
    }

    private static String change(PullRequestDiff.Metric m) {
        String s = difference(m);
        return s.equals("–") ? "" : s + " " + significance(m);
    }

    private static String significance(PullRequestDiff.Metric m) {
        return Double.isNaN(m.differenceCi95()) ? "" : m.significant() ? "significant" : "within noise";
    }

    private static String signed(String key, double v) {
        String s = plain(key, Math.abs(v));
        return (v < 0 ? "−" : "+") + s;
    }

    private static String verdict(double value, boolean met, double share, PullRequestDiff d) {
        if (Double.isNaN(share)) {
            return "–";
        }
        String v = Double.isNaN(value) ? "no value" : String.format(Locale.ROOT, "%.4g", value);
        String s = (met ? "met" : "**MISSED**") + " (" + v;
        if (d.replications() > 1) {
            s += String.format(Locale.ROOT, ", in %d of %d", Math.round(share * d.replications()), d.replications());
        }
        return s + ")";
    }

    private static String componentLine(PullRequestDiff.ComponentChange c) {
        return "instances " + arrow(c.instances(), "%.2f", 1) + ", peak " + arrow(c.instancesPeak(), "%.0f", 1) + ", utilisation "
                + arrow(c.utilisation(), "%.1f %%", 100) + ", cost a month " + arrowUsd(c.costPerMonthUsd());
    }

    private static String arrow(PullRequestDiff.Metric m, String format, double scale) {
        String b = Double.isNaN(m.before()) ? "–" : String.format(Locale.ROOT, format, m.before() * scale);
        String a = Double.isNaN(m.after()) ? "–" : String.format(Locale.ROOT, format, m.after() * scale);
        return b.equals(a) ? a : b + " → " + a;
    }

    private static String arrowUsd(PullRequestDiff.Metric m) {
        String b = Double.isNaN(m.before()) ? "–" : usd(m.before());
        String a = Double.isNaN(m.after()) ? "–" : usd(m.after());
        return b.equals(a) ? a : b + " → " + a;
    }

    private static String usd(double v) {
        return (v < 0 ? "−$" : "$") + String.format(Locale.ROOT, "%,.2f", Math.abs(v));
    }

    private static String signedUsd(double v) {
        return (v < 0 ? "−$" : "+$") + String.format(Locale.ROOT, "%,.2f", Math.abs(v));
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.2f", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%+.1f %%", v).replace('-', '−');
    }

    /** A label in a table cell: a pipe would end the cell. */
    private static String cellText(String s) {
        return s.replace("|", "\\|");
    }

    /** NaN (no value) as JSON null, as the other results files write it. */
    private static final class NanAsNull extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value == null || value.isNaN() || value.isInfinite()) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }
}
