package io.headroom.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How far a long run has got, on stderr (stdout keeps only results): the events its replications have
 * fired against the estimate, as a bar with an ETA on a terminal (the sweep's bar), and otherwise a line
 * every {@link #LINE_EVERY_MS} of wall time. Nothing shows before the run has gone on for
 * {@link #QUIET_MS}, so short runs print exactly what they printed before.
 */
final class RunProgress implements AutoCloseable {
    /** A run shorter than this shows no progress at all. */
    static final long QUIET_MS = 5_000;
    /** Between two progress lines when stderr is not a terminal. */
    static final long LINE_EVERY_MS = 10_000;

    private final AtomicLong events = new AtomicLong();
    private final Thread watcher;
    private volatile boolean done;

    private RunProgress(double expectedEvents, PrintWriter err, boolean terminal, long quietMs, long lineEveryMs) {
        long start = System.nanoTime();
        watcher = new Thread(() -> watch(expectedEvents, err, terminal, start, quietMs, lineEveryMs), "headroom-progress");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Progress of runs expected to fire {@code expectedEvents} in all, shown on {@code err}. */
    static RunProgress open(double expectedEvents, PrintWriter err) {
        return new RunProgress(expectedEvents, err, System.console() != null, QUIET_MS, LINE_EVERY_MS);
    }

    /** As {@link #open}, not on a terminal, with other delays (tests). */
    static RunProgress lines(double expectedEvents, PrintWriter err, long quietMs, long lineEveryMs) {
        return new RunProgress(expectedEvents, err, false, quietMs, lineEveryMs);
    }

    /** The counter the runs add their events to. */
    AtomicLong counter() {
        return events;
    }

    private void watch(double expected, PrintWriter err, boolean terminal, long start, long quietMs, long lineEveryMs) {
        ProgressBar bar = null;
        long nextLine = quietMs;
        try {
            while (!done) {
                Thread.sleep(terminal ? 500 : Math.min(500, lineEveryMs));
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                if (done || elapsedMs < quietMs) {
                    continue;
                }
                long fired = events.get();
                if (terminal) {
                    if (bar == null) {
                        bar = new ProgressBarBuilder().setTaskName("events").setInitialMax(Math.max(1, (long) expected))
                                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).setUnit(" M", 1_000_000)
                                .showSpeed().build();
                    }
                    bar.maxHint(Math.max((long) expected, fired));
                    bar.stepTo(fired);
                } else if (elapsedMs >= nextLine) {
                    nextLine = elapsedMs + lineEveryMs;
                    err.println(line(fired, expected, elapsedMs / 1e3));
                    err.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** {@code headroom: 12 M of ≈ 38 M events (32%), 20 s so far, about 42 s to go}. */
    static String line(long fired, double expected, double elapsedS) {
        String s = String.format(Locale.ROOT, "headroom: %s of ≈ %s events", io.headroom.run.WorkEstimate.count(fired),
                io.headroom.run.WorkEstimate.count(expected));
        if (fired > 0 && expected > fired) {
            s += String.format(Locale.ROOT, " (%.0f%%), %.0f s so far, about %.0f s to go", 100 * fired / expected, elapsedS,
                    elapsedS * (expected - fired) / fired);
        } else {
            s += String.format(Locale.ROOT, ", %.0f s so far", elapsedS);
        }
        return s;
    }

    @Override
    public void close() {
        done = true;
        watcher.interrupt();
        try {
            watcher.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
