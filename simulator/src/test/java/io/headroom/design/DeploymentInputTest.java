package io.headroom.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headroom.design.DeploymentSpec;
import io.headroom.design.RolloutStrategy;
import io.headroom.design.TrafficRouting;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A service's {@code deployments:} as read: the defaults (a Deployment's 25 % surge and unavailability and 600 s
 * progress deadline, Argo's 30 s blue-green scale-down delay and failure limit 0, AWS's 90 % minimum healthy) and each
 * mistake refused where it is written ({@code file:line:column: yaml.path: message}).
 */
class DeploymentInputTest {
    /** A valid design; each case changes one thing in a copy of it. */
    static final String DESIGN = """
            name: t
            entry: api
            components:
              api:
                type: service
                replicas: 4
                concurrency: 4
                endpoints:
                  get: {demand: {dist: constant, value: 1ms}}
                deployments:
                  - at: 1m
                    strategy: rolling-update
                    new-version:
                      endpoints: {get: {error-rate: 0.05}}
                  - at: 2m
                    strategy: canary
                    steps: [{weight: 5%, pause: 1m}, {weight: 50, pause: 1m}, {weight: 100%}]
                    analysis: {slo: "errors < 1%", interval: 1m}
            """;

    private static Design read(String yaml) throws BadInputException {
        return ClusterInputTest.read(yaml);
    }

    @Test
    void readsTheDefaults() throws BadInputException {
        ServiceSpec api = (ServiceSpec) read(DESIGN).components().get("api");
        DeploymentSpec rolling = api.deployments().get(0);
        assertEquals(RolloutStrategy.ROLLING_UPDATE, rolling.strategy());
        assertEquals("25%", rolling.maxSurge().toString());
        assertEquals("25%", rolling.maxUnavailable().toString());
        assertEquals(Duration.ofSeconds(600), rolling.progressDeadline());
        assertEquals(Duration.ZERO, rolling.minReady());
        assertEquals(0.05, rolling.newVersion().applyTo(api.endpoints()).get("get").errorRate());
        assertEquals(api.endpoints().get("get").demand(), rolling.newVersion().applyTo(api.endpoints()).get("get").demand());
        DeploymentSpec canary = api.deployments().get(1);
        assertEquals(List.of(5, 50, 100), canary.steps().stream().map(s -> s.percent()).toList());
        assertEquals(TrafficRouting.REPLICAS, canary.trafficRouting());
        assertEquals(0, canary.analysis().failureLimit());
        DeploymentSpec blueGreen = ((ServiceSpec) read(DESIGN.replace("strategy: rolling-update", "strategy: blue-green"))
                .components().get("api")).deployments().get(0);
        assertEquals(Duration.ofSeconds(30), blueGreen.scaleDownDelay());
        DeploymentSpec refresh = ((ServiceSpec) read(DESIGN.replace("strategy: rolling-update", "strategy: instance-refresh"))
                .components().get("api")).deployments().get(0);
        assertEquals(90, refresh.minHealthyPercentage());
        assertEquals(100, refresh.maxHealthyPercentage());
    }

    private static Arguments refusal(String mistake, String yaml, String... expected) {
        return Arguments.of(mistake, yaml, List.of(expected));
    }

    static Stream<Arguments> refusals() {
        String canary = "        strategy: canary\n";
        return Stream.of(
                refusal("weight over 100%", DESIGN.replace("weight: 100%", "weight: 120%"), 
                        "design.yaml:17:76: components.api.deployments[1].steps[2].weight: a canary weight is between 0% and 100%, got 120%"),
                refusal("steps not increasing", DESIGN.replace("weight: 50,", "weight: 3,"), 
                        "design.yaml:17:51: components.api.deployments[1].steps[1].weight: the weights must increase step by step: 3% after 5%"),
                refusal("a fractional weight", DESIGN.replace("weight: 5%", "weight: 2.5%"), 
                        "design.yaml:17:26: components.api.deployments[1].steps[0].weight: a canary weight is a whole percentage (Argo Rollouts' setWeight), got 2.5%"),
                refusal("both fenceposts 0", DESIGN.replace("strategy: rolling-update\n", "strategy: rolling-update\n        max-surge: 0\n        max-unavailable: 0%\n"), 
                        "design.yaml:14:26: components.api.deployments[0].max-unavailable: may not be 0 when max-surge is 0 (the API server refuses it): the rollout could never replace a pod"),
                refusal("max-unavailable over 100%", DESIGN.replace("strategy: rolling-update\n", "strategy: rolling-update\n        max-unavailable: 150%\n"), 
                        "design.yaml:13:26: components.api.deployments[0].max-unavailable: a percentage of the replicas, at most 100%, got 150%"),
                refusal("unknown strategy", DESIGN.replace("strategy: rolling-update", "strategy: rolling"), 
                        "design.yaml:12:19: components.api.deployments[0].strategy: unknown strategy 'rolling': rolling-update, recreate, blue-green, canary or instance-refresh"),
                refusal("steps on a rolling update", DESIGN.replace("strategy: rolling-update\n", "strategy: rolling-update\n        steps: [{weight: 5%}]\n"), 
                        "design.yaml:13:16: components.api.deployments[0].steps: steps applies to canary only: remove it"),
                refusal("a canary without steps", DESIGN.replace("        steps: [{weight: 5%, pause: 1m}, {weight: 50, pause: 1m}, {weight: 100%}]\n", ""), 
                        "design.yaml:15:9: components.api.deployments[1].steps: a canary needs steps, e.g. steps: [{weight: 5%, pause: 10m}, {weight: 100%}]"),
                refusal("deployments out of order", DESIGN.replace("at: 2m", "at: 30s"), 
                        "design.yaml:15:13: components.api.deployments[1].at: deployments are in time order: 30s is not after 1m"),
                refusal("a new version of an endpoint the service lacks", DESIGN.replace("endpoints: {get: {error-rate", "endpoints: {put: {error-rate"), 
                        "design.yaml:14:28: components.api.deployments[0].new-version.endpoints.put: 'put' is not an endpoint of this service (endpoints: get)"),
                refusal("an error rate over 1", DESIGN.replace("error-rate: 0.05", "error-rate: 5"), 
                        "design.yaml:14:41: components.api.deployments[0].new-version.endpoints.get.error-rate: a probability is between 0 and 1, got 5; write 0.05 or 5%"),
                refusal("an analysis with a window", DESIGN.replace("errors < 1%\"", "errors < 1% over 5m\""), 
                        "design.yaml:18:25: components.api.deployments[1].analysis.slo: a measurement covers one interval: remove 'over ...' and set interval instead"),
                refusal("an analysis of cost", DESIGN.replace("errors < 1%\"", "cost_per_hour < 1\""), 
                        "design.yaml:18:25: components.api.deployments[1].analysis.slo: an analysis measures the canary's requests: errors or a latency (p50, p90, p95, p99, p99_9, mean), not cost_per_hour"),
                refusal("an analysis without interval", DESIGN.replace(", interval: 1m}", "}"), 
                        "design.yaml:18:19: components.api.deployments[1].analysis.interval: give how often the analysis measures, e.g. interval: 1m"),
                refusal("an unparsable analysis", DESIGN.replace("errors < 1%\"", "errors below 1%\""), 
                        "design.yaml:18:25: components.api.deployments[1].analysis.slo: 'errors below 1%' is not an SLO: write [ENDPOINT.]METRIC < VALUE [over WINDOW], e.g. \"p99 < 250ms\", \"checkout.p99 < 300ms\" or \"errors < 0.1% over 5m\""),
                refusal("unknown traffic routing", DESIGN.replace(canary, canary + "        traffic-routing: mesh\n"), 
                        "design.yaml:17:26: components.api.deployments[1].traffic-routing: unknown traffic-routing 'mesh': replicas (the weight by pod counts, as Argo Rollouts without a traffic router) or exact (a mesh or ingress sends exactly the weight)"),
                refusal("min-ready not under the deadline", DESIGN.replace("strategy: rolling-update\n", "strategy: rolling-update\n        min-ready: 10m\n"), 
                        "design.yaml:13:20: components.api.deployments[0].min-ready: must be shorter than progress-deadline (10m), as the API server requires"),
                refusal("instance refresh at 100/100", DESIGN.replace("strategy: rolling-update\n", "strategy: instance-refresh\n        min-healthy-percentage: 100\n"), 
                        "design.yaml:13:33: components.api.deployments[0].min-healthy-percentage: with max-healthy-percentage 100 the refresh could never replace an instance: lower min-healthy-percentage or raise max-healthy-percentage (AWS refuses both at 100)"),
                refusal("a pod change without pods", DESIGN.replace("endpoints: {get: {error-rate: 0.05}}", "pod: {cpu-request: \"2\"}"), 
                        "design.yaml:14:16: components.api.deployments[0].new-version.pod: the service has no pod: block: a new version changes a pod's requests and startup; remove new-version.pod"),
                refusal("no at", DESIGN.replace("      - at: 1m\n        strategy: rolling-update", "      - strategy: rolling-update"), 
                        "design.yaml:11:9: components.api.deployments[0].at: give when the deployment starts, a time of the load profile, e.g. at: 20m"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void isRefusedWhereWritten(String mistake, String yaml, List<String> expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> read(yaml), mistake);
        assertEquals(expected, e.errors().stream().map(InputError::format).toList(), mistake);
    }
}
