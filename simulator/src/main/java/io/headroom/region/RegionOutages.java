package io.headroom.region;

/**
 * When each region is down: its outages as windows [from, until) in nanoseconds, by region index. A region is down
 * at t when some window holds t (the instant an outage ends, it is up again).
 */
public final class RegionOutages implements GlobalRouter.RegionState {
    private final long[][] from;
    private final long[][] until;

    /** {@code from[r][k]} to {@code until[r][k]}: region r's k-th outage. */
    public RegionOutages(long[][] from, long[][] until) {
        this.from = from;
        this.until = until;
    }

    @Override
    public boolean down(int region, long now) {
        long[] f = from[region];
        for (int k = 0; k < f.length; k++) {
            if (now >= f[k] && now < until[region][k]) {
                return true;
            }
        }
        return false;
    }

    /** Whether region {@code region} has any outage. */
    public boolean any(int region) {
        return from[region].length > 0;
    }

    /** Region {@code region}'s outages: starts and ends. */
    public long[] starts(int region) {
        return from[region].clone();
    }

    public long[] ends(int region) {
        return until[region].clone();
    }
}
