package io.headroom.design;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.design.autoscaling.Hpa;
import io.headroom.design.autoscaling.HpaTarget;
import io.headroom.design.autoscaling.Metric;
import io.headroom.design.autoscaling.TargetTracking;
import io.headroom.yaml.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cpu target is a fraction of the cpu-request: {@code 0.6} or {@code 60%}. A {@code 60} (a percentage written as a
 * number) is above what the metric can reach — cores / cpu-request — and is refused where it is written.
 */
class CpuTargetInputTest {
    private static final String DESIGN = """
            name: t
            entry: api
            components:
              api:
                type: service
                concurrency: 4
                replicas: {initial: 2, min: 1, max: 8}
                %s
                endpoints:
                  get: {demand: {dist: constant, value: 1ms}}
            """;

    private static ServiceSpec read(String lines) throws BadInputException {
        return (ServiceSpec) DesignText.read(DESIGN.formatted(lines)).components().get("api");
    }

    private static String error(String lines) {
        return DesignText.error(DESIGN.formatted(lines));
    }

    @Test
    void aPercentageWrittenAsANumberIsRefusedWithTheTwoWaysToWriteIt() {
        assertEquals("design.yaml:9:53: components.api.autoscaling.target: cpu is busy cores / cpu-request, at most 1 here"
                + " (2 cores and no cpu-request (the request is the cores)), so 60 is never reached; write 0.6 or 60%",
                error("cores: 2\n    autoscaling: {policy: hpa, metric: cpu, target: 60}"));
        assertEquals("design.yaml:10:56: components.api.autoscaling[0].target: cpu is busy cores / cpu-request, at most 1 here"
                + " (2 cores and no cpu-request (the request is the cores)), so 70 is never reached; write 0.7 or 70%",
                error("cores: 2\n    autoscaling:\n      - {policy: target-tracking, metric: cpu, target: 70}"));
        assertEquals("design.yaml:9:90: components.api.autoscaling.metrics[1].target: cpu is busy cores / cpu-request,"
                + " at most 1 here (2 cores and no cpu-request (the request is the cores)), so 80 is never reached; write 0.8 or 80%",
                error("instance: {type: c6i.large}\n    autoscaling: {policy: hpa, metrics: [{metric: rps, target: 5}, {metric: cpu, target: 80}]}"));
        assertEquals("design.yaml:10:59: components.api.autoscaling.threshold: cpu is busy cores / cpu-request, at most 4 here"
                + " (2 cores over a cpu-request of 0.5), so 50 is never reached; write 0.5 or 50%",
                error("cores: 2\n    cpu-request: 500m\n    autoscaling: {policy: simple, metric: cpu, threshold: 50, adjustment: 1}"));
    }

    @Test
    void aTargetUpToCoresOverTheRequestIsAccepted() throws BadInputException {
        ServiceSpec s = read("cores: 2\n    cpu-request: 500m\n    autoscaling: {policy: hpa, metric: cpu, target: 150%}");
        assertEquals(List.of(new HpaTarget(Metric.CPU, HpaTarget.Kind.RESOURCE_UTILIZATION, 150)),
                ((Hpa) s.autoscaling().policies().get(0)).targets());
        s = read("cores: 2\n    autoscaling: {apiVersion: autoscaling/v2, kind: HorizontalPodAutoscaler, spec: {maxReplicas: 8,"
                + " metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}}]}}");
        assertEquals(List.of(new HpaTarget(Metric.CPU, HpaTarget.Kind.RESOURCE_UTILIZATION, 60)),
                ((Hpa) s.autoscaling().policies().get(0)).targets(), "a manifest's averageUtilization is a percentage, as in Kubernetes");
        s = read("cores: 2\n    cpu-request: 500m\n    autoscaling: {policy: target-tracking, metric: cpu, target: 4}");
        assertEquals(4.0, ((TargetTracking) s.autoscaling().policies().get(0)).target());
        s = read("cores: 2\n    autoscaling: {policy: target-tracking, metric: cpu, target: 60%}");
        assertEquals(0.6, ((TargetTracking) s.autoscaling().policies().get(0)).target());
        s = read("cores: 2\n    autoscaling: {policy: target-tracking, metric: cpu, target: 1}");
        assertEquals(1.0, ((TargetTracking) s.autoscaling().policies().get(0)).target());
    }
}
