package io.headroom.vpa;

/**
 * The VPA updater's settings, each defaulting to upstream's flag default (kubernetes/autoscaler
 * {@code vertical-pod-autoscaler/pkg/updater/config/config.go} {@code DefaultUpdaterConfig}).
 *
 * @param updaterIntervalNs            {@code --updater-interval}: 1 min between passes; a pass gives up waiting
 *                                     for the eviction rate limiter at the next pass
 * @param minChangePriority            {@code --pod-update-threshold}: 0.1, the relative request change that
 *                                     recreates a pod whose request is within the bounds
 * @param podLifetimeUpdateThresholdNs {@code --in-recommendation-bounds-eviction-lifetime-threshold}: 12 h, the
 *                                     age before which a pod within the bounds is left alone
 * @param minReplicas                  {@code --min-replicas}: 2, fewer live pods and none is evicted
 *                                     ({@code updatePolicy.minReplicas} overrides it per VPA)
 * @param evictionToleranceFraction    {@code --eviction-tolerance}: 0.5, the fraction of the replicas that may be
 *                                     evicted at once (at least one)
 * @param evictionRateLimit            {@code --eviction-rate-limit}: evictions per second; 0 or below (-1 by
 *                                     default) disables the limiter
 * @param evictionRateBurst            {@code --eviction-rate-burst}: 1
 */
public record UpdaterConfig(long updaterIntervalNs, double minChangePriority, long podLifetimeUpdateThresholdNs,
                            int minReplicas, double evictionToleranceFraction, double evictionRateLimit,
                            int evictionRateBurst) {
    /** Upstream's defaults. */
    public static final UpdaterConfig DEFAULT = new UpdaterConfig(60_000_000_000L, 0.1, 12 * 3_600_000_000_000L, 2,
            0.5, -1, 1);

    public UpdaterConfig {
        if (updaterIntervalNs <= 0 || podLifetimeUpdateThresholdNs < 0 || evictionToleranceFraction < 0
                || evictionRateBurst < 0) {
            throw new IllegalArgumentException("invalid updater settings");
        }
    }

    /** The same settings with {@code minReplicas} (a VPA's {@code updatePolicy.minReplicas}). */
    public UpdaterConfig withMinReplicas(int n) {
        return new UpdaterConfig(updaterIntervalNs, minChangePriority, podLifetimeUpdateThresholdNs, n,
                evictionToleranceFraction, evictionRateLimit, evictionRateBurst);
    }

    /** The same settings with {@code minChangePriority}. */
    public UpdaterConfig withMinChangePriority(double p) {
        return new UpdaterConfig(updaterIntervalNs, p, podLifetimeUpdateThresholdNs, minReplicas,
                evictionToleranceFraction, evictionRateLimit, evictionRateBurst);
    }

    /** The same settings with {@code evictionToleranceFraction}. */
    public UpdaterConfig withEvictionTolerance(double fraction) {
        return new UpdaterConfig(updaterIntervalNs, minChangePriority, podLifetimeUpdateThresholdNs, minReplicas,
                fraction, evictionRateLimit, evictionRateBurst);
    }

    /** The same settings with an eviction rate limit. */
    public UpdaterConfig withEvictionRate(double perSecond, int burst) {
        return new UpdaterConfig(updaterIntervalNs, minChangePriority, podLifetimeUpdateThresholdNs, minReplicas,
                evictionToleranceFraction, perSecond, burst);
    }
}
