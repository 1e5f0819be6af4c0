package io.headroom.autoscale;

import io.headroom.design.autoscaling.Alarm;
import io.headroom.design.autoscaling.Fixed;
import io.headroom.design.autoscaling.Hpa;
import io.headroom.design.autoscaling.Predictive;
import io.headroom.design.autoscaling.Scheduled;
import io.headroom.design.autoscaling.Simple;
import io.headroom.design.autoscaling.Step;
import io.headroom.design.autoscaling.TargetTracking;
import io.headroom.design.autoscaling.Autoscaling;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.HpaBehavior;
import io.headroom.design.autoscaling.PolicyFiles;
import io.headroom.design.autoscaling.HpaTarget;
import io.headroom.design.autoscaling.Metric;
import io.headroom.design.autoscaling.MetricCollection;
import io.headroom.design.autoscaling.Tolerances;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.autoscaling.AwsTerms.AdjustmentType;
import io.headroom.design.autoscaling.AwsTerms.Comparison;
import io.headroom.design.autoscaling.HpaBehavior.Policy;
import io.headroom.design.autoscaling.HpaBehavior.PolicyType;
import io.headroom.design.autoscaling.HpaBehavior.Select;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code autoscaling:} as users write it: each policy, one or a list, HPA manifests inline and by file, and refusals at their key. */
class YamlSpecTest {

    /** Stands for a component in a design: the key the integrator adds. */
    public record Component(String type, Autoscaling autoscaling) {
    }

    /** Binds {@code autoscaling: value} and reads the manifest files it names, as the design reader does. */
    static Autoscaling bind(String value, Path dir) throws BadInputException {
        String yaml = "type: service\nautoscaling: " + value + "\n";
        YamlDocument doc = YamlDocument.parse(dir.resolve("design.yaml"), "design.yaml", yaml);
        List<InputError> errors = new ArrayList<>();
        Autoscaling a = PolicyFiles.read(doc.bind(Component.class).autoscaling(), doc, "autoscaling", errors);
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        return a;
    }

    static <T extends AutoscalingSpec> T one(String value, Class<T> type) {
        try {
            Autoscaling a = bind(value, Path.of("."));
            assertEquals(1, a.policies().size());
            return assertInstanceOf(type, a.policies().get(0));
        } catch (BadInputException e) {
            throw new AssertionError(e.errors().toString());
        }
    }

    /** The {@code autoscaling:} of a value that must bind. */
    static Autoscaling one0(String value) {
        try {
            return bind(value, Path.of("."));
        } catch (BadInputException e) {
            throw new AssertionError(e.errors().toString());
        }
    }

    static InputError refused(String value) {
        BadInputException e = assertThrows(BadInputException.class, () -> bind(value, Path.of(".")), value);
        assertEquals(1, e.errors().size(), e.errors().toString());
        return e.errors().get(0);
    }

    @Test
    void designExample() {
        Hpa h = one("{policy: hpa, metric: cpu, target: 0.6}", Hpa.class);
        assertEquals(List.of(new HpaTarget(Metric.CPU, HpaTarget.Kind.RESOURCE_UTILIZATION, 60)), h.targets());
        assertEquals(MetricCollection.KUBERNETES, h.collection());
    }

    @Test
    void hpaInFull() {
        Hpa h = one("""
                {policy: hpa, metrics: [{metric: cpu, target: 0.6}, {metric: rps, target: 50}, {metric: latency-p95, target: 200}],
                 tolerance: 0.05, sync-period: 30s, cpu-initialization-period: 3m, initial-readiness-delay: 10s,
                 metric-interval: 30s, metric-lag: 0s,
                 behavior: {scaleUp: {stabilizationWindowSeconds: 60, selectPolicy: Min, policies: [{type: Pods, value: 2, periodSeconds: 30}]},
                            scaleDown: {policies: [{type: Percent, value: 10, periodSeconds: 60}]}}}""", Hpa.class);
        assertEquals(List.of(new HpaTarget(Metric.CPU, HpaTarget.Kind.RESOURCE_UTILIZATION, 60),
                new HpaTarget(Metric.RPS, HpaTarget.Kind.PODS_AVERAGE_VALUE, 50_000),
                new HpaTarget(Metric.LATENCY_P95, HpaTarget.Kind.OBJECT_VALUE, 200_000)), h.targets());
        assertEquals(new Tolerances(0.05, 0.05), h.tolerance());
        assertEquals(Duration.ofSeconds(30), h.syncPeriod());
        assertEquals(Duration.ofMinutes(3), h.cpuInitializationPeriod());
        assertEquals(Duration.ofSeconds(10), h.initialReadinessDelay());
        assertEquals(new MetricCollection(30_000_000_000L, 30_000_000_000L, 0), h.collection());
        assertEquals(60, h.behavior().scaleUp().stabilizationWindowSeconds());
        assertEquals(Select.MIN, h.behavior().scaleUp().selectPolicy());
        assertEquals(List.of(new Policy(PolicyType.PODS, 2, 30)), h.behavior().scaleUp().policies());
        assertEquals(300, h.behavior().scaleDown().stabilizationWindowSeconds(), "Kubernetes' default window stays");
        assertEquals(List.of(new Policy(PolicyType.PERCENT, 10, 60)), h.behavior().scaleDown().policies());
    }

    static final String MANIFEST = """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: api, namespace: shop}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
              minReplicas: 2
              maxReplicas: 40
              metrics:
              - type: Resource
                resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}
              - type: Pods
                pods: {metric: {name: rps}, target: {type: AverageValue, averageValue: 500m}}
              - type: Object
                object:
                  describedObject: {apiVersion: v1, kind: Service, name: api}
                  metric: {name: latency-p95}
                  target: {type: Value, value: "250"}
              - type: External
                external: {metric: {name: rps-total}, target: {type: AverageValue, averageValue: 2k}}
              behavior:
                scaleDown:
                  stabilizationWindowSeconds: 120
                  policies: [{type: Pods, value: 4, periodSeconds: 60}]
            """;

    static void assertManifest(Hpa h) {
        assertEquals(List.of(new HpaTarget(Metric.CPU, HpaTarget.Kind.RESOURCE_UTILIZATION, 60),
                new HpaTarget(Metric.RPS, HpaTarget.Kind.PODS_AVERAGE_VALUE, 500),
                new HpaTarget(Metric.LATENCY_P95, HpaTarget.Kind.OBJECT_VALUE, 250_000),
                new HpaTarget(Metric.RPS_TOTAL, HpaTarget.Kind.OBJECT_AVERAGE_VALUE, 2_000_000)), h.targets());
        assertEquals(2, h.minReplicas());
        assertEquals(40, h.maxReplicas());
        assertEquals(120, h.behavior().scaleDown().stabilizationWindowSeconds());
        assertEquals(List.of(new Policy(PolicyType.PODS, 4, 60)), h.behavior().scaleDown().policies());
        assertEquals(HpaBehavior.DEFAULT.scaleUp(), h.behavior().scaleUp());
    }

    @ParameterizedTest(name = "averageValue: {0} = {1} milli")
    @CsvSource({"500m, 500", "1.5, 1500", "2k, 2000000", "1Ki, 1024000", "1e3, 1000000", "0.5Ki, 512000", "1n, 1"})
    void manifestValuesAreKubernetesQuantities(String written, long milli) {
        Hpa h = one("""
                {apiVersion: autoscaling/v2, kind: HorizontalPodAutoscaler, spec: {maxReplicas: 3, metrics: [
                  {type: Pods, pods: {metric: {name: rps}, target: {type: AverageValue, averageValue: %s}}}]}}""".formatted(written),
                Hpa.class);
        assertEquals(List.of(new HpaTarget(Metric.RPS, HpaTarget.Kind.PODS_AVERAGE_VALUE, milli)), h.targets());
    }

    @Test
    void manifestInline() throws BadInputException {
        String yaml = "type: service\nautoscaling:\n" + MANIFEST.indent(2);
        Autoscaling a = YamlDocument.parse(Path.of("design.yaml"), "design.yaml", yaml).bind(Component.class).autoscaling();
        assertManifest(assertInstanceOf(Hpa.class, a.policies().get(0)));
        assertEquals(2, Autoscaler.of(a, io.headroom.design.ReplicasSpec.fixed(4)).minReplicas(), "the manifest's bounds win");
    }

    @Test
    void manifestFromAFileBesideTheDesign(@TempDir Path dir) throws IOException, BadInputException {
        Files.createDirectories(dir.resolve("k8s"));
        Files.writeString(dir.resolve("k8s/hpa.yaml"), MANIFEST);
        Autoscaling a = bind("{policy: hpa, manifest: k8s/hpa.yaml, sync-period: 10s}", dir);
        Hpa h = assertInstanceOf(Hpa.class, a.policies().get(0));
        assertManifest(h);
        assertEquals(Duration.ofSeconds(10), h.syncPeriod());

        Files.writeString(dir.resolve("k8s/bad.yaml"), MANIFEST.replace("maxReplicas: 40", "maxReplicas: 1"));
        BadInputException e = assertThrows(BadInputException.class, () -> bind("{policy: hpa, manifest: k8s/bad.yaml}", dir));
        String msg = e.errors().get(0).format();
        assertTrue(msg.contains("autoscaling.manifest") && msg.contains("bad.yaml:7") && msg.contains("maxReplicas (1) is below minReplicas (2)"), msg);
    }

    @Test
    void theDesignReaderReadsAManifestFileAndLocatesItsErrors(@TempDir Path dir) throws IOException, BadInputException {
        Files.createDirectories(dir.resolve("k8s"));
        Files.writeString(dir.resolve("k8s/hpa.yaml"), MANIFEST);
        Files.writeString(dir.resolve("k8s/bad.yaml"), MANIFEST.replace("maxReplicas: 40", "maxReplicas: 1"));
        String design = """
                name: d
                entry: api
                components:
                  api:
                    type: service
                    replicas: {initial: 2, min: 2, max: 2}
                    concurrency: 4
                    endpoints: {default: {demand: {dist: constant, value: 10ms}}}
                    autoscaling: [{policy: hpa, manifest: k8s/%s}, {policy: predictive, target: 100}]
                """;
        Files.writeString(dir.resolve("good.yaml"), design.formatted("hpa.yaml"));
        io.headroom.design.ServiceSpec api = (io.headroom.design.ServiceSpec) io.headroom.design.DesignReader.read(dir.resolve("good.yaml"))
                .design().components().get("api");
        Hpa h = assertInstanceOf(Hpa.class, api.autoscaling().policies().get(0));
        assertManifest(h);
        assertEquals("k8s/hpa.yaml", h.manifest());

        Files.writeString(dir.resolve("bad.yaml"), design.formatted("bad.yaml"));
        BadInputException e = assertThrows(BadInputException.class, () -> io.headroom.design.DesignReader.read(dir.resolve("bad.yaml")));
        assertEquals(1, e.errors().size(), e.errors().toString());
        InputError err = e.errors().get(0);
        assertEquals("components.api.autoscaling[0].manifest", err.path());
        assertEquals(9, err.mark().line(), err.format());
        assertTrue(err.message().startsWith("in ") && err.message().contains("bad.yaml:7")
                && err.message().contains("maxReplicas (1) is below minReplicas (2)"), err.format());
    }

    @Test
    void awsPolicies() {
        TargetTracking t = one("{policy: target-tracking, metric: cpu, target: 0.5, warmup: 2m, disable-scale-in: true}",
                TargetTracking.class);
        assertEquals(0.5, t.target());
        assertEquals(Duration.ofMinutes(2), t.warmup());
        assertTrue(t.disableScaleIn());
        assertEquals(MetricCollection.CLOUDWATCH, t.collection());
        assertEquals(Duration.ofSeconds(300), one("{policy: target-tracking, metric: rps, target: 80}", TargetTracking.class).warmup());

        Step s = one("""
                {policy: step, metric: cpu, threshold: 0.7, comparison: greater-than-or-equal, evaluation-periods: 3, datapoints-to-alarm: 2,
                 adjustment-type: percent-change-in-capacity, min-adjustment-magnitude: 2,
                 steps: [{lower: 0, upper: 0.1, adjustment: 10}, {lower: 0.1, adjustment: 30}], warmup: 90s}""", Step.class);
        assertEquals(new Alarm(Metric.CPU, 0.7, Comparison.GREATER_OR_EQUAL, 3, 2, MetricCollection.CLOUDWATCH), s.alarm());
        assertEquals(AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, s.adjustmentType());
        assertEquals(2, s.minAdjustmentMagnitude());
        assertEquals(2, s.steps().size());
        assertEquals(Duration.ofSeconds(90), s.warmup());

        Simple p = one("{policy: simple, metric: queue-length, threshold: 5, adjustment: 2}", Simple.class);
        assertEquals(Duration.ofSeconds(300), p.cooldown());
        assertEquals(1, p.alarm().evaluationPeriods());
        assertEquals(AdjustmentType.CHANGE_IN_CAPACITY, p.adjustmentType());

        Scheduled sc = one("{policy: scheduled, actions: [{cron: \"0 8 * * MON-FRI\", min: 4}, {at: 2h, desired: 6, max: 10}]}",
                Scheduled.class);
        assertEquals(2, sc.actions().size());
        assertEquals(Duration.ofHours(2), sc.actions().get(1).at());

        Predictive pr = one("{policy: predictive, metric: rps, target: 100}", Predictive.class);
        assertEquals(Duration.ofDays(1), pr.season());
        assertEquals(Predictive.FIVE_MINUTES, pr.collection());
        one("{policy: fixed}", Fixed.class);
    }

    @Test
    void fractionTargetsTakePercentages() {
        assertEquals(List.of(new HpaTarget(Metric.CPU, HpaTarget.Kind.RESOURCE_UTILIZATION, 60)),
                one("{policy: hpa, metric: cpu, target: 60%}", Hpa.class).targets());
        assertEquals(List.of(new HpaTarget(Metric.UTILISATION, HpaTarget.Kind.PODS_AVERAGE_VALUE, 750),
                        new HpaTarget(Metric.RPS, HpaTarget.Kind.PODS_AVERAGE_VALUE, 50_000)),
                one("{policy: hpa, metrics: [{metric: utilisation, target: 75%}, {metric: rps, target: 50}]}", Hpa.class).targets());
        assertEquals(0.6, one("{policy: target-tracking, metric: cpu, target: 60%}", TargetTracking.class).target());
        assertEquals(0.45, one("{policy: target-tracking, metric: utilisation, target: 45 %}", TargetTracking.class).target());
        assertEquals(0.7, one("{policy: predictive, metric: cpu, target: 70%}", Predictive.class).target());
        assertEquals(0.8, one("{policy: step, metric: utilisation, threshold: 80%, steps: [{lower: 0, adjustment: 1}]}", Step.class)
                .alarm().threshold());
        assertEquals(new Tolerances(0.05, 0.05), one("{policy: hpa, metric: cpu, target: 0.6, tolerance: 5%}", Hpa.class).tolerance());
        assertEquals(0.05, one("{policy: hpa, metric: cpu, target: 0.6, behavior: {scaleUp: {tolerance: 50m}}}", Hpa.class)
                .behavior().scaleUp().tolerance(), "a behavior's tolerance is a Kubernetes quantity, as in the HPA's API");
    }

    @Test
    void aListCombinesPolicies() throws BadInputException {
        Autoscaling a = bind("[{policy: target-tracking, metric: cpu, target: 0.5}, {policy: step, metric: rps, threshold: 100, "
                + "steps: [{lower: 0, adjustment: 2}]}, {policy: predictive, target: 80}]", Path.of("."));
        assertEquals(3, a.policies().size());
        assertEquals(3, Autoscaler.of(a, new io.headroom.design.ReplicasSpec(2, 1, 10)).policies().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{policy: hap, metric: cpu, target: 0.6}|autoscaling.policy|unknown policy 'hap'",
        "{metric: cpu, target: 0.6}|autoscaling.policy|missing required key 'policy'",
        "{policy: hpa, metric: memory, target: 0.6}|autoscaling.metric|'memory' is not one of: cpu, utilisation",
        "{policy: hpa, metric: cpu, target: 0.605}|autoscaling.target|whole percent",
        "{policy: hpa, metric: cpu}|autoscaling.target|missing required key 'target'",
        "{policy: hpa, metric: utilisation, target: 60}|autoscaling.target|utilisation is busy workers / workers, at most 1, so 60 is never reached; write 0.6 or 60%",
        "{policy: hpa, metrics: [{metric: rps, target: 50}, {metric: utilisation, target: 75}]}|autoscaling.metrics[1].target|so 75 is never reached; write 0.75 or 75%",
        "{policy: target-tracking, metric: utilisation, target: 60}|autoscaling.target|utilisation is busy workers / workers, at most 1, so 60 is never reached; write 0.6 or 60%",
        "{policy: target-tracking, metric: utilisation, target: 150%}|autoscaling.target|so 1.5 is never reached",
        "{policy: predictive, metric: utilisation, target: 70}|autoscaling.target|write 0.7 or 70%",
        "{policy: simple, metric: utilisation, threshold: 90, adjustment: 1}|autoscaling.threshold|write 0.9 or 90%",
        "{policy: hpa, metric: rps, target: 50%}|autoscaling.target|a percentage is for cpu and utilisation, whose targets are fractions; a rps target is requests per second per instance, got 50%",
        "{policy: target-tracking, metric: latency-p95, target: 20%}|autoscaling.target|a latency-p95 target is milliseconds, got 20%",
        "{policy: target-tracking, metric: cpu, target: sixty}|autoscaling.target|'sixty' is not a number or a percentage: write e.g. 0.6 or 60%",
        "{policy: hpa, metric: cpu, target: 0.6, tolerance: 10}|autoscaling.tolerance|must be at least 0 and below 1, got 10",
        "{policy: hpa, metric: cpu, target: 0.6, tolerence: 0.1}|autoscaling.tolerence|tolerance",
        "{policy: hpa, metric: cpu, target: 0.6, behavior: {scaleDown: {selectPolicy: Maximum}}}|autoscaling.behavior.scaleDown.selectPolicy|'Maximum' is not one of: Max, Min, Disabled",
        "{policy: hpa, metric: cpu, target: 0.6, behavior: {scaleUp: {policies: [{type: Pods, value: 4, periodSeconds: 3600}]}}}|autoscaling.behavior.scaleUp.policies[0].periodSeconds|between 1 and 1800",
        "{policy: target-tracking, metric: cpu, target: -1}|autoscaling.target|must be a positive number",
        "{policy: step, metric: cpu, threshold: 0.7, steps: [{lower: 0, adjustment: 1}, {lower: 0.1, adjustment: 2}]}|autoscaling.steps[1]|overlaps step 0",
        "{policy: step, metric: cpu, threshold: 0.7, evaluation-periods: 2, datapoints-to-alarm: 3, steps: [{lower: 0, adjustment: 1}]}|autoscaling.datapoints-to-alarm|above evaluation-periods",
        "{policy: scheduled, actions: [{cron: \"0 25 * * *\", min: 2}]}|autoscaling.actions[0].cron|hour 25 is out of range 0-23",
        "{policy: scheduled, actions: [{min: 2}]}|autoscaling.actions[0].cron|give either cron",
        "{policy: predictive, target: 100, season: 7m}|autoscaling.season|whole number",
        "{policy: hpa, manifest: nowhere.yaml}|autoscaling.manifest|file not found",
        "[{policy: hpa, metric: cpu, target: 0.6}, {policy: hpa, metric: rps, target: 5}]|autoscaling|at most one hpa",
        "[{policy: fixed}, {policy: hap}]|autoscaling[1].policy|unknown policy 'hap'",
        "5|autoscaling|expected a mapping (key: value), found '5'",
        "[]|autoscaling|needs at least one policy",
        "{policy: fixed, metric: cpu}|autoscaling.metric|unknown key",
        "{policy: target-tracking, metric: cpu, target: 0.5, warmup: 5}|autoscaling.warmup|has no unit",
        "{policy: step, metric: rps, threshold: 10, adjustment-type: exact, steps: [{lower: 0, adjustment: 2}]}|autoscaling.adjustment-type|'exact' is not one of: change-in-capacity, exact-capacity, percent-change-in-capacity",
        "{apiVersion: autoscaling/v1, kind: HorizontalPodAutoscaler, spec: {maxReplicas: 3}}|autoscaling.apiVersion|expected autoscaling/v2",
        "{apiVersion: autoscaling/v2, kind: HorizontalPodAutoscaler, spec: {maxReplicas: 3, metrics: [{type: Resource, resource: {name: memory, target: {type: Utilization, averageUtilization: 60}}}]}}|autoscaling.spec.metrics[0].resource.name|only the cpu resource",
    })
    void refusalsAreLocated(String value, String path, String message) {
        InputError e = refused(value);
        assertEquals(path, e.path(), e.format());
        assertTrue(e.message().contains(message), e.format());
        assertEquals(2, e.mark().line(), e.format());
    }
}
