package io.headroom.run;

import io.headroom.service.ServiceAreas;
import io.headroom.service.ServiceStation;
import java.util.HashMap;
import java.util.Map;

/**
 * The time integrals of every station at the two ends of the measured period — the end of the
 * warm-up (time 0 without one) and the horizon — whose differences give the period's time averages
 * (utilisation, cpu, queue, instances, requests in system, connections pools held).
 */
final class MeasuredPeriod implements ReplicationObserver {
    private final Map<String, ServiceStation> stations;
    private final Map<String, ServiceAreas> atStart = new HashMap<>();
    private final Map<String, ServiceAreas> atEnd = new HashMap<>();
    private final Map<String, double[]> poolsAtStart = new HashMap<>();
    private final Map<String, double[]> poolsAtEnd = new HashMap<>();

    MeasuredPeriod(Map<String, ServiceStation> stations) {
        this.stations = stations;
        stations.forEach((n, s) -> atStart.put(n, s.areas(0)));
    }

    @Override
    public void warmUpEnded(long now) {
        stations.forEach((n, s) -> atStart.put(n, s.areas(now)));
        stations.forEach((n, s) -> poolsAtStart.put(n, s.poolAreas(now)));
    }

    @Override
    public void horizonReached(long now) {
        stations.forEach((n, s) -> atEnd.put(n, s.areas(now)));
        stations.forEach((n, s) -> poolsAtEnd.put(n, s.poolAreas(now)));
    }

    /**
     * Station {@code s}'s pool integrals ({@link ServiceStation#poolAreas}) over the measured period, ending at the
     * horizon or at {@code overflowAtNs} (≥ 0).
     */
    double[] poolAreas(ServiceStation s, long overflowAtNs) {
        double[] end = overflowAtNs >= 0 ? s.poolAreas(overflowAtNs) : poolsAtEnd.get(s.name());
        double[] start = poolsAtStart.getOrDefault(s.name(), new double[end.length]);
        double[] out = new double[end.length];
        for (int k = 0; k < end.length; k++) {
            out[k] = end[k] - (k < start.length ? start[k] : 0);
        }
        return out;
    }

    /**
     * Station {@code s}'s integrals from time 0 to the end of the measured period: the horizon, or
     * {@code overflowAtNs} when the in-flight guard stopped the run there (≥ 0).
     */
    ServiceAreas atEnd(ServiceStation s, long overflowAtNs) {
        return overflowAtNs >= 0 ? s.areas(overflowAtNs) : atEnd.get(s.name());
    }

    /** Station {@code s}'s integrals over the measured period, given those at its end ({@link #atEnd}). */
    ServiceAreas over(ServiceStation s, ServiceAreas atEnd) {
        return atEnd.minus(atStart.get(s.name()));
    }
}
