package io.headroom.validation.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.report.AtomicFiles;
import io.headroom.validation.calibrate.DemandFit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes an {@link ImportedModel}: {@code design.yaml} (a service per traced service; each endpoint's own time as its
 * {@code wait}, its calls with their probabilities and network time), {@code profile.yaml} (the entry's arrivals replayed
 * from {@code arrivals.csv}, its endpoint mix), {@code own-times/SERVICE.ENDPOINT.csv} where no fit holds,
 * {@code import-report.md} (what was inferred, how well each fit holds, every correction) and {@code import.json}
 * (the same, for scripts). Each file is written atomically; the same model gives the same bytes.
 */
public final class ModelWriter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    static final String DESIGN = "design.yaml";
    static final String PROFILE = "profile.yaml";
    static final String ARRIVALS = "arrivals.csv";
    static final String REPORT = "import-report.md";
    static final String JSON = "import.json";

    private ModelWriter() {
    }

    /** Writes every file into {@code dir} (made if missing). */
    public static void write(ImportedModel m, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (ImportedModel.Service s : m.services()) {
            for (ImportedModel.Endpoint e : s.endpoints()) {
                if (e.empirical()) {
                    Path f = dir.resolve(ownTimesFile(s, e));
                    Files.createDirectories(f.getParent());
                    StringBuilder csv = new StringBuilder("own_ms\n");
                    for (double v : e.ownSample()) {
                        csv.append(String.format(Locale.ROOT, "%.6f%n", v));
                    }
                    AtomicFiles.write(f, csv.toString());
                }
            }
        }
        AtomicFiles.write(dir.resolve(ARRIVALS), arrivals(m));
        AtomicFiles.write(dir.resolve(DESIGN), design(m));
        AtomicFiles.write(dir.resolve(PROFILE), profile(m));
        AtomicFiles.write(dir.resolve(REPORT), report(m));
        AtomicFiles.write(dir.resolve(JSON), json(m));
    }

    static String ownTimesFile(ImportedModel.Service s, ImportedModel.Endpoint e) {
        return "own-times/" + (s.name() + "." + e.name()).replaceAll("[^A-Za-z0-9_.-]", "_") + ".csv";
    }

    /** A YAML key or scalar: plain when it is safe, else double-quoted. */
    static String q(String s) {
        if (PLAIN.matcher(s).matches() && !List.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~")
                .contains(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Text from an export made safe for a comment or a table cell: control characters, line and paragraph separators and
     * bidirectional controls become {@code ?} (they could end a comment, or show text in another order than it reads).
     */
    static String safe(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C|]", "?");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1");
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.4f", v).replaceFirst("0+$", "").replaceFirst("\\.$", "") + "ms";
    }

    static String design(ImportedModel m) {
        StringBuilder y = new StringBuilder();
        y.append("# Imported by headroom import traces from ").append(String.format(Locale.ROOT, "%,d", m.reading().spans()))
                .append(" spans in ").append(String.format(Locale.ROOT, "%,d", m.reading().traces())).append(" traces (")
                .append(m.reading().format()).append("); what was inferred and how well it fits: ").append(REPORT).append('\n');
        y.append("# Each endpoint's own time is its wait: traces do not tell computing from waiting (make it demand where it is CPU).\n");
        y.append("name: ").append(q(m.name())).append('\n');
        y.append("entry: ").append(q(m.entry())).append('\n');
        y.append("components:\n");
        for (ImportedModel.Service s : m.services()) {
            y.append("  ").append(q(s.name())).append(":\n");
            y.append("    type: service\n");
            y.append("    replicas: ").append(s.replicas()).append("  # instances seen: ")
                    .append(s.instances().isEmpty() ? "not named" : safe(String.join(", ", s.instances()))).append('\n');
            y.append("    concurrency: ").append(s.workers()).append("  # ").append(safe(s.workersSource())).append('\n');
            y.append("    endpoints:\n");
            for (ImportedModel.Endpoint e : s.endpoints()) {
                y.append("      ").append(q(e.name())).append(":  # ").append(String.format(Locale.ROOT, "%,d", e.executions()))
                        .append(" requests served").append(e.roots() > 0 ? String.format(Locale.ROOT, ", %,d of them roots", e.roots()) : "")
                        .append('\n');
                String own = ownTime(s, e);
                if (own != null) {
                    y.append("        wait: ").append(own).append("  # ").append(fitNote(e)).append('\n');
                }
                if (e.errorRate() > 0) {
                    y.append("        error-rate: ").append(num(e.errorRate())).append('\n');
                }
                if (!e.calls().isEmpty()) {
                    if (e.parallel()) {
                        y.append("        parallel: true  # calls overlapped in ").append(String.format(Locale.ROOT, "%,d of %,d",
                                e.overlapping(), e.multiCall())).append(" requests with two calls or more\n");
                    }
                    y.append("        calls:\n");
                    for (ImportedModel.Call c : e.calls()) {
                        y.append("          - {to: ").append(q(c.to())).append(", endpoint: ").append(q(c.endpoint()));
                        if (c.count() < e.executions()) {
                            y.append(", p: ").append(String.format(Locale.ROOT, "%.5f", c.p()));
                        }
                        if (c.networkMs() > 0) {
                            y.append(", latency: {dist: constant, value: ").append(ms(c.networkMs())).append('}');
                        }
                        y.append("}  # ").append(String.format(Locale.ROOT, "%,d of %,d requests", c.count(), e.executions()));
                        if (c.networkMs() > 0) {
                            y.append(", network: the median of client span less server span");
                        }
                        y.append('\n');
                    }
                }
            }
        }
        return y.toString();
    }

    /** The own time as a YAML flow mapping, or null when it is zero. */
    private static String ownTime(ImportedModel.Service s, ImportedModel.Endpoint e) {
        if (e.empirical()) {
            return "{dist: empirical, file: " + ownTimesFile(s, e) + ", unit: ms, column: own_ms}";
        }
        if (e.own() != null) {
            return e.own().yaml();
        }
        if (!(e.ownMeanMs() > 0)) {
            return null;
        }
        return "{dist: constant, value: " + ms(e.ownMeanMs()) + "}";
    }

    private static String fitNote(ImportedModel.Endpoint e) {
        StringBuilder n = new StringBuilder("own time, mean ").append(String.format(Locale.ROOT, "%.4f ms", e.ownMeanMs()));
        if (e.fits().isEmpty()) {
            return n.append(e.ownSample().length < 10 ? ": fewer than 10 samples to fit, their mean" : ": all equal").toString();
        }
        n.append(e.empirical() ? "; empirical: no fit within the KS limit (" : "; ");
        List<String> parts = new ArrayList<>();
        for (DemandFit.Fit f : e.fits()) {
            parts.add(f.family() + " KS " + String.format(Locale.ROOT, "%.4f", f.ks()));
        }
        n.append(String.join(", ", parts));
        return e.empirical() ? n.append(")").toString() : n.append(" (maximum likelihood, the better first)").toString();
    }

    static String profile(ImportedModel m) {
        double windowS = m.arrivals().windowNs() / 1e9;
        StringBuilder y = new StringBuilder();
        y.append("# Imported by headroom import traces: the root spans at ").append(m.entry()).append(" counted per ")
                .append(num(windowS)).append(" s window (").append(ARRIVALS).append(String.format(Locale.ROOT,
                        ", %,d arrivals), replayed exactly, uniformly inside each window.%n", m.arrivals().total()));
        y.append("name: ").append(q(m.name())).append('\n');
        if (!m.mix().isEmpty()) {
            y.append("mix: {");
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Double> e : m.mix().entrySet()) {
                parts.add(q(e.getKey()) + ": " + String.format(Locale.ROOT, "%.6f", e.getValue()));
            }
            y.append(String.join(", ", parts)).append("}\n");
        }
        y.append("injection:\n");
        y.append("  - trace: {file: ").append(ARRIVALS).append(", format: csv, time-column: second, unit: s, count-column: requests}\n");
        return y.toString();
    }

    static String arrivals(ImportedModel m) {
        double windowS = m.arrivals().windowNs() / 1e9;
        StringBuilder csv = new StringBuilder("second,requests\n");
        long[] c = m.arrivals().counts();
        for (int i = 0; i < c.length; i++) {
            csv.append(num(i * windowS)).append(',').append(c[i]).append('\n');
        }
        return csv.toString();
    }

    static String report(ImportedModel m) {
        ImportedModel.Reading r = m.reading();
        StringBuilder md = new StringBuilder("# Imported from traces: ").append(m.name()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Read %,d spans (%s) from %s: %,d traces, %,d requests served. At most %,d spans"
                + " (%,d traces) were held at once.%n%n", r.spans(), r.format(), safe(String.join(", ", r.files())), r.traces(), r.executions(),
                r.maxOpenSpans(), r.maxOpenTraces()));
        double windowS = m.arrivals().windowNs() / 1e9;
        long peak = 0;
        for (long c : m.arrivals().counts()) {
            peak = Math.max(peak, c);
        }
        double span = m.arrivals().counts().length * windowS;
        md.append(String.format(Locale.ROOT, "**Entry** `%s`: %,d arrivals over %s s, %.3f per second on average, at most %,d in one"
                + " %s s window. Mix: %s.%n%n", m.entry(), m.arrivals().total(), num(span), m.arrivals().total() / span, peak, num(windowS),
                m.mix().isEmpty() ? "none" : m.mix().entrySet().stream().map(e -> e.getKey() + String.format(Locale.ROOT, " %.4f",
                        e.getValue())).reduce((a, b) -> a + ", " + b).orElse("")));
        md.append("## Services\n\n| service | replicas (instances seen) | workers | how |\n|---|---|---|---|\n");
        for (ImportedModel.Service s : m.services()) {
            md.append("| ").append(s.name()).append(" | ").append(s.replicas()).append(s.instances().isEmpty() ? " (not named)"
                    : " (" + safe(String.join(", ", s.instances())) + ")").append(" | ").append(s.workers()).append(" | ")
                    .append(safe(s.workersSource())).append(" |\n");
        }
        md.append("\n## Own time per endpoint\n\nOwn time is a span less the time its calls cover (parallel calls once). Fitted by"
                + " maximum likelihood as `headroom calibrate` fits; a fit is used when its Kolmogorov–Smirnov distance is within the"
                + " limit, else the sample is written as an empirical distribution.\n\n"
                + "| endpoint | requests | mean (ms) | written as | lognormal KS | gamma KS | own errors |\n|---|---|---|---|---|---|---|\n");
        for (ImportedModel.Service s : m.services()) {
            for (ImportedModel.Endpoint e : s.endpoints()) {
                String ln = "–";
                String ga = "–";
                for (DemandFit.Fit f : e.fits()) {
                    String ks = String.format(Locale.ROOT, "%.4f", f.ks());
                    if (f.family().equals("lognormal")) {
                        ln = ks;
                    } else {
                        ga = ks;
                    }
                }
                String own = ownTime(s, e);
                md.append(String.format(Locale.ROOT, "| %s.%s | %,d | %.4f | `%s` | %s | %s | %.4f |%n", s.name(), e.name(), e.executions(),
                        e.ownMeanMs(), own == null ? "none" : own, ln, ga, e.errorRate()));
            }
        }
        md.append("\n## Calls\n\n| from | to | p | requests | network median (ms) | parallel |\n|---|---|---|---|---|---|\n");
        for (ImportedModel.Service s : m.services()) {
            for (ImportedModel.Endpoint e : s.endpoints()) {
                for (ImportedModel.Call c : e.calls()) {
                    md.append(String.format(Locale.ROOT, "| %s.%s | %s.%s | %.5f | %,d of %,d | %.4f | %s |%n", s.name(), e.name(), c.to(),
                            c.endpoint(), c.p(), c.count(), e.executions(), c.networkMs(), e.parallel() ? String.format(Locale.ROOT,
                                    "yes (%,d of %,d overlapped)", e.overlapping(), e.multiCall()) : e.multiCall() > 0
                                    ? String.format(Locale.ROOT, "no (%,d of %,d overlapped)", e.overlapping(), e.multiCall()) : "–"));
                }
            }
        }
        md.append("\n## Corrections\n\n");
        if (m.corrections().isEmpty()) {
            md.append("None: every span as written (its parent present, no clock skew, a server span below every client span).\n");
        } else {
            for (String c : m.corrections()) {
                md.append("- ").append(safe(c)).append('\n');
            }
        }
        md.append("\n## What traces do not show\n\n"
                + "- Whether own time is computing or waiting: it is written as `wait`; make it `demand` (with `cores`) where it is CPU.\n"
                + "- Worker pools: the most spans at once on an instance is a lower bound (the pool may be larger than the load needed);"
                + " a span that starts when the request arrives, not when a worker takes it, counts queued requests too.\n"
                + "- Queue limits, timeouts, retries, autoscaling and prices: add them to the design.\n"
                + "- A call's network time is the median of its client span less the callee's server span, so it includes the callee's"
                + " queue when its spans start at a worker; the median leaves out the queue's tail.\n");
        return md.toString();
    }

    static String json(ImportedModel m) throws IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = om.createObjectNode();
        root.put("name", m.name());
        root.put("entry", m.entry());
        ObjectNode reading = root.putObject("reading");
        reading.put("format", m.reading().format());
        reading.putPOJO("files", m.reading().files());
        reading.put("spans", m.reading().spans());
        reading.put("traces", m.reading().traces());
        reading.put("requests_served", m.reading().executions());
        reading.put("max_open_spans", m.reading().maxOpenSpans());
        reading.put("max_open_traces", m.reading().maxOpenTraces());
        ObjectNode arrivals = root.putObject("arrivals");
        arrivals.put("window_s", m.arrivals().windowNs() / 1e9);
        arrivals.put("windows", m.arrivals().counts().length);
        arrivals.put("total", m.arrivals().total());
        ObjectNode mix = root.putObject("mix");
        m.mix().forEach(mix::put);
        ArrayNode services = root.putArray("services");
        for (ImportedModel.Service s : m.services()) {
            ObjectNode sn = services.addObject();
            sn.put("name", s.name());
            sn.put("replicas", s.replicas());
            sn.putPOJO("instances", s.instances());
            sn.put("workers", s.workers());
            sn.put("workers_from", s.workersSource());
            ArrayNode eps = sn.putArray("endpoints");
            for (ImportedModel.Endpoint e : s.endpoints()) {
                ObjectNode en = eps.addObject();
                en.put("name", e.name());
                en.put("requests", e.executions());
                en.put("roots", e.roots());
                en.put("own_mean_ms", e.ownMeanMs());
                en.put("own_written_as", e.empirical() ? "empirical" : e.own() != null ? e.own().family() : "constant");
                ArrayNode fits = en.putArray("fits");
                for (DemandFit.Fit f : e.fits()) {
                    ObjectNode fn = fits.addObject();
                    fn.put("family", f.family());
                    fn.put("mean_ms", f.meanMs());
                    fn.put("cv", f.cv());
                    fn.put("ks", f.ks());
                    fn.put("log_likelihood", f.logLikelihood());
                }
                en.put("parallel", e.parallel());
                en.put("requests_with_two_calls_or_more", e.multiCall());
                en.put("overlapping", e.overlapping());
                en.put("error_rate", e.errorRate());
                ArrayNode calls = en.putArray("calls");
                for (ImportedModel.Call c : e.calls()) {
                    ObjectNode cn = calls.addObject();
                    cn.put("to", c.to());
                    cn.put("endpoint", c.endpoint());
                    cn.put("p", c.p());
                    cn.put("requests", c.count());
                    cn.put("network_median_ms", c.networkMs());
                }
            }
        }
        root.putPOJO("corrections", m.corrections());
        return om.writeValueAsString(root) + "\n";
    }
}
