package io.headroom.autoscale;

/**
 * One scaling policy of a component, built from its spec; stateful (an HPA remembers its
 * recommendations and scale events, a simple policy its cooldown, predictive its history).
 */
public interface ScalingPolicy {
    /** How often it is evaluated (HPA sync period, AWS 60 s). */
    long periodNs();

    /** Its first evaluation time: one period after the start. */
    default long firstAtNs() {
        return periodNs();
    }

    /** The count it wants now, or -1 for no opinion (e.g. alarm not in ALARM). */
    int decide(ScalingView view);

    /**
     * True for a policy whose count is a floor under the others rather than a vote (predictive scaling):
     * {@link Autoscaler} takes the larger of it and what the voting policies decide.
     */
    default boolean floor() {
        return false;
    }

    /** How far back (from now) the view must keep samples for this policy to read them. */
    default long historyNs() {
        return 0;
    }
}
