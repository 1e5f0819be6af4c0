package io.headroom.run;

import java.util.List;

/**
 * One rollout as the results report it (seconds, milliseconds, USD): the service, the strategy, when it started, how
 * it ended ({@code completed}, {@code rolled-back}, {@code failed} at its progress deadline, {@code running} at the
 * run's end) and after how long (null while running), a blue-green's switch and a canary's abort (null if none), the
 * most pods or instances it held (Pending pods included), on a cluster the most nodes, and the fewest in service, the load's requests that ended
 * while it was under way (from its start to its end, or to the end of the profile), how many failed and their p99,
 * the instance-hours (pods or instances) beyond the replicas asked for; on a cluster the node-hours beyond the nodes
 * there were at its start, from its start to the end of the profile (nodes added for it stay until the autoscaler
 * removes them); what it added to the bill (those node-hours at their pools' prices, or for priced instances the extra
 * instance-hours at the service's rate); {@code steps}: the updated, old and available counts each time they changed.
 */
public record RolloutFigures(String service, String strategy, double atS, String outcome, Double durationS, Double switchedAtS,
                             Double abortedAtS, int failedMeasurements, double peakInstances, Double peakNodes, double minReady, long requests, long errors,
                             Double p99Ms, double extraInstanceHours, Double extraNodeHours, Double extraCostUsd,
                             List<Step> steps) {
    /** At {@code tS}: {@code updated} and {@code old} instances counting toward the replicas, {@code available} of all. */
    public record Step(double tS, int updated, int old, int available) {
    }
}
