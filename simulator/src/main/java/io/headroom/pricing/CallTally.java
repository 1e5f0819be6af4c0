package io.headroom.pricing;

import io.headroom.request.Component;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the requests each component received from each sender over the whole run (warm-up included, as the bill
 * is), for cost allocation by requests. The model puts a {@link Counted} in front of every component when a design
 * allocates shared costs by requests; a sender is the owner of the request (the load driver, or the calling
 * component's station), so a call's retry counts as another request. Allocation-free per request once the owner
 * table has grown.
 */
public final class CallTally {
    /** The sender name of the load's own requests. */
    public static final String LOAD = "(load)";
    private final Requests req;
    private final String[] names;
    private long[][] counts; // [callee][owner]

    public CallTally(Requests req, String[] componentNames) {
        this.req = req;
        this.names = componentNames.clone();
        this.counts = new long[names.length][8];
    }

    /** {@code inner}, component number {@code index}, counted. */
    public Component counted(Component inner, int index) {
        return new Counted(this, inner, index);
    }

    private void count(int callee, int r) {
        int o = req.owner[r];
        long[] row = counts[callee];
        if (o >= row.length) {
            row = Arrays.copyOf(row, Math.max(o + 1, row.length * 2));
            counts[callee] = row;
        }
        row[o]++;
    }

    /**
     * The requests each component received, by sender: callee → sender → requests. A sender that is a shard of a store
     * ({@code store/shard-k}) is the store; the load's requests are under {@link #LOAD}.
     */
    public Map<String, Map<String, Long>> received() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) {
            Map<String, Long> from = new LinkedHashMap<>();
            for (int o = 0; o < counts[c].length; o++) {
                if (counts[c][o] > 0) {
                    from.merge(senderName(req.listener(o)), counts[c][o], Long::sum);
                }
            }
            out.put(names[c], from);
        }
        return out;
    }

    private static String senderName(RequestListener l) {
        if (l instanceof Component c) {
            String n = c.name();
            int slash = n.indexOf('/');
            return slash > 0 ? n.substring(0, slash) : n;
        }
        return LOAD;
    }

    /** The component behind a counter, or {@code c} itself. */
    public static Component inner(Component c) {
        return c instanceof Counted k ? k.inner : c;
    }

    /** A component whose arrivals are counted. */
    private static final class Counted implements Component {
        private final CallTally tally;
        private final Component inner;
        private final int index;

        Counted(CallTally tally, Component inner, int index) {
            this.tally = tally;
            this.inner = inner;
            this.index = index;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void accept(int r) {
            tally.count(index, r);
            inner.accept(r);
        }
    }
}
