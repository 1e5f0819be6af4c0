package io.headroom.model;

import io.headroom.autoscale.Autoscaler;
import io.headroom.autoscale.ScalingView;
import io.headroom.fleet.Fleet;

/** A fleet's view of its autoscaler: asked for a decision at the times the autoscaler names. */
final class AutoscalerScaler implements Fleet.Scaler {
    private final Autoscaler autoscaler;

    AutoscalerScaler(Autoscaler autoscaler) {
        this.autoscaler = autoscaler;
    }

    @Override
    public long firstAtNs() {
        return autoscaler.nextEvaluationNs();
    }

    @Override
    public int decide(ScalingView view) {
        return autoscaler.decide(view);
    }

    @Override
    public long nextAtNs(long now) {
        return autoscaler.nextEvaluationNs();
    }
}
