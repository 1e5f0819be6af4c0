package io.headroom.autoscale;

import io.headroom.design.autoscaling.Scheduled;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.Cron;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headroom.design.ReplicasSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cron firing times on the run's calendar (time 0 is Monday 2024-01-01 00:00 UTC) and what the actions set. */
class ScheduledActionsTest {
    private static final long H = 3_600_000_000_000L;
    private static final long MIN = 60_000_000_000L;
    private static final long DAY = 24 * H;

    @Test
    void weekdayMornings() {
        // Monday to Friday at 08:00; Saturday and Sunday skipped; the next Monday a week later
        assertEquals(List.of(8 * H, DAY + 8 * H, 2 * DAY + 8 * H, 3 * DAY + 8 * H, 4 * DAY + 8 * H, 7 * DAY + 8 * H),
                ScheduledActions.firings("0 8 * * MON-FRI", 8 * DAY));
        assertEquals(ScheduledActions.firings("0 8 * * 1-5", 8 * DAY), ScheduledActions.firings("0 8 * * MON-FRI", 8 * DAY));
    }

    @Test
    void stepsListsAndMonths() {
        assertEquals(List.of(0L, 15 * MIN, 30 * MIN, 45 * MIN), ScheduledActions.firings("*/15 * * * *", H));
        assertEquals(List.of(0L, 20 * MIN, 40 * MIN), ScheduledActions.firings("0,20-40/20 * * * *", H));
        // the first of each month at 02:30: 1 January, then 1 February (31 days), 1 March (2024 is a leap year: +29)
        assertEquals(List.of(2 * H + 30 * MIN, 31 * DAY + 2 * H + 30 * MIN, 60 * DAY + 2 * H + 30 * MIN),
                ScheduledActions.firings("30 2 1 * *", 61 * DAY));
        // Sunday is 0 and 7: 7 January 2024 is the first Sunday
        assertEquals(List.of(6 * DAY), ScheduledActions.firings("0 0 * * 0", 7 * DAY));
        assertEquals(List.of(6 * DAY), ScheduledActions.firings("0 0 * * SUN", 7 * DAY));
        assertEquals(List.of(6 * DAY), ScheduledActions.firings("0 0 * * 7", 7 * DAY));
    }

    @Test
    void dayOfMonthOrDayOfWeek() {
        // both restricted: either matches (Friday 5th, Friday 12th, Saturday 13th, Friday 19th)
        assertEquals(List.of(4 * DAY, 11 * DAY, 12 * DAY, 18 * DAY), ScheduledActions.firings("0 0 13 * FRI", 20 * DAY));
    }

    @Test
    void malformedExpressionsSayWhy() {
        assertEquals("hour 24 is out of range 0-23", assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 24 * * *")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 8 * *"));
        assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 8 * * FUNDAY"));
        assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 10-8 * * *"));
    }

    @Test
    void actionsSetMinMaxAndDesired() {
        Scheduled s = new Scheduled(List.of(
                new Scheduled.Action("0 8 * * MON-FRI", null, 6, null, null),
                new Scheduled.Action("0 20 * * *", null, 2, null, null),
                new Scheduled.Action(null, Duration.ofHours(30), null, 12, 10)));
        Autoscaler a = Autoscaler.of(s, new ReplicasSpec(2, 2, 20));
        assertEquals(8 * H, a.nextEvaluationNs());
        FakeView v = new FakeView(3);
        // 08:00: min 6 lifts the desired count from 3 to 6
        v.desired = a.decide(v.at(8 * H));
        assertEquals(6, v.desired);
        assertEquals(6, a.minReplicas());
        assertEquals(20 * H, a.nextEvaluationNs());
        // 20:00: min back to 2; nothing votes, so the count stays 6
        v.desired = a.decide(v.at(20 * H));
        assertEquals(6, v.desired);
        assertEquals(2, a.minReplicas());
        // Tuesday 06:00 (30 h): desired 10, max 12
        assertEquals(DAY + 6 * H, a.nextEvaluationNs());
        v.desired = a.decide(v.at(DAY + 6 * H));
        assertEquals(10, v.desired);
        assertEquals(12, a.maxReplicas());
        assertEquals(DAY + 8 * H, a.nextEvaluationNs());
    }
}
