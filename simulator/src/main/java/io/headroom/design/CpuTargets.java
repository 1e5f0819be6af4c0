package io.headroom.design;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.Hpa;
import io.headroom.design.autoscaling.HpaTarget;
import io.headroom.design.autoscaling.Metric;
import io.headroom.design.autoscaling.Predictive;
import io.headroom.design.autoscaling.Simple;
import io.headroom.design.autoscaling.Step;
import io.headroom.design.autoscaling.TargetTracking;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.util.List;
import java.util.Map;

/**
 * The ceiling of a service's {@code cpu} metric, and the targets above it. {@code cpu} is busy cores /
 * {@code cpu-request} per instance, so it reaches at most cores / {@code cpu-request}: 1 when the request is the
 * cores (the default), more when a pod requests less than it may use — as Kubernetes' {@code averageUtilization}
 * passes 100 when a pod's limit is above its request. A {@code cpu} target or alarm threshold above that ceiling
 * never triggers a scale-out; it is nearly always a percentage written as a number ({@code 60} for 0.6), so it is
 * refused where it is written, with the two ways to write it. An HPA manifest's {@code averageUtilization} is a
 * percentage by definition and is not checked here.
 */
final class CpuTargets {
    private CpuTargets() {
    }

    static void check(Design design, YamlDocument doc, PriceCatalogue catalogue, List<InputError> errors) {
        for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
            if (!(c.getValue() instanceof ServiceSpec s) || s.autoscaling() == null
                    || s.instance() != null && catalogue.find(s.instance().type()).isEmpty()) {
                continue;
            }
            int cores = catalogue.cores(s.cores(), s.instance(), s.concurrency());
            double request = s.requestedCpu() != null ? s.requestedCpu() : cores;
            double ceiling = cores / request;
            String base = "components." + c.getKey() + ".autoscaling";
            JsonNode node = doc.nodeAt(base);
            List<AutoscalingSpec> policies = s.autoscaling().policies();
            for (int i = 0; i < policies.size(); i++) {
                String at = node != null && node.isArray() ? base + "[" + i + "]" : base;
                AutoscalingSpec p = policies.get(i);
                if (p instanceof Hpa h && h.manifest() == null) {
                    for (int j = 0; j < h.targets().size(); j++) {
                        HpaTarget t = h.targets().get(j);
                        String path = doc.has(at + ".target") ? at + ".target" : at + ".metrics[" + j + "].target";
                        if (t.metric() == Metric.CPU && doc.has(path)) {
                            check(t.target() / 100.0, ceiling, cores, s.requestedCpu(), doc, path, errors);
                        }
                    }
                } else if (p instanceof TargetTracking t && t.metric() == Metric.CPU) {
                    check(t.target(), ceiling, cores, s.requestedCpu(), doc, at + ".target", errors);
                } else if (p instanceof Predictive t && t.metric() == Metric.CPU) {
                    check(t.target(), ceiling, cores, s.requestedCpu(), doc, at + ".target", errors);
                } else if (p instanceof Step t && t.alarm().metric() == Metric.CPU) {
                    check(t.alarm().threshold(), ceiling, cores, s.requestedCpu(), doc, at + ".threshold", errors);
                } else if (p instanceof Simple t && t.alarm().metric() == Metric.CPU) {
                    check(t.alarm().threshold(), ceiling, cores, s.requestedCpu(), doc, at + ".threshold", errors);
                }
            }
        }
    }

    private static void check(double target, double ceiling, int cores, Double cpuRequest, YamlDocument doc, String path,
                              List<InputError> errors) {
        if (target <= ceiling * (1 + 1e-12)) {
            return;
        }
        String why = cpuRequest == null
                ? cores + " cores and no cpu-request (the request is the cores)"
                : cores + " cores over a cpu-request of " + FieldError.number(cpuRequest);
        errors.add(doc.error(path, "cpu is busy cores / cpu-request, at most " + FieldError.number(ceiling) + " here (" + why
                + "), so " + FieldError.number(target) + " is never reached" + (target <= 100 ? Fraction.hint(target)
                : "; write a fraction, e.g. 0.6 or 60%")));
    }
}
