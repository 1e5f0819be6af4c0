package io.headroom.load.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.FieldError;
import java.util.List;

/**
 * What a user does, one step after another: send a request and wait for its answer, pause, or
 * repeat a block. {@code scenario: [{request: browse}, {pause: {dist: exponential, mean: 2s}},
 * {repeat: 3, do: [...]}, {request: checkout, p: 0.2}]}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({
    @JsonSubTypes.Type(ScenarioStep.Request.class),
    @JsonSubTypes.Type(ScenarioStep.Pause.class),
    @JsonSubTypes.Type(ScenarioStep.Repeat.class)
})
public sealed interface ScenarioStep {

    /**
     * A request to {@code endpoint} (of the design's entry, or of component {@code to}), sent with
     * probability {@code p} (default 1); the user waits for the answer, success or error.
     */
    record Request(@JsonProperty("request") String endpoint, Double p, String to) implements ScenarioStep {
        public Request {
            FieldError.require(endpoint, "request");
            p = p == null ? 1.0 : p;
            if (!(p >= 0 && p <= 1)) {
                throw new FieldError("p", "a probability is between 0 and 1, got " + FieldError.number(p));
            }
        }
    }

    /** A pause (think time) drawn from a distribution. */
    record Pause(DistributionSpec pause) implements ScenarioStep {
        public Pause {
            FieldError.require(pause, "pause");
        }
    }

    /** {@code repeat} times the steps in {@code do}. */
    record Repeat(Integer repeat, @JsonProperty("do") List<ScenarioStep> body) implements ScenarioStep {
        public Repeat {
            FieldError.positive(repeat, "repeat");
            if (body == null || body.isEmpty()) {
                throw new FieldError("do", "a repeat needs the steps to repeat, e.g. do: [{request: browse}]");
            }
            body = List.copyOf(body);
        }
    }
}
