package io.headroom.validation.importer;

import io.headroom.validation.traces.Span;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Spans grouped into traces as they stream in, in bounded memory. An export holds a trace's spans near one another
 * but not together (exporters batch spans as they end, service by service), so a trace stays open until the export's
 * clock — the latest span end seen so far — has passed its own latest end by the grace period; then it is handed on
 * whole. When more spans than {@code maxOpenSpans} are open, the oldest traces are closed early. A span that arrives
 * for a trace already closed is counted (the grace was too short for that export) and starts a fragment of its own.
 * Memory is the open traces plus a bounded set of recently closed trace ids, whatever the export's size.
 */
final class TraceAssembler implements Consumer<Span> {
    /** How many closed trace ids are remembered to recognise late spans. */
    static final int CLOSED_IDS = 65_536;

    private static final class Open {
        final String id;
        /** Its spans; null once closed (a closed trace may stay in the heap a while: it holds nothing then). */
        List<Span> spans = new ArrayList<>(8);
        /** A fragment of a trace already closed: its spans are late. */
        boolean late;
        long lastEndNs = Long.MIN_VALUE;
        /** The latest end when the trace last entered the heap (the heap's key, never changed while in it). */
        long heapKey;
        boolean closed;

        Open(String id) {
            this.id = id;
        }
    }

    private final long graceNs;
    private final int maxOpenSpans;
    private final Closed closed;

    /** Where a closed trace goes, with the export's clock when it closed. */
    @FunctionalInterface
    interface Closed {
        void trace(List<Span> spans, long watermarkNs);
    }
    private final LinkedHashMap<String, Open> open = new LinkedHashMap<>();
    /** Open traces by the latest end they had when (re-)entered: the first to close at the top. */
    private final PriorityQueue<Open> byEnd = new PriorityQueue<>((a, b) -> Long.compare(a.heapKey, b.heapKey));
    private final LinkedHashMap<String, Boolean> recentlyClosed = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CLOSED_IDS;
        }
    };
    private long watermarkNs = Long.MIN_VALUE;
    /** Traces closed early that are still in the heap (they hold no spans, but each is an entry). */
    private int closedInHeap;
    private int openSpans;
    private long spans;
    private long traces;
    private long lateSpans;
    private long closedEarly;
    private int maxOpenSeen;
    private int maxOpenTracesSeen;

    TraceAssembler(long graceNs, int maxOpenSpans, Closed closed) {
        this.graceNs = graceNs;
        this.maxOpenSpans = maxOpenSpans;
        this.closed = closed;
    }

    @Override
    public void accept(Span s) {
        spans++;
        Open t = open.get(s.traceId());
        if (t == null) {
            t = new Open(s.traceId());
            t.late = recentlyClosed.containsKey(s.traceId());
            open.put(s.traceId(), t);
            t.lastEndNs = s.endNs();
            t.heapKey = s.endNs();
            byEnd.add(t);
        }
        t.spans.add(s);
        if (t.late) {
            lateSpans++;
        }
        t.lastEndNs = Math.max(t.lastEndNs, s.endNs());
        watermarkNs = Math.max(watermarkNs, s.endNs());
        openSpans++;
        while (openSpans > maxOpenSpans) {
            Iterator<Map.Entry<String, Open>> it = open.entrySet().iterator();
            Map.Entry<String, Open> oldest = it.next();
            it.remove();
            closedEarly++;
            close(oldest.getKey(), oldest.getValue());
            if (++closedInHeap > open.size() + 1024) {
                byEnd.removeIf(o -> o.closed); // the heap holds no more than the open traces and a little
                closedInHeap = 0;
            }
        }
        maxOpenSeen = Math.max(maxOpenSeen, openSpans);
        maxOpenTracesSeen = Math.max(maxOpenTracesSeen, open.size());
        sweep();
    }

    /**
     * Closes every trace whose latest span ended more than the grace before the export's clock: the heap's top, while
     * it is that old; a trace that has had later spans since it entered goes back in with its new latest end.
     */
    private void sweep() {
        long before = watermarkNs - graceNs;
        while (!byEnd.isEmpty() && byEnd.peek().heapKey < before) {
            Open t = byEnd.poll();
            if (t.closed) {
                closedInHeap = Math.max(0, closedInHeap - 1);
                continue;
            }
            if (t.lastEndNs > t.heapKey) {
                t.heapKey = t.lastEndNs;
                byEnd.add(t);
            } else {
                open.remove(t.id);
                close(t.id, t);
            }
        }
    }

    /** Closes every open trace: the export has ended. */
    void finish() {
        Iterator<Map.Entry<String, Open>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Open> e = it.next();
            it.remove();
            close(e.getKey(), e.getValue());
        }
        byEnd.clear();
    }

    private void close(String id, Open t) {
        t.closed = true;
        List<Span> spans = t.spans;
        t.spans = null;
        openSpans -= spans.size();
        traces++;
        recentlyClosed.put(id, Boolean.TRUE);
        closed.trace(spans, watermarkNs);
    }


    long spans() {
        return spans;
    }

    /** Traces handed on (a trace closed before a late span arrived counts once more for the fragment). */
    long traces() {
        return traces;
    }

    /** Spans that arrived after their trace was closed. */
    long lateSpans() {
        return lateSpans;
    }

    /** Traces closed because too many spans were open. */
    long closedEarly() {
        return closedEarly;
    }

    /** The most spans ever held open at once: what the import's memory follows. */
    int maxOpenSpans() {
        return maxOpenSeen;
    }

    int maxOpenTraces() {
        return maxOpenTracesSeen;
    }
}
