package io.headroom.openmetrics;

import io.headroom.openmetrics.OpenMetricsText.Label;
import io.headroom.report.RunReport.BadResults;
import io.headroom.request.ErrorCause;
import io.headroom.result.Summary;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A results folder of {@code headroom run} (its {@code summary.json} and {@code timeseries.csv}) as
 * OpenMetrics gauges, for loading beside real metrics: every sample carries the labels {@code design},
 * {@code profile}, {@code seed} and {@code run} (the folder's name, or as given), so several runs load
 * side by side.
 *
 * <ul>
 *   <li>The time series: each window's row at {@code start + t_s}, the window's start, as {@code t_s}
 *       and CloudWatch's statistics stamp a period (so a graph at time t shows the window holding t, and
 *       the drain after the profile, shorter than a window, starts on a whole second). Every column
 *       becomes a gauge; a component's, pool's or router's name becomes a label. Latencies are in seconds
 *       ({@code _ms} columns moved three decimal places, exactly); every other value is the CSV's cell as
 *       written; a blank cell (no value) gives no sample.</li>
 *   <li>The summary: the whole-run figures of {@code summary.json} as {@code headroom_run_*} at
 *       {@code start + simulated_s}, the profile's end (up to a whole second); over replications the means, and each half-width
 *       of a 95 % interval as the same name with {@code _ci95} before its unit.</li>
 * </ul>
 */
public final class RunMetrics {
    /** The file {@code headroom run --format prometheus} writes beside summary.json. */
    public static final String FILE = "metrics.om";

    private RunMetrics() {
    }

    /** One results folder to export, and the value of its {@code run} label. */
    public record Source(Path dir, String run) {
        /** A folder, labelled by its name. */
        public static Source of(Path dir) {
            Path name = dir.toAbsolutePath().normalize().getFileName();
            return new Source(dir, name == null ? dir.toString() : name.toString());
        }
    }

    /** The OpenMetrics text of {@code runs}, their times counted from {@code start}. */
    public static String render(List<Source> runs, Instant start) throws IOException, BadResults {
        OpenMetricsText out = new OpenMetricsText();
        for (Source s : runs) {
            add(out, s, start);
        }
        return out.render();
    }

    /** Adds one results folder's samples to {@code out}. */
    public static void add(OpenMetricsText out, Source source, Instant start) throws IOException, BadResults {
        Summary summary = io.headroom.report.RunReport.readSummary(source.dir().resolve(io.headroom.report.RunReport.SUMMARY));
        Summary.Run r = summary.run();
        List<Label> base = List.of(new Label("design", String.valueOf(r.design())), new Label("profile", String.valueOf(r.profile())),
                new Label("seed", Long.toString(r.seed())), new Label("run", source.run()));
        long startMs = start.toEpochMilli();
        new Series(out, base, startMs).read(source.dir().resolve(io.headroom.report.RunReport.TIMESERIES));
        // the profile's end, up to a whole second: the classic text format that promtool check metrics reads wants whole timestamps
        long endMs = startMs + 1000 * BigDecimal.valueOf(r.simulatedS()).setScale(0, RoundingMode.CEILING).longValueExact();
        Figures f = new Figures(out, base, endMs, "");
        f.run(summary);
        f.all(summary);
        if (summary.replication() != null) {
            new Figures(out, base, endMs, "_ci95").all(summary.replication().halfWidths());
        }
    }

    /** Seconds as whole milliseconds, rounded half-even (Prometheus keeps milliseconds). */
    static long millis(BigDecimal seconds) {
        return seconds.movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** Milliseconds as seconds, exactly (the decimal point moved). */
    static String msToSeconds(String ms) {
        return new BigDecimal(ms).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    // ---- the time series ----

    /** What one column of timeseries.csv becomes: a family, and the labels its name gives. */
    record Column(String family, List<Label> labels, boolean milliseconds) {
    }

    /** A family of the time series: name, unit (null for none) and help. */
    private record Kind(String name, String unit, String help) {
    }

    private static final String WINDOW = " in the window that starts at the sample's time (its length: headroom_window_seconds)";
    private static final Kind ARRIVALS = new Kind("headroom_arrivals", null, "Requests that arrived" + WINDOW + ".");
    private static final Kind COMPLETIONS = new Kind("headroom_completions", null, "Requests that completed" + WINDOW + ".");
    private static final Kind ERRORS = new Kind("headroom_errors", null, "Requests that failed" + WINDOW + ", every cause.");
    private static final Kind ERRORS_BY_CAUSE = new Kind("headroom_errors_by_cause", null, "Requests that failed" + WINDOW + ", by cause.");
    private static final Kind LATENCY = new Kind("headroom_latency_seconds", "seconds",
            "Latency percentile (stat) of the requests that completed" + WINDOW + ".");
    private static final Kind WINDOW_S = new Kind("headroom_window_seconds", "seconds",
            "Length of the window that starts at the sample's time (the last, the drain after the profile, is shorter).");
    private static final Kind COST_RATE = new Kind("headroom_cost_per_hour_usd", "usd",
            "The bill's average rate over the window, USD per hour.");
    private static final Kind PODS_PENDING = new Kind("headroom_pods_pending", null, "Mean number of Pending pods" + WINDOW + ".");
    private static final Kind OTHER = new Kind("headroom_column", null,
            "A column of timeseries.csv that this version does not name (column label)" + WINDOW + ".");

    /** Per-name columns {@code <name>.<suffix>}: the suffix, the label the name becomes, and the family. */
    private record Suffix(String suffix, String label, Kind kind) {
    }

    private static final List<Suffix> SUFFIXES = java.util.stream.Stream.of(
            new Suffix("instances", "component", new Kind("headroom_instances", null, "Time-average number of instances" + WINDOW + ".")),
            new Suffix("utilisation", "component", new Kind("headroom_utilisation_ratio", "ratio", "Busy workers over workers" + WINDOW + ".")),
            new Suffix("cpu", "component", new Kind("headroom_cpu_ratio", "ratio", "Busy cores over cores" + WINDOW + ".")),
            new Suffix("queue", "component", new Kind("headroom_queue_length", null, "Mean number of queued requests" + WINDOW + ".")),
            new Suffix("hit_ratio", "component", new Kind("headroom_hit_ratio", "ratio", "Share of counted lookups that hit" + WINDOW + ".")),
            new Suffix("nodes", "pool", new Kind("headroom_nodes", null, "Mean number of the node pool's nodes" + WINDOW + ".")),
            new Suffix("cpu_requested", "pool", new Kind("headroom_cpu_requested_ratio", "ratio",
                    "Share of the pool's ready nodes' allocatable CPU that pods requested" + WINDOW + ".")),
            new Suffix("vpa_target", "component", new Kind("headroom_vpa_target_cores", "cores",
                    "The Vertical Pod Autoscaler's CPU target as the window closes, in cores.")),
            new Suffix("throttled", "component", new Kind("headroom_throttled_periods", null,
                    "CFS periods in which the service's pods were throttled" + WINDOW + ", summed over its pods.")),
            new Suffix("ready", "component", new Kind("headroom_ready_instances", null, "Instances in service as the window closes.")),
            new Suffix("version_weight", "component", new Kind("headroom_version_weight", null,
                    "Share of the service's instances that run its newest version as the window closes.")))
            .sorted(Comparator.comparingInt((Suffix s) -> s.suffix().length()).reversed()).toList();
    private static final Kind DNS_SHARE = new Kind("headroom_dns_share_ratio", "ratio",
            "Share of the global router's requests routed to the region" + WINDOW + ".");

    /** The family and labels of a column of timeseries.csv; {@code t_s} has none (it is the time). */
    static Column column(String name) {
        switch (name) {
            case "arrivals": return new Column(ARRIVALS.name(), List.of(), false);
            case "completions": return new Column(COMPLETIONS.name(), List.of(), false);
            case "errors": return new Column(ERRORS.name(), List.of(), false);
            case "p50_ms", "p95_ms", "p99_ms":
                return new Column(LATENCY.name(), List.of(new Label("stat", name.substring(0, 3))), true);
            case "window_s": return new Column(WINDOW_S.name(), List.of(), false);
            case "cost_usd_per_hour": return new Column(COST_RATE.name(), List.of(), false);
            case "pods_pending": return new Column(PODS_PENDING.name(), List.of(), false);
            default:
                break;
        }
        for (ErrorCause c : ErrorCause.all()) {
            if (name.equals("errors." + c.key())) {
                return new Column(ERRORS_BY_CAUSE.name(), List.of(new Label("cause", c.key())), false);
            }
        }
        for (Suffix s : SUFFIXES) {
            String tail = "." + s.suffix();
            if (name.endsWith(tail) && name.length() > tail.length()) {
                return new Column(s.kind().name(), List.of(new Label(s.label(), name.substring(0, name.length() - tail.length()))), false);
            }
        }
        int share = name.lastIndexOf(".share.");
        if (share > 0 && share + ".share.".length() < name.length()) {
            return new Column(DNS_SHARE.name(), List.of(new Label("router", name.substring(0, share)),
                    new Label("region", name.substring(share + ".share.".length()))), false);
        }
        return new Column(OTHER.name(), List.of(new Label("column", name)), false);
    }

    /** Reads timeseries.csv into samples, row by row. */
    private static final class Series {
        private final OpenMetricsText out;
        private final List<Label> base;
        private final long startMs;

        Series(OpenMetricsText out, List<Label> base, long startMs) {
            this.out = out;
            this.base = base;
            this.startMs = startMs;
            for (Kind k : List.of(ARRIVALS, COMPLETIONS, ERRORS, ERRORS_BY_CAUSE, LATENCY)) {
                out.gauge(k.name(), k.unit(), k.help());
            }
            for (Suffix s : SUFFIXES) {
                out.gauge(s.kind().name(), s.kind().unit(), s.kind().help());
            }
            for (Kind k : List.of(PODS_PENDING, DNS_SHARE, COST_RATE, WINDOW_S, OTHER)) {
                out.gauge(k.name(), k.unit(), k.help());
            }
        }

        void read(Path file) throws IOException, BadResults {
            if (!Files.isRegularFile(file)) {
                throw new BadResults(file + ": not found (a results folder holds the summary.json and timeseries.csv of headroom run)");
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String first = in.readLine();
                if (first == null || !first.startsWith("t_s,")) {
                    throw new BadResults(file + ": not a timeseries.csv of headroom run (the first line names the columns, from t_s)");
                }
                String[] header = first.split(",", -1);
                Column[] columns = new Column[header.length];
                List<List<Label>> labels = new ArrayList<>();
                for (int i = 1; i < header.length; i++) {
                    columns[i] = column(header[i]);
                }
                for (int i = 0; i < header.length; i++) {
                    List<Label> l = new ArrayList<>(base);
                    if (i > 0) {
                        l.addAll(columns[i].labels());
                    }
                    labels.add(List.copyOf(l));
                }
                int line = 1;
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    line++;
                    if (l.isBlank()) {
                        continue;
                    }
                    String[] cells = l.split(",", -1);
                    if (cells.length != header.length) {
                        throw new BadResults(file + ":" + line + ": " + cells.length + " cells, the header has " + header.length);
                    }
                    long at;
                    try {
                        at = startMs + millis(new BigDecimal(cells[0]));
                    } catch (NumberFormatException | ArithmeticException e) {
                        throw new BadResults(file + ":" + line + ": t_s " + cells[0] + " is not a number");
                    }
                    for (int i = 1; i < cells.length; i++) {
                        String v = cells[i];
                        if (v.isEmpty()) {
                            continue; // no value
                        }
                        try {
                            out.sample(columns[i].family(), labels.get(i), columns[i].milliseconds() ? msToSeconds(v) : v, at);
                        } catch (IllegalArgumentException e) {
                            throw new BadResults(file + ":" + line + ": " + header[i] + ": " + e.getMessage());
                        }
                    }
                }
            }
        }
    }

    // ---- the summary ----

    /** The whole-run figures: one sample per series at the profile's end; {@code ci} "" or "_ci95" (the half-widths). */
    private static final class Figures {
        private final OpenMetricsText out;
        private final List<Label> base;
        private final long at;
        private final String ci;

        Figures(OpenMetricsText out, List<Label> base, long at, String ci) {
            this.out = out;
            this.base = base;
            this.at = at;
            this.ci = ci;
        }

        /** Puts one figure, unless it is NaN (no value); {@code stem} plus the unit is its name. */
        private void put(String stem, String unit, String help, List<Label> extra, double v) {
            put(stem, unit, help, extra, Double.isNaN(v) ? null : OpenMetricsText.number(v));
        }

        private void put(String stem, String unit, String help, List<Label> extra, String v) {
            String name = stem + ci + (unit == null ? "" : "_" + unit);
            out.gauge(name, unit, ci.isEmpty() ? help : "Half-width of the 95 % confidence interval over the replications: " + help);
            if (v == null) {
                return;
            }
            List<Label> labels = new ArrayList<>(base);
            labels.addAll(extra);
            out.sample(name, labels, v, at);
        }

        /** Milliseconds from the summary as seconds, exactly; NaN: none. */
        private static String seconds(double ms) {
            return Double.isNaN(ms) ? null : msToSeconds(Double.toString(ms));
        }

        /** What was run (not averaged: no half-widths). */
        void run(Summary s) {
            Summary.Run r = s.run();
            String of = "Whole run: ";
            put("headroom_run_simulated", "seconds", of + "simulated time, the profile's length.", List.of(), r.simulatedS());
            put("headroom_run_warmup", "seconds", of + "warm-up, left out of the figures.", List.of(), r.warmupS());
            put("headroom_run_drained", "seconds", of + "time after the profile until the last request ended.", List.of(), r.drainedS());
            put("headroom_run_events", null, of + "events simulated.", List.of(), r.events());
            put("headroom_run_peak_in_flight", null, of + "most requests in the system at once.", List.of(), r.peakInFlight());
            put("headroom_run_replications", null, of + "independent replications the figures are the means of.", List.of(),
                    s.replication() == null ? 1 : s.replication().count());
            for (Summary.SloResult slo : s.slo()) {
                List<Label> l = List.of(new Label("slo", slo.expr()));
                put("headroom_run_slo_met", null, "Whole run: 1 when the SLO (slo) was met, else 0.", l, slo.pass() ? 1 : 0);
                put("headroom_run_slo_value", null,
                        "Whole run: the figure that decides the SLO (slo), in the SLO's own unit (ms for a latency).", l, slo.value());
                put("headroom_run_slo_passed_share", "ratio", "Whole run: share of the replications in which the SLO (slo) was met.",
                        l, slo.passedShare());
            }
        }

        /** The figures that have half-widths over replications. */
        void all(Summary s) {
            if (s.overall() != null) {
                requests("headroom_run", "Whole run, every endpoint: ", List.of(), s.overall());
            }
            for (Map.Entry<String, Summary.Requests> e : s.endpoints().entrySet()) {
                requests("headroom_run_endpoint", "Whole run, per endpoint: ", List.of(new Label("endpoint", e.getKey())), e.getValue());
            }
            for (Map.Entry<String, Summary.Component> e : s.components().entrySet()) {
                component(List.of(new Label("component", e.getKey())), e.getValue());
            }
            if (s.cost() != null) {
                cost(s.cost());
            }
        }

        private void requests(String stem, String of, List<Label> l, Summary.Requests r) {
            put(stem + "_requests", null, of + "requests that arrived in the measured period.", l, r.requests());
            put(stem + "_completed", null, of + "requests that completed.", l, r.completed());
            put(stem + "_attempts", null, of + "attempts, retries included.", l, r.attempts());
            if (r.errors() != null) {
                put(stem + "_errors", null, of + "requests that failed, every cause.", l, r.errorTotal());
                for (Map.Entry<ErrorCause, Double> e : r.errors().entrySet()) {
                    List<Label> c = new ArrayList<>(l);
                    c.add(new Label("cause", e.getKey().key()));
                    put(stem + "_errors_by_cause", null, of + "requests that failed, by cause.", c, e.getValue());
                }
            }
            put(stem + "_in_flight", null, of + "requests still in flight at the end.", l, r.inFlight());
            put(stem + "_throughput", null, of + "completed requests per second.", l, r.throughputPerS());
            Summary.Latency lat = r.latencyMs();
            if (lat != null) {
                String[] stats = {"mean", "p50", "p90", "p95", "p99", "p99_9", "max"};
                double[] v = {lat.mean(), lat.p50(), lat.p90(), lat.p95(), lat.p99(), lat.p99_9(), lat.max()};
                for (int i = 0; i < stats.length; i++) {
                    List<Label> c = new ArrayList<>(l);
                    c.add(new Label("stat", stats[i]));
                    put(stem + "_latency", "seconds", of + "latency of the completed requests (stat: mean, percentile or max).", c,
                            seconds(v[i]));
                }
            }
        }

        private void component(List<Label> l, Summary.Component c) {
            String of = "Whole run, per component: ";
            String stem = "headroom_run_component_";
            if (c instanceof Summary.Service s) {
                put(stem + "replicas", null, of + "replicas configured.", l, s.replicas());
                put(stem + "concurrency", null, of + "workers per instance.", l, s.concurrency());
                put(stem + "cores", null, of + "cores per instance.", l, s.cores());
                put(stem + "utilisation", "ratio", of + "time-average busy workers over workers.", l, s.utilisation());
                put(stem + "cpu", "ratio", of + "time-average busy cores over cores.", l, s.cpu());
                put(stem + "instances_mean", null, of + "time-average number of instances.", l, s.instancesMean());
                put(stem + "instances_peak", null, of + "most instances at once.", l, s.instancesPeak());
                put(stem + "queue_mean", null, of + "time-average number of queued requests.", l, s.queueMean());
                put(stem + "instance", "seconds", of + "instance-seconds used (instance_hours times 3600).", l,
                        Double.isNaN(s.instanceHours()) ? null : BigDecimal.valueOf(s.instanceHours()).multiply(BigDecimal.valueOf(3600)).stripTrailingZeros().toPlainString());
                put(stem + "arrival_rate", null, of + "requests that arrived per second.", l, s.arrivalRatePerS());
                put(stem + "in_system_mean", null, of + "time-average number of requests in the component.", l, s.inSystemMean());
                put(stem + "sojourn_mean", "seconds", of + "mean time a request spent in the component.", l, seconds(s.sojournMeanMs()));
                put(stem + "rejected", null, of + "requests rejected (queue full).", l, s.rejected());
                put(stem + "timed_out", null, of + "requests that timed out waiting.", l, s.timedOut());
                put(stem + "attempts", null, of + "attempts received.", l, s.attempts());
                put(stem + "calls_not_permitted", null, of + "calls refused by a breaker or bulkhead.", l, s.callsNotPermitted());
                put(stem + "lost", null, of + "requests lost with their instance.", l, s.lost());
                put(stem + "crashes", null, of + "instance crashes.", l, s.crashes());
                put(stem + "interruptions", null, of + "spot interruptions.", l, s.interruptions());
                put(stem + "launches", null, of + "instances launched.", l, s.launches());
                put(stem + "scale_outs", null, of + "autoscaler scale-outs.", l, s.scaleOuts());
                put(stem + "scale_ins", null, of + "autoscaler scale-ins.", l, s.scaleIns());
            } else if (c instanceof Summary.Cache k) {
                put(stem + "hit", "ratio", of + "share of counted lookups (or requests) that hit.", l, k.hitRatio());
                put(stem + "lookups", null, of + "counted cache lookups.", l, k.lookups());
                put(stem + "crashes", null, of + "instance crashes.", l, k.crashes());
                put(stem + "bypassed", null, of + "lookups that bypassed the cache.", l, k.bypassed());
            } else if (c instanceof Summary.Cdn k) {
                put(stem + "hit", "ratio", of + "share of counted lookups (or requests) that hit.", l, k.hitRatio());
                put(stem + "cdn_requests", null, of + "requests counted at the CDN's edges.", l, k.requests());
                put(stem + "cdn_hits", null, of + "requests the CDN's edges answered.", l, k.hits());
            }
        }

        private void cost(Summary.Cost c) {
            String of = "Whole run, the bill: ";
            put("headroom_run_cost", "usd", of + "USD for the whole run.", List.of(), c.totalUsd());
            put("headroom_run_cost_per_hour", "usd", of + "USD per hour.", List.of(), c.perHourUsd());
            put("headroom_run_cost_per_month", "usd", of + "USD per 730-hour month.", List.of(),
                    ci.isEmpty() ? c.month() : c.perMonthUsd());
            put("headroom_run_cost_per_million_requests", "usd", of + "USD per million requests.", List.of(), c.perMillionRequestsUsd());
            put("headroom_run_cost_idle", "usd", of + "USD of capacity that stood idle.", List.of(), c.idleUsd());
            if (c.byComponent() != null) {
                c.byComponent().forEach((k, v) -> put("headroom_run_cost_by_component", "usd", of + "USD per component.",
                        List.of(new Label("component", k)), v == null ? Double.NaN : v));
            }
            if (c.byMarket() != null) {
                c.byMarket().forEach((k, v) -> put("headroom_run_cost_by_market", "usd", of + "USD per market.",
                        List.of(new Label("market", k)), v == null ? Double.NaN : v));
            }
        }
    }
}
