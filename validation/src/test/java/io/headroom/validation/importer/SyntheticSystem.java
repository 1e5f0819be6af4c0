package io.headroom.validation.importer;

import io.headroom.validation.traces.Span;
import io.headroom.validation.traces.SpanKind;
import io.headroom.yaml.Mark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A known system written as spans, to check the import against what was generated: Poisson arrivals at {@code front}
 * (endpoint {@code page}, exponential own time of mean 4 ms, then calls in parallel to {@code catalog}'s {@code list}
 * always and {@code reviews}' {@code top} with probability 0.4); each call a client span 0.3 ms longer than the callee's
 * server span (the network, half each way); callee own times exponential, 10 ms and 8 ms. No queueing: every request
 * starts when it arrives. Each trace's spans are handed over in end order, trace after trace, as an exporter batches them.
 * The generator keeps what the import should find: counts, exact own-time sums, calls made.
 */
final class SyntheticSystem {
    static final long NETWORK_NS = 300_000;
    final double ratePerS;
    final SplittableRandom rng;
    long traces;
    long reviewsCalls;
    double frontOwnSumMs;
    double catalogOwnSumMs;
    double reviewsOwnSumMs;
    final List<long[]> frontIntervals = new ArrayList<>();
    final List<long[]> catalogIntervals = new ArrayList<>();
    boolean keepIntervals = true;
    private long t = 1_700_000_000_000_000_000L;
    private long ids;

    SyntheticSystem(double ratePerS, long seed) {
        this.ratePerS = ratePerS;
        this.rng = new SplittableRandom(seed);
    }

    private long exp(double meanMs) {
        return Math.max(1, Math.round(-Math.log(1 - rng.nextDouble()) * meanMs * 1e6));
    }

    private String id() {
        return String.format(Locale.ROOT, "%016x", ++ids);
    }

    /** Hands {@code n} traces' spans to {@code sink}. */
    void emit(long n, Consumer<Span> sink) {
        for (long i = 0; i < n; i++) {
            t += Math.max(1, Math.round(-Math.log(1 - rng.nextDouble()) / ratePerS * 1e9));
            String trace = String.format(Locale.ROOT, "%032x", ++traces);
            List<Span> spans = new ArrayList<>(5);
            String root = id();
            long own = exp(4);
            frontOwnSumMs += own / 1e6;
            long callAt = t + own;
            long end = call(trace, root, "catalog", "list", callAt, 10, spans);
            if (rng.nextDouble() < 0.4) {
                reviewsCalls++;
                end = Math.max(end, call(trace, root, "reviews", "top", callAt, 8, spans));
            }
            spans.add(new Span(trace, root, null, "front", "front#0", "GET /page", "/page", SpanKind.SERVER, t, end, false, Mark.UNKNOWN));
            if (keepIntervals) {
                frontIntervals.add(new long[] {t, end});
            }
            spans.sort(Comparator.comparingLong(Span::endNs));
            spans.forEach(sink);
        }
    }

    private long call(String trace, String parent, String service, String endpoint, long at, double meanMs, List<Span> spans) {
        String client = id();
        long own = exp(meanMs);
        if (service.equals("catalog")) {
            catalogOwnSumMs += own / 1e6;
            if (keepIntervals) {
                catalogIntervals.add(new long[] {at + NETWORK_NS / 2, at + NETWORK_NS / 2 + own});
            }
        } else {
            reviewsOwnSumMs += own / 1e6;
        }
        long serverStart = at + NETWORK_NS / 2;
        spans.add(new Span(trace, id(), client, service, service + "#0", "GET /" + endpoint, "/" + endpoint, SpanKind.SERVER, serverStart,
                serverStart + own, false, Mark.UNKNOWN));
        long end = serverStart + own + NETWORK_NS / 2;
        spans.add(new Span(trace, client, parent, "front", "front#0", "GET", null, SpanKind.CLIENT, at, end, false, Mark.UNKNOWN));
        return end;
    }

    /** The most intervals open at once (an interval ending when another starts is not open then). */
    static int mostAtOnce(List<long[]> intervals) {
        List<long[]> events = new ArrayList<>();
        for (long[] iv : intervals) {
            events.add(new long[] {iv[0], 1});
            events.add(new long[] {iv[1], -1});
        }
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int open = 0;
        int most = 0;
        for (long[] e : events) {
            open += (int) e[1];
            most = Math.max(most, open);
        }
        return most;
    }
}
