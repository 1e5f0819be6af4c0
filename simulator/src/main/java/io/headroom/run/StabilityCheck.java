package io.headroom.run;

import io.headroom.service.ServiceStation;
import io.headroom.yaml.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which components could not keep up. A station with an unbounded queue is unstable when its
 * backlog grew over the second half of the measured period by more than chance explains: four
 * standard deviations of the late arrivals (a Poisson count) plus two full rounds of its workers.
 * A run the in-flight guard stopped names the component holding most requests instead.
 */
final class StabilityCheck implements ReplicationObserver {
    private final Map<String, ServiceStation> stations;
    private final Map<String, Integer> inSystemAtMid = new HashMap<>();
    private final Map<String, Long> arrivalsAtMid = new HashMap<>();
    private final Map<String, Integer> inSystemAtEnd = new HashMap<>();

    StabilityCheck(Map<String, ServiceStation> stations) {
        this.stations = stations;
    }

    @Override
    public void midpoint(long now) {
        stations.forEach((n, s) -> {
            inSystemAtMid.put(n, s.inSystem());
            arrivalsAtMid.put(n, s.figures().arrivals());
        });
    }

    @Override
    public void horizonReached(long now) {
        stations.forEach((n, s) -> inSystemAtEnd.put(n, s.inSystem()));
    }

    /** Flags {@code component} when its station {@code s}'s unbounded queue grew over the second half of the measured period. */
    void checkGrowth(String component, ServiceStation s, long overflowAt, List<String> unstable, List<String> warnings) {
        if (overflowAt >= 0 || !s.unboundedQueue() || !inSystemAtMid.containsKey(s.name()) || unstable.contains(component)) {
            return;
        }
        long growth = inSystemAtEnd.get(s.name()) - inSystemAtMid.get(s.name());
        long lateArrivals = s.figures().arrivals() - arrivalsAtMid.get(s.name());
        double threshold = 4 * Math.sqrt(lateArrivals) + 2.0 * s.replicas() * s.workers();
        if (growth > threshold) {
            unstable.add(component);
            warnings.add(component + " is unstable: its backlog grew by " + growth + " requests over the second half of "
                    + "the measured period and was still growing at the end (arrivals exceed what its "
                    + s.replicas() + " × " + s.workers() + " workers can serve, and its queue is unbounded)");
        }
    }

    /**
     * The run stopped at {@code overflowAt} with {@code limit} requests in flight (or, {@code users}, that many users
     * in the system): flags the component
     * whose stations hold most of them ({@code fallback} if none) and says so.
     */
    static void stoppedEarly(Map<String, List<ServiceStation>> units, String fallback, long overflowAt, long warmupNs,
                             Duration profileLength, int limit, boolean users, List<String> unstable, List<String> warnings) {
        String worst = units.entrySet().stream().max((x, y) -> Integer.compare(
                x.getValue().stream().mapToInt(ServiceStation::inSystem).sum(),
                y.getValue().stream().mapToInt(ServiceStation::inSystem).sum())).map(Map.Entry::getKey).orElse(fallback);
        if (!unstable.contains(worst)) {
            unstable.add(worst);
        }
        warnings.add("stopped at " + Durations.format(Duration.ofNanos(overflowAt)) + " of "
                + Durations.format(profileLength) + ": " + (users
                ? limit + " users were in the system (users who pause between requests hold no request, but each"
                        + " holds a slot); they arrive faster than their sessions end"
                : limit + " requests were in flight, most of them queued at " + worst + ", whose queue grows without"
                        + " bound") + "; results cover the run up to that point");
        if (overflowAt <= warmupNs) {
            warnings.add("the run stopped before the warm-up ended: nothing was measured");
        }
    }
}
