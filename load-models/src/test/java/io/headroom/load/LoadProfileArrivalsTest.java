package io.headroom.load;

import io.headroom.load.arrival.ArrivalStream;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.random.RandomStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@link LoadProfile#arrivals} chains its steps: each starts after the full {@code during} of those before. */
class LoadProfileArrivalsTest {
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private static long[] drain(ArrivalStream s) {
        List<Long> out = new ArrayList<>();
        for (long t = s.next(); t != ArrivalStream.END; t = s.next()) {
            out.add(t);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static LoadProfile profile(OpenStep... steps) {
        return new LoadProfile("p", null, Map.of(), null, List.of(steps));
    }

    private static OpenStep constant(double rate, long ms, boolean randomized) {
        return new OpenStep.ConstantUsersPerSec(rate, Duration.ofMillis(ms), randomized);
    }

    @Test
    void secondStepStartsAfterTheFullFractionalDuringOfTheFirst() {
        // 1/s during 1500ms injects one user (whole seconds) but lasts 1.5 s
        LoadProfile p = profile(constant(1, 1500, false), constant(1, 2000, false));
        assertArrayEquals(new long[] {0, 1500 * MS, 2500 * MS}, drain(p.arrivals(new RandomStreams(1))));
        assertEquals(Duration.ofMillis(3500), p.duration());
    }

    @Test
    void offsetsAccumulateOverStepsThatInjectNobody() {
        LoadProfile p = profile(
                constant(2, 1250, false),   // 2 users: 0 and 500 ms
                constant(0.3, 1000, false), // round(0.3) = 0 users, 1 s passes
                constant(7, 700, false),    // no whole second: no user, 0.7 s passes
                new OpenStep.RampUsersPerSec(1.0, 2.0, Duration.ofMillis(2100), false)); // 1 user, then 2
        long start = 1250 * MS + 1000 * MS + 700 * MS; // 2.95 s
        assertArrayEquals(new long[] {0, 500 * MS, start, start + S, start + 1500 * MS},
                drain(p.arrivals(new RandomStreams(1))));
    }

    @Test
    void randomizedStepAfterAFractionalStep() {
        LoadProfile p = profile(constant(50, 2700, true), constant(1000, 1000, false));
        long[] t = drain(p.arrivals(new RandomStreams(9)));
        int first = (int) Arrays.stream(t).filter(x -> x < 2700 * MS).count();
        assertEquals(100, first, 4 * Math.sqrt(100), "50/s over 2 whole seconds");
        for (int i = 0; i < first; i++) {
            assertTrue(t[i] < 2 * S, "a randomized user of 50/s during 2.7s starts within its 2 whole seconds: " + t[i]);
        }
        assertEquals(first + 1000, t.length);
        assertEquals(2700 * MS, t[first], "the next step starts at 2.7 s");
        assertEquals(2700 * MS + 999 * MS, t[t.length - 1]);
        for (int i = 1; i < t.length; i++) {
            assertTrue(t[i] >= t[i - 1], "arrivals in order");
        }
    }

    @Test
    void exhaustedStreamKeepsAnsweringEnd() {
        ArrivalStream s = profile(constant(1, 2000, false)).arrivals(new RandomStreams(1));
        assertEquals(2, drain(s).length);
        assertEquals(ArrivalStream.END, s.next());
        assertEquals(ArrivalStream.END, s.next());
    }

    @Test
    void rateAtFollowsTheStepsOverTheirWholeSeconds() {
        LoadProfile p = profile(constant(4, 1500, false),
                new OpenStep.RampUsersPerSec(10.0, 20.0, Duration.ofSeconds(10), false));
        assertEquals(4, p.rateAt(0.2));
        assertEquals(0, p.rateAt(1.2), "no user in the fractional tail of a step");
        assertEquals(10, p.rateAt(1.5), 1e-12);
        assertEquals(15, p.rateAt(6.5), 1e-12);
        assertEquals(0, p.rateAt(11.5));
        // the counts agree with the rates: 4 users, then 150
        assertEquals(4 + 150, drain(p.arrivals(new RandomStreams(1))).length);
        assertTrue(Arrays.stream(drain(p.arrivals(new RandomStreams(1)))).skip(4).allMatch(x -> x >= 1500 * MS));
    }
}
