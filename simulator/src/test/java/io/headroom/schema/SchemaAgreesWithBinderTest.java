package io.headroom.schema;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.Error;
import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.study.StudyReader;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schemas refuse what the binder refuses and take what it takes: each input below, a small valid design, profile or study
 * with one thing changed, is judged by both (the binder: {@link DesignReader}, {@link LoadProfile#read}, {@link StudyReader};
 * the schema: networknt's validator), and the test fails naming every input on which they disagree.
 *
 * <p>Left out on purpose: what only the binder can see, because it relates a value to others or to files (docs/schemas.md,
 * "What only headroom check sees").
 */
class SchemaAgreesWithBinderTest {
    private static final String DESIGN = """
            name: t
            entry: api
            components:
              api:
                type: service
                replicas: 2
                concurrency: 4
                dispatch: round-robin
                queue: {capacity: 100, timeout: 2s}
                instance: {type: c6i.large}
                endpoints:
                  get:
                    demand: {dist: exponential, mean: 10ms}
                    calls:
                      - {to: db, p: 0.5, timeout: 500ms}
              db:
                type: service
                concurrency: 8
                endpoints:
                  get:
                    demand: {dist: lognormal, median: 2ms, p99: 20ms}
            """;

    private static final String PROFILE = """
            name: p
            warmup: 30s
            mix: {get: 1.0}
            injection:
              - rampUsersPerSec: {from: 1, to: 10, during: 1m}
              - constantUsersPerSec: {rate: 10, during: 2m}
            """;

    private static final String CLOSED = """
            name: c
            closed: {users: 20, think: {dist: exponential, mean: 1s}, during: 5m}
            """;

    private static final String STUDY = """
            name: s
            design: DESIGN
            profile: PROFILE
            replications: 2
            vary:
              components.api.concurrency: [2, 4]
            """;

    /** One input, its kind, and whether the binder and the schema should both take it. */
    record Case(String kind, String label, String yaml, boolean valid) {
    }

    @TempDir
    Path dir;

    private static final List<Case> CASES = new ArrayList<>();

    private static void bad(String kind, String label, String base, String from, String to) {
        add(kind, label, base, from, to, false);
    }

    private static void good(String kind, String label, String base, String from, String to) {
        add(kind, label, base, from, to, true);
    }

    private static void add(String kind, String label, String base, String from, String to, boolean valid) {
        String yaml = base.replace(from, to);
        assertNotEquals(base, yaml, label + ": '" + from + "' is not in the base input");
        CASES.add(new Case(kind, label, yaml, valid));
    }

    static {
        // designs: keys, types, bounds, units and names
        bad("design", "unknown top-level key", DESIGN, "entry: api\n", "entry: api\ncolour: red\n");
        bad("design", "unknown key in a service", DESIGN, "    concurrency: 4\n", "    concurrency: 4\n    replica: 2\n");
        bad("design", "missing name", DESIGN, "name: t\n", "");
        bad("design", "missing entry", DESIGN, "entry: api\n", "");
        bad("design", "missing components", DESIGN, DESIGN.substring(DESIGN.indexOf("components:")), "");
        bad("design", "component without a type", DESIGN, "    type: service\n    replicas: 2", "    replicas: 2");
        bad("design", "unknown component type", DESIGN, "    type: service\n    replicas: 2", "    type: servce\n    replicas: 2");
        bad("design", "service without concurrency", DESIGN, "    concurrency: 8\n", "");
        bad("design", "count written as text", DESIGN, "concurrency: 4", "concurrency: \"4\"");
        bad("design", "fractional count", DESIGN, "concurrency: 4", "concurrency: 2.5");
        bad("design", "count past its bound", DESIGN, "concurrency: 4", "concurrency: 2147483647");
        bad("design", "replicas zero, short form", DESIGN, "replicas: 2", "replicas: 0");
        bad("design", "retries as words", DESIGN, "{to: db, p: 0.5", "{to: db, p: 0.5, retries: two");
        bad("design", "negative retries", DESIGN, "{to: db, p: 0.5", "{to: db, p: 0.5, retries: -1");
        bad("design", "bulkhead of no calls", DESIGN, "{to: db, p: 0.5", "{to: db, p: 0.5, bulkhead: 0");
        bad("design", "fractional bulkhead", DESIGN, "{to: db, p: 0.5", "{to: db, p: 0.5, bulkhead: 2.5");
        bad("design", "replicas' initial zero", DESIGN, "replicas: 2", "replicas: {initial: 0}");
        bad("design", "unknown key in replicas", DESIGN, "replicas: 2", "replicas: {initial: 2, maximum: 4}");
        bad("design", "duration without a unit", DESIGN, "timeout: 2s}", "timeout: 2}");
        bad("design", "duration with an unknown unit", DESIGN, "timeout: 2s}", "timeout: 2 minutes}");
        bad("design", "negative duration", DESIGN, "timeout: 500ms}", "timeout: -500ms}");
        bad("design", "unknown dispatch", DESIGN, "dispatch: round-robin", "dispatch: round-robbin");
        bad("design", "unknown distribution", DESIGN, "{dist: exponential, mean: 10ms}", "{dist: weibull, mean: 10ms}");
        bad("design", "unknown key in a distribution", DESIGN, "{dist: exponential, mean: 10ms}", "{dist: exponential, mean: 10ms, sd: 1ms}");
        bad("design", "distribution written as a duration", DESIGN, "demand: {dist: exponential, mean: 10ms}", "demand: 10ms");
        bad("design", "distribution's mean without a unit", DESIGN, "mean: 10ms}", "mean: 10}");
        bad("design", "endpoints as a list", DESIGN, "    endpoints:\n      get:\n        demand: {dist: lognormal",
                "    endpoints:\n      - get:\n        demand: {dist: lognormal");
        bad("design", "call probability past 1", DESIGN, "p: 0.5", "p: 1.5");
        bad("design", "call probability as words", DESIGN, "p: 0.5", "p: half");
        bad("design", "unknown key in a call", DESIGN, "{to: db, p: 0.5", "{to: db, p: 0.5, retry: 2");
        bad("design", "unknown market", DESIGN, "{type: c6i.large}", "{type: c6i.large, market: spat}");
        bad("design", "queue capacity as text", DESIGN, "capacity: 100", "capacity: lots");
        bad("design", "cpu-request with an unknown suffix", DESIGN, "    concurrency: 4\n", "    concurrency: 4\n    cpu-request: 500x\n");
        bad("design", "negative cpu-request", DESIGN, "    concurrency: 4\n", "    concurrency: 4\n    cpu-request: -1\n");
        bad("design", "unknown autoscaling policy", DESIGN, "replicas: 2", "replicas: {initial: 2, min: 1, max: 4}\n"
                + "    autoscaling: {policy: target-trackin, metric: cpu, target: 0.6}");
        bad("design", "unknown key in an autoscaling policy", DESIGN, "replicas: 2", "replicas: {initial: 2, min: 1, max: 4}\n"
                + "    autoscaling: {policy: target-tracking, metric: cpu, target: 0.6, colour: red}");
        bad("design", "unknown autoscaling metric", DESIGN, "replicas: 2", "replicas: {initial: 2, min: 1, max: 4}\n"
                + "    autoscaling: {policy: target-tracking, metric: cpus, target: 0.6}");
        bad("design", "policy: aws without its policy", DESIGN, "replicas: 2", "replicas: {initial: 2, min: 1, max: 4}\n"
                + "    autoscaling: {policy: aws, put-metric-alarm: alarm.json}");
        bad("design", "unknown key beside policy: aws", DESIGN, "replicas: 2", "replicas: {initial: 2, min: 1, max: 4}\n"
                + "    autoscaling: {policy: aws, put-scaling-policy: p.json, alarm: a.json}");
        bad("design", "MixedInstancesPolicy as text", DESIGN, "instance: {type: c6i.large}", "instance: {MixedInstancesPolicy: c6i.large}");
        bad("design", "slos as a mapping", DESIGN, "entry: api\n", "entry: api\nslos: {p99: 250ms}\n");
        // profiles
        bad("profile", "missing name", PROFILE, "name: p\n", "");
        bad("profile", "neither injection nor closed", PROFILE, PROFILE.substring(PROFILE.indexOf("injection:")), "");
        bad("profile", "both injection and closed", PROFILE, "injection:", "closed: {users: 5, think: {dist: exponential, mean: 1s},"
                + " during: 5m}\ninjection:");
        bad("profile", "unknown injection step", PROFILE, "constantUsersPerSec:", "constantUsersPerSecond:");
        bad("profile", "k6 stages beside injection", PROFILE, "injection:", "stages: [{duration: 1m, target: 10}]\ninjection:");
        bad("profile", "k6 stage without its target", PROFILE, PROFILE.substring(PROFILE.indexOf("injection:")),
                "stages: [{duration: 1m}]\n");
        bad("profile", "two steps in one list item", PROFILE, "  - constantUsersPerSec: {rate: 10, during: 2m}",
                "  - constantUsersPerSec: {rate: 10, during: 2m}\n    nothingFor: {during: 1m}");
        bad("profile", "unknown key in a step", PROFILE, "{rate: 10, during: 2m}", "{rate: 10, during: 2m, randomised: true}");
        bad("profile", "negative rate", PROFILE, "{rate: 10, during: 2m}", "{rate: -10, during: 2m}");
        bad("profile", "step's duration without a unit", PROFILE, "{rate: 10, during: 2m}", "{rate: 10, during: 120}");
        bad("profile", "zero step duration", PROFILE, "{rate: 10, during: 2m}", "{rate: 10, during: 0s}");
        bad("profile", "scale zero", PROFILE, "warmup: 30s\n", "warmup: 30s\nscale: 0\n");
        bad("profile", "warm-up without a unit", PROFILE, "warmup: 30s", "warmup: 30");
        bad("profile", "mix weight as text", PROFILE, "mix: {get: 1.0}", "mix: {get: all}");
        bad("profile", "unknown scenario step", PROFILE, "mix: {get: 1.0}\n", "scenario: [{requestt: get}]\n");
        bad("profile", "scenario probability past 1", PROFILE, "mix: {get: 1.0}\n", "scenario: [{request: get, p: 2}]\n");
        bad("profile", "closed users as text", CLOSED, "users: 20", "users: many");
        bad("profile", "closed shorthand's unknown key", CLOSED, "during: 5m}", "during: 5m, pace: 1s}");
        // studies
        bad("study", "missing design", STUDY, "design: DESIGN\n", "");
        bad("study", "zero replications", STUDY, "replications: 2", "replications: 0");
        bad("study", "unknown key", STUDY, "replications: 2", "replications: 2\nreplication: 3");
        bad("study", "seed as text", STUDY, "replications: 2", "replications: 2\nseed: abc");
        bad("study", "vary's values not a list", STUDY, "[2, 4]", "4");

        // and forms both take
        good("design", "replicas as a mapping", DESIGN, "replicas: 2", "replicas: {initial: 2, min: 1, max: 4}");
        good("design", "retries and a bulkhead in short form", DESIGN, "{to: db, p: 0.5", "{to: db, p: 0.5, retries: 2, bulkhead: 10");
        good("design", "fractional duration", DESIGN, "timeout: 2s}", "timeout: 1.5s}");
        good("design", "probability as a percentage", DESIGN, "p: 0.5", "p: 50%");
        good("design", "autoscaling", DESIGN, "replicas: 2", "replicas: {initial: 2, min: 1, max: 4}\n"
                + "    autoscaling: {policy: target-tracking, metric: cpu, target: 60%}");
        good("design", "AWS's PutScalingPolicy inline", DESIGN, "replicas: 2", "replicas: {initial: 2, min: 1, max: 4}\n"
                + "    autoscaling: {PolicyType: TargetTrackingScaling, TargetTrackingConfiguration: {TargetValue: 50,"
                + " PredefinedMetricSpecification: {PredefinedMetricType: ASGAverageCPUUtilization}}}");
        good("design", "AWS's MixedInstancesPolicy inline", DESIGN, "instance: {type: c6i.large}",
                "instance: {MixedInstancesPolicy: {LaunchTemplate: {Overrides: [{InstanceType: c6i.large}]},"
                + " InstancesDistribution: {OnDemandPercentageAboveBaseCapacity: 50}}}");
        good("design", "cpu-request as a Kubernetes quantity", DESIGN, "    concurrency: 4\n", "    concurrency: 4\n    cpu-request: 1500m\n");
        good("design", "an SLO", DESIGN, "entry: api\n", "entry: api\nslos: [\"p99 < 250ms\"]\n");
        good("profile", "k6 stages with thresholds", PROFILE, PROFILE.substring(PROFILE.indexOf("injection:")),
                "stages: [{duration: 1m, target: 10}, {duration: 30s, target: 0}]\nthresholds: {http_req_duration: ['p(99)<300']}\n");
        good("profile", "scenario", PROFILE, "mix: {get: 1.0}\n", "scenario: [{request: get}, {pause: {dist: constant, value: 1s}},"
                + " {repeat: 2, do: [{request: get, p: 0.5}]}]\n");
        good("profile", "closed shorthand with a constant think time", CLOSED, "think: {dist: exponential, mean: 1s}",
                "think: {dist: constant, value: 2s}");
        good("study", "variants", STUDY, "replications: 2\n", "replications: 2\nvariants: [{name: big, set: {components.db.concurrency: 16}}]\n");
    }

    @Test
    void theSchemasRefuseWhatTheBinderRefusesAndTakeWhatItTakes() throws IOException {
        Path design = dir.resolve("design.yaml");
        Path profile = dir.resolve("profile.yaml");
        Files.writeString(design, DESIGN);
        Files.writeString(profile, PROFILE);
        List<String> disagreements = new ArrayList<>();
        int refused = 0;
        StringBuilder table = new StringBuilder();
        List<Case> all = new ArrayList<>();
        all.add(new Case("design", "the base design", DESIGN, true));
        all.add(new Case("profile", "the base profile", PROFILE, true));
        all.add(new Case("profile", "the base closed profile", CLOSED, true));
        all.add(new Case("study", "the base study", STUDY, true));
        all.addAll(CASES);
        for (Case c : all) {
            String yaml = c.yaml().replace("DESIGN", design.toString()).replace("PROFILE", profile.toString());
            BadInputException refusal = binderError(c.kind(), yaml);
            String binder = refusal == null ? null : refusal.getMessage();
            List<Error> found = SchemaCheck.schema(c.kind()).validate(
                    SchemaCheck.yamlTree(yaml));
            List<String> schema = found.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
            boolean binderTakes = binder == null;
            boolean schemaTakes = schema.isEmpty();
            if (binderTakes != c.valid() || schemaTakes != c.valid()) {
                disagreements.add(c.kind() + " / " + c.label() + ": expected " + (c.valid() ? "valid" : "refused") + "; binder "
                        + (binderTakes ? "takes it" : "refuses: " + binder) + "; schema " + (schemaTakes ? "takes it" : "refuses: "
                        + schema.get(0)));
            } else if (!c.valid()) {
                String at = refusal.errors().get(0).path();
                if (found.stream().noneMatch(e -> sameOrParent(e.getInstanceLocation().toString(), at))) {
                    disagreements.add(c.kind() + " / " + c.label() + ": both refuse it, but the binder at " + at + " and the schema"
                            + " elsewhere: " + schema);
                } else {
                    refused++;
                }
            }
            table.append(String.format("  %-8s %-45s binder: %s | schema: %s%n", c.kind(), c.label(),
                    binderTakes ? "ok" : firstLine(binder), schemaTakes ? "ok" : schema.get(0)));
        }
        System.out.println("[schema] binder and schema on " + all.size() + " inputs:\n" + table);
        if (!disagreements.isEmpty()) {
            fail("the schema and the binder disagree on " + disagreements.size() + " inputs:\n" + String.join("\n", disagreements));
        }
        assertTrue(refused >= 30, "only " + refused + " bad inputs refused by both");
        System.out.println("[schema] bad inputs refused by both the binder and the schema: " + refused);
    }

    /** True when the schema's complaint is at the binder's key or at the mapping that holds it (an unknown or missing key). */
    static boolean sameOrParent(String schemaLocation, String binderPath) {
        String l = normal(schemaLocation);
        String p = normal(binderPath);
        return l.equals(p) || p.startsWith(l.isEmpty() ? "" : l + "/") && p.substring(l.isEmpty() ? 0 : l.length() + 1).indexOf('/') < 0;
    }

    private static String normal(String path) {
        return path.replaceAll("^[$/]+", "").replaceAll("[./\\[\\]]+", "/").replaceAll("/$", "");
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    /** The binder's refusal of the input (null when it takes it). */
    private BadInputException binderError(String kind, String yaml) throws IOException {
        try {
            switch (kind) {
                case "design" -> DesignReader.read(YamlDocument.parse(dir.resolve("input.yaml"), "input.yaml", yaml));
                case "profile" -> LoadProfile.read(YamlDocument.parse(dir.resolve("input.yaml"), "input.yaml", yaml));
                default -> {
                    Path f = dir.resolve("study.yaml");
                    Files.writeString(f, yaml);
                    StudyReader.read(f);
                }
            }
            return null;
        } catch (BadInputException e) {
            return e;
        }
    }
}
