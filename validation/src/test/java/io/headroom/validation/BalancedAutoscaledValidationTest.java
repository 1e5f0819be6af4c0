package io.headroom.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DesignReader;
import io.headroom.validation.compare.ScalingComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A balancer in front of an autoscaled tier, validated end to end in real time (18 s of Gatling): the tier's
 * instance count second by second within one sync period of the simulator's (the scaling comparison's own
 * target, a mechanism insensitive to CPU contention: decisions every 4 s on busy workers), and the balancer
 * sending a new instance nothing before it is ready (its launch plus {@code startup}).
 */
class BalancedAutoscaledValidationTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theBalancedTierScalesAsSimulatedAndNewInstancesGetWorkOnlyWhenReady() throws Exception {
        var design = DesignReader.read(Path.of("src/test/resources/validation/balanced-autoscaled.yaml"));
        var profile = DesignReader.readProfile(Path.of("src/test/resources/validation/balanced-autoscaled-ramp.yaml"));
        Validation.Result r = Validation.run(design, profile, Validation.Options.DEFAULTS, dir);
        assertEquals(0, r.gatlingExit(), "Gatling's exit status");
        assertEquals(1, r.scaling().size());
        ScalingComparison s = r.scaling().get(0);
        StringBuilder b = new StringBuilder(String.format("largest difference %.2f, %d of %d s outside one sync period%n",
                s.maxAbsDiff(), s.secondsOutside(), s.seconds()));
        for (ScalingComparison.Level l : s.levels()) {
            b.append(String.format("reached %d: testbed %.1f s simulated %.1f s (%d/%d)%n", l.instances(), l.testbedS(), l.simulatedS(),
                    l.replicationsReached(), l.replications()));
        }
        System.out.print(b);
        assertTrue(s.levels().size() >= 2 && Double.isFinite(s.levels().get(1).testbedS()), "scaled out to 3 at least:\n" + b);
        assertTrue(s.pass(), "the instance count within one sync period:\n" + b);
        // instance api#k was launched when the count first reached k + 1: its first request through the balancer came
        // after its startup (2 s); served.csv's times and the scaling clock both start at the first request
        Map<String, Double> first = new HashMap<>();
        List<String> rows = Files.readAllLines(dir.resolve("served.csv"));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            if (f[0].startsWith("api#") && !f[0].endsWith("#lb")) {
                first.merge(f[0], Double.parseDouble(f[2]) / 1000, Math::min);
            }
        }
        for (ScalingComparison.Level l : s.levels()) {
            Double at = first.get("api#" + (l.instances() - 1));
            if (Double.isFinite(l.testbedS()) && at != null) {
                assertTrue(at >= l.testbedS() + 2.0 - 0.05, "api#" + (l.instances() - 1) + " got work at " + at + " s, launched at "
                        + l.testbedS() + " s:\n" + b);
            }
        }
        assertTrue(first.containsKey("api#2"), "the third instance got work through the balancer: " + first.keySet());
    }
}
