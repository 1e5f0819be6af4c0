package io.headroom.autoscale;

import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.Fixed;
import io.headroom.design.autoscaling.Hpa;
import io.headroom.design.autoscaling.Predictive;
import io.headroom.design.autoscaling.Scheduled;
import io.headroom.design.autoscaling.Simple;
import io.headroom.design.autoscaling.Step;
import io.headroom.design.autoscaling.TargetTracking;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry from each {@code policy:} record to the runtime policy that decides for it: one line
 * per policy. {@code scheduled} and {@code fixed} do not vote (the {@link Autoscaler} applies a
 * schedule itself; a fixed count never changes), so they build nothing.
 */
public final class Policies {
    private static final Map<Class<? extends AutoscalingSpec>, Function<AutoscalingSpec, ScalingPolicy>> FACTORIES = new HashMap<>();

    static {
        register(Hpa.class, Policies::hpa);
        register(TargetTracking.class, TargetTrackingPolicy::new);
        register(Step.class, StepPolicy::new);
        register(Simple.class, SimplePolicy::new);
        register(Predictive.class, PredictivePolicy::new);
        register(Scheduled.class, s -> null);
        register(Fixed.class, f -> null);
        register(io.headroom.design.autoscaling.AwsPolicy.class, a -> {
            throw new IllegalStateException("policy: aws names files the design reader had not read: " + a.putScalingPolicy());
        });
    }

    private Policies() {
    }

    private static <S extends AutoscalingSpec> void register(Class<S> type, Function<? super S, ? extends ScalingPolicy> factory) {
        FACTORIES.put(type, spec -> factory.apply(type.cast(spec)));
    }

    /** The policy that decides for {@code spec}; null for one that does not vote ({@code fixed}, {@code scheduled}). */
    public static ScalingPolicy create(AutoscalingSpec spec) {
        Function<AutoscalingSpec, ScalingPolicy> factory = FACTORIES.get(spec.getClass());
        if (factory == null) {
            throw new IllegalArgumentException("no policy registered for " + spec.getClass().getSimpleName());
        }
        return factory.apply(spec);
    }

    private static ScalingPolicy hpa(Hpa spec) {
        if (spec.manifestUnread()) {
            throw new IllegalStateException("the HPA manifest " + spec.manifest() + " has not been read (read designs with DesignReader)");
        }
        return new HpaController(spec);
    }
}
