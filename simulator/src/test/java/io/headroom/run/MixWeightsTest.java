package io.headroom.run;

import static io.headroom.run.Models.exp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.design.Design;
import io.headroom.design.DispatchStrategy;
import io.headroom.design.EndpointSpec;
import io.headroom.design.QueueSpec;
import io.headroom.design.ReplicasSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A mix whose weights do not sum to 1 is normalised — each weight over their sum — and the run says so. */
class MixWeightsTest {

    private static Design shop() {
        Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
        endpoints.put("browse", new EndpointSpec(exp(8), exp(20)));
        endpoints.put("checkout", new EndpointSpec(exp(25), exp(40)));
        ServiceSpec api = new ServiceSpec(null, ReplicasSpec.fixed(2), DispatchStrategy.ROUND_ROBIN, 8, 2, QueueSpec.UNBOUNDED, endpoints);
        return new Design("shop", null, "s", Map.of("s", api));
    }

    private static LoadProfile profile(double browse, double checkout) {
        Map<String, Double> mix = new LinkedHashMap<>();
        mix.put("browse", browse);
        mix.put("checkout", checkout);
        return new LoadProfile("steady", null, mix, Duration.ZERO,
                List.of(new OpenStep.ConstantUsersPerSec(100.0, Duration.ofSeconds(60), true)));
    }

    @Test
    void weightsNotSummingToOneAreNormalisedWithAWarning() {
        RunResult relative = Models.run(shop(), profile(4, 1), 7);
        RunResult fractions = Models.run(shop(), profile(0.8, 0.2), 7);
        assertEquals(List.of("the mix's weights sum to 5, not 1: they were normalised to browse 0.800, checkout 0.200"
                + " (each weight over their sum)"), relative.warnings());
        assertEquals(List.of(), fractions.warnings());
        assertEquals(fractions.endpoints().get("browse").requests(), relative.endpoints().get("browse").requests());
        assertEquals(fractions.endpoints().get("checkout").requests(), relative.endpoints().get("checkout").requests());
    }

    @Test
    void theWarningNamesTheSumAsWrittenAndTheSharesUsed() {
        assertEquals("the mix's weights sum to 1.1, not 1: they were normalised to browse 0.818, checkout 0.182"
                + " (each weight over their sum)", profile(0.9, 0.2).mixNormalisation());
        assertEquals("the mix's weights sum to 0.9, not 1: they were normalised to browse 0.778, checkout 0.222"
                + " (each weight over their sum)", profile(0.7, 0.2).mixNormalisation());
        assertEquals(null, profile(0.9, 0.1).mixNormalisation());
        assertEquals(null, profile(0.95, 0.05).mixNormalisation());
    }
}
