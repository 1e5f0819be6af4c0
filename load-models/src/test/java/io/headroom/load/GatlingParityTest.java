package io.headroom.load;

import io.headroom.load.arrival.GatlingShard;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.headroom.load.GatlingOracle.constant;
import static io.headroom.load.GatlingOracle.ms;
import static io.headroom.load.GatlingOracle.ramp;
import static io.headroom.load.GatlingOracle.assertSameSchedule;
import static io.headroom.load.GatlingOracle.drain;
import static io.headroom.load.GatlingOracle.fd;
import static io.headroom.load.GatlingOracle.gatling;
import static io.headroom.load.GatlingOracle.gatlingStep;
import static io.headroom.load.GatlingOracle.ours;

import io.gatling.core.controller.inject.open.CompositeOpenInjectionStep;
import io.gatling.core.controller.inject.open.OpenInjectionStep;
import io.gatling.core.controller.inject.open.RampRateOpenInjection;
import io.gatling.core.util.Shard$;
import io.headroom.random.RandomStreams;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import scala.collection.Iterator;

/**
 * Our regular (not randomized) open injection steps against Gatling 3.15.1's own code
 * ({@link GatlingOracle}): {@code ConstantRateOpenInjection} and {@code RampRateOpenInjection}
 * iterated with {@code chain(Iterator.empty)}, {@code CompositeOpenInjectionStep} for a whole
 * profile, and {@code io.gatling.core.util.Shard}. Every arrival time must be equal to the
 * nanosecond, and so every user count.
 */
class GatlingParityTest {

    // ---- regular (not randomized) steps --------------------------------------------------------

    static Stream<Arguments> constantCases() {
        return Stream.of(
                Arguments.of(0.7, ms(10_000)),   // fractional rate: 7 users over 10 s
                Arguments.of(0.7, ms(1_000)),    // round(0.7) = 1
                Arguments.of(0.3, ms(1_000)),    // round(0.3) = 0: nothing
                Arguments.of(3.3, ms(7_000)),    // 23.1 -> 23 users, uneven seconds
                Arguments.of(3.3, ms(1_500)),    // sub-second remainder: counted over 1 s
                Arguments.of(1.0, ms(1_500)),
                Arguments.of(10.0, ms(2_500)),
                Arguments.of(7.0, ms(500)),      // under a second: no user
                Arguments.of(12.5, ms(60_000)),
                Arguments.of(999.0, ms(3_000)),
                Arguments.of(1000.0, ms(2_000)), // one per millisecond
                Arguments.of(1001.0, ms(2_000)),
                Arguments.of(2500.0, ms(3_000)), // more than 1000/s: several users per millisecond
                Arguments.of(1234.567, ms(4_321)),
                Arguments.of(33.3333, ms(123_000)),
                Arguments.of(0.0, ms(5_000)));
    }

    @ParameterizedTest(name = "constantUsersPerSec({0}) during {1}")
    @MethodSource("constantCases")
    void constantUsersPerSecMatchesGatling(double rate, Duration during) {
        OpenStep.ConstantUsersPerSec step = constant(rate, during, false);
        long[] expected = gatling(gatlingStep(step, 0));
        assertSameSchedule(expected, ours(step, 0), step.toString());
        // Gatling's declared count: round(whole seconds * rate)
        assertEquals(Math.round(during.getSeconds() * rate), expected.length);
    }

    static Stream<Arguments> rampCases() {
        return Stream.of(
                Arguments.of(1.5, 7.25, ms(13_000)),  // non-integer ends, carried fractions
                Arguments.of(1.5, 7.25, ms(13_700)),  // same, with a sub-second remainder
                Arguments.of(0.0, 10.0, ms(10_000)),
                Arguments.of(10.0, 0.0, ms(10_000)),  // ramp down
                Arguments.of(0.7, 3.3, ms(20_000)),
                Arguments.of(3.3, 0.7, ms(9_000)),
                Arguments.of(1.0, 2.0, ms(1_500)),
                Arguments.of(3.0, 3.0, ms(4_000)),    // flat ramp
                Arguments.of(0.1, 0.2, ms(30_000)),   // under one user per second
                Arguments.of(5.0, 2500.0, ms(3_000)), // to more than 1000/s
                Arguments.of(2500.0, 100.0, ms(5_000)),
                Arguments.of(100.0, 1000.0, ms(7_000)),
                Arguments.of(50.0, 500.0, ms(300_000)),
                Arguments.of(0.0, 0.0, ms(3_000)));
    }

    @ParameterizedTest(name = "rampUsersPerSec({0}).to({1}) during {2}")
    @MethodSource("rampCases")
    void rampUsersPerSecMatchesGatling(double from, double to, Duration during) {
        OpenStep.RampUsersPerSec step = ramp(from, to, during, false);
        long[] expected = gatling(gatlingStep(step, 0));
        assertSameSchedule(expected, ours(step, 0), step.toString());
        // the carried fractions lose at most one user against the integral of the rate
        double integral = (from + to) / 2 * during.getSeconds();
        assertTrue(expected.length <= integral + 1e-9 && expected.length > integral - 1 - 1e-9,
                expected.length + " users for an integral of " + integral);
    }

    @Test
    void subSecondRampIsRefusedAsGatlingFailsOnIt() {
        // Gatling divides by the whole seconds of the ramp and throws when the run starts
        assertThrows(ArithmeticException.class, () -> gatling(RampRateOpenInjection.apply(1.0, 2.0, fd(ms(500)))));
        assertThrows(io.headroom.yaml.FieldError.class, () -> ramp(1.0, 2.0, ms(500), false));
        // randomized, Gatling injects nothing (no whole second) and so do we
        OpenStep.RampUsersPerSec r = ramp(1.0, 2.0, ms(500), true);
        assertEquals(0, gatling(gatlingStep(r, 1)).length);
        assertEquals(0, ours(r, 1).length);
    }

    // ---- whole profiles: offsets between steps -----------------------------------------------

    @Test
    void profileChainsStepsAsGatlingDoes() {
        List<OpenStep> steps = List.of(
                constant(3.3, ms(1_500), false),
                ramp(1.5, 7.25, ms(13_700), false),
                constant(2500, ms(2_000), false),
                constant(1, ms(250), false),        // nothing injected, but 250 ms pass
                ramp(0, 10, ms(2_500), false),
                constant(0.7, ms(10_300), false),
                ramp(7, 3, ms(4_000), false));
        LoadProfile profile = new LoadProfile("parity", null, Map.of(), null, steps);
        List<OpenInjectionStep> g = steps.stream().map(s -> gatlingStep(s, 0)).toList();
        CompositeOpenInjectionStep composite = new CompositeOpenInjectionStep(
                scala.jdk.javaapi.CollectionConverters.asScala(g).toList());
        long[] expected = gatling(composite);
        assertSameSchedule(expected, drain(profile.arrivals(new RandomStreams(1))), "profile");
        assertTrue(expected.length > 2500 * 2, "the profile injects users: " + expected.length);
        assertEquals(composite.duration().toNanos(), profile.duration().toNanos());
    }

    // ---- the shard rule itself ---------------------------------------------------------------

    @Test
    void shardMatchesGatlingsShard() {
        int[] counts = {1, 2, 3, 7, 10, 13, 59, 60, 1000};
        for (int count : counts) {
            for (long total = 0; total <= 3000; total++) {
                for (int i = 0; i < count; i++) {
                    long expected = Shard$.MODULE$.shard(total, i, count).length();
                    if (GatlingShard.at(total, i, count) != expected) {
                        throw new AssertionError("shard(" + total + ", " + i + ", " + count + ") = " + expected
                                + ", ours " + GatlingShard.at(total, i, count));
                    }
                }
            }
        }
        // and shards(total, 1000), which spreads a second's users over its milliseconds
        for (long total : new long[] {1, 3, 7, 333, 999, 1000, 1001, 1999, 2500, 12_345, 99_999}) {
            Iterator<Object> it = Shard$.MODULE$.shards(total, 1000);
            long[] expected = new long[1000];
            for (int i = 0; i < 1000; i++) {
                expected[i] = (Long) it.next();
            }
            long[] actual = new long[1000];
            for (int i = 0; i < 1000; i++) {
                actual[i] = GatlingShard.at(total, i, 1000);
            }
            assertArrayEquals(expected, actual, "shards(" + total + ", 1000)");
            assertEquals(total, Arrays.stream(actual).sum());
        }
    }

    // ---- small schedules derived by hand from the rule, as a readable check ---------------------

    @Test
    void handDerivedSchedules() {
        // 3.3/s during 1500ms: round(1 * 3.3) = 3 users in second 0; cumulative per millisecond
        // ceil(3/1000 * (ms+1)) steps up at ms 0, 333 and 666
        assertArrayEquals(new long[] {0, 333_000_000L, 666_000_000L}, ours(constant(3.3, ms(1_500), false), 0));
        // 0.7/s during 10s: 7 users over 10 seconds, second s ends at ceil(0.7 * (s+1)):
        // seconds 0,1,2,4,5,7,8 get one user each, at their first millisecond
        assertArrayEquals(new long[] {0, 1_000_000_000L, 2_000_000_000L, 4_000_000_000L, 5_000_000_000L,
                7_000_000_000L, 8_000_000_000L}, ours(constant(0.7, ms(10_000), false), 0));
        // ramp 1 -> 2 over 2 s: a = 0.25, second 0 = 1.25 -> 1 (carry .25), second 1 = 1.75 + .25 = 2
        assertArrayEquals(new long[] {0, 1_000_000_000L, 1_500_000_000L}, ours(ramp(1, 2, ms(2_000), false), 0));
        // 2500/s: 2 or 3 users per millisecond, the larger first
        long[] t = ours(constant(2500, ms(1_000), false), 0);
        assertEquals(2500, t.length);
        assertArrayEquals(new long[] {0, 0, 0, 1_000_000L, 1_000_000L}, Arrays.copyOf(t, 5));
    }
}
