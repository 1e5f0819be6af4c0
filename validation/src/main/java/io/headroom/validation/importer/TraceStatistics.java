package io.headroom.validation.importer;

import io.headroom.validation.traces.Span;
import io.headroom.validation.traces.SpanKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The totals of every closed trace: per endpoint its executions, own time and calls; per instance the most requests
 * served at once; arrivals at the entry per window.
 *
 * <p>An <em>execution</em> is a request a service served: a server (or consumer) span, a root span, a span whose parent
 * is missing, or a span whose parent is in another service. Its calls are the client (or producer) spans below it in its
 * own service, reached through internal spans, each with the callee's execution below it; an execution directly below
 * another service's span is a call without a client span. Its <em>own time</em> is its duration less the time covered
 * by its calls — the union of their intervals, so parallel calls count once (the critical path), sequential ones each.
 * A call's network time is its client span less the callee's server span. Calls overlapping in time are parallel.
 *
 * <p>Clock skew is corrected where it can be, between processes (a parent and child in different services or
 * instances): a child longer than its parent is shortened to it, a child outside its parent moved inside, with its
 * descendants, as Jaeger's adjuster does; each correction is counted ({@link Corrections}).
 */
final class TraceStatistics implements Consumer<List<Span>> {
    private final ImportOptions options;
    private final long windowNs;
    final Map<String, EndpointStats> endpoints = new TreeMap<>();
    final Map<String, Map<String, ConcurrencyMeter>> instances = new TreeMap<>();
    /** Root spans per service per window (keyed by the window's index since the epoch). */
    final Map<String, Map<Long, long[]>> arrivals = new TreeMap<>();
    final Map<String, Long> rootsByService = new TreeMap<>();
    final Corrections corrections = new Corrections();
    private long releaseBeforeNs = Long.MIN_VALUE;
    private long closedTraces;
    long executions;

    TraceStatistics(ImportOptions options) {
        this.options = options;
        this.windowNs = options.window().toNanos();
    }

    /** Spans before this start may be swept by the concurrency meters (the export's clock less twice the grace). */
    void releaseBefore(long ns) {
        releaseBeforeNs = ns;
    }

    @Override
    public void accept(List<Span> trace) {
        new One(trace).read();
        if (++closedTraces % 256 == 0) {
            for (Map<String, ConcurrencyMeter> m : instances.values()) {
                for (ConcurrencyMeter c : m.values()) {
                    c.release(releaseBeforeNs);
                }
            }
        }
    }

    EndpointStats endpoint(String service, String endpoint) {
        return endpoints.computeIfAbsent(service + "\u0000" + endpoint,
                k -> new EndpointStats(service, endpoint, options.reservoir(), options.seed() * 1_000_003L + k.hashCode()));
    }

    private static String where(Span s) {
        return "trace " + s.traceId() + " span " + s.spanId() + " at line " + s.mark().line() + ", column " + s.mark().column();
    }

    /** One trace's spans as a tree, with corrected times. */
    private final class One {
        final Span[] spans;
        final long[] start;
        final long[] end;
        final int[] parent;
        final int[] firstChild;
        final int[] nextSibling;
        final String[] service;

        One(List<Span> list) {
            Map<String, Integer> index = new HashMap<>(list.size() * 2);
            List<Span> kept = new ArrayList<>(list.size());
            for (Span s : list) {
                if (index.putIfAbsent(s.spanId(), kept.size()) != null) {
                    corrections.add(Corrections.Kind.DUPLICATE, where(s));
                } else {
                    kept.add(s);
                }
            }
            int n = kept.size();
            spans = kept.toArray(new Span[0]);
            start = new long[n];
            end = new long[n];
            parent = new int[n];
            firstChild = new int[n];
            nextSibling = new int[n];
            service = new String[n];
            Arrays.fill(firstChild, -1);
            Arrays.fill(nextSibling, -1);
            for (int i = n - 1; i >= 0; i--) {
                Span s = spans[i];
                start[i] = s.startNs();
                end[i] = s.endNs();
                service[i] = Names.component(s.service());
                Integer p = s.parentId() == null ? null : index.get(s.parentId());
                parent[i] = p == null || p == i ? -1 : p;
                if (parent[i] >= 0) {
                    nextSibling[i] = firstChild[parent[i]];
                    firstChild[parent[i]] = i;
                }
            }
        }

        void read() {
            for (int i = 0; i < spans.length; i++) {
                if (parent[i] < 0) {
                    if (spans[i].parentId() != null) {
                        corrections.add(Corrections.Kind.ORPHAN, where(spans[i]));
                    }
                    adjust(i);
                }
            }
            for (int i = 0; i < spans.length; i++) {
                if (execution(i)) {
                    serve(i);
                }
            }
        }

        /** Corrects clock skew below {@code top}, depth first (an explicit stack: traces may be deep). */
        private void adjust(int top) {
            int[] stack = new int[16];
            long[] shift = new long[16];
            int sp = 0;
            stack[sp] = top;
            shift[sp++] = 0;
            while (sp > 0) {
                int node = stack[--sp];
                long inherited = shift[sp];
                start[node] += inherited;
                end[node] += inherited;
                long own = 0;
                int p = parent[node];
                if (p >= 0 && crossProcess(p, node)) {
                    long pd = end[p] - start[p];
                    if (end[node] - start[node] > pd) {
                        end[node] = start[node] + pd;
                        corrections.add(Corrections.Kind.SKEW_CLAMPED, where(spans[node]));
                    }
                    if (start[node] < start[p]) {
                        own = start[p] - start[node];
                    } else if (end[node] > end[p]) {
                        own = end[p] - end[node];
                    }
                    if (own != 0) {
                        start[node] += own;
                        end[node] += own;
                        corrections.add(Corrections.Kind.SKEW_SHIFTED, where(spans[node]));
                    }
                }
                for (int c = firstChild[node]; c >= 0; c = nextSibling[c]) {
                    if (sp == stack.length) {
                        stack = Arrays.copyOf(stack, 2 * sp);
                        shift = Arrays.copyOf(shift, 2 * sp);
                    }
                    stack[sp] = c;
                    shift[sp++] = inherited + own;
                }
            }
        }

        private boolean crossProcess(int a, int b) {
            return !service[a].equals(service[b]) || !java.util.Objects.equals(spans[a].instance(), spans[b].instance());
        }

        private boolean execution(int i) {
            SpanKind k = spans[i].kind();
            return k == SpanKind.SERVER || k == SpanKind.CONSUMER || parent[i] < 0 || !service[parent[i]].equals(service[i]);
        }

        /** One execution: its own time, its calls, its place in its instance's concurrency and in the arrivals. */
        private void serve(int e) {
            executions++;
            Span s = spans[e];
            EndpointStats stats = endpoint(service[e], Names.endpoint(s));
            stats.executions++;
            String instance = s.instance() == null ? "" : s.instance();
            instances.computeIfAbsent(service[e], k -> new TreeMap<>()).computeIfAbsent(instance, k -> new ConcurrencyMeter())
                    .add(start[e], end[e]);
            if (s.parentId() == null) {
                stats.roots++;
                rootsByService.merge(service[e], 1L, Long::sum);
                arrivals.computeIfAbsent(service[e], k -> new HashMap<>()).computeIfAbsent(Math.floorDiv(start[e], windowNs),
                        k -> new long[1])[0]++;
            }
            List<int[]> calls = new ArrayList<>(4); // {client span or callee, callee execution}
            collect(e, e, calls);
            long[][] iv = new long[calls.size()][];
            for (int k = 0; k < calls.size(); k++) {
                int c = calls.get(k)[0];
                iv[k] = new long[] {Math.max(start[c], start[e]), Math.min(end[c], end[e])};
            }
            Arrays.sort(iv, (a, b) -> Long.compare(a[0], b[0]));
            long covered = 0;
            long from = Long.MIN_VALUE;
            long to = Long.MIN_VALUE;
            boolean overlap = false;
            for (long[] v : iv) {
                if (v[1] <= v[0]) {
                    continue;
                }
                if (v[0] < to) {
                    overlap = true;
                    to = Math.max(to, v[1]);
                } else {
                    covered += to - from;
                    from = v[0];
                    to = v[1];
                }
            }
            if (to > from) {
                covered += to - from;
            }
            stats.ownMs.add(Math.max(0, end[e] - start[e] - covered) / 1e6);
            if (calls.size() >= 2) {
                stats.multiCall++;
                if (overlap) {
                    stats.overlapping++;
                }
            }
            boolean callFailed = false;
            Map<String, Integer> seen = new HashMap<>(4);
            for (int[] call : calls) {
                int client = call[0];
                int callee = call[1];
                String target = Names.endpoint(spans[callee]);
                EndpointStats.CallStats cs = stats.call(service[callee], target);
                cs.occurrence(seen.merge(service[callee] + "\u0000" + target, 1, Integer::sum));
                cs.calls++;
                cs.sumOffsetMs += (start[client] - start[e]) / 1e6;
                cs.networkMs.add(client == callee ? 0 : Math.max(0, (end[client] - start[client]) - (end[callee] - start[callee])) / 1e6);
                callFailed |= spans[callee].error() || spans[client].error();
            }
            if (s.error() && !callFailed) {
                stats.ownErrors++;
            }
        }

        /** The calls below {@code node} made by execution {@code e}: {client span, callee execution} pairs. */
        private void collect(int e, int node, List<int[]> calls) {
            for (int c = firstChild[node]; c >= 0; c = nextSibling[c]) {
                if (execution(c)) {
                    calls.add(new int[] {c, c});
                    continue;
                }
                SpanKind k = spans[c].kind();
                if (k == SpanKind.CLIENT || k == SpanKind.PRODUCER) {
                    int callee = -1;
                    for (int g = firstChild[c]; g >= 0 && callee < 0; g = nextSibling[g]) {
                        if (execution(g)) {
                            callee = g;
                        }
                    }
                    if (callee >= 0) {
                        calls.add(new int[] {c, callee});
                    } else {
                        corrections.add(Corrections.Kind.UNINSTRUMENTED, where(spans[c]));
                    }
                } else {
                    collect(e, c, calls);
                }
            }
        }
    }
}
