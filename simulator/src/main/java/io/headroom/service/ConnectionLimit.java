package io.headroom.service;

import java.util.ArrayList;
import java.util.List;

/**
 * The most connections a component accepts at once — a database server's {@code max_connections} — summed over the
 * pools of every caller instance. A pool asks for its connections when its instance starts (HikariCP fills a
 * fixed-size pool at start-up) and gets what is left under the bound; the rest are refused, counted once per
 * connection asked for (the server's "too many connections"), and the pool keeps asking: when connections close (a
 * caller instance stops), the pools still short get them in the order they asked. A component reached by pools but
 * given no bound has an unlimited one, which only counts.
 *
 * <p>Invariant: a pool waits here only while every connection is taken ({@code asks} non-empty implies
 * {@code open == max}), so a new ask never passes one that waits.
 */
public final class ConnectionLimit {
    /** A caller instance's pool, told when connections it waited for are granted. */
    interface Claimant {
        void granted(int instance, int connections, long now);
    }

    private static final class Ask {
        final Claimant who;
        final int instance;
        int wanted;

        Ask(Claimant who, int instance, int wanted) {
            this.who = who;
            this.instance = instance;
            this.wanted = wanted;
        }
    }

    private final int max;
    private final boolean bounded;
    private final List<Ask> asks = new ArrayList<>(); // FIFO; touched only when instances start and stop
    private int open;
    private int peak;
    private long refused;

    /** A bound of {@code max} connections; {@code null}: no bound (connections are only counted). */
    public ConnectionLimit(Integer max) {
        this.bounded = max != null;
        this.max = max == null ? Integer.MAX_VALUE : max;
    }

    /** Whether the component has a bound ({@code max-connections}). */
    public boolean bounded() {
        return bounded;
    }

    /** Opens up to {@code n} connections for {@code instance} of {@code who}; returns how many; the rest wait. */
    int open(Claimant who, int instance, int n, long now) {
        int granted = Math.min(n, max - open);
        open += granted;
        peak = Math.max(peak, open);
        if (granted < n) {
            refused += n - granted;
            asks.add(new Ask(who, instance, n - granted));
        }
        return granted;
    }

    /** {@code instance} of {@code who} stops: it no longer waits for connections. */
    void withdraw(Claimant who, int instance) {
        asks.removeIf(a -> a.who == who && a.instance == instance);
    }

    /** {@code n} connections close; pools that wait get them, first asked first served. */
    void close(int n, long now) {
        open -= n;
        while (open < max && !asks.isEmpty()) {
            Ask a = asks.get(0);
            int granted = Math.min(a.wanted, max - open);
            open += granted;
            peak = Math.max(peak, open);
            a.wanted -= granted;
            if (a.wanted == 0) {
                asks.remove(0);
            }
            a.who.granted(a.instance, granted, now);
        }
    }

    /** Connections open now. */
    public int open() {
        return open;
    }

    /** The most connections open at once. */
    public int peak() {
        return peak;
    }

    /** Connections asked for beyond the bound (each counted once, when first refused). */
    public long refused() {
        return refused;
    }
}
