package io.headroom.metrics;

/**
 * The integral over time of a piecewise-constant level — busy workers, waiting requests,
 * instances billed — from which a time average is the difference of two readings divided by the
 * time between them (as SSJ's {@code Accumulate}). The owner of the level calls {@link #update}
 * before every change of it, with the level as it was: {@code sum += level × (now − lastT)}.
 *
 * <p>Where the level is split into pieces matters in floating point ({@code a·x + a·y} need not
 * be {@code a·(x + y)}), so a run's results depend on the moments of update, which stay those of
 * the owner's state changes. A reading at the same instant adds nothing.
 */
public final class TimeIntegral {
    private double sum;
    private long lastT;

    /** An integral that starts at {@code start} with nothing accumulated. */
    public TimeIntegral(long start) {
        this.lastT = start;
    }

    /** Adds {@code level × (now − lastT)} and moves to {@code now}; nothing when time has not advanced. */
    public void update(long now, double level) {
        long dt = now - lastT;
        if (dt > 0) {
            sum += level * dt;
            lastT = now;
        }
    }

    /** The integral up to the last update, in level × nanoseconds. */
    public double sum() {
        return sum;
    }

    /** The instant of the last update that advanced the integral. */
    public long lastT() {
        return lastT;
    }
}
