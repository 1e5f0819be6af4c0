package io.headroom.design.autoscaling;

import io.headroom.yaml.AtMost;
import io.headroom.yaml.Durations;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.time.Duration;
import java.util.List;

/**
 * {@code policy: scheduled}: AWS scheduled actions. Each action fires at the minutes its 5-field {@code cron}
 * matches (UTC, on the run's calendar: the run starts {@code io.headroom.autoscale.ScheduledActions.RUN_START}), or once {@code at} an
 * offset from the start, and sets any of {@code min}, {@code max}, {@code desired}.
 */
public record Scheduled(List<Action> actions) implements AutoscalingSpec {
    public Scheduled {
        if (actions == null || actions.isEmpty()) {
            throw new FieldError("actions", "needs at least one action, e.g. - {cron: \"0 8 * * 1-5\", min: 4}");
        }
        actions = List.copyOf(actions);
    }

    /** One scheduled action. */
    public record Action(String cron, Duration at, @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer min, @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer max, @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer desired) {
        public Action {
            if ((cron == null) == (at == null)) {
                throw new FieldError("cron", "give either cron (\"m h dom mon dow\", UTC) or at (an offset from the run's start)");
            }
            if (cron != null) {
                try {
                    Cron.parse(cron);
                } catch (IllegalArgumentException e) {
                    throw new FieldError("cron", e.getMessage());
                }
            }
            if (at != null && at.isNegative()) {
                throw new FieldError("at", "must be zero or positive, got " + Durations.format(at));
            }
            if (min == null && max == null && desired == null) {
                throw new FieldError("min", "an action sets at least one of min, max, desired");
            }
            if (min != null && min < 0) {
                throw new FieldError("min", "must be zero or more, got " + min);
            }
            if (max != null && max < 1) {
                throw new FieldError("max", "must be at least 1, got " + max);
            }
            if (min != null && max != null && min > max) {
                throw new FieldError("max", "max (" + max + ") is below min (" + min + ")");
            }
            if (desired != null && desired < 0) {
                throw new FieldError("desired", "must be zero or more, got " + desired);
            }
        }
    }

    /** Scheduled actions read no metric. */
    @Override
    public boolean reads(Metric m) {
        return false;
    }
}
