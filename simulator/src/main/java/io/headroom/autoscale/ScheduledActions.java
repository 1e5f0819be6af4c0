package io.headroom.autoscale;

import io.headroom.design.autoscaling.Scheduled;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.Cron;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A component's scheduled actions on the run's calendar. A run starts on {@link #RUN_START}, Monday
 * 1 January 2024, 00:00 UTC, so {@code "0 8 * * MON-FRI"} first fires 8 h into the run; an action with
 * {@code at} fires once at that offset. Each firing sets min, max and/or desired.
 */
public final class ScheduledActions {
    /** The calendar instant simulated time 0 stands for: a Monday at midnight UTC. */
    public static final LocalDateTime RUN_START = LocalDateTime.of(2024, 1, 1, 0, 0);

    private final List<Scheduled.Action> actions;
    private final Cron[] crons;
    private final long[] nextNs;

    public ScheduledActions(List<Scheduled.Action> actions) {
        this.actions = List.copyOf(actions);
        crons = new Cron[actions.size()];
        nextNs = new long[actions.size()];
        for (int i = 0; i < actions.size(); i++) {
            Scheduled.Action a = actions.get(i);
            if (a.cron() != null) {
                crons[i] = Cron.parse(a.cron());
                nextNs[i] = crons[i].matches(RUN_START) ? 0 : after(crons[i], 0);
            } else {
                nextNs[i] = a.at().toNanos();
            }
        }
    }

    /** The next firing time of any action, Long.MAX_VALUE if none is left. */
    public long nextNs() {
        long n = Long.MAX_VALUE;
        for (long t : nextNs) {
            n = Math.min(n, t);
        }
        return n;
    }

    /** The actions due at or before {@code nowNs}, in time order (declaration order on ties), each advanced to its next firing. */
    public List<Scheduled.Action> due(long nowNs) {
        List<Scheduled.Action> out = new ArrayList<>();
        while (true) {
            int first = -1;
            for (int i = 0; i < nextNs.length; i++) {
                if (nextNs[i] <= nowNs && (first < 0 || nextNs[i] < nextNs[first])) {
                    first = i;
                }
            }
            if (first < 0) {
                return out;
            }
            out.add(actions.get(first));
            nextNs[first] = crons[first] == null ? Long.MAX_VALUE : after(crons[first], nextNs[first]);
        }
    }

    /** The firing times of {@code cron} in [0, untilNs), for tests and documentation. */
    public static List<Long> firings(String cron, long untilNs) {
        Cron c = Cron.parse(cron);
        List<Long> out = new ArrayList<>();
        long t = c.matches(RUN_START) ? 0 : after(c, 0);
        while (t < untilNs) {
            out.add(t);
            t = after(c, t);
        }
        return out;
    }

    private static long after(Cron c, long tNs) {
        LocalDateTime at = RUN_START.plus(Duration.ofNanos(tNs));
        LocalDateTime next = c.next(at);
        if (next == null) {
            return Long.MAX_VALUE;
        }
        return Duration.between(RUN_START.toInstant(ZoneOffset.UTC), next.toInstant(ZoneOffset.UTC)).toNanos();
    }
}
