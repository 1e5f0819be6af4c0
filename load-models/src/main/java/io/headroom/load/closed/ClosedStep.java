package io.headroom.load.closed;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.Describe;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of Gatling's closed injection model: how many users are in the system at a time. A
 * user who finishes its scenario is replaced at once while the count is below the target.
 */
@Describe("closed injection step")
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClosedStep.ConstantConcurrentUsers.class, name = "constantConcurrentUsers"),
    @JsonSubTypes.Type(value = ClosedStep.RampConcurrentUsers.class, name = "rampConcurrentUsers"),
    @JsonSubTypes.Type(value = ClosedStep.IncrementConcurrentUsers.class, name = "incrementConcurrentUsers")
})
public sealed interface ClosedStep {

    /** How long the step lasts. */
    Duration during();

    /** Gatling's target number of concurrent users {@code t} into the step (0 ≤ t ≤ during). */
    int usersAt(Duration t);

    /** The step as Gatling's elementary steps (a staircase expands into levels and ramps). */
    default List<ClosedStep> expand() {
        return List.of(this);
    }

    /** The step with its user counts multiplied by {@code factor} (rounded). */
    ClosedStep scaled(double factor);

    /** {@code constantConcurrentUsers(n).during(d)}. */
    record ConstantConcurrentUsers(@AtMost(value = Limits.USERS, why = Limits.USERS_WHY) Integer users, Duration during) implements ClosedStep {
        public ConstantConcurrentUsers {
            if (FieldError.require(users, "users") < 0) {
                throw new FieldError("users", "must be zero or positive, got " + users);
            }
            FieldError.positive(during, "during");
        }

        public int usersAt(Duration t) {
            return users;
        }

        public ClosedStep scaled(double factor) {
            return new ConstantConcurrentUsers((int) Math.round(users * factor), during);
        }
    }

    /** {@code rampConcurrentUsers(from).to(to).during(d)}: Gatling's from + floor(slope × whole seconds). */
    record RampConcurrentUsers(@AtMost(value = Limits.USERS, why = Limits.USERS_WHY) Integer from, @AtMost(value = Limits.USERS, why = Limits.USERS_WHY) Integer to, Duration during) implements ClosedStep {
        public RampConcurrentUsers {
            if (FieldError.require(from, "from") < 0) {
                throw new FieldError("from", "must be zero or positive, got " + from);
            }
            if (FieldError.require(to, "to") < 0) {
                throw new FieldError("to", "must be zero or positive, got " + to);
            }
            FieldError.positive(during, "during");
            if (during.getSeconds() == 0) {
                throw new FieldError("during", "a ramp of concurrent users needs at least 1 s (Gatling's slope is per whole second)");
            }
        }

        public int usersAt(Duration t) {
            double slope = (double) (to - from) / during.getSeconds();
            return from + (int) (slope * t.getSeconds());
        }

        public ClosedStep scaled(double factor) {
            return new RampConcurrentUsers((int) Math.round(from * factor), (int) Math.round(to * factor), during);
        }
    }

    /**
     * {@code incrementConcurrentUsers(step).times(n).eachLevelLasting(level).separatedByRampsLasting(ramp)
     * .startingFrom(from)}: a staircase, expanded as Gatling expands it.
     */
    record IncrementConcurrentUsers(@AtMost(value = Limits.USERS, why = Limits.USERS_WHY) Integer step, @AtMost(value = Limits.COUNT, why = Limits.COUNT_WHY) Integer times, Duration level, Duration ramp, @AtMost(value = Limits.USERS, why = Limits.USERS_WHY) Integer from) implements ClosedStep {
        public IncrementConcurrentUsers {
            FieldError.positive(step, "step");
            FieldError.positive(times, "times");
            FieldError.positive(level, "level");
            ramp = ramp == null ? Duration.ZERO : ramp;
            if (ramp.isNegative()) {
                throw new FieldError("ramp", "must not be negative");
            }
            from = from == null ? 0 : from;
            if (from < 0) {
                throw new FieldError("from", "must be zero or positive, got " + from);
            }
        }

        @Override
        public List<ClosedStep> expand() {
            List<ClosedStep> out = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                if (!ramp.isZero()) {
                    if (from == 0) {
                        out.add(new RampConcurrentUsers(i * step, (i + 1) * step, ramp));
                        out.add(new ConstantConcurrentUsers((i + 1) * step, level));
                    } else {
                        int levelUsers = i * step + from;
                        out.add(new ConstantConcurrentUsers(levelUsers, level));
                        if (i < times - 1) {
                            out.add(new RampConcurrentUsers(levelUsers, (i + 1) * step + from, ramp));
                        }
                    }
                } else {
                    out.add(new ConstantConcurrentUsers(i * step + from, level));
                }
            }
            return out;
        }

        public Duration during() {
            Duration d = Duration.ZERO;
            for (ClosedStep s : expand()) {
                d = d.plus(s.during());
            }
            return d;
        }

        public int usersAt(Duration t) {
            Duration left = t;
            for (ClosedStep s : expand()) {
                if (left.compareTo(s.during()) <= 0) {
                    return s.usersAt(left);
                }
                left = left.minus(s.during());
            }
            return 0;
        }

        public ClosedStep scaled(double factor) {
            return new IncrementConcurrentUsers((int) Math.round(step * factor), times, level, ramp, (int) Math.round(from * factor));
        }
    }
}
