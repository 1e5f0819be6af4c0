package io.headroom.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.headroom.design.autoscaling.HpaManifest;
import io.headroom.design.pricing.CatalogueFile;
import io.headroom.design.resilience.BulkheadConfig;
import io.headroom.design.resilience.RetryPolicy;
import io.headroom.load.LoadProfile;
import io.headroom.study.StudySpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.Durations;
import io.headroom.yaml.FieldError;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every number a user can write has an upper bound with a reason ({@link AtMost}): the test walks every
 * configuration class the YAML binder can reach from a design, a profile, a study, an HPA manifest and a
 * price catalogue, so a key added later without a bound fails here. Durations are bounded by their type
 * ({@link Durations#parse}, at most {@code 3650d}).
 */
class ConfigBoundsTest {
    private static final Set<Class<?>> CONFIG = ConfigRecords.reachableFrom(Design.class, LoadProfile.class, StudySpec.class,
            HpaManifest.class, CatalogueFile.class);

    @Test
    void theWalkReachesTheWholeConfiguration() {
        // a walk that stopped early would pass vacuously: it must reach the kinds of every family
        for (Class<?> c : List.of(ServiceSpec.class, ShardedStoreSpec.class, CacheSpec.class, FunctionSpec.class,
                LoadBalancerSpec.class, io.headroom.design.autoscaling.Predictive.class, io.headroom.load.OpenStep.StressPeakUsers.class,
                io.headroom.load.closed.ClosedStep.IncrementConcurrentUsers.class, io.headroom.load.scenario.ScenarioStep.Repeat.class,
                CatalogueFile.Row.class, io.headroom.dist.DistributionSpec.Lognormal.class,
                io.headroom.design.cluster.NodeCountSpec.class, io.headroom.design.cluster.ReservedSpec.class,
                io.headroom.design.cluster.ScaleDownSpec.class, io.headroom.design.cluster.OverprovisioningSpec.class,
                io.headroom.design.cluster.ReadinessSpec.class, io.headroom.yaml.CountOrPercent.class)) {
            assertTrue(CONFIG.contains(c), c + " not reached");
        }
        long keys = CONFIG.stream().mapToLong(c -> ConfigRecords.keys(c).stream().filter(p -> ConfigRecords.numeric(p.getParameterizedType())).count()).sum();
        assertTrue(keys >= 100, "numeric keys found: " + keys);
    }

    @Test
    void everyNumberAUserWritesHasABoundWithAReason() {
        List<String> unbounded = new ArrayList<>();
        for (Class<?> c : CONFIG) {
            List<Parameter> keys = new ArrayList<>(ConfigRecords.keys(c));
            if (keys.isEmpty() && c.isRecord() && delegating(c)) {
                // read from a short form by the record itself, which calls Bounds.check on its components
                for (RecordComponent rc : c.getRecordComponents()) {
                    if (ConfigRecords.numeric(rc.getGenericType()) && rc.getAnnotation(AtMost.class) == null && !valueType(c)) {
                        unbounded.add(c.getName() + "." + rc.getName());
                    }
                }
            }
            for (Parameter p : keys) {
                if (!ConfigRecords.numeric(p.getParameterizedType())) {
                    continue;
                }
                AtMost bound = p.getAnnotation(AtMost.class);
                if (bound == null) {
                    unbounded.add(c.getName() + "(" + p + ")");
                    continue;
                }
                assertTrue(bound.why().length() > 10, "a reason for " + c + " " + p);
                assertTrue(Double.parseDouble(bound.value()) > 0, bound.value());
            }
        }
        assertEquals(List.of(), unbounded);
    }

    @Test
    void docsLimitsListsEveryBoundWithItsReason() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "limits.md"));
        for (Class<?> c : CONFIG) {
            for (Parameter p : ConfigRecords.keys(c)) {
                AtMost b = p.getAnnotation(AtMost.class);
                if (b != null) {
                    assertTrue(doc.contains("| " + b.value() + " | ") && doc.contains(" | " + b.why() + " |"),
                            "docs/limits.md lacks " + b.value() + " (" + b.why() + ") of " + c.getSimpleName());
                }
            }
        }
    }

    @Test
    void durationsAreBoundedByTheirType() {
        assertEquals(Duration.ofDays(3650), Durations.MAX);
        assertEquals(Duration.ofDays(3650), Durations.parse("3650d"));
        var e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("3651d"));
        assertEquals("duration '3651d' is too long: at most 3650d: the clock counts nanoseconds in 64 bits (292 years)"
                + " and a run adds durations together", e.getMessage());
    }

    @Test
    void shortFormsCheckTheBoundOfTheComponentTheyFill() {
        assertEquals(100_000, ReplicasSpec.fixed(100_000).initial());
        assertTrue(assertThrows(FieldError.class, () -> ReplicasSpec.fixed(100_001)).getMessage()
                .startsWith("at most 100000: every instance a component may have is a slot"));
        assertTrue(assertThrows(FieldError.class, () -> RetryPolicy.immediate(1_000_001)).getMessage().startsWith("at most 1000000"));
        assertTrue(assertThrows(FieldError.class, () -> BulkheadConfig.of(2_000_001)).getMessage().startsWith("at most 2000000"));
        assertNotNull(BulkheadConfig.of(2_000_000));
    }

    private static boolean delegating(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods()).map(m -> m.getAnnotation(JsonCreator.class))
                .anyMatch(j -> j != null && j.mode() == JsonCreator.Mode.DELEGATING);
    }

    /** A value type bounded where it is used (a key of type DataSize or Fraction carries the bound). */
    private static boolean valueType(Class<?> c) {
        return c == io.headroom.yaml.DataSize.class || c == io.headroom.yaml.Fraction.class;
    }
}
