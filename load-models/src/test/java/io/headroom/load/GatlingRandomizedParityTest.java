package io.headroom.load;

import static io.headroom.load.GatlingOracle.constant;
import static io.headroom.load.GatlingOracle.ms;
import static io.headroom.load.GatlingOracle.ramp;
import static io.headroom.load.GatlingOracle.assertSameSchedule;
import static io.headroom.load.GatlingOracle.drain;
import static io.headroom.load.GatlingOracle.gatling;
import static io.headroom.load.GatlingOracle.gatlingStep;
import static io.headroom.load.GatlingOracle.ours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.core.controller.inject.open.CompositeOpenInjectionStep;
import io.gatling.core.controller.inject.open.OpenInjectionStep;
import io.headroom.random.RandomStreams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our {@code randomized} steps against Gatling 3.15.1's {@code PoissonOpenInjection}
 * ({@link GatlingOracle}). Gatling draws from {@code new SplittableRandom(seed)} and our
 * {@link io.headroom.random.StreamRandom} is a SplittableRandom too, so for the same seed every
 * arrival time must be equal to the nanosecond, and the user count is Gatling's fixed one:
 * {@code floor((from + to) / 2 * whole seconds)}.
 */
class GatlingRandomizedParityTest {

    static Stream<Arguments> randomizedCases() {
        return Stream.of(
                Arguments.of(3.3, 3.3, ms(10_000), 42L),
                Arguments.of(0.7, 0.7, ms(30_000), 7L),
                Arguments.of(3.3, 3.3, ms(1_500), 99L),   // whole seconds only
                Arguments.of(2500.0, 2500.0, ms(3_000), -5L),
                Arguments.of(1.5, 7.25, ms(13_000), 1234L),
                Arguments.of(1.5, 7.25, ms(13_700), 1234L),
                Arguments.of(10.0, 0.0, ms(20_000), 3L),
                Arguments.of(0.0, 50.0, ms(30_000), 8L),
                Arguments.of(100.0, 1000.0, ms(7_000), Long.MIN_VALUE),
                Arguments.of(5.0, 5.0, ms(500), 1L));     // under a second: nothing
    }

    @ParameterizedTest(name = "randomized {0} -> {1} during {2}, seed {3}")
    @MethodSource("randomizedCases")
    void randomizedMatchesGatlingForTheSameSeed(double from, double to, Duration during, long seed) {
        OpenStep step = from == to ? constant(from, during, true) : ramp(from, to, during, true);
        long[] expected = gatling(gatlingStep(step, seed));
        assertSameSchedule(expected, ours(step, seed), step + " seed " + seed);
        // Gatling's randomized count is not random: floor of the integral of the rate over whole seconds
        assertEquals((long) ((from + to) / 2 * during.getSeconds()), expected.length);
    }

    @Test
    void countsAreGatlingsFixedCounts() {
        assertEquals(100_000, ours(constant(50, Duration.ofSeconds(2000), true), 11).length);
        assertEquals(30_000, ours(ramp(0, 100, Duration.ofSeconds(600), true), 5).length);
        assertEquals(8, ours(constant(4, ms(2_900), true), 3).length); // over 2 whole seconds
        assertEquals(600 + 375, drain(new LoadProfile("p", null, Map.of(), null, List.of(
                constant(20, Duration.ofSeconds(30), true), ramp(20, 5, Duration.ofSeconds(30), true)))
                .arrivals(new RandomStreams(2))).length);
    }

    @Test
    void profileWithARandomizedStepChainsAsGatlingDoes() {
        long runSeed = 2024;
        List<OpenStep> steps = List.of(
                constant(3.3, ms(1_500), false),
                ramp(1.5, 7.25, ms(13_700), false),
                constant(2500, ms(2_000), false),
                constant(1, ms(250), false),        // nothing injected, but 250 ms pass
                ramp(0, 10, ms(2_500), false),
                constant(4.5, ms(3_300), true),     // the profile's one randomized step
                ramp(7, 3, ms(4_000), false));
        LoadProfile profile = new LoadProfile("parity", null, Map.of(), null, steps);
        // our randomized steps draw from the run's "load:arrivals" stream; with one such step it is
        // Gatling's step with that stream's seed
        long streamSeed = new RandomStreams(runSeed).seedOf("load:arrivals");
        List<OpenInjectionStep> g = steps.stream().map(s -> gatlingStep(s, streamSeed)).toList();
        CompositeOpenInjectionStep composite = new CompositeOpenInjectionStep(
                scala.jdk.javaapi.CollectionConverters.asScala(g).toList());
        long[] expected = gatling(composite);
        assertSameSchedule(expected, drain(profile.arrivals(new RandomStreams(runSeed))), "profile");
        assertTrue(expected.length > 2500 * 2, "the profile injects users: " + expected.length);
    }
}
