package io.headroom.load;

import io.headroom.load.arrival.ArrivalStream;
import io.gatling.core.controller.inject.open.ConstantRateOpenInjection;
import io.gatling.core.controller.inject.open.OpenInjectionStep;
import io.gatling.core.controller.inject.open.PoissonOpenInjection;
import io.gatling.core.controller.inject.open.RampRateOpenInjection;
import io.headroom.random.StreamRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import scala.collection.Iterator;
import scala.collection.Iterator$;
import scala.concurrent.duration.FiniteDuration;

/**
 * Gatling 3.15.1's own injection code (gatling-core, a test-only dependency) as an oracle, called
 * through the public bytecode of its Scala {@code private[inject]} API: a step's start times are
 * those of {@code step.chain(Iterator.empty)}.
 */
final class GatlingOracle {
    static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }

    static OpenStep.ConstantUsersPerSec constant(double rate, Duration during, boolean randomized) {
        return new OpenStep.ConstantUsersPerSec(rate, during, randomized);
    }

    static OpenStep.RampUsersPerSec ramp(double from, double to, Duration during, boolean randomized) {
        return new OpenStep.RampUsersPerSec(from, to, during, randomized);
    }

    private GatlingOracle() {
    }

    static FiniteDuration fd(Duration d) {
        return new FiniteDuration(d.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** All start times of a Gatling step (or composite), in nanoseconds. */
    static long[] gatling(OpenInjectionStep step) {
        Iterator<FiniteDuration> it = step.chain(Iterator$.MODULE$.<FiniteDuration>empty());
        List<Long> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next().toNanos());
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** Gatling's step for ours; {@code seed} is that of a randomized step's {@code SplittableRandom}. */
    static OpenInjectionStep gatlingStep(OpenStep s, long seed) {
        if (s instanceof OpenStep.ConstantUsersPerSec c) {
            return c.randomized()
                    ? new PoissonOpenInjection(fd(c.during()), c.rate(), c.rate(), seed)
                    : ConstantRateOpenInjection.apply(c.rate(), fd(c.during()));
        }
        OpenStep.RampUsersPerSec r = (OpenStep.RampUsersPerSec) s;
        return r.randomized()
                ? new PoissonOpenInjection(fd(r.during()), r.from(), r.to(), seed)
                : RampRateOpenInjection.apply(r.from(), r.to(), fd(r.during()));
    }

    static long[] drain(ArrivalStream s) {
        List<Long> out = new ArrayList<>();
        for (long t = s.next(); t != ArrivalStream.END; t = s.next()) {
            out.add(t);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** Our step's start times, the step starting at 0, a randomized one drawing from {@code StreamRandom(seed)}. */
    static long[] ours(OpenStep step, long seed) {
        return drain(step.arrivals(0, new StreamRandom(seed)));
    }

    static void assertSameSchedule(long[] expected, long[] actual, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": " + actual.length + " users, Gatling " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                throw new AssertionError(what + ": user " + i + " of " + expected.length + " starts at "
                        + actual[i] + " ns, Gatling at " + expected[i] + " ns");
            }
        }
    }
}
