package io.headroom.load;

import io.headroom.load.arrival.HeavisideArrivals;
import static io.headroom.load.GatlingOracle.assertSameSchedule;
import static io.headroom.load.GatlingOracle.constant;
import static io.headroom.load.GatlingOracle.drain;
import static io.headroom.load.GatlingOracle.fd;
import static io.headroom.load.GatlingOracle.gatling;
import static io.headroom.load.GatlingOracle.gatlingStep;
import static io.headroom.load.GatlingOracle.ms;
import static io.headroom.load.GatlingOracle.ours;
import static io.headroom.load.GatlingOracle.ramp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.core.controller.inject.open.AtOnceOpenInjection;
import io.gatling.core.controller.inject.open.CompositeOpenInjectionStep;
import io.gatling.core.controller.inject.open.ConstantRateOpenInjection;
import io.gatling.core.controller.inject.open.Erf$;
import io.gatling.core.controller.inject.open.HeavisideOpenInjection;
import io.gatling.core.controller.inject.open.NothingForOpenInjection;
import io.gatling.core.controller.inject.open.OpenInjectionStep;
import io.gatling.core.controller.inject.open.RampOpenInjection;
import io.gatling.core.controller.inject.open.RampRateOpenInjection;
import io.gatling.core.controller.inject.open.StairsUsersPerSecCompositeStep;
import io.headroom.random.RandomStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rest of Gatling's open steps against Gatling 3.15.1's own code ({@link GatlingOracle}):
 * {@code NothingForOpenInjection}, {@code AtOnceOpenInjection}, {@code RampOpenInjection},
 * {@code HeavisideOpenInjection} (with its {@code Erf.erfinv}) and {@code StairsUsersPerSecCompositeStep},
 * each iterated with {@code chain(Iterator.empty)}: every start time equal to the nanosecond, so every
 * count too. Then small schedules derived by hand from Gatling's documented definitions.
 */
class GatlingStepsParityTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** Gatling's step for one of ours (the new steps; the older ones through {@link GatlingOracle#gatlingStep}). */
    static OpenInjectionStep gatlingOf(OpenStep s) {
        if (s instanceof OpenStep.NothingFor n) {
            return NothingForOpenInjection.apply(fd(n.during()));
        }
        if (s instanceof OpenStep.AtOnceUsers a) {
            return AtOnceOpenInjection.apply(a.users());
        }
        if (s instanceof OpenStep.RampUsers r) {
            return RampOpenInjection.apply(r.users(), fd(r.during()));
        }
        if (s instanceof OpenStep.StressPeakUsers p) {
            return new HeavisideOpenInjection(p.users(), fd(p.during()));
        }
        if (s instanceof OpenStep.IncrementUsersPerSec i) {
            return new StairsUsersPerSecCompositeStep(i.step(), i.times(), fd(i.level()), i.from(), fd(i.ramp()));
        }
        return gatlingStep(s, 0);
    }

    private static void assertMatchesGatling(OpenStep step) {
        OpenInjectionStep g = gatlingOf(step);
        long[] expected = gatling(g);
        assertSameSchedule(expected, ours(step, 0), step.toString());
        assertEquals(g.users(), expected.length, "Gatling's declared count");
        assertEquals(span(g), step.during().toNanos(), "duration of " + step);
    }

    /**
     * How long a Gatling step lasts, in nanoseconds: its {@code duration}, except for the staircase, whose
     * {@code duration} is its case-class field, the length of one level (so a composite holding one
     * under-reports its own duration); the staircase lasts as long as the steps it expands into.
     */
    static long span(OpenInjectionStep g) {
        if (g instanceof StairsUsersPerSecCompositeStep st) {
            return st.composite().duration().toNanos();
        }
        if (g instanceof CompositeOpenInjectionStep c) {
            return scala.jdk.javaapi.CollectionConverters.asJava(c.steps()).stream().mapToLong(GatlingStepsParityTest::span).sum();
        }
        return g.duration().toNanos();
    }

    // ---- nothingFor, atOnceUsers ---------------------------------------------------------------

    @Test
    void nothingForAndAtOnceUsersMatchGatling() {
        for (Duration d : List.of(ms(1), ms(1_500), Duration.ofSeconds(30), Duration.ofNanos(1))) {
            assertMatchesGatling(new OpenStep.NothingFor(d));
        }
        for (long n : new long[] {0, 1, 3, 100, 5_000}) {
            assertMatchesGatling(new OpenStep.AtOnceUsers(n));
        }
    }

    // ---- rampUsers ---------------------------------------------------------------------------

    static Stream<Arguments> rampUsersCases() {
        return Stream.of(
                Arguments.of(10L, ms(10_000)),      // one per second
                Arguments.of(7L, ms(10_000)),       // fewer users than seconds
                Arguments.of(1L, ms(10_000)),
                Arguments.of(3L, ms(1_000)),
                Arguments.of(3L, ms(1_500)),        // sub-second remainder: over 1 whole second
                Arguments.of(5L, ms(2_700)),
                Arguments.of(1_000L, ms(1_000)),    // one per millisecond
                Arguments.of(2_500L, ms(2_000)),    // more than 1000/s
                Arguments.of(12_345L, ms(7_000)),
                Arguments.of(100_000L, ms(60_000)),
                Arguments.of(0L, ms(5_000)),        // zero users
                Arguments.of(0L, ms(500)));
    }

    @ParameterizedTest(name = "rampUsers({0}) during {1}")
    @MethodSource("rampUsersCases")
    void rampUsersMatchesGatling(long users, Duration during) {
        assertMatchesGatling(new OpenStep.RampUsers(users, during));
    }

    @Test
    void subSecondRampUsersIsRefusedAsGatlingInjectsNobody() {
        // Gatling 3.15.1: RampOpenInjection over 0 whole seconds ends before its first second
        assertEquals(0, gatling(RampOpenInjection.apply(10, fd(ms(500)))).length);
        assertEquals(10, RampOpenInjection.apply(10, fd(ms(500))).users(), "while it declares 10 users");
        assertThrows(io.headroom.yaml.FieldError.class, () -> new OpenStep.RampUsers(10L, ms(500)));
    }

    // ---- stressPeakUsers (Heaviside) ---------------------------------------------------------------

    @Test
    void erfinvIsGatlingsToTheBit() {
        SplittableRandom r = new SplittableRandom(17);
        List<Double> xs = new ArrayList<>(List.of(-1.0, -0.9375, -0.75, -0.5, 0.0, -0.0, 0.5, 0.75, 0.9375, 0.99, 1.0,
                Math.nextDown(1.0), Math.nextUp(-1.0), Math.nextUp(0.75), Math.nextUp(0.9375)));
        for (int i = 0; i < 20_000; i++) {
            xs.add(r.nextDouble(-1, 1));
        }
        for (int n = 1; n < 3_000; n++) { // the arguments the Heaviside steps use
            xs.add(2.0 * ((double) n / (double) (3_000 + 2)) - 1.0);
        }
        for (double x : xs) {
            double expected = Erf$.MODULE$.erfinv(x);
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(HeavisideArrivals.erfinv(x)),
                    "erfinv(" + x + ") = " + expected + ", ours " + HeavisideArrivals.erfinv(x));
        }
    }

    static Stream<Arguments> stressPeakCases() {
        return Stream.of(
                Arguments.of(1L, ms(1_000)),
                Arguments.of(2L, ms(1_000)),
                Arguments.of(10L, ms(20_000)),
                Arguments.of(1_000L, ms(20_000)),
                Arguments.of(333L, ms(1_500)),      // sub-second remainder: Gatling uses milliseconds
                Arguments.of(7L, ms(10)),
                Arguments.of(5_000L, ms(2_000)),    // more than 1000/s at the peak
                Arguments.of(30_000L, ms(120_000)),
                Arguments.of(200_000L, ms(3_600_000)),
                Arguments.of(12L, Duration.ofNanos(7_654_321)), // a fraction of a millisecond, dropped as Gatling does
                Arguments.of(0L, ms(5_000)));       // zero users
    }

    @ParameterizedTest(name = "stressPeakUsers({0}) during {1}")
    @MethodSource("stressPeakCases")
    void stressPeakUsersMatchesGatling(long users, Duration during) {
        assertMatchesGatling(new OpenStep.StressPeakUsers(users, during));
    }

    // ---- incrementUsersPerSec (stairs) ----------------------------------------------------------

    static Stream<Arguments> stairsCases() {
        return Stream.of(
                Arguments.of(10.0, 5, ms(10_000), ms(10_000), 20.0),  // the README's example, shorter levels
                Arguments.of(10.0, 3, ms(10_000), ms(0), 0.0),        // no ramps, from 0
                Arguments.of(10.0, 3, ms(10_000), ms(0), 5.0),        // no ramps
                Arguments.of(2.5, 4, ms(7_000), ms(3_000), 0.0),      // from 0: a ramp leads to every level
                Arguments.of(0.7, 3, ms(10_000), ms(1_500), 1.3),     // fractional rates, sub-second remainders
                Arguments.of(3.3, 2, ms(1_500), ms(0), 1.0),          // sub-second remainder of each level
                Arguments.of(500.0, 4, ms(2_000), ms(2_000), 100.0),  // to more than 1000/s
                Arguments.of(-10.0, 3, ms(5_000), ms(2_000), 40.0),   // a staircase down
                Arguments.of(1.0, 1, ms(3_000), ms(2_000), 4.0),      // one level: no ramp after it
                Arguments.of(1.0, 1, ms(3_000), ms(2_000), 0.0),      // one level from 0: one ramp before it
                Arguments.of(0.0, 2, ms(3_000), ms(0), 0.0));         // zero users
    }

    @ParameterizedTest(name = "incrementUsersPerSec({0}).times({1}).eachLevelLasting({2}).separatedByRampsLasting({3}).startingFrom({4})")
    @MethodSource("stairsCases")
    void incrementUsersPerSecMatchesGatling(double step, int times, Duration level, Duration ramp, double from) {
        OpenStep.IncrementUsersPerSec ours = new OpenStep.IncrementUsersPerSec(step, times, level, ramp, from);
        StairsUsersPerSecCompositeStep g = (StairsUsersPerSecCompositeStep) gatlingOf(ours);
        assertMatchesGatling(ours);
        // and the expansion itself: the same elementary steps, with the same rates and durations
        List<OpenInjectionStep> expected = scala.jdk.javaapi.CollectionConverters.asJava(g.composite().steps());
        List<OpenStep> actual = ours.expand();
        assertEquals(expected.size(), actual.size(), "steps of " + ours);
        for (int i = 0; i < expected.size(); i++) {
            OpenStep a = actual.get(i);
            if (expected.get(i) instanceof ConstantRateOpenInjection c) {
                OpenStep.ConstantUsersPerSec o = (OpenStep.ConstantUsersPerSec) a;
                assertEquals(c.rate(), o.rate(), 0.0, "level " + i);
                assertEquals(c.duration().toNanos(), o.during().toNanos());
            } else {
                RampRateOpenInjection r = (RampRateOpenInjection) expected.get(i);
                OpenStep.RampUsersPerSec o = (OpenStep.RampUsersPerSec) a;
                assertEquals(r.startRate(), o.from(), 0.0, "ramp " + i);
                assertEquals(r.endRate(), o.to(), 0.0, "ramp " + i);
                assertEquals(r.duration().toNanos(), o.during().toNanos());
            }
        }
    }

    // ---- a whole profile of every step, chained ------------------------------------------------------

    @Test
    void profileOfEveryStepChainsAsGatlingDoes() {
        List<OpenStep> steps = List.of(
                new OpenStep.NothingFor(ms(1_250)),
                new OpenStep.AtOnceUsers(3L),
                new OpenStep.RampUsers(17L, ms(3_700)),
                new OpenStep.AtOnceUsers(2L),
                constant(3.3, ms(1_500), false),
                new OpenStep.StressPeakUsers(500L, ms(4_321)),
                new OpenStep.IncrementUsersPerSec(2.5, 3, ms(2_500), ms(1_200), 0.0),
                ramp(1.5, 7.25, ms(3_700), false),
                new OpenStep.IncrementUsersPerSec(1500.0, 2, ms(1_000), ms(0), 10.0),
                new OpenStep.NothingFor(ms(1)),
                new OpenStep.RampUsers(2_500L, ms(2_000)));
        LoadProfile profile = new LoadProfile("parity", null, Map.of(), null, steps);
        CompositeOpenInjectionStep composite = new CompositeOpenInjectionStep(
                scala.jdk.javaapi.CollectionConverters.asScala(steps.stream().map(GatlingStepsParityTest::gatlingOf).toList()).toList());
        long[] expected = gatling(composite);
        assertSameSchedule(expected, drain(profile.arrivals(new RandomStreams(1))), "profile");
        assertEquals(composite.users(), expected.length);
        assertEquals(span(composite), profile.duration().toNanos());
        // Gatling's own sum counts each staircase as one of its levels (2.5 s + 1 s instead of 11.1 s + 2 s),
        // yet starts the steps after a staircase at its true end, as the times above show
        assertEquals(span(composite) - (11_100 - 2_500 + 2_000 - 1_000) * MS, composite.duration().toNanos());
        assertTrue(expected.length > 4_000, "the profile injects users: " + expected.length);
    }

    // ---- small schedules derived by hand from the documented definitions --------------------------

    @Test
    void rampUsersSpreadsUsersEvenlyOverWholeSeconds() {
        // rampUsers(10).during(10s): one user per second, at 0, 1, ..., 9 s
        long[] t = ours(new OpenStep.RampUsers(10L, ms(10_000)), 0);
        assertArrayEquals(new long[] {0, S, 2 * S, 3 * S, 4 * S, 5 * S, 6 * S, 7 * S, 8 * S, 9 * S}, t);
        // rampUsers(3).during(1500ms): 3 users over 1 whole second, spread over its milliseconds
        assertArrayEquals(new long[] {0, 333 * MS, 666 * MS}, ours(new OpenStep.RampUsers(3L, ms(1_500)), 0));
        // the count is always n, whatever the spacing
        assertEquals(12_345, ours(new OpenStep.RampUsers(12_345L, ms(7_000)), 0).length);
    }

    @Test
    void atOnceUsersStartTogetherAndTakeNoTime() {
        assertArrayEquals(new long[] {5 * S, 5 * S, 5 * S}, drain(new OpenStep.AtOnceUsers(3L).arrivals(5 * S, null)));
        LoadProfile p = new LoadProfile("p", null, Map.of(), null, List.of(
                new OpenStep.NothingFor(ms(2_000)), new OpenStep.AtOnceUsers(2L), constant(1, ms(2_000), false)));
        assertArrayEquals(new long[] {2 * S, 2 * S, 2 * S, 3 * S}, drain(p.arrivals(new RandomStreams(1))));
    }

    @Test
    void stressPeakUsersFollowsTheErrorFunction() {
        // Gatling's definition: user i of n at floor(k (erfinv(2i/(n+2) - 1) + t0)) ms, t0 = |erfinv(2/(n+2) - 1)|,
        // k = d / (2 t0); here with commons-math's erfinv, which agrees with Gatling's to about 1e-9, so
        // within a millisecond
        long n = 1_000;
        long d = 20_000;
        long[] t = ours(new OpenStep.StressPeakUsers(n, ms(d)), 0);
        assertEquals(n, t.length);
        double t0 = Math.abs(Erf.erfInv(2.0 / (n + 2) - 1));
        double k = d / (2 * t0);
        for (int i = 1; i <= n; i++) {
            double expectedMs = Math.floor(k * (Erf.erfInv(2.0 * i / (n + 2) - 1) + t0));
            assertEquals(expectedMs, t[i - 1] / (double) MS, 1.0, "user " + i);
        }
        assertEquals(0, t[0], "the first user at the start");
        assertTrue(t[t.length - 1] < d * MS, "the last before the end");
        // symmetric about the middle: as many users in each half
        long firstHalf = Arrays.stream(t).filter(x -> x < d / 2 * MS).count();
        assertEquals(n / 2, firstHalf, 1);
        // the rate the schedule follows: its integral is n, its peak in the middle; counts per second agree
        OpenStep.StressPeakUsers s = new OpenStep.StressPeakUsers(n, ms(d));
        assertEquals(s.rateAt(d / 2000.0), s.peakRate(), 1e-9);
        double integral = 0;
        for (int i = 0; i < 20_000; i++) {
            integral += s.rateAt((i + 0.5) / 1000.0) / 1000.0;
        }
        assertEquals(n, integral, 1e-3);
        for (int sec = 0; sec < 20; sec++) {
            long lo = sec * S;
            long count = Arrays.stream(t).filter(x -> x >= lo && x < lo + S).count();
            double mean = 0;
            for (int i = 0; i < 1000; i++) {
                mean += s.rateAt(sec + (i + 0.5) / 1000.0) / 1000.0;
            }
            assertEquals(mean, count, 2, "second " + sec);
        }
        // two users over 1 s: at 0, and at k * t0 = 500 ms less at most the float error of the product
        long[] two = ours(new OpenStep.StressPeakUsers(2L, ms(1_000)), 0);
        assertEquals(0, two[0]);
        assertEquals(500, two[1] / MS, 1);
    }

    @Test
    void incrementUsersPerSecIsItsLevelsAndRamps() {
        // 20, 30, 40 users/s for 10 s each, no ramps: 200 + 300 + 400 users, each level in its own 10 s
        long[] t = ours(new OpenStep.IncrementUsersPerSec(10.0, 3, ms(10_000), ms(0), 20.0), 0);
        assertEquals(900, t.length);
        for (int level = 0; level < 3; level++) {
            long lo = level * 10 * S;
            assertEquals(200 + 100 * level, Arrays.stream(t).filter(x -> x >= lo && x < lo + 10 * S).count());
        }
        // from 0 with 2 s ramps: ramp 0 -> 10 (2 s, 10 users), 10/s for 5 s (50), ramp 10 -> 20 (30), 20/s for 5 s (100)
        OpenStep.IncrementUsersPerSec s = new OpenStep.IncrementUsersPerSec(10.0, 2, ms(5_000), ms(2_000), 0.0);
        long[] u = ours(s, 0);
        assertEquals(190, u.length);
        assertEquals(Duration.ofSeconds(14), s.during());
        long[] bounds = {0, 2, 7, 9, 14};
        long[] counts = {10, 50, 30, 100};
        for (int i = 0; i < 4; i++) {
            long lo = bounds[i] * S;
            long hi = bounds[i + 1] * S;
            assertEquals(counts[i], Arrays.stream(u).filter(x -> x >= lo && x < hi).count(), "part " + i);
        }
        assertEquals(5, s.rateAt(1), 1e-12);
        assertEquals(10, s.rateAt(3), 1e-12);
        assertEquals(20, s.rateAt(13), 1e-12);
        assertEquals(20, s.peakRate(), 1e-12);
    }

    @Test
    void scaleMultipliesUserCountsRounded() {
        assertEquals(new OpenStep.AtOnceUsers(15L), new OpenStep.AtOnceUsers(10L).scaled(1.5));
        assertEquals(new OpenStep.RampUsers(5L, ms(2_000)), new OpenStep.RampUsers(3L, ms(2_000)).scaled(1.5)); // 4.5 rounds up
        assertEquals(new OpenStep.StressPeakUsers(333L, ms(2_000)), new OpenStep.StressPeakUsers(1000L, ms(2_000)).scaled(1 / 3.0));
        assertEquals(new OpenStep.NothingFor(ms(5)), new OpenStep.NothingFor(ms(5)).scaled(7));
        assertEquals(new OpenStep.IncrementUsersPerSec(20.0, 3, ms(1_000), ms(0), 5.0),
                new OpenStep.IncrementUsersPerSec(10.0, 3, ms(1_000), ms(0), 2.5).scaled(2));
        // through a profile's scale
        LoadProfile p = new LoadProfile("p", null, Map.of(), null, 2.0, null, List.of(
                new OpenStep.AtOnceUsers(3L), new OpenStep.RampUsers(5L, ms(5_000)), new OpenStep.StressPeakUsers(7L, ms(1_000))),
                null, null);
        assertEquals(6 + 10 + 14, drain(p.arrivals(new RandomStreams(1))).length);
    }
}
