package io.headroom.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Duration;

/** Reads {@code 250ms}-style durations (see {@link Durations}); a bare number is an error naming the fix. */
final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(p,
                    "'" + p.getText() + "' has no unit: a duration needs one, e.g. " + p.getText() + "s or " + p.getText() + "ms", p.getText(), Duration.class);
        }
        if (t != JsonToken.VALUE_STRING) {
            return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
        }
        String text = p.getText();
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(p, e.getMessage(), text, Duration.class);
        }
    }
}
