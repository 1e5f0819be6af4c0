package io.headroom.design.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the files a design's {@code autoscaling:} names, relative to the design's directory, as part of reading the
 * design: Kubernetes HPA manifests ({@code {policy: hpa, manifest: k8s/hpa.yaml}}), which binding leaves unread
 * ({@link Hpa#manifestUnread()}), and AWS's policy and alarm JSON ({@code {policy: aws, put-scaling-policy: …}},
 * {@link AwsPolicy}), which become the policies they say. An unreadable or invalid file is an error at the design's
 * key that names it, quoting the file's own line and column.
 */
public final class PolicyFiles {
    private PolicyFiles() {
    }

    /**
     * {@code autoscaling}, bound at {@code path} of {@code doc}, with every manifest file read; the same
     * object when it names none. Each manifest that cannot be read adds an error to {@code errors}.
     */
    public static Autoscaling read(Autoscaling autoscaling, YamlDocument doc, String path, List<InputError> errors) {
        JsonNode node = doc.nodeAt(path);
        boolean list = node != null && node.isArray();
        List<AutoscalingSpec> policies = new ArrayList<>();
        boolean read = false;
        for (int i = 0; i < autoscaling.policies().size(); i++) {
            AutoscalingSpec p = autoscaling.policies().get(i);
            if (p instanceof Hpa h && h.manifestUnread()) {
                Path dir = doc.baseDir() == null ? Path.of(".") : doc.baseDir();
                try {
                    p = h.withManifest(YamlDocument.read(dir.resolve(h.manifest())).bind(HpaManifest.class));
                    read = true;
                } catch (BadInputException e) {
                    errors.add(doc.error((list ? path + "[" + i + "]" : path) + ".manifest", "in " + e.errors().get(0).format()));
                }
            }
            if (p instanceof AwsPolicy a) {
                List<AutoscalingSpec> fromFiles = readAws(a, doc, awsPath(node, path, a), errors);
                if (fromFiles == null) {
                    policies.add(p);
                } else {
                    policies.addAll(fromFiles);
                    read = true;
                }
                continue;
            }
            policies.add(p);
        }
        return read ? new Autoscaling(policies) : autoscaling;
    }

    /** Where {@code a} is written: its item of the list at {@code path} (inline AWS JSON may stand for several policies). */
    private static String awsPath(JsonNode node, String path, AwsPolicy a) {
        if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (a.putScalingPolicy().equals(node.get(i).path("put-scaling-policy").asText(null))) {
                    return path + "[" + i + "]";
                }
            }
        }
        return path;
    }

    /** The policies {@code a}'s files say; null (with the errors added) when a file cannot be read. */
    private static List<AutoscalingSpec> readAws(AwsPolicy a, YamlDocument doc, String at, List<InputError> errors) {
        Path dir = doc.baseDir() == null ? Path.of(".") : doc.baseDir();
        YamlDocument policy;
        YamlDocument alarm = null;
        try {
            policy = YamlDocument.read(dir.resolve(a.putScalingPolicy()));
        } catch (BadInputException e) {
            errors.add(doc.error(at + ".put-scaling-policy", "in " + e.errors().get(0).format()));
            return null;
        }
        if (a.putMetricAlarm() != null) {
            try {
                alarm = YamlDocument.read(dir.resolve(a.putMetricAlarm()));
            } catch (BadInputException e) {
                errors.add(doc.error(at + ".put-metric-alarm", "in " + e.errors().get(0).format()));
                return null;
            }
        }
        List<AwsPolicyJson.AlarmFacts> alarms = null;
        if (alarm != null) {
            try {
                alarms = AwsPolicyJson.alarms(alarm.root());
            } catch (FieldError e) {
                errors.add(doc.error(at + ".put-metric-alarm", "in " + located(alarm, e).format()));
                return null;
            }
        }
        try {
            return AwsPolicyJson.policies(policy.root(), alarms);
        } catch (FieldError e) {
            errors.add(doc.error(at + ".put-scaling-policy", "in " + located(policy, e).format()));
            return null;
        }
    }

    /** A FieldError of a file's JSON, at its place in the file (or the nearest place that exists). */
    private static InputError located(YamlDocument file, FieldError e) {
        String p = e.field();
        while (!p.isEmpty() && !file.has(p)) {
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return file.error(p.isEmpty() ? e.field() : p, e.getMessage());
    }
}
