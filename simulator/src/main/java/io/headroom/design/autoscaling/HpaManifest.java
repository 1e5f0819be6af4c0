package io.headroom.design.autoscaling;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.Quantities;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kubernetes {@code autoscaling/v2 HorizontalPodAutoscaler} manifest, as {@code kubectl apply} takes it,
 * accepted in place of an inline {@code policy: hpa} block. What it says is mapped onto Headroom's
 * metrics: a Resource {@code cpu} with {@code averageUtilization} (percent of the request); a Pods metric
 * named {@code rps}, {@code queue-length} or {@code utilisation} with {@code averageValue} per pod; an
 * Object or External metric named {@code latency-p95} (milliseconds) or {@code rps-total} with a
 * {@code value} or {@code averageValue}. {@code minReplicas} (default 1), {@code maxReplicas} and
 * {@code behavior} are Kubernetes'. Without {@code metrics}, Kubernetes' default: cpu at 80 %.
 * {@code metadata}, {@code scaleTargetRef} and {@code status} are read and not used.
 */
public record HpaManifest(
        @JsonProperty("apiVersion") String apiVersion,
        @JsonProperty("kind") String kind,
        @JsonProperty("metadata") JsonNode metadata,
        @JsonProperty("spec") Spec spec,
        @JsonProperty("status") JsonNode status) {

    public HpaManifest {
        if (!"autoscaling/v2".equals(apiVersion)) {
            throw new FieldError("apiVersion", "expected autoscaling/v2, got " + (apiVersion == null ? "nothing" : "'" + apiVersion + "'"));
        }
        if (!"HorizontalPodAutoscaler".equals(kind)) {
            throw new FieldError("kind", "expected HorizontalPodAutoscaler, got " + (kind == null ? "nothing" : "'" + kind + "'"));
        }
        FieldError.require(spec, "spec");
    }

    /** {@code spec}. */
    public record Spec(
            @JsonProperty("scaleTargetRef") JsonNode scaleTargetRef,
            @JsonProperty("minReplicas") @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer minReplicas,
            @JsonProperty("maxReplicas") @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer maxReplicas,
            @JsonProperty("metrics") List<MetricSpec> metrics,
            @JsonProperty("behavior") HpaBehavior behavior) {
        public Spec {
            minReplicas = minReplicas == null ? 1 : minReplicas;
            if (minReplicas < 1) {
                throw new FieldError("minReplicas", "must be at least 1 (scale to zero is not modelled), got " + minReplicas);
            }
            FieldError.positive(maxReplicas, "maxReplicas");
            if (maxReplicas < minReplicas) {
                throw new FieldError("maxReplicas", "maxReplicas (" + maxReplicas + ") is below minReplicas (" + minReplicas + ")");
            }
            behavior = behavior == null ? HpaBehavior.DEFAULT : behavior;
            targetsOf(metrics); // every metric must map onto one Headroom measures
        }

        /** The targets, Kubernetes' default (cpu at 80 %) when there are none. */
        public List<HpaTarget> targets() {
            return targetsOf(metrics);
        }

        private static List<HpaTarget> targetsOf(List<MetricSpec> metrics) {
            if (metrics == null || metrics.isEmpty()) {
                return List.of(new HpaTarget(Metric.CPU, HpaTarget.Kind.RESOURCE_UTILIZATION, 80));
            }
            List<HpaTarget> out = new ArrayList<>();
            for (int i = 0; i < metrics.size(); i++) {
                try {
                    out.add(metrics.get(i).target());
                } catch (FieldError e) {
                    throw new FieldError("metrics[" + i + "]." + e.field(), e.getMessage());
                }
            }
            return out;
        }
    }

    /** One {@code spec.metrics[]} entry. */
    public record MetricSpec(
            @JsonProperty("type") String type,
            @JsonProperty("resource") Source resource,
            @JsonProperty("pods") Source pods,
            @JsonProperty("object") Source object,
            @JsonProperty("external") Source external,
            @JsonProperty("containerResource") JsonNode containerResource) {

        HpaTarget target() {
            if (type == null) {
                throw new FieldError("type", "missing required key 'type' (Resource, Pods, Object or External)");
            }
            switch (type) {
                case "Resource" -> {
                    Source s = FieldError.require(resource, "resource");
                    if (!"cpu".equals(s.name())) {
                        throw new FieldError("resource.name", "only the cpu resource is modelled, got " + quoted(s.name()));
                    }
                    Target t = FieldError.require(s.target(), "resource.target");
                    if (!"Utilization".equals(t.type()) || t.averageUtilization() == null) {
                        throw new FieldError("resource.target", "a cpu target is type: Utilization with averageUtilization (percent of the request)");
                    }
                    if (t.averageUtilization() <= 0) {
                        throw new FieldError("resource.target.averageUtilization", "must be positive, got " + t.averageUtilization());
                    }
                    return new HpaTarget(Metric.CPU, HpaTarget.Kind.RESOURCE_UTILIZATION, t.averageUtilization());
                }
                case "Pods" -> {
                    Source s = FieldError.require(pods, "pods");
                    Metric m = metricNamed(s, "pods", List.of(Metric.RPS, Metric.QUEUE_LENGTH, Metric.UTILISATION));
                    Target t = FieldError.require(s.target(), "pods.target");
                    if (!"AverageValue".equals(t.type())) {
                        throw new FieldError("pods.target.type", "a Pods metric's target is type: AverageValue, got " + quoted(t.type()));
                    }
                    return new HpaTarget(m, HpaTarget.Kind.PODS_AVERAGE_VALUE, milli(t.averageValue(), "pods.target.averageValue"));
                }
                case "Object", "External" -> {
                    String key = type.equals("Object") ? "object" : "external";
                    Source s = FieldError.require(type.equals("Object") ? object : external, key);
                    Metric m = metricNamed(s, key, List.of(Metric.LATENCY_P95, Metric.RPS_TOTAL));
                    Target t = FieldError.require(s.target(), key + ".target");
                    if ("Value".equals(t.type())) {
                        return new HpaTarget(m, HpaTarget.Kind.OBJECT_VALUE, milli(t.value(), key + ".target.value"));
                    }
                    if ("AverageValue".equals(t.type())) {
                        return new HpaTarget(m, HpaTarget.Kind.OBJECT_AVERAGE_VALUE, milli(t.averageValue(), key + ".target.averageValue"));
                    }
                    throw new FieldError(key + ".target.type", "expected Value or AverageValue, got " + quoted(t.type()));
                }
                default -> throw new FieldError("type", "'" + type + "' is not one of: Resource, Pods, Object, External"
                        + (type.equals("ContainerResource") ? " (ContainerResource is not modelled: a Headroom instance has one container)" : ""));
            }
        }

        private static Metric metricNamed(Source s, String key, List<Metric> allowed) {
            Identifier id = FieldError.require(s.metric(), key + ".metric");
            Metric m = Metric.byName(id.name());
            if (m == null || !allowed.contains(m)) {
                throw new FieldError(key + ".metric.name", "expected one of: "
                        + String.join(", ", allowed.stream().map(Metric::yamlName).toList()) + ", got " + quoted(id.name()));
            }
            return m;
        }
    }

    /** A metric source ({@code resource}, {@code pods}, {@code object}, {@code external}): its name or metric, and its target. */
    public record Source(
            @JsonProperty("name") String name,
            @JsonProperty("metric") Identifier metric,
            @JsonProperty("describedObject") JsonNode describedObject,
            @JsonProperty("target") Target target) {
    }

    /** {@code metric: {name, selector}}. */
    public record Identifier(@JsonProperty("name") String name, @JsonProperty("selector") JsonNode selector) {
    }

    /** {@code target: {type: Utilization|Value|AverageValue, averageUtilization, value, averageValue}}. */
    public record Target(
            @JsonProperty("type") String type,
            @JsonProperty("averageUtilization") @AtMost(value = Limits.UTILISATION_PERCENT, why = Limits.UTILISATION_PERCENT_WHY) Integer averageUtilization,
            @JsonProperty("value") JsonNode value,
            @JsonProperty("averageValue") JsonNode averageValue) {
    }

    private static String quoted(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }

    /**
     * A Kubernetes quantity ({@code 50}, {@code 500m}, {@code 1.5}, {@code 2k}, {@code 1Ki}; {@link Quantities}) as a
     * milli-value, rounded up as {@code Quantity.MilliValue()} rounds.
     */
    public static long milli(JsonNode q, String field) {
        if (q == null || q.isNull() || q.isMissingNode()) {
            throw new FieldError(field, "missing required key '" + field.substring(field.lastIndexOf('.') + 1) + "'");
        }
        String text = q.isNumber() ? q.decimalValue().toPlainString() : q.asText();
        long m;
        try {
            m = Quantities.milliValue(Quantities.parse(text));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new FieldError(field, e instanceof ArithmeticException ? "'" + text + "' is out of range" : e.getMessage());
        }
        if (m <= 0) {
            throw new FieldError(field, "must be positive, got " + text);
        }
        return m;
    }
}
