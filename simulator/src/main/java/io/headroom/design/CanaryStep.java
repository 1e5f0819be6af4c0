package io.headroom.design;

import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.Fraction;
import java.time.Duration;

/**
 * One step of a canary, as Argo Rollouts writes {@code setWeight} and {@code pause}: the canary's traffic
 * {@code weight} (a whole percentage, {@code 5%} or {@code 5}, as Argo's int32 weight) is set, then the rollout waits {@code pause} (none: it
 * goes straight on to the next step; a step's pause starts once the canary and stable pods for its weight are
 * available).
 */
public record CanaryStep(@AtMost(value = Limits.PERCENT, why = Limits.PERCENT_WHY, byRecord = true) Fraction weight, Duration pause) {
    public CanaryStep {
        if (weight == null) {
            throw new FieldError("weight", "give the canary's share of the traffic, e.g. weight: 5%");
        }
        double pct = weight.percent() ? weight.value() * 100 : weight.value();
        if (!(pct >= 0 && pct <= 100)) {
            throw new FieldError("weight", "a canary weight is between 0% and 100%, got " + shown(weight));
        }
        if (Math.abs(pct - Math.rint(pct)) > 1e-9) {
            throw new FieldError("weight", "a canary weight is a whole percentage (Argo Rollouts' setWeight), got "
                    + shown(weight));
        }
        if (pause != null && pause.isNegative()) {
            throw new FieldError("pause", "a pause cannot be negative");
        }
        pause = pause == null ? Duration.ZERO : pause;
    }

    private static String shown(Fraction f) {
        return f.percent() ? FieldError.number(f.value() * 100) + "%" : FieldError.number(f.value());
    }

    /** The weight in whole percent. */
    public int percent() {
        double pct = weight.percent() ? weight.value() * 100 : weight.value();
        return (int) Math.rint(pct);
    }
}
