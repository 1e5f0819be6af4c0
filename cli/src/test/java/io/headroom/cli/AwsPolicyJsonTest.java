package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scaling policies as AWS writes them ({@code examples/aws/}): a run of the design whose policies are
 * {@code PutScalingPolicy} and {@code PutMetricAlarm} JSON is byte for byte the run of the same design with the policies
 * written in Headroom's YAML, whether the JSON is in files, inline, a bare {@code TargetTrackingConfiguration} (AWS's
 * own example) or {@code describe-policies}' answer; AWS's units become Headroom's; a mistake in the JSON is located in
 * the JSON file with AWS's key.
 */
class AwsPolicyJsonTest {
    private static final Path AWS = Path.of("..", "examples", "aws");

    /** The api-asg design with its autoscaling block replaced by {@code autoscaling} (YAML, indented under api). */
    private static Path design(Path dir, String file, String autoscaling) throws Exception {
        String text = Files.readString(AWS.resolve("api-asg.yaml"));
        int from = text.indexOf("    autoscaling:\n");
        int to = text.indexOf("    endpoints:\n");
        return Files.writeString(dir.resolve(file), text.substring(0, from) + autoscaling + text.substring(to));
    }

    private static Path profile(Path dir) throws Exception {
        // a ramp that makes both policies act: 40/s to 400/s in five minutes, then five minutes at 400/s
        return Files.writeString(dir.resolve("ramp.yaml"), "name: ramp\nwarmup: 30s\ninjection:\n"
                + "  - rampUsersPerSec: {from: 40, to: 400, during: 5m}\n  - constantUsersPerSec: {rate: 400, during: 5m}\n");
    }

    private static void copyJson(Path dir) throws Exception {
        for (String f : List.of("cpu50-target-tracking.json", "step-scale-out.json", "cpu-high-alarm.json")) {
            Files.copy(AWS.resolve(f), dir.resolve(f));
        }
    }

    private static byte[][] run(Path design, Path profile, Path out) throws Exception {
        var o = RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        return new byte[][] {Files.readAllBytes(out.resolve("summary.json")), Files.readAllBytes(out.resolve("timeseries.csv"))};
    }

    private static final String YAML_EQUIVALENT = """
                autoscaling:
                  - {policy: target-tracking, metric: cpu, target: 50%, warmup: 120s}
                  - policy: step
                    metric: cpu
                    threshold: 60%
                    comparison: greater-than-or-equal
                    evaluation-periods: 2
                    adjustment-type: percent-change-in-capacity
                    min-adjustment-magnitude: 1
                    steps:
                      - {lower: 0, upper: 0.15, adjustment: 10}
                      - {lower: 0.15, upper: 0.25, adjustment: 20}
                      - {lower: 0.25, adjustment: 30}
                    warmup: 120s
                    metric-interval: 60s
            """;

    @Test
    void awsJsonFilesRunAsTheirYamlEquivalent(@TempDir Path dir) throws Exception {
        copyJson(dir);
        Path p = profile(dir);
        byte[][] json = run(Files.copy(AWS.resolve("api-asg.yaml"), dir.resolve("api-asg.yaml")), p, dir.resolve("json"));
        byte[][] yaml = run(design(dir, "yaml.yaml", YAML_EQUIVALENT), p, dir.resolve("yaml"));
        assertArrayEquals(yaml[0], json[0], "summary.json");
        assertArrayEquals(yaml[1], json[1], "timeseries.csv");
        String summary = new String(json[0]);
        assertTrue(summary.contains("\"scale_outs\""), summary);
        assertTrue(!summary.contains("\"scale_outs\" : 0,"), "the policies acted: " + summary);
        // the same JSON inline, under the same keys
        String inline = "    autoscaling:\n      - policy: aws\n        put-scaling-policy: "
                + Files.readString(AWS.resolve("cpu50-target-tracking.json")).replace("\n", " ") + "\n      - policy: aws\n"
                + "        put-scaling-policy: " + Files.readString(AWS.resolve("step-scale-out.json")).replace("\n", " ") + "\n"
                + "        put-metric-alarm: " + Files.readString(AWS.resolve("cpu-high-alarm.json")).replace("\n", " ") + "\n";
        assertArrayEquals(yaml[0], run(design(dir, "inline.yaml", inline), p, dir.resolve("inline"))[0], "inline JSON");
        // describe-policies' answer and describe-alarms' answer, each policy finding its alarm by name
        Files.writeString(dir.resolve("policies.json"), "{\"ScalingPolicies\": [" + Files.readString(AWS.resolve("cpu50-target-tracking.json"))
                + ", " + Files.readString(AWS.resolve("step-scale-out.json")).replace("\"EstimatedInstanceWarmup\": 120",
                "\"EstimatedInstanceWarmup\": 120, \"Alarms\": [{\"AlarmName\": \"Step-Scaling-AlarmHigh-AddCapacity\"}]") + "]}");
        Files.writeString(dir.resolve("alarms.json"), "{\"MetricAlarms\": [{\"AlarmName\": \"other\", \"MetricName\": \"CPUUtilization\","
                + " \"Namespace\": \"AWS/EC2\", \"Statistic\": \"Average\", \"Period\": 300, \"EvaluationPeriods\": 5, \"Threshold\": 10,"
                + " \"ComparisonOperator\": \"LessThanThreshold\"}, " + Files.readString(AWS.resolve("cpu-high-alarm.json")) + "]}");
        String described = "    autoscaling: {policy: aws, put-scaling-policy: policies.json, put-metric-alarm: alarms.json}\n";
        assertArrayEquals(yaml[0], run(design(dir, "described.yaml", described), p, dir.resolve("described"))[0], "describe-*");
    }

    @Test
    void awsOwnTargetTrackingExampleIsTheYamlTargetTracking(@TempDir Path dir) throws Exception {
        // AWS CLI documentation, put-scaling-policy, example 1: --target-tracking-configuration file://config.json
        Files.writeString(dir.resolve("config.json"), "{\n  \"TargetValue\": 50.0,\n  \"PredefinedMetricSpecification\": {\n"
                + "    \"PredefinedMetricType\": \"ASGAverageCPUUtilization\"\n  }\n}\n");
        Path p = profile(dir);
        byte[] json = run(design(dir, "a.yaml", "    autoscaling: {policy: aws, put-scaling-policy: config.json}\n"), p, dir.resolve("a"))[0];
        byte[] yaml = run(design(dir, "b.yaml", "    autoscaling: {policy: target-tracking, metric: cpu, target: 0.5}\n"), p, dir.resolve("b"))[0];
        assertArrayEquals(yaml, json);
        // ALBRequestCountPerTarget counts a target's requests in a minute: 1200 is 20 requests a second per instance
        String alb = "    autoscaling: {\"PolicyType\": \"TargetTrackingScaling\", \"TargetTrackingConfiguration\": {\"TargetValue\": 1200,"
                + " \"PredefinedMetricSpecification\": {\"PredefinedMetricType\": \"ALBRequestCountPerTarget\", \"ResourceLabel\":"
                + " \"app/my-alb/778d41231b141a0f/targetgroup/my-alb-target-group/943f017f100becff\"}}}\n";
        byte[] albRun = run(design(dir, "c.yaml", alb), p, dir.resolve("c"))[0];
        byte[] rps = run(design(dir, "d.yaml", "    autoscaling: {policy: target-tracking, metric: rps, target: 20}\n"), p, dir.resolve("d"))[0];
        assertArrayEquals(rps, albRun);
    }

    @Test
    void mistakesAreLocatedInTheJsonWithAwsKeys(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("net.json"), "{\n  \"PolicyType\": \"TargetTrackingScaling\",\n  \"TargetTrackingConfiguration\": {\n"
                + "    \"TargetValue\": 50,\n    \"PredefinedMetricSpecification\": {\"PredefinedMetricType\": \"ASGAverageNetworkIn\"}\n  }\n}\n");
        String first = LocatedErrors.run(design(dir, "net.yaml", "    autoscaling: {policy: aws, put-scaling-policy: net.json}\n"), dir, "network");
        assertTrue(first.contains("components.api.autoscaling.put-scaling-policy: in " + dir.resolve("net.json") + ":5:"), first);
        assertTrue(first.contains("TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType: 'ASGAverageNetworkIn':"
                + " Headroom does not simulate network bytes"), first);
        Files.writeString(dir.resolve("step.json"), Files.readString(AWS.resolve("step-scale-out.json")));
        String noAlarm = LocatedErrors.run(design(dir, "s.yaml", "    autoscaling: {policy: aws, put-scaling-policy: step.json}\n"), dir, "no alarm");
        assertTrue(noAlarm.contains("PolicyType: a step or simple scaling policy acts when its CloudWatch alarm fires"), noAlarm);
        Files.writeString(dir.resolve("alarm.json"), Files.readString(AWS.resolve("cpu-high-alarm.json")).replace("\"Period\": 60", "\"Period\": 45"));
        String period = LocatedErrors.run(design(dir, "per.yaml",
                "    autoscaling: {policy: aws, put-scaling-policy: step.json, put-metric-alarm: alarm.json}\n"), dir, "period");
        assertTrue(period.contains("put-metric-alarm: in " + dir.resolve("alarm.json") + ":6:") && period.contains("Period: a CloudWatch"
                + " period is 10, 30 or a multiple of 60 seconds, got 45"), period);
        String inline = LocatedErrors.run(design(dir, "i.yaml", "    autoscaling: {PolicyType: TargetTrackingScaling, TargetTrackingConfiguration:"
                + " {TargetValue: -5, PredefinedMetricSpecification: {PredefinedMetricType: ASGAverageCPUUtilization}}}\n"), dir, "inline");
        assertTrue(inline.startsWith(dir.resolve("i.yaml") + ":22:") && inline.endsWith(
                "components.api.autoscaling.TargetTrackingConfiguration.TargetValue: must be a positive number, got -5"), inline);
        String unknown = LocatedErrors.run(design(dir, "u.yaml", "    autoscaling: {PolicyType: TargetTrackingScaling, TargetValu: 5}\n"), dir, "key");
        assertTrue(unknown.contains("components.api.autoscaling.TargetValu: 'TargetValu' is not a PutScalingPolicy key"), unknown);
        String missing = LocatedErrors.run(design(dir, "m.yaml", "    autoscaling: {policy: aws, put-scaling-policy: nowhere.json}\n"), dir, "file");
        assertTrue(missing.contains("components.api.autoscaling.put-scaling-policy: in ") && missing.contains("nowhere.json"), missing);
        String disabled = LocatedErrors.run(design(dir, "d.yaml", "    autoscaling: {PolicyType: TargetTrackingScaling, Enabled: false,"
                + " TargetTrackingConfiguration: {TargetValue: 50, PredefinedMetricSpecification: {PredefinedMetricType: ASGAverageCPUUtilization}}}\n"),
                dir, "disabled");
        assertTrue(disabled.contains("every policy here is disabled (Enabled: false)"), disabled);
        String predictive = LocatedErrors.run(design(dir, "q.yaml", "    autoscaling: {PolicyType: PredictiveScaling}\n"), dir, "predictive");
        assertTrue(predictive.contains("PolicyType: write predictive scaling as policy: predictive"), predictive);
    }
}
