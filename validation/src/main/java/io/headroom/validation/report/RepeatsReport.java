package io.headroom.validation.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.report.AtomicFiles;
import io.headroom.validation.compare.Repeats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The pooled result of repeated runs ({@code validate --repeats N}, {@code compare-run} with several runs):
 * {@code repeats.json} and {@code repeats.md} beside the runs' own folders ({@code run-1}, ...), each written
 * atomically, and the same table on the console.
 */
public final class RepeatsReport {
    public static final String JSON = "repeats.json";
    public static final String MARKDOWN = "repeats.md";

    private RepeatsReport() {
    }

    /** @param runSeconds the measured period of one run */
    public static void write(Path dir, String design, String profile, double runSeconds, List<Repeats> pooled) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("design", design);
        root.put("profile", profile);
        root.put("runs", pooled.get(0).runs());
        root.put("measured_s_per_run", runSeconds);
        ObjectNode comparisons = root.putObject("comparisons");
        for (Repeats r : pooled) {
            ArrayNode rows = comparisons.putArray(r.name());
            for (Repeats.Row row : r.rows()) {
                ObjectNode o = rows.addObject();
                o.put("metric", row.metric());
                o.put("measured", row.measured());
                o.put("measured_half_width", row.measuredHalfWidth());
                o.put("simulated", row.simulated());
                o.put("simulated_half_width", row.simulatedHalfWidth());
                o.put(row.absolute() ? "error_pp" : "error_pct", row.error());
                o.put(row.absolute() ? "error_half_width_pp" : "error_half_width_pct", row.errorHalfWidth());
                o.put("target", row.threshold());
                o.put("pass", row.pass());
                o.put("runs_for_10pct_half_width", row.runsFor10());
                o.put("runs_for_5pct_half_width", row.runsFor5());
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# ").append(design).append(" under ").append(profile).append(": ").append(pooled.get(0).runs())
                .append(" runs pooled\n\n");
        md.append(String.format(Locale.ROOT, "Each run measured %.0f s. Means over the runs with 95 %% Student-t half-widths of the"
                + " between-run spread; the error is the mean of each run's paired difference, relative to the measured mean. The"
                + " last columns: runs of this length a 10 %% and a 5 %% half-width of the measured figure would take.%n%n", runSeconds));
        for (Repeats r : pooled) {
            md.append("## ").append(r.name()).append("\n\n| figure | measured | simulated | error | target | | runs for ±10 % | runs for ±5 % |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            for (Repeats.Row row : r.rows()) {
                double k = row.absolute() ? 100 : 1;
                String unit = row.absolute() ? " pp" : " %";
                md.append(String.format(Locale.ROOT, "| %s | %.3f ± %.3f | %.3f ± %.3f | %+.2f ± %.2f%s | %.0f%s | %s | %s | %s |%n",
                        row.metric(), k * row.measured(), k * row.measuredHalfWidth(), k * row.simulated(), k * row.simulatedHalfWidth(),
                        row.error(), row.errorHalfWidth(), unit, row.threshold(), unit, row.pass() ? "ok" : "MISSED", runs(row.runsFor10()),
                        runs(row.runsFor5())));
            }
            md.append('\n');
        }
        AtomicFiles.write(dir.resolve(JSON), mapper.writeValueAsString(root) + "\n");
        AtomicFiles.write(dir.resolve(MARKDOWN), md.toString());
    }

    /**
     * Pools {@code runs} of {@code design} under {@code profile}, writes {@link #JSON} and {@link #MARKDOWN} into
     * {@code dir} and prints the table; returns the pooled comparisons.
     */
    public static List<Repeats> poolWriteAndPrint(Path dir, String design, io.headroom.load.LoadProfile profile,
                                                  List<List<Repeats.Figures>> runs, PrintWriter w) throws IOException {
        List<Repeats> pooled = Repeats.pool(runs);
        write(dir, design, profile.name(), (profile.duration().toNanos() - profile.warmup().toNanos()) / 1e9, pooled);
        w.println(runs.size() + " runs pooled:");
        print(w, pooled);
        w.println("  wrote " + dir.resolve(JSON) + ", " + MARKDOWN);
        w.flush();
        return pooled;
    }

    /** The pooled table on the console. */
    public static void print(PrintWriter w, List<Repeats> pooled) {
        for (Repeats r : pooled) {
            w.println("  " + r.name() + ", " + r.runs() + " runs pooled (between-run 95 % intervals):");
            for (Repeats.Row row : r.rows()) {
                double k = row.absolute() ? 100 : 1;
                w.printf(Locale.ROOT, "    %-17s measured %9.3f ± %7.3f  simulated %9.3f ± %7.3f  error %+7.2f ± %5.2f %s  %s"
                        + "  (±10%%: %s runs)%n", row.metric(), k * row.measured(), k * row.measuredHalfWidth(), k * row.simulated(),
                        k * row.simulatedHalfWidth(), row.error(), row.errorHalfWidth(), row.absolute() ? "pp" : "% ",
                        row.pass() ? "ok" : "MISSED", runs(row.runsFor10()));
            }
        }
        w.flush();
    }

    private static String runs(int n) {
        return n < 0 ? "-" : String.valueOf(n);
    }
}
