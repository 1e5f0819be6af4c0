package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.CountOrPercent;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.time.Duration;
import java.util.List;

/**
 * One change to a service's running version, {@code at} a time of the load profile, by {@code strategy}:
 * <ul>
 *   <li>{@code rolling-update} (a Kubernetes Deployment's RollingUpdate): at most {@code max-surge} pods over the
 *       replicas (rounded up from a percentage, default 25 %) and at most {@code max-unavailable} under them (rounded
 *       down, default 25 %; when both come to 0, 1); a pod counts as available once Ready for {@code min-ready};</li>
 *   <li>{@code recreate}: every old pod ends (drained), then the new ones start;</li>
 *   <li>{@code blue-green} (Argo Rollouts): a full new fleet starts beside the old, takes the traffic once all of it is
 *       available, and the old one is kept idle for {@code scale-down-delay} (default 30 s) before it goes;</li>
 *   <li>{@code canary} (Argo Rollouts): {@code steps} of traffic weight with pauses, realised by pod counts or exactly
 *       ({@code traffic-routing}), within {@code max-surge} and {@code max-unavailable}, checked by an optional
 *       {@code analysis} that aborts and rolls back;</li>
 *   <li>{@code instance-refresh} (EC2 Auto Scaling): at least {@code min-healthy-percentage} (default 90) of the
 *       capacity stays healthy and at most {@code max-healthy-percentage} (default 100, up to 200) runs at once.</li>
 * </ul>
 * A rollout that makes no progress (no new pod created, none more available) for {@code progress-deadline} (default
 * 600 s, the Deployment's) ends {@code failed}. {@code new-version} says what the new version changes; without it the
 * rollout is a restart.
 */
public record DeploymentSpec(Duration at, RolloutStrategy strategy, CountOrPercent maxSurge, CountOrPercent maxUnavailable,
                             Duration minReady, Duration progressDeadline, NewVersion newVersion, List<CanaryStep> steps,
                             TrafficRouting trafficRouting, AnalysisSpec analysis, Duration scaleDownDelay,
                             @AtMost(value = Limits.PERCENT, why = Limits.PERCENT_WHY) Integer minHealthyPercentage,
                             @AtMost(value = "200", why = "AWS allows at most 200%") Integer maxHealthyPercentage) {
    /** A Deployment's default {@code progressDeadlineSeconds}. */
    public static final Duration DEFAULT_PROGRESS_DEADLINE = Duration.ofSeconds(600);
    /** Argo Rollouts' default {@code scaleDownDelaySeconds} for blue-green. */
    public static final Duration DEFAULT_SCALE_DOWN_DELAY = Duration.ofSeconds(30);
    /** The default surge and unavailability of a Deployment's RollingUpdate and of an Argo canary. */
    public static final CountOrPercent DEFAULT_QUARTER = CountOrPercent.of("25%");

    public DeploymentSpec {
        if (at == null) {
            throw new FieldError("at", "give when the deployment starts, a time of the load profile, e.g. at: 20m");
        }
        if (at.isNegative()) {
            throw new FieldError("at", "a time of the load profile cannot be negative");
        }
        if (strategy == null) {
            throw new FieldError("strategy", "give the strategy: rolling-update, recreate, blue-green, canary or instance-refresh");
        }
        boolean rolling = strategy == RolloutStrategy.ROLLING_UPDATE || strategy == RolloutStrategy.CANARY;
        only(maxSurge != null, rolling, "max-surge", "rolling-update and canary");
        only(maxUnavailable != null, rolling, "max-unavailable", "rolling-update and canary");
        only(steps != null, strategy == RolloutStrategy.CANARY, "steps", "canary");
        only(trafficRouting != null, strategy == RolloutStrategy.CANARY, "traffic-routing", "canary");
        only(analysis != null, strategy == RolloutStrategy.CANARY, "analysis", "canary");
        only(scaleDownDelay != null, strategy == RolloutStrategy.BLUE_GREEN, "scale-down-delay", "blue-green");
        only(minHealthyPercentage != null, strategy == RolloutStrategy.INSTANCE_REFRESH, "min-healthy-percentage", "instance-refresh");
        only(maxHealthyPercentage != null, strategy == RolloutStrategy.INSTANCE_REFRESH, "max-healthy-percentage", "instance-refresh");
        if (rolling) {
            if (maxSurge != null && maxUnavailable != null && zero(maxSurge) && zero(maxUnavailable)) {
                throw new FieldError("max-unavailable", "may not be 0 when max-surge is 0 (the API server refuses it): the"
                        + " rollout could never replace a pod");
            }
            if (maxUnavailable != null && maxUnavailable.isPercent() && maxUnavailable.percent() > 100) {
                throw new FieldError("max-unavailable", "a percentage of the replicas, at most 100%, got " + maxUnavailable);
            }
            maxSurge = maxSurge == null ? DEFAULT_QUARTER : maxSurge;
            maxUnavailable = maxUnavailable == null ? DEFAULT_QUARTER : maxUnavailable;
        }
        if (strategy == RolloutStrategy.CANARY) {
            if (steps == null || steps.isEmpty()) {
                throw new FieldError("steps", "a canary needs steps, e.g. steps: [{weight: 5%, pause: 10m}, {weight: 100%}]");
            }
            for (int k = 1; k < steps.size(); k++) {
                if (steps.get(k).percent() <= steps.get(k - 1).percent()) {
                    throw new FieldError("steps[" + k + "].weight", "the weights must increase step by step: " + steps.get(k).percent()
                            + "% after " + steps.get(k - 1).percent() + "%");
                }
            }
            steps = List.copyOf(steps);
            trafficRouting = trafficRouting == null ? TrafficRouting.REPLICAS : trafficRouting;
        } else {
            steps = List.of();
        }
        if (strategy == RolloutStrategy.BLUE_GREEN) {
            scaleDownDelay = scaleDownDelay == null ? DEFAULT_SCALE_DOWN_DELAY : scaleDownDelay;
            if (scaleDownDelay.isNegative()) {
                throw new FieldError("scale-down-delay", "cannot be negative");
            }
        }
        if (strategy == RolloutStrategy.INSTANCE_REFRESH) {
            minHealthyPercentage = minHealthyPercentage == null ? 90 : minHealthyPercentage;
            maxHealthyPercentage = maxHealthyPercentage == null ? 100 : maxHealthyPercentage;
            if (minHealthyPercentage < 0) {
                throw new FieldError("min-healthy-percentage", "between 0 and 100, got " + minHealthyPercentage);
            }
            if (maxHealthyPercentage < 100) {
                throw new FieldError("max-healthy-percentage", "between 100 and 200 (AWS's range), got " + maxHealthyPercentage);
            }
            if (maxHealthyPercentage == 100 && minHealthyPercentage == 100) {
                throw new FieldError("min-healthy-percentage", "with max-healthy-percentage 100 the refresh could never replace"
                        + " an instance: lower min-healthy-percentage or raise max-healthy-percentage (AWS refuses both at 100)");
            }
            if (maxHealthyPercentage - minHealthyPercentage > 100) {
                throw new FieldError("max-healthy-percentage", "at most 100 points above min-healthy-percentage (AWS's rule), got "
                        + minHealthyPercentage + " and " + maxHealthyPercentage);
            }
        }
        minReady = minReady == null ? Duration.ZERO : minReady;
        if (minReady.isNegative()) {
            throw new FieldError("min-ready", "cannot be negative");
        }
        progressDeadline = progressDeadline == null ? DEFAULT_PROGRESS_DEADLINE : progressDeadline;
        FieldError.positive(progressDeadline, "progress-deadline");
        if (minReady.compareTo(progressDeadline) >= 0) {
            throw new FieldError("min-ready", "must be shorter than progress-deadline (" + io.headroom.yaml.Durations.format(progressDeadline)
                    + "), as the API server requires");
        }
        newVersion = newVersion == null ? NewVersion.SAME : newVersion;
    }

    private static boolean zero(CountOrPercent c) {
        return c.isPercent() ? c.percent() == 0 : c.count() == 0;
    }

    private static void only(boolean given, boolean applies, String field, String strategies) {
        if (given && !applies) {
            throw new FieldError(field, field + " applies to " + strategies + " only: remove it");
        }
    }

    /** This deployment making {@code v}. */
    public DeploymentSpec withNewVersion(NewVersion v) {
        return new DeploymentSpec(at, strategy, maxSurge, maxUnavailable, minReady, progressDeadline, v,
                strategy == RolloutStrategy.CANARY ? steps : null, trafficRouting, analysis, scaleDownDelay, minHealthyPercentage,
                maxHealthyPercentage); // steps: the constructor's own List.of() for the other strategies is refused as written
    }
}
