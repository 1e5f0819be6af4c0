package io.headroom.design.pricing;

import com.fasterxml.jackson.annotation.JsonValue;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;

/**
 * How fast one busy vCPU of an instance family runs, against the catalogue's reference family (speed 1): its
 * {@code processor}, whether a {@code vcpu} is a {@code hyperthread} (x86 with SMT) or a whole {@code core} (Graviton,
 * AMD's 7th generation), and its {@code speed}. A CPU demand measured on one type takes demand × speed(measured on) /
 * speed(runs on) on another. Each bundled figure's source is in the catalogue's SOURCE.txt; a user's catalogue may give
 * its own measurement.
 * A family of hyperthreads may give its own {@code smt-gain}, and a burstable family its own
 * {@code surplus-usd-per-vcpu-hour} (see {@link CpuSpec}).
 */
public record FamilySpec(String processor, Vcpu vcpu, @AtMost(value = Limits.FACTOR, why = Limits.FACTOR_WHY) Double speed,
                         @AtMost(value = "2", why = "two hyperthreads at most double what one core does") Double smtGain,
                         @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double surplusUsdPerVcpuHour) {

    /** A family with the catalogue's SMT gain and surplus-credit price. */
    public FamilySpec(String processor, Vcpu vcpu, Double speed) {
        this(processor, vcpu, speed, null, null);
    }

    /** What a vCPU of the family is. */
    public enum Vcpu {
        /** One of two hardware threads of a core (x86 with simultaneous multithreading). */
        HYPERTHREAD("hyperthread"),
        /** A whole physical core. */
        CORE("core");

        private final String yamlName;

        Vcpu(String yamlName) {
            this.yamlName = yamlName;
        }

        @JsonValue
        public String yamlName() {
            return yamlName;
        }
    }

    public FamilySpec {
        FieldError.require(speed, "speed");
        if (!(speed > 0) || speed.isInfinite()) {
            throw new FieldError("speed", "a family's speed is a positive factor against the reference family, got " + speed);
        }
        if (smtGain != null && !(smtGain >= 1 && smtGain <= 2)) {
            throw new FieldError("smt-gain", "two busy hyperthreads of one core deliver from 1 (no gain) to 2 (two cores) times"
                    + " one alone, got " + FieldError.number(smtGain));
        }
        if (surplusUsdPerVcpuHour != null) {
            FieldError.nonNegative(surplusUsdPerVcpuHour, "surplus-usd-per-vcpu-hour");
        }
        if (smtGain != null && vcpu == Vcpu.CORE) {
            throw new FieldError("smt-gain", "an SMT gain applies to a family whose vcpu is a hyperthread; this one's is a core");
        }
    }
}
