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
    final Names names = new Names(corrections);
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
        final String[] ids;
        final long[] start;
        final long[] end;
        final int[] parent;
        final int[] firstChild;
        final int[] nextSibling;
        final String[] service;
        /** Whether a span is reached from a root or an orphan (a span in a parent cycle is not). */
        final boolean[] reached;

        One(List<Span> list) {
            // Zipkin's B3 shared spans: a server half with its client's id, in another service. Split here too (the reader
            // splits those it sees together): the server half becomes ID-server below the client ID, and the server
            // service's spans below ID move below it.
            Map<String, Integer> index = new HashMap<>(list.size() * 2);
            List<Span> kept = new ArrayList<>(list.size());
            List<String> keptIds = new ArrayList<>(list.size());
            Map<String, String> sharedServer = new HashMap<>(4); // client id -> the server half's service
            for (Span s : list) {
                Integer seen = index.get(s.spanId());
                if (seen == null) {
                    index.put(s.spanId(), kept.size());
                    kept.add(s);
                    keptIds.add(s.spanId());
                    continue;
                }
                Span other = kept.get(seen);
                Span server = s.kind() == SpanKind.SERVER && other.kind() == SpanKind.CLIENT ? s
                        : other.kind() == SpanKind.SERVER && s.kind() == SpanKind.CLIENT ? other : null;
                String serverId = s.spanId() + "-server";
                if (server != null && !index.containsKey(serverId) && !Names.component0Of(server.service()).equals(
                        Names.component0Of((server == s ? other : s).service()))) {
                    Span client = server == s ? other : s;
                    kept.set(seen, client);
                    index.put(serverId, kept.size());
                    kept.add(new Span(server.traceId(), serverId, client.spanId(), server.service(), server.instance(), server.name(),
                            server.route(), server.kind(), server.startNs(), server.endNs(), server.error(), server.mark()));
                    keptIds.add(serverId);
                    sharedServer.put(client.spanId(), names.component(server.service()));
                    corrections.add(Corrections.Kind.SHARED, where(server));
                } else {
                    corrections.add(Corrections.Kind.DUPLICATE, where(s));
                }
            }
            int n = kept.size();
            spans = kept.toArray(new Span[0]);
            ids = keptIds.toArray(new String[0]);
            start = new long[n];
            end = new long[n];
            parent = new int[n];
            firstChild = new int[n];
            nextSibling = new int[n];
            service = new String[n];
            reached = new boolean[n];
            Arrays.fill(firstChild, -1);
            Arrays.fill(nextSibling, -1);
            for (int i = n - 1; i >= 0; i--) {
                Span s = spans[i];
                start[i] = s.startNs();
                end[i] = s.endNs();
                service[i] = names.component(s.service());
                String parentId = s.parentId();
                if (parentId != null && sharedServer.containsKey(parentId) && !ids[i].equals(parentId + "-server")
                        && service[i].equals(sharedServer.get(parentId))) {
                    parentId = parentId + "-server"; // the server half's own work, below it
                }
                Integer p = parentId == null ? null : index.get(parentId);
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
                if (!reached[i]) {
                    corrections.add(Corrections.Kind.CYCLE, where(spans[i]));
                } else if (execution(i)) {
                    serve(i);
                }
            }
        }

        /**
         * Corrects clock skew below {@code top}, depth first (an explicit stack: traces may be deep): a child in another
         * process that starts before its parent or ends after it, while no longer than it, is moved inside with its
         * descendants. A child longer than its parent is left as it is (asynchronous work, a cancelled call's callee), and so
         * is the consumer of a message (it may run long after its producer).
         */
        private void adjust(int top) {
            int[] stack = new int[16];
            long[] shift = new long[16];
            int sp = 0;
            stack[sp] = top;
            shift[sp++] = 0;
            while (sp > 0) {
                int node = stack[--sp];
                long inherited = shift[sp];
                reached[node] = true;
                start[node] += inherited;
                end[node] += inherited;
                long own = 0;
                int p = parent[node];
                if (p >= 0 && crossProcess(p, node) && spans[p].kind() != SpanKind.PRODUCER && spans[node].kind() != SpanKind.CONSUMER
                        && end[node] - start[node] <= end[p] - start[p]) {
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

        private boolean callSpan(int i) {
            SpanKind k = spans[i].kind();
            return k == SpanKind.CLIENT || k == SpanKind.PRODUCER;
        }

        /**
         * A request a service served: a server or consumer span, a root or orphan (but a client or producer span without a
         * parent is a caller outside the export — a load generator — whose callees' requests are the arrivals), or a span
         * below another service's span.
         */
        private boolean execution(int i) {
            SpanKind k = spans[i].kind();
            if (k == SpanKind.SERVER || k == SpanKind.CONSUMER) {
                // a server span right inside another of the same process (a framework's span in the HTTP server's) is
                // part of that request, not a call
                int p = parent[i];
                return p < 0 || crossProcess(p, i) || !(spans[p].kind() == SpanKind.SERVER || spans[p].kind() == SpanKind.CONSUMER);
            }
            if (parent[i] < 0) {
                return !callSpan(i);
            }
            return !service[parent[i]].equals(service[i]);
        }

        /** A request that came from outside the export: a root, or the callee of a parentless client span. */
        private boolean arrival(int i) {
            if (spans[i].parentId() == null) {
                return true;
            }
            int p = parent[i];
            return p >= 0 && spans[p].parentId() == null && callSpan(p) && !service[p].equals(service[i]);
        }

        /** One execution: its own time, its calls, its place in its instance's concurrency and in the arrivals. */
        private void serve(int e) {
            executions++;
            Span s = spans[e];
            EndpointStats stats = endpoint(service[e], names.endpoint(service[e], s));
            stats.executions++;
            String instance = s.instance() == null ? "" : s.instance();
            instances.computeIfAbsent(service[e], k -> new TreeMap<>()).computeIfAbsent(instance, k -> new ConcurrencyMeter())
                    .add(start[e], end[e]);
            if (arrival(e)) {
                stats.roots++;
                rootsByService.merge(service[e], 1L, Long::sum);
                arrivals.computeIfAbsent(service[e], k -> new HashMap<>()).computeIfAbsent(Math.floorDiv(start[e], windowNs),
                        k -> new long[1])[0]++;
            }
            List<int[]> calls = new ArrayList<>(4); // {client span (or the callee itself), callee execution, callees of that client}
            collect(e, calls);
            long[][] iv = new long[calls.size()][];
            for (int k = 0; k < calls.size(); k++) {
                int c = calls.get(k)[0];
                iv[k] = new long[] {Math.max(start[c], start[e]), Math.min(end[c], end[e]), c};
            }
            Arrays.sort(iv, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[2], b[2]));
            long covered = 0;
            long from = Long.MIN_VALUE;
            long to = Long.MIN_VALUE;
            boolean overlap = false;
            long lastClient = -1;
            for (long[] v : iv) {
                if (v[1] <= v[0]) {
                    continue;
                }
                if (v[0] < to) {
                    // two callees of one client span (retries, a fan-out) share its interval: not an overlap of calls
                    overlap |= v[2] != lastClient;
                    to = Math.max(to, v[1]);
                } else {
                    covered += to - from;
                    from = v[0];
                    to = v[1];
                }
                lastClient = v[2];
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
            // the k-th call to a callee is the k-th to start, whatever the file's order
            calls.sort((x, y) -> start[x[0]] != start[y[0]] ? Long.compare(start[x[0]], start[y[0]])
                    : start[x[1]] != start[y[1]] ? Long.compare(start[x[1]], start[y[1]]) : Integer.compare(x[1], y[1]));
            Map<String, Integer> seen = new HashMap<>(4);
            for (int[] call : calls) {
                int client = call[0];
                int callee = call[1];
                String target = names.endpoint(service[callee], spans[callee]);
                EndpointStats.CallStats cs = stats.call(service[callee], target);
                int k = seen.merge(service[callee] + "\u0000" + target, 1, Integer::sum);
                cs.occurrence(k, (start[client] - start[e]) / 1e6);
                if (client == callee) {
                    cs.networkMs.add(0);
                } else if (call[2] == 1) { // one callee below the client span: the rest of the client span is the network
                    cs.networkMs.add(Math.max(0, (end[client] - start[client]) - (end[callee] - start[callee])) / 1e6);
                }
                callFailed |= spans[callee].error() || spans[client].error();
            }
            if (s.error() && !callFailed) {
                stats.ownErrors++;
            }
        }

        /**
         * The calls execution {@code e} made: {client span, callee execution, callees of that client span} for each callee
         * below each client (or producer) span in its own service, reached through its other spans in that service (internal
         * spans, a client span wrapping another); a callee directly below a span of {@code e}'s is {callee, callee, 1}.
         */
        private void collect(int e, List<int[]> calls) {
            int[] stack = new int[16];
            int sp = 0;
            for (int c = firstChild[e]; c >= 0; c = nextSibling[c]) {
                stack = push(stack, sp++, c);
            }
            while (sp > 0) {
                int c = stack[--sp];
                if (execution(c)) {
                    calls.add(new int[] {c, c, 1});
                } else if (callSpan(c)) {
                    int from = calls.size();
                    calleesBelow(c, c, calls);
                    if (calls.size() == from) {
                        corrections.add(Corrections.Kind.UNINSTRUMENTED, where(spans[c]));
                    }
                    for (int k = from; k < calls.size(); k++) {
                        calls.get(k)[2] = calls.size() - from;
                    }
                } else {
                    for (int g = firstChild[c]; g >= 0; g = nextSibling[g]) {
                        stack = push(stack, sp++, g);
                    }
                }
            }
        }

        /** The executions below client span {@code client}, through spans of its own service that are not executions. */
        private void calleesBelow(int client, int top, List<int[]> calls) {
            int[] stack = new int[8];
            int sp = 0;
            for (int g = firstChild[top]; g >= 0; g = nextSibling[g]) {
                stack = push(stack, sp++, g);
            }
            while (sp > 0) {
                int g = stack[--sp];
                if (execution(g)) {
                    calls.add(new int[] {client, g, 0});
                } else {
                    for (int h = firstChild[g]; h >= 0; h = nextSibling[h]) {
                        stack = push(stack, sp++, h);
                    }
                }
            }
        }
    }

    private static int[] push(int[] stack, int at, int value) {
        if (at == stack.length) {
            stack = Arrays.copyOf(stack, 2 * at);
        }
        stack[at] = value;
        return stack;
    }
}
