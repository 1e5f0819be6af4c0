package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reference-instance from YAML, end to end, with the bundled families' speeds; its mistakes located, exit 2. */
class PerformanceInputTest {
    private static final String DESIGN = String.join("\n",
            "name: graviton",
            "entry: api",
            "reference-instance: m5.large",
            "components:",
            "  api:",
            "    type: service",
            "    instance: {type: c7g.large}",
            "    replicas: 1",
            "    concurrency: 8",
            "    endpoints:",
            "      get: {demand: {dist: constant, value: 10ms}, wait: {dist: constant, value: 3ms}}",
            "");

    /**
     * 10 ms of CPU measured on an m5 (speed 0.64 against c6i) runs on a c7g (0.92) in 10 × 0.64 / 0.92 = 6.9565 ms; the 3 ms
     * wait is unchanged. One request every 2 s never meets another.
     */
    @Test
    void aDemandMeasuredOnM5RunsAtTheRatioOfTheBundledSpeedsOnC7g(@TempDir Path tmp) throws Exception {
        Path d = Files.writeString(tmp.resolve("d.yaml"), DESIGN);
        Path p = Files.writeString(tmp.resolve("p.yaml"), "name: p\ninjection:\n  - constantUsersPerSec: {rate: 0.5, during: 10m}\n");
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", d.toString(), "--load", p.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        double expected = Math.round(10e6 * 0.64 / 0.92) / 1e6 + 3;
        assertEquals(expected, s.path("overall").path("latency_ms").path("mean").asDouble(), 1e-4);
        assertTrue(s.path("checks").path("passed").asBoolean());
    }

    @Test
    void aReferenceOfAnUnknownFamilyIsLocated(@TempDir Path tmp) throws Exception {
        Path d = Files.writeString(tmp.resolve("d.yaml"), DESIGN.replace("reference-instance: m5.large", "reference-instance: x9.large"));
        String first = LocatedErrors.check(d);
        assertTrue(first.startsWith(d + ":3:21: reference-instance: the catalogue aws-us-east-1 has no speed for the family of x9.large"),
                first);
    }

    @Test
    void creditsOnATypeThatIsNotBurstableAreLocated(@TempDir Path tmp) throws Exception {
        Path d = Files.writeString(tmp.resolve("d.yaml"), DESIGN.replace("{type: c7g.large}", "{type: c7g.large, credits: standard}"));
        String first = LocatedErrors.check(d);
        assertTrue(first.startsWith(d + ":7:42: components.api.instance.credits: c7g.large is not a burstable type: CPU credits"
                + " belong to the burstable families' types (t3, t3a, t4g)"), first);
    }

    @Test
    void moreInitialCreditsThanTheTypeHoldsAreLocated(@TempDir Path tmp) throws Exception {
        Path d = Files.writeString(tmp.resolve("d.yaml"), DESIGN.replace("reference-instance: m5.large\n", "")
                .replace("{type: c7g.large}", "{type: t3.large, initial-credits: 900}"));
        String first = LocatedErrors.check(d);
        assertTrue(first.contains("components.api.instance.initial-credits: t3.large holds at most 864 credits (24 hours of"
                + " earning), got 900"), first);
    }

    @Test
    void anUnknownCreditModeIsLocated(@TempDir Path tmp) throws Exception {
        Path d = Files.writeString(tmp.resolve("d.yaml"), DESIGN.replace("{type: c7g.large}", "{type: t3.large, credits: turbo}"));
        String first = LocatedErrors.check(d);
        assertTrue(first.contains("components.api.instance.credits"), first);
        assertTrue(first.contains("standard") && first.contains("unlimited"), first);
    }
}
