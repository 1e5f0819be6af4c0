package io.headroom.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.Fixed;
import io.headroom.design.autoscaling.Hpa;
import io.headroom.design.autoscaling.Metric;
import io.headroom.design.autoscaling.MetricCollection;
import io.headroom.design.autoscaling.Predictive;
import io.headroom.design.autoscaling.Scheduled;
import io.headroom.design.autoscaling.Simple;
import io.headroom.design.autoscaling.Step;
import io.headroom.design.autoscaling.TargetTracking;
import io.headroom.design.autoscaling.Tolerances;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry from {@code policy:} records to runtime policies: every record has its line, each builds its class. */
class PoliciesTest {

    @Test
    void eachPolicyNameBuildsItsPolicy() {
        assertInstanceOf(HpaController.class, Policies.create(YamlSpecTest.one("{policy: hpa, metric: cpu, target: 0.6}", Hpa.class)));
        assertInstanceOf(TargetTrackingPolicy.class,
                Policies.create(YamlSpecTest.one("{policy: target-tracking, metric: cpu, target: 0.5}", TargetTracking.class)));
        assertInstanceOf(StepPolicy.class, Policies.create(YamlSpecTest.one(
                "{policy: step, metric: cpu, threshold: 0.7, steps: [{lower: 0, adjustment: 1}]}", Step.class)));
        assertInstanceOf(SimplePolicy.class, Policies.create(YamlSpecTest.one(
                "{policy: simple, metric: cpu, threshold: 0.7, adjustment: 1}", Simple.class)));
        assertInstanceOf(PredictivePolicy.class, Policies.create(YamlSpecTest.one("{policy: predictive, target: 100}", Predictive.class)));
        assertNull(Policies.create(YamlSpecTest.one("{policy: scheduled, actions: [{at: 1h, min: 2}]}", Scheduled.class)), "no vote");
        assertNull(Policies.create(new Fixed()), "no vote");
    }

    @Test
    void everyRecordOfTheSealedFamilyIsRegistered() {
        Class<?>[] records = AutoscalingSpec.class.getPermittedSubclasses();
        assertEquals(8, records.length);
        for (Class<?> r : records) {
            assertTrue(r.isRecord(), r.getName());
        }
        // create() refuses only what has no line; each record above went through it
    }

    @Test
    void anHpaWhoseManifestWasNotReadIsRefused() {
        Hpa unread = new Hpa(List.of(), null, null, Tolerances.DEFAULT, Duration.ofSeconds(15), Duration.ofMinutes(5),
                Duration.ofSeconds(30), null, MetricCollection.KUBERNETES, "k8s/hpa.yaml");
        assertTrue(unread.manifestUnread());
        assertTrue(unread.setsReplicaBounds(), "the manifest will set them");
        assertThrows(IllegalStateException.class, () -> Policies.create(unread));
        assertTrue(!unread.reads(Metric.CPU));
    }

    @Test
    void anAwsPolicyWhoseFilesWereNotReadIsRefused() {
        io.headroom.design.autoscaling.AwsPolicy unread = new io.headroom.design.autoscaling.AwsPolicy("aws/cpu50.json", null);
        assertThrows(IllegalStateException.class, () -> Policies.create(unread));
        assertTrue(!unread.reads(Metric.CPU));
    }
}
