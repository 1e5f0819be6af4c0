package io.headroom.design.autoscaling;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.yaml.FieldError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A component's {@code autoscaling:}: one policy, or a list of them (AWS combines a group's policies:
 * out if any says out, in only if all say in). A Kubernetes {@code HorizontalPodAutoscaler} manifest
 * (a mapping with {@code apiVersion}, {@code kind} and {@code spec}) stands for a {@code policy: hpa}
 * wherever a policy may, and AWS's own policy JSON ({@link AwsPolicy}: {@code policy: aws}, or a bare
 * {@code PutScalingPolicy} mapping) for the target-tracking, step or simple policies it says.
 */
@JsonDeserialize(using = Autoscaling.Reader.class)
public record Autoscaling(List<AutoscalingSpec> policies) {
    public Autoscaling {
        if (policies == null || policies.isEmpty()) {
            throw new FieldError("", "needs at least one policy, e.g. {policy: hpa, metric: cpu, target: 0.6}");
        }
        policies = List.copyOf(policies);
        int hpas = 0;
        for (AutoscalingSpec s : policies) {
            if (s instanceof Hpa) {
                hpas++;
            }
        }
        if (hpas > 1) {
            throw new FieldError("", "at most one hpa per component (Kubernetes allows one HPA per target; give it several metrics)");
        }
        if (hpas == 1 && policies.size() > 1) {
            for (int i = 0; i < policies.size(); i++) {
                AutoscalingSpec s = policies.get(i);
                if (!(s instanceof Hpa) && !(s instanceof Predictive) && !(s instanceof Fixed)) {
                    throw new FieldError("[" + i + "]", "an hpa combines only with predictive; AWS policies scale an Auto Scaling group");
                }
            }
        }
    }

    /** Whether any of the policies reads {@code metric} (the simulator keeps latency histograms only then). */
    public boolean reads(Metric metric) {
        for (AutoscalingSpec p : policies) {
            if (p.reads(metric)) {
                return true;
            }
        }
        return false;
    }

    public static Autoscaling of(AutoscalingSpec spec) {
        return new Autoscaling(List.of(spec));
    }

    /** A list is a list of policies; a mapping is one policy, or an HPA manifest. */
    static final class Reader extends JsonDeserializer<Autoscaling> {
        @Override
        public Autoscaling deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            List<AutoscalingSpec> specs = new ArrayList<>();
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    try {
                        specs.addAll(one(node.get(i), ctxt));
                    } catch (JsonMappingException e) {
                        e.prependPath(specs, i);
                        throw e;
                    } catch (FieldError e) {
                        throw new FieldError("[" + i + "]" + (e.field().isEmpty() || e.field().startsWith("[") ? "" : ".") + e.field(),
                                e.getMessage());
                    }
                }
            } else if (node.isObject()) {
                specs.addAll(one(node, ctxt));
            } else {
                return (Autoscaling) ctxt.handleUnexpectedToken(Autoscaling.class, p.currentToken(), p,
                        "expected a policy (a mapping with 'policy:') or a list of them");
            }
            return new Autoscaling(specs);
        }

        private static List<AutoscalingSpec> one(JsonNode n, DeserializationContext ctxt) throws IOException {
            if (n.isObject() && !n.has("policy") && (n.has("apiVersion") || n.has("kind"))) {
                return List.of(Hpa.fromManifest(ctxt.readTreeAsValue(n, HpaManifest.class)));
            }
            if (n.isObject() && "aws".equals(n.path("policy").asText(null))) {
                return AwsPolicy.bind(n);
            }
            if (AwsPolicyJson.looksLikeAws(n)) {
                return AwsPolicyJson.policies(n, null);
            }
            return List.of(ctxt.readTreeAsValue(n, AutoscalingSpec.class));
        }
    }
}
