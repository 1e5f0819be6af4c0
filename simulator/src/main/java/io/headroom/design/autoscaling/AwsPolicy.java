package io.headroom.design.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.yaml.FieldError;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@code policy: aws}: a group's scaling policy as AWS writes it ({@link AwsPolicyJson}), in files beside the design —
 * {@code {policy: aws, put-scaling-policy: aws/cpu50.json}}, with {@code put-metric-alarm: aws/cpu-high.json} for a step
 * or simple policy — or the same JSON inline under those keys. A bare PutScalingPolicy mapping (with
 * {@code PolicyType}) stands for {@code policy: aws} wherever a policy may.
 *
 * <p>Inline JSON becomes its policies while the design is bound. Files are read by the design reader, as an HPA's
 * manifest is ({@link PolicyFiles}): bound, this record names them and decides nothing; read, it is replaced by the
 * policies the files say.
 *
 * @param putScalingPolicy the policy's file, relative to the design
 * @param putMetricAlarm   the alarm's file, or null
 */
public record AwsPolicy(String putScalingPolicy, String putMetricAlarm) implements AutoscalingSpec {
    private static final Set<String> KEYS = Set.of("policy", "put-scaling-policy", "put-metric-alarm");

    public AwsPolicy {
        FieldError.require(putScalingPolicy, "put-scaling-policy");
    }

    @Override
    public boolean reads(Metric metric) {
        return false; // never run: the design reader replaces it by what the files say
    }

    /** The policies a {@code policy: aws} block stands for: those it holds inline, or itself naming its files. */
    static List<AutoscalingSpec> bind(JsonNode n) {
        Iterator<String> it = n.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new FieldError(k, "'" + k + "' is not a key of policy: aws (put-scaling-policy, put-metric-alarm)");
            }
        }
        JsonNode policy = n.get("put-scaling-policy");
        JsonNode alarm = n.get("put-metric-alarm");
        if (policy == null || policy.isNull()) {
            throw new FieldError("put-scaling-policy", "missing: a PutScalingPolicy JSON file (aws/policy.json) or the JSON inline");
        }
        boolean policyFile = policy.isTextual();
        boolean alarmFile = alarm != null && alarm.isTextual();
        if (alarm != null && !alarm.isNull() && policyFile != alarmFile) {
            throw new FieldError("put-metric-alarm", "give the policy and its alarm both as files or both inline");
        }
        if (policyFile) {
            return List.of(new AwsPolicy(policy.asText(), alarmFile ? alarm.asText() : null));
        }
        List<AwsPolicyJson.AlarmFacts> alarms;
        try {
            alarms = alarm == null || alarm.isNull() ? null : AwsPolicyJson.alarms(alarm);
        } catch (FieldError e) {
            throw new FieldError(e.field().isEmpty() ? "put-metric-alarm" : "put-metric-alarm." + e.field(), e.getMessage());
        }
        try {
            return AwsPolicyJson.policies(policy, alarms);
        } catch (FieldError e) {
            throw new FieldError(e.field().isEmpty() ? "put-scaling-policy" : "put-scaling-policy." + e.field(), e.getMessage());
        }
    }

    /** The policies the files say ({@code policy} and {@code alarm} their JSON); errors name AWS's keys in each file. */
    public static List<AutoscalingSpec> read(JsonNode policy, JsonNode alarm) {
        return AwsPolicyJson.policies(policy, alarm == null ? null : AwsPolicyJson.alarms(alarm));
    }
}
