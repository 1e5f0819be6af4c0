package io.headroom.cli;

import io.headroom.run.RunResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall time of each phase of a command ({@code --timings}): a lap ends one phase and starts the
 * next. The first lap is measured from the JVM's start, so start-up (JVM, class loading, the
 * command line) is a phase of its own. Printed to stderr, so results stay byte-identical.
 */
final class PhaseTimer {
    /** A timer that records nothing (the default: no clock reads on the way). */
    static final PhaseTimer OFF = new PhaseTimer(0, false);

    private final boolean on;
    private final List<String> lines = new ArrayList<>();
    private long lastNs;
    private final long startNs;

    private PhaseTimer(long startNs, boolean on) {
        this.on = on;
        this.startNs = startNs;
        this.lastNs = startNs;
    }

    /** A timer whose first phase began when the JVM started. */
    static PhaseTimer sinceJvmStart() {
        return sinceJvmStart(() -> java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    }

    /**
     * A timer whose first phase began {@code uptimeMs} (the JVM's uptime, in ms) before now. The clock is read after the
     * uptime: asking for it the first time loads the management classes (12-25 ms), and a clock read before would put
     * the JVM's start that much too early.
     */
    static PhaseTimer sinceJvmStart(java.util.function.LongSupplier uptimeMs) {
        long sinceStartMs = uptimeMs.getAsLong();
        long start = System.nanoTime() - sinceStartMs * 1_000_000L;
        return new PhaseTimer(start, true);
    }

    /** When the first phase began, on {@link System#nanoTime}'s clock. */
    long startNs() {
        return startNs;
    }

    /** Ends the current phase under this name. */
    void lap(String phase) {
        if (on) {
            lines.add(String.format(Locale.ROOT, "  %-44s %7.3f s", phase, endPhase()));
        }
    }

    /** Ends the simulation phase, with its event rate. */
    void lapSimulation(RunResult result) {
        if (on) {
            double s = endPhase();
            lines.add(String.format(Locale.ROOT, "  %-44s %7.3f s   %,d events, %,.0f events/s", "simulating", s,
                    result.events(), result.events() / s));
        }
    }

    /** Seconds since the last lap; the next phase starts now. */
    private double endPhase() {
        long now = System.nanoTime();
        double s = (now - lastNs) / 1e9;
        lastNs = now;
        return s;
    }

    /** Prints the phases and the total. */
    void print(PrintWriter err) {
        if (!on) {
            return;
        }
        err.println("timings (wall time):");
        lines.forEach(err::println);
        err.println(String.format(Locale.ROOT, "  %-44s %7.3f s", "total since the JVM started", (System.nanoTime() - startNs) / 1e9));
        err.flush();
    }
}
