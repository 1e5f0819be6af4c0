package io.headroom.pricing;

import io.headroom.design.pricing.InstanceType;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-demand instances a run kept of each type over time: a piecewise-constant curve, {@code counts[i][t]}
 * instances of {@code types.get(t)} from {@code startNs[i]} to the next start (the last to {@code endNs}; none before
 * the first). Spot instances are not in it: commitments never cover them. What the commitment planner reads.
 */
public record UsageProfile(List<InstanceType> types, long[] startNs, int[][] counts, long endNs) {

    /** An empty profile (a run without instances). */
    public static final UsageProfile EMPTY = new UsageProfile(List.of(), new long[0], new int[0][], 0);

    static UsageProfile of(List<InstanceType> types, List<Long> times, List<int[]> counts, long endNs) {
        List<Long> ts = new ArrayList<>();
        List<int[]> cs = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            if (times.get(i) < endNs) {
                int[] padded = java.util.Arrays.copyOf(counts.get(i), types.size());
                ts.add(times.get(i));
                cs.add(padded);
            }
        }
        return new UsageProfile(List.copyOf(types), ts.stream().mapToLong(Long::longValue).toArray(), cs.toArray(new int[0][]), endNs);
    }

    /** A profile from segments given by hand: {@code hours[i]} hours with {@code counts[i]} (tests, the brute force). */
    public static UsageProfile ofHours(List<InstanceType> types, double[] hours, int[][] counts) {
        long[] start = new long[hours.length];
        long t = 0;
        for (int i = 0; i < hours.length; i++) {
            start[i] = t;
            t += Math.round(hours[i] * 3.6e12);
        }
        return new UsageProfile(List.copyOf(types), start, counts, t);
    }

    /** Hours of segment {@code i}. */
    public double hours(int i) {
        long end = i + 1 < startNs.length ? startNs[i + 1] : endNs;
        return (end - startNs[i]) / 3.6e12;
    }

    /** Hours the profile spans (from 0 to its end). */
    public double totalHours() {
        return endNs / 3.6e12;
    }

    /** Equal when the curves are (the arrays compared by content, so that two runs' results compare as values). */
    @Override
    public boolean equals(Object o) {
        return o instanceof UsageProfile u && types.equals(u.types) && java.util.Arrays.equals(startNs, u.startNs)
                && java.util.Arrays.deepEquals(counts, u.counts) && endNs == u.endNs;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(types, java.util.Arrays.hashCode(startNs), java.util.Arrays.deepHashCode(counts), endNs);
    }

    @Override
    public String toString() {
        return "UsageProfile[" + types.size() + " types, " + startNs.length + " segments, endNs=" + endNs + "]";
    }

    /** Segments. */
    public int size() {
        return startNs.length;
    }
}
