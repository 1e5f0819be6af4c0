package io.headroom.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/**
 * Binds CPU amounts and other values written as Kubernetes quantities ({@link Quantities}): a YAML number ({@code 2}, {@code 1.5})
 * or a string ({@code 500m}, {@code "2"}), by the same rules either way. Put on a record component or creator
 * parameter with {@code @JsonDeserialize(using = QuantityDeserializers.Cpu.class)}.
 */
public final class QuantityDeserializers {
    private QuantityDeserializers() {
    }

    /** Any quantity as a number (its sign and range are the record's to check): an HPA behavior's {@code tolerance: 50m}. */
    public static final class Number extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = text(p, ctxt, Double.class);
            try {
                return Quantities.parse(text).doubleValue();
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, Quantities.class);
            }
        }
    }

    /** An amount of CPU in cores, fractions allowed: {@code cpu-request: 500m}. */
    public static final class Cpu extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = text(p, ctxt, Double.class);
            try {
                return Quantities.cpu(text, key(p));
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, Quantities.class);
            }
        }
    }

    /** An amount of memory in bytes: {@code memory-request: 512Mi}. */
    public static final class Bytes extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = text(p, ctxt, Long.class);
            try {
                return Quantities.bytes(text, key(p));
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, Quantities.class);
            }
        }
    }

    /** A whole number of CPUs: {@code cores: 2} (or {@code 2000m}); {@code 500m} is refused. */
    public static final class WholeCpus extends JsonDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = text(p, ctxt, Integer.class);
            String key = key(p);
            try {
                return Quantities.wholeCpus(text, key, key + " counts whole CPUs (e.g. 2, or 2000m)");
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, Quantities.class);
            }
        }
    }

    /** The scalar as written: a number's own text, so that 1.5 and "1.5" read alike. */
    private static String text(JsonParser p, DeserializationContext ctxt, Class<?> type) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_STRING) {
            ctxt.handleUnexpectedToken(type, p);
        }
        return p.getText();
    }

    private static String key(JsonParser p) throws IOException {
        String name = p.currentName();
        return name == null ? "the value" : name;
    }
}
