package io.headroom.load.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;
import java.io.IOException;
import java.util.List;

/**
 * What a user does, one step after another: send a request and wait for its answer, pause, or
 * repeat a block. {@code scenario: [{request: browse}, {pause: {dist: exponential, mean: 2s}},
 * {repeat: 3, do: [...]}, {request: checkout, p: 0.2}]}.
 */
@JsonDeserialize(using = ScenarioStep.Reader.class)
public sealed interface ScenarioStep {

    /**
     * A request to {@code endpoint} (of the design's entry, or of component {@code to}), sent with
     * probability {@code p} (default 1); the user waits for the answer, success or error.
     */
    @JsonDeserialize(using = JsonDeserializer.None.class)
    record Request(@JsonProperty("request") String endpoint, @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) @JsonDeserialize(using = Fraction.Deserializer.class) Double p, String to)
            implements ScenarioStep {
        public Request {
            FieldError.require(endpoint, "request");
            p = p == null ? 1.0 : p;
            if (!(p >= 0 && p <= 1)) {
                throw new FieldError("p", "a probability is between 0 and 1, got " + FieldError.number(p) + Fraction.hint(p));
            }
        }
    }

    /** A pause (think time) drawn from a distribution. */
    @JsonDeserialize(using = JsonDeserializer.None.class)
    record Pause(DistributionSpec pause) implements ScenarioStep {
        public Pause {
            FieldError.require(pause, "pause");
        }
    }

    /** {@code repeat} times the steps in {@code do}. */
    @JsonDeserialize(using = JsonDeserializer.None.class)
    record Repeat(@AtMost(value = Limits.REPETITIONS, why = Limits.REPETITIONS_WHY) Integer repeat, @JsonProperty("do") List<ScenarioStep> body) implements ScenarioStep {
        public Repeat {
            FieldError.positive(repeat, "repeat");
            if (body == null || body.isEmpty()) {
                throw new FieldError("do", "a repeat needs the steps to repeat, e.g. do: [{request: browse}]");
            }
            body = List.copyOf(body);
        }
    }

    /** A step is told by its key: {@code request}, {@code pause} or {@code repeat}. */
    final class Reader extends JsonDeserializer<ScenarioStep> {
        @Override
        public ScenarioStep deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return (ScenarioStep) ctxt.handleUnexpectedToken(ScenarioStep.class, p);
            }
            JsonNode node = ctxt.readTree(p);
            Class<? extends ScenarioStep> kind = node.has("request") ? Request.class
                    : node.has("pause") ? Pause.class
                    : node.has("repeat") ? Repeat.class
                    : null;
            if (kind == null) {
                List<String> keys = new java.util.ArrayList<>();
                node.fieldNames().forEachRemaining(keys::add);
                throw JsonMappingException.from(p, "a scenario step is {request: ENDPOINT}, {pause: DISTRIBUTION} or "
                        + "{repeat: N, do: [...]}" + (keys.isEmpty() ? "" : "; found " + String.join(", ", keys)));
            }
            return ctxt.readTreeAsValue(node, kind);
        }
    }
}
