package io.headroom.pricing;

/**
 * EC2's per-second billing of a Linux instance: each launch is billed for the seconds it ran,
 * rounded up to a whole second and to at least 60 seconds. The ledger charges an instance's running
 * time as it goes and this rounding, the part billed beyond the time actually run, when the
 * instance stops. Pure functions.
 */
public final class PerSecondRounding {
    /** The shortest a launch is billed for, in seconds. */
    public static final long MINIMUM_S = 60;
    private static final long NS_PER_S = 1_000_000_000L;
    private static final double NS_PER_HOUR = 3.6e12;

    private PerSecondRounding() {
    }

    /** The seconds billed for a launch that ran {@code ranNs}: rounded up to the second, at least {@link #MINIMUM_S}. */
    public static long billedSeconds(long ranNs) {
        return Math.max(MINIMUM_S, (ranNs + NS_PER_S - 1) / NS_PER_S);
    }

    /** The billed time beyond the time run, in nanoseconds. */
    public static long extraNs(long ranNs) {
        return billedSeconds(ranNs) * NS_PER_S - ranNs;
    }

    /** What the extra time costs at {@code usdPerHour} less {@code discount}. */
    public static double usd(long ranNs, double usdPerHour, double discount) {
        return extraNs(ranNs) / NS_PER_HOUR * usdPerHour * (1 - discount);
    }
}
