package io.headroom.validation.importer;

import io.headroom.validation.calibrate.DemandFit;
import io.headroom.validation.traces.SpanReader;
import io.headroom.validation.traces.TraceFormat;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.Mark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code headroom import traces}: reads the export files as one stream of spans, assembles traces, and infers the
 * {@link ImportedModel}. Nothing grows with the export but the arrival counts (one per window with an arrival).
 */
public final class TraceImport {
    private TraceImport() {
    }

    /** Where spans come from: each is handed to the sink in the order of the export. */
    @FunctionalInterface
    public interface SpanSource {
        void feed(java.util.function.Consumer<io.headroom.validation.traces.Span> sink) throws BadInputException, IOException;
    }

    /** Imports {@code files} (one format) with {@code options}. */
    public static ImportedModel read(List<Path> files, TraceFormat format, ImportOptions options) throws BadInputException, IOException {
        SpanReader reader = format.reader();
        try {
            ImportedModel m = read(sink -> {
                for (Path f : files) {
                    reader.read(f, sink);
                }
            }, format.cliName(), files.stream().map(Path::toString).toList(), options);
            List<String> corrections = new ArrayList<>(reader.notes());
            corrections.addAll(m.corrections());
            return new ImportedModel(m.name(), m.entry(), m.services(), m.arrivals(), m.mix(), m.reading(), corrections);
        } catch (NotImportable e) {
            throw new BadInputException(new InputError(files.get(0).toString(), Mark.UNKNOWN, "", e.getMessage()
                    + (e.noRequests ? " (is --format " + format.cliName() + " the right one?)" : "")));
        }
    }

    /**
     * What the traces show cannot be a design and a profile: no request served, no arrival, arrivals spread too far, or
     * calls between services that come back. A located error once the file is known.
     */
    public static final class NotImportable extends RuntimeException {
        final boolean noRequests;

        NotImportable(String message, boolean noRequests) {
            super(message, null, false, false);
            this.noRequests = noRequests;
        }
    }

    /** Imports the spans {@code source} gives; {@code format} and {@code files} only say where they came from. */
    public static ImportedModel read(SpanSource source, String format, List<String> files, ImportOptions options)
            throws BadInputException, IOException {
        TraceStatistics stats = new TraceStatistics(options);
        long graceNs = options.grace().toNanos();
        TraceAssembler assembler = new TraceAssembler(graceNs, options.maxOpenSpans(), (trace, watermarkNs) -> {
            stats.releaseBefore(watermarkNs - 2 * graceNs);
            stats.accept(trace);
        });
        source.feed(assembler);
        assembler.finish();
        if (stats.executions == 0) {
            throw new NotImportable("no span in the export is a request a service served (none at all, or only callers' client"
                    + " spans): nothing to import", true);
        }
        Corrections c = stats.corrections;
        c.add(Corrections.Kind.LATE, assembler.lateSpans(), null);
        c.add(Corrections.Kind.CLOSED_EARLY, assembler.closedEarly(), null);
        return infer(stats, options, new ImportedModel.Reading(files, format, assembler.spans(), assembler.traces(), stats.executions,
                assembler.maxOpenSpans(), assembler.maxOpenTraces()));
    }

    private static ImportedModel infer(TraceStatistics stats, ImportOptions options, ImportedModel.Reading reading) {
        String entry = stats.rootsByService.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
        Corrections c = stats.corrections;
        if (entry == null) {
            throw new NotImportable("no root span in the export (every span has a parent that is not in it, as in a tail-sampled or"
                    + " downstream-only export): the arrivals are unknown, so no profile can be written", false);
        }
        for (Map.Entry<String, Long> r : stats.rootsByService.entrySet()) {
            if (!r.getKey().equals(entry)) {
                c.add(Corrections.Kind.OTHER_ROOT, r.getValue(), "service " + r.getKey());
            }
        }
        long outOfOrder = 0;
        Map<String, List<ImportedModel.Endpoint>> byService = new LinkedHashMap<>();
        for (EndpointStats e : stats.endpoints.values()) {
            byService.computeIfAbsent(e.service, k -> new ArrayList<>()).add(endpoint(e, options));
        }
        List<ImportedModel.Service> services = new ArrayList<>();
        for (Map.Entry<String, List<ImportedModel.Endpoint>> s : byService.entrySet()) {
            Map<String, ConcurrencyMeter> meters = stats.instances.get(s.getKey());
            int most = 0;
            long spans = 0;
            String at = null;
            for (Map.Entry<String, ConcurrencyMeter> m : meters.entrySet()) {
                int max = m.getValue().finish();
                outOfOrder += m.getValue().outOfOrder();
                spans += m.getValue().spans();
                if (max > most) {
                    most = max;
                    at = m.getKey();
                }
            }
            List<String> instances = meters.keySet().stream().filter(k -> !k.isEmpty()).toList();
            int replicas = mostUpAtOnce(meters.values());
            int workers;
            String source;
            if (options.workers() > 0) {
                workers = options.workers();
                source = "given (--workers)";
            } else if (spans < ImportOptions.MIN_SPANS_FOR_WORKERS) {
                workers = options.defaultWorkers();
                source = "default: only " + spans + " spans (fewer than " + ImportOptions.MIN_SPANS_FOR_WORKERS + ")";
            } else {
                workers = most;
                source = "the most spans at once on one instance" + (at == null || at.isEmpty() ? " (instances not named: the service"
                        + " as one)" : " (" + at + ")") + ", a lower bound";
            }
            services.add(new ImportedModel.Service(s.getKey(), instances, replicas, workers, source, s.getValue()));
        }
        c.add(Corrections.Kind.OUT_OF_ORDER, outOfOrder, null);
        refuseCycles(services);
        Map<Long, long[]> windows = stats.arrivals.getOrDefault(entry, Map.of());
        long first = windows.keySet().stream().mapToLong(Long::longValue).min().orElse(0);
        long last = windows.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
        if (last - first + 1 > MAX_WINDOWS) {
            throw new NotImportable(String.format(java.util.Locale.ROOT, "the root spans at %s run over %s windows of %s (from %s to %s): more"
                    + " than %,d rows of arrivals; a root span far from the rest (a clock, a stray span) or a window too short for the"
                    + " export: use a longer --window, or leave the stray span out", entry, last - first + 1, io.headroom.yaml.Durations.format(options.window()),
                    java.time.Instant.ofEpochSecond(0, first * options.window().toNanos()), java.time.Instant.ofEpochSecond(0,
                            (last + 1) * options.window().toNanos()), MAX_WINDOWS), false);
        }
        long[] counts = new long[(int) (last - first + 1)];
        windows.forEach((w, n) -> counts[(int) (w - first)] = n[0]);
        Map<String, Double> mix = new LinkedHashMap<>();
        long roots = stats.rootsByService.getOrDefault(entry, 0L);
        for (EndpointStats e : stats.endpoints.values()) {
            if (e.service.equals(entry) && e.roots > 0) {
                mix.put(e.endpoint, (double) e.roots / roots);
            }
        }
        return new ImportedModel(options.name(), entry, services, new ImportedModel.Arrivals(first, options.window().toNanos(), counts), mix,
                reading, new ArrayList<>(c.lines().values()));
    }

    /**
     * Refuses calls between services that form a cycle: a design's components call one another without cycles (a
     * request's path must end), so a callback pattern cannot be written as it was traced.
     */
    private static void refuseCycles(List<ImportedModel.Service> services) {
        Map<String, List<String>> callees = new LinkedHashMap<>();
        Map<String, String> example = new java.util.HashMap<>();
        for (ImportedModel.Service s : services) {
            List<String> to = callees.computeIfAbsent(s.name(), k -> new ArrayList<>());
            for (ImportedModel.Endpoint e : s.endpoints()) {
                for (ImportedModel.Call call : e.calls()) {
                    if (!to.contains(call.to())) {
                        to.add(call.to());
                    }
                    example.putIfAbsent(s.name() + "\u0000" + call.to(), s.name() + "." + e.name() + " calls " + call.to() + "."
                            + call.endpoint());
                }
            }
        }
        Map<String, Integer> state = new java.util.HashMap<>(); // 1 on the path, 2 done
        for (String start : callees.keySet()) {
            List<String> path = new ArrayList<>();
            String cycle = cycleFrom(start, callees, state, path);
            if (cycle != null) {
                List<String> steps = new ArrayList<>();
                int from = path.indexOf(cycle);
                List<String> loop = new ArrayList<>(path.subList(from, path.size()));
                loop.add(cycle);
                for (int i = 0; i + 1 < loop.size(); i++) {
                    steps.add(example.get(loop.get(i) + "\u0000" + loop.get(i + 1)));
                }
                throw new NotImportable("the traces show calls between services that come back: " + String.join(" → ", loop) + " ("
                        + String.join("; ", steps) + "); a design's calls cannot form a cycle, so this system cannot be imported as"
                        + " traced (model the callback as its own service, or import the traces of one direction)", false);
            }
        }
    }

    /**
     * A service on a cycle reachable from {@code start}, with {@code path} the services from {@code start} to the cycle's
     * end; null when none. Depth first with an explicit stack (call chains may be long).
     */
    private static String cycleFrom(String start, Map<String, List<String>> callees, Map<String, Integer> state, List<String> path) {
        if (state.containsKey(start)) {
            return null;
        }
        List<Integer> next = new ArrayList<>();
        state.put(start, 1);
        path.add(start);
        next.add(0);
        while (!path.isEmpty()) {
            int top = path.size() - 1;
            String node = path.get(top);
            List<String> out = callees.getOrDefault(node, List.of());
            int k = next.get(top);
            if (k == out.size()) {
                state.put(node, 2);
                path.remove(top);
                next.remove(top);
                continue;
            }
            next.set(top, k + 1);
            String to = out.get(k);
            Integer st = state.get(to);
            if (st == null) {
                state.put(to, 1);
                path.add(to);
                next.add(0);
            } else if (st == 1) {
                return to;
            }
        }
        return null;
    }

    /** The most instances up at once: each from its first span's start to its last span's end. */
    private static int mostUpAtOnce(java.util.Collection<ConcurrencyMeter> meters) {
        List<long[]> events = new ArrayList<>();
        for (ConcurrencyMeter m : meters) {
            events.add(new long[] {m.firstStartNs(), 1});
            events.add(new long[] {m.lastEndNs(), -1});
        }
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int up = 0;
        int most = 0;
        for (long[] e : events) {
            up += (int) e[1];
            most = Math.max(most, up);
        }
        return Math.max(1, most);
    }

    /** The most rows of arrivals a profile gets: 11.6 days of one-second windows. */
    static final int MAX_WINDOWS = 1_000_000;

    private static ImportedModel.Endpoint endpoint(EndpointStats e, ImportOptions options) {
        double[] sample = e.ownMs.sample();
        long zeros = java.util.Arrays.stream(sample).filter(v -> v <= 0).count();
        List<DemandFit.Fit> fits = List.of();
        if (e.ownMs.min() < e.ownMs.max()) { // all equal: no family (the moments' rounding could fake a spread)
            try {
                fits = DemandFit.fit(e.ownMs.moments(), sample); // parameters from every execution, KS on the sample
            } catch (IllegalArgumentException tooFewOrEqual) {
                // fewer than 10 positive own times, or all equal: written as their mean (a constant)
            }
        }
        DemandFit.Fit best = fits.isEmpty() ? null : fits.get(0);
        boolean empirical = best != null && (best.ks() > options.maxKs() || zeros > 0.01 * sample.length);
        List<ImportedModel.Call> calls = new ArrayList<>();
        for (EndpointStats.CallStats cs : e.calls.values()) {
            for (int k = 0; k < cs.atLeast.length && cs.atLeast[k] > 0; k++) {
                calls.add(new ImportedModel.Call(cs.service, cs.endpoint, (double) cs.atLeast[k] / e.executions, cs.atLeast[k],
                        cs.networkMs.count() == 0 ? 0 : cs.networkMs.median(), cs.sumOffsetMs[k] / cs.atLeast[k]));
            }
        }
        boolean parallel = e.multiCall > 0 && 2 * e.overlapping > e.multiCall;
        // sequential calls in the order they were made; parallel ones by name (their order does not matter)
        Comparator<ImportedModel.Call> byName = Comparator.comparing(ImportedModel.Call::to).thenComparing(ImportedModel.Call::endpoint)
                .thenComparingDouble(ImportedModel.Call::meanOffsetMs);
        calls.sort(parallel ? byName : Comparator.comparingDouble(ImportedModel.Call::meanOffsetMs).thenComparing(byName));
        return new ImportedModel.Endpoint(e.endpoint, e.executions, e.roots, empirical ? null : best, fits, sample, e.ownMs.mean(),
                empirical, parallel, e.multiCall, e.overlapping, (double) e.ownErrors / e.executions, calls);
    }
}
