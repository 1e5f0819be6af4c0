package io.headroom.region;

/**
 * Route 53's health-check status of a router's records: each check of a record passes or fails; a healthy record
 * becomes unhealthy after {@code threshold} consecutive failed checks and an unhealthy one healthy after as many
 * consecutive passed ones (Route 53's {@code FailureThreshold} works both ways). Every record starts healthy.
 */
public final class HealthChecks {
    private final int threshold;
    private final boolean[] healthy;
    private final int[] streak;

    public HealthChecks(int records, int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold " + threshold);
        }
        this.threshold = threshold;
        this.healthy = new boolean[records];
        this.streak = new int[records];
        java.util.Arrays.fill(healthy, true);
    }

    /** Record {@code k}'s check passed or failed; returns true when that changed its status. */
    public boolean observe(int k, boolean passed) {
        if (passed == healthy[k]) {
            streak[k] = 0;
            return false;
        }
        if (++streak[k] < threshold) {
            return false;
        }
        streak[k] = 0;
        healthy[k] = passed;
        return true;
    }

    public boolean healthy(int k) {
        return healthy[k];
    }

    /** The healthy records as a bit mask (bit k: record k). */
    public long mask() {
        long m = 0;
        for (int k = 0; k < healthy.length; k++) {
            if (healthy[k]) {
                m |= 1L << k;
            }
        }
        return m;
    }
}
