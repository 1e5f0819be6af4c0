package io.headroom.load.closed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The closed model of a profile ({@code closed:}): either a list of Gatling closed steps, or the
 * classic shorthand {@code {users: 500, think: {dist: exponential, mean: 2s}, during: 30m}} — that
 * many users, each issuing one request (from the mix) and then thinking, for ever.
 *
 * @param steps Gatling's closed steps, expanded (staircases into levels and ramps)
 * @param think the shorthand's think time after each request (null with explicit steps)
 */
@JsonDeserialize(using = ClosedModel.Reader.class)
public record ClosedModel(List<ClosedStep> steps, DistributionSpec think) {
    public ClosedModel {
        List<ClosedStep> expanded = new ArrayList<>();
        for (ClosedStep s : steps) {
            expanded.addAll(s.expand());
        }
        if (expanded.isEmpty()) {
            throw new FieldError("", "needs at least one step, e.g. - constantConcurrentUsers: {users: 50, during: 10m}");
        }
        steps = List.copyOf(expanded);
    }

    /** The shorthand's fields. */
    record Shorthand(@AtMost(value = Limits.USERS, why = Limits.USERS_WHY) Integer users, DistributionSpec think, Duration during) {
        Shorthand {
            FieldError.positive(users, "users");
            FieldError.require(think, "think");
            FieldError.positive(during, "during");
        }
    }

    public Duration duration() {
        Duration d = Duration.ZERO;
        for (ClosedStep s : steps) {
            d = d.plus(s.during());
        }
        return d;
    }

    /** Gatling's target concurrency {@code t} into the model (the step containing t; a boundary belongs to the earlier step). */
    public int usersAt(Duration t) {
        Duration left = t;
        for (ClosedStep s : steps) {
            if (left.compareTo(s.during()) <= 0) {
                return s.usersAt(left);
            }
            left = left.minus(s.during());
        }
        return 0;
    }

    /** The most users any step asks for. */
    public int peakUsers() {
        int peak = 0;
        for (ClosedStep s : steps) {
            peak = Math.max(peak, Math.max(s.usersAt(Duration.ZERO), s.usersAt(s.during())));
        }
        return peak;
    }

    public ClosedModel scaled(double factor) {
        return new ClosedModel(steps.stream().map(s -> s.scaled(factor)).toList(), think);
    }

    /** A list is a list of steps; a mapping is the shorthand. */
    static final class Reader extends JsonDeserializer<ClosedModel> {
        @Override
        public ClosedModel deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.START_ARRAY) {
                List<ClosedStep> steps = ctxt.readValue(p,
                        ctxt.getTypeFactory().constructCollectionType(List.class, ClosedStep.class));
                return new ClosedModel(steps, null);
            }
            if (p.currentToken() == JsonToken.START_OBJECT) {
                Shorthand s = ctxt.readValue(p, Shorthand.class);
                return new ClosedModel(List.of(new ClosedStep.ConstantConcurrentUsers(s.users(), s.during())), s.think());
            }
            return (ClosedModel) ctxt.handleUnexpectedToken(ClosedModel.class, p);
        }
    }
}
