package io.headroom.run;

/**
 * Told of the boundaries of one replication, each at its instant and ahead of every ordinary event
 * at that instant (so it sees the state as it is at the boundary): the end of the warm-up, the
 * middle of the measured period, the end of the profile (the horizon; the drain follows), and the
 * close of each time-series window, the last one at the end of the run. As KSL's model elements
 * hear {@code warmUp()} and {@code replicationEnded()}; each hook does nothing unless overridden.
 */
interface ReplicationObserver {

    /** The warm-up ended: the measured period starts now (not called when there is no warm-up). */
    default void warmUpEnded(long now) {
    }

    /** Half of the measured period has passed. */
    default void midpoint(long now) {
    }

    /** The profile ended: no new load is injected; what is in flight drains. */
    default void horizonReached(long now) {
    }

    /** The window {@code [start, end)} closed. Called once per window; keep it free of per-event work. */
    default void windowClosed(long start, long end) {
    }

    /** An observer that runs {@code action} at the horizon. */
    static ReplicationObserver atHorizon(Runnable action) {
        return new ReplicationObserver() {
            @Override
            public void horizonReached(long now) {
                action.run();
            }
        };
    }
}
