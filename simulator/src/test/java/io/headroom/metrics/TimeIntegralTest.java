package io.headroom.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The time-weighted accumulators on scripted levels: the integral, same-instant updates, restarts, growth. */
class TimeIntegralTest {

    @Test
    void integratesAPiecewiseConstantLevel() {
        TimeIntegral a = new TimeIntegral(0);
        // each update passes the level that held since the last one
        a.update(10, 2);   // 2 on [0, 10)
        a.update(10, 9);   // same instant: nothing added
        a.update(15, 5);   // 5 on [10, 15)
        a.update(40, 1);   // 1 on [15, 40)
        assertEquals(2 * 10 + 5 * 5 + 1 * 25, a.sum());
        assertEquals(40, a.lastT());
        a.update(30, 7);   // an earlier instant adds nothing and keeps the clock
        assertEquals(70, a.sum());
        assertEquals(40, a.lastT());
    }

    @Test
    void startsWhereItIsToldAndAddsLevelTimesElapsedInThatOrder() {
        TimeIntegral a = new TimeIntegral(1_000);
        a.update(1_003, 0.1);
        a.update(1_010, 0.7);
        // exactly the hand-written sum += level * dt, one piece at a time
        double expected = 0;
        expected += 0.1 * 3L;
        expected += 0.7 * 7L;
        assertEquals(expected, a.sum(), 0.0);
    }

    @Test
    void rowsKeepTheirOwnClocks() {
        TimeIntegrals rows = new TimeIntegrals(2, 1);
        update(rows, 0, 5, 1);
        update(rows, 1, 8, 3);
        update(rows, 0, 8, 2);
        assertEquals(5 + 2 * 3, rows.sum(0, 0));
        assertEquals(3 * 8, rows.sum(1, 0));
        rows.grow(3);
        assertEquals(3, rows.rows());
        assertEquals(5 + 2 * 3, rows.sum(0, 0), "growing keeps what was accumulated");
        rows.restart(2, 100);
        update(rows, 2, 110, 4);
        assertEquals(40, rows.sum(2, 0), "time before the restart is not counted");
    }

    /** Row {@code i}'s one level, as it was since the row's clock last moved, brought up to {@code now}. */
    private static void update(TimeIntegrals rows, int i, long now, double level) {
        long dt = rows.advance(i, now);
        if (dt > 0) {
            rows.add(i, 0, level, dt);
        }
    }

    @Test
    void levelsOnOneClockAddTheSameProductsAsOneIntegralEach() {
        LevelIntegrals shared = new LevelIntegrals(2);
        TimeIntegral a = new TimeIntegral(0);
        TimeIntegral b = new TimeIntegral(0);
        long[] at = {0, 3, 3, 17, 1_000_000_007L, 1_000_000_007L, 2_500_000_001L};
        double[] la = {0.1, 3, 7, 0.3, 11, 2, 5};
        int[] lb = {1, 0, 4, 9, 2, 8, 3};
        for (int s = 0; s < at.length; s++) {
            assertEquals(s > 0 && at[s] == at[s - 1] || at[s] == 0, shared.current(at[s]), "current at step " + s);
            long dt = shared.advance(at[s]);
            if (dt > 0) {
                shared.add(0, la[s], dt);
                shared.add(1, lb[s], dt);
            }
            a.update(at[s], la[s]);
            b.update(at[s], lb[s]);
            assertEquals(a.sum(), shared.sum(0), 0.0, "bit for bit, step " + s);
            assertEquals(b.sum(), shared.sum(1), 0.0, "bit for bit, step " + s);
            assertEquals(a.lastT(), shared.lastT());
        }
        assertEquals(0, shared.advance(1_000), "an earlier instant moves nothing");
        assertEquals(2_500_000_001L, shared.lastT());
    }

    @Test
    void rowsOfLevelsOnOneClockAddTheSameProductsAsOneIntegralEach() {
        TimeIntegrals rows = new TimeIntegrals(1, 3);
        TimeIntegral[][] apart = new TimeIntegral[2][3];
        for (TimeIntegral[] row : apart) {
            for (int k = 0; k < 3; k++) {
                row[k] = new TimeIntegral(0);
            }
        }
        long[] at = {0, 3, 3, 17, 1_000_000_007L, 1_000_000_007L, 2_500_000_001L};
        double[][] level = {{0.1, 3, 7, 0.3, 11, 2, 5}, {1, 0, 4, 9, 2, 8, 3}, {0.7, 0.25, 6, 1e-3, 13, 0, 2}};
        for (int s = 0; s < at.length; s++) {
            if (s == 3) {
                rows.grow(2);
                rows.restart(1, at[s]);
                for (TimeIntegral a : apart[1]) {
                    a.update(at[s], 0); // a restart: nothing before it counts
                }
            }
            for (int i = 0; i < rows.rows(); i++) {
                long dt = rows.advance(i, at[s] + i);
                if (dt > 0) {
                    for (int k = 0; k < 3; k++) {
                        rows.add(i, k, level[k][s] * (i + 1), dt);
                    }
                }
                for (int k = 0; k < 3; k++) {
                    apart[i][k].update(at[s] + i, level[k][s] * (i + 1));
                    assertEquals(apart[i][k].sum(), rows.sum(i, k), 0.0, "bit for bit, row " + i + " level " + k + " step " + s);
                }
            }
        }
        assertEquals(0, rows.advance(0, 1_000), "an earlier instant moves nothing");
        assertEquals(5, rows.advance(0, 2_500_000_001L + 5), "the clock stayed where it was");
        assertEquals(apart[0][2].sum(), rows.sum(0, 2), 0.0);
    }
}
