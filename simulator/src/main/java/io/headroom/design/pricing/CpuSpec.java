package io.headroom.design.pricing;

import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A catalogue's CPU figures beyond speed ({@code cpu:}):
 * <ul>
 *   <li>{@code smt-gain}: what two busy sibling hyperthreads of one x86 core deliver, in units of one of them running
 *       alone (1 to 2; a family may give its own). A family whose {@code vcpu} is a {@code hyperthread} has half as many
 *       cores as vCPUs.</li>
 *   <li>{@code burstable}: the burstable types (T3, T3a, T4g) and each one's baseline, the fraction of each vCPU it may
 *       use without spending CPU credits. It earns baseline × vCPUs × 60 credits an hour (a credit is one vCPU busy
 *       for a minute) and holds at most 24 hours of them (AWS's rules).</li>
 *   <li>{@code surplus-usd-per-vcpu-hour}: the price of surplus credits an {@code unlimited} burstable instance
 *       spends beyond its balance and has not paid back (AWS, Linux: 0.05 USD a vCPU-hour).</li>
 * </ul>
 */
public record CpuSpec(@AtMost(value = "2", why = "two hyperthreads at most double what one core does") Double smtGain,
                      @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double surplusUsdPerVcpuHour,
                      @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY) Map<String, Double> burstable) {
    public CpuSpec {
        if (smtGain != null && !(smtGain >= 1 && smtGain <= 2)) {
            throw new FieldError("smt-gain", "two busy hyperthreads of one core deliver from 1 (no gain) to 2 (two cores) times"
                    + " one alone, got " + FieldError.number(smtGain));
        }
        if (surplusUsdPerVcpuHour != null) {
            FieldError.nonNegative(surplusUsdPerVcpuHour, "surplus-usd-per-vcpu-hour");
        }
        burstable = burstable == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(burstable));
        for (Map.Entry<String, Double> e : burstable.entrySet()) {
            Double b = e.getValue();
            if (b == null || !(b > 0 && b < 1)) {
                throw new FieldError("burstable." + e.getKey(), "a baseline is the fraction of each vCPU used without spending"
                        + " credits, above 0 and below 1 (t3.large: 0.30), got " + (b == null ? "nothing" : FieldError.number(b)));
            }
        }
    }

    /**
     * What {@code busy} computations get from {@code vcpus} hyperthreads (half as many cores) whose busy siblings deliver
     * {@code gain} times one alone, in units of one thread running alone: the cores are filled first, so C(n) = n up to
     * vcpus / 2, then each further computation adds gain − 1, up to vcpus / 2 × gain with every vCPU busy.
     */
    public static double smtCapacity(int vcpus, int busy, double gain) {
        double physical = vcpus / 2.0;
        int n = Math.min(busy, vcpus);
        return n <= physical ? n : physical + (n - physical) * (gain - 1);
    }
}
