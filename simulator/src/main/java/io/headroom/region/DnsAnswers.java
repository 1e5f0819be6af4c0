package io.headroom.region;

/**
 * What resolvers answer for a name whose records' health changes, with a TTL: resolvers cached the answer at moments
 * spread evenly over the TTL, so when the set of healthy records changes at time d, a query at t in [d, d + ttl) is
 * still answered from the old set with probability 1 - (t - d) / ttl, and from the new one after. Only the latest
 * change is remembered: a second change within the TTL starts a fresh fade from the set in force just before it.
 */
public final class DnsAnswers {
    private final long ttlNs;
    private long current;
    private long previous;
    private long changedAt = Long.MIN_VALUE;

    /** Answers from {@code initial} (a bit mask of healthy records), kept by resolvers for {@code ttlNs}. */
    public DnsAnswers(long initial, long ttlNs) {
        this.current = initial;
        this.previous = initial;
        this.ttlNs = ttlNs;
    }

    /** The healthy records are {@code mask} from {@code now} on. */
    public void change(long mask, long now) {
        if (mask == current) {
            return;
        }
        previous = current;
        current = mask;
        changedAt = now;
    }

    /** The share of queries at {@code now} still answered from the set before the latest change. */
    public double staleShare(long now) {
        if (changedAt == Long.MIN_VALUE || ttlNs <= 0) {
            return 0;
        }
        long since = now - changedAt;
        return since >= ttlNs ? 0 : 1 - (double) since / ttlNs;
    }

    /** The set a query answers from at {@code now}, given a uniform draw {@code u} in [0, 1). */
    public long answer(long now, double u) {
        return u < staleShare(now) ? previous : current;
    }

    /** Whether a query at {@code now} could still get the old answer (a draw is needed). */
    public boolean fading(long now) {
        return changedAt != Long.MIN_VALUE && now - changedAt < ttlNs;
    }

    public long current() {
        return current;
    }
}
