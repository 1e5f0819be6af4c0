package io.headroom.schema;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.yaml.CountOrPercent;
import io.headroom.yaml.DataSize;
import io.headroom.yaml.Durations;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Quantities;
import io.headroom.yaml.QuantityDeserializers;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The schemas of the scalar forms the binder reads with readers of its own: durations, shares, Kubernetes quantities,
 * data sizes, counts or percentages. Each pattern is the binder's own (read from its class), anchored, so that the
 * schema accepts what the binder accepts; each description says the units.
 */
final class YamlShapes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private YamlShapes() {
    }

    /** The shape a {@code @JsonDeserialize(using = ...)} reader accepts, or null when it is not one of these. */
    static ObjectNode forReader(Class<?> reader) {
        if (reader == Fraction.Deserializer.class) {
            return fraction();
        }
        if (reader == QuantityDeserializers.Cpu.class) {
            return quantity("An amount of CPU in cores: a number or a Kubernetes quantity, e.g. 500m (half a core), 1.5, 2.");
        }
        if (reader == QuantityDeserializers.WholeCpus.class) {
            return quantity("A whole number of CPUs: a number or a Kubernetes quantity, e.g. 2 or 2000m (500m is refused).");
        }
        if (reader == QuantityDeserializers.Bytes.class) {
            return quantity("An amount of memory or data in bytes: a number or a Kubernetes quantity, e.g. 512Mi, 2Gi, 1.5G"
                    + " (Ki, Mi, Gi, Ti, Pi, Ei are powers of 1024; k, M, G, T, P, E of 1000).");
        }
        if (reader == QuantityDeserializers.Number.class) {
            return quantity("A number, or a Kubernetes quantity such as 50m (0.05).");
        }
        return null;
    }

    /** The shape of a value type read by a creator of its own, or null. */
    static ObjectNode forType(Class<?> type) {
        if (type == Duration.class) {
            return duration();
        }
        if (type == Fraction.class) {
            return fraction();
        }
        if (type == DataSize.class) {
            ObjectNode s = F.objectNode();
            s.put("description", "A size in bytes: a number of bytes, or a number and a unit (B, KB, MB, GB; powers of 1000),"
                    + " e.g. 512B, 4KB, 1.5MB.");
            ArrayNode any = s.putArray("anyOf");
            any.addObject().put("type", "integer").put("minimum", 0);
            // the binder upper-cases the text first: each letter of a unit either way (JavaScript has no inline (?i))
            any.addObject().put("type", "string").put("pattern", "^" + caseless(pattern(DataSize.class, "FORM")) + "$");
            return s;
        }
        if (type == CountOrPercent.class) {
            ObjectNode s = F.objectNode();
            s.put("description", "A count, or a whole percentage of a total, e.g. 1 or 25%.");
            ArrayNode any = s.putArray("anyOf");
            any.addObject().put("type", "integer");
            any.addObject().put("type", "string").put("pattern", "^\\s*[+-]?[0-9]+%?\\s*$");
            return s;
        }
        return null;
    }

    private static String caseless(String regex) {
        StringBuilder b = new StringBuilder();
        for (char c : regex.toCharArray()) {
            b.append(Character.isUpperCase(c) ? "[" + c + Character.toLowerCase(c) + "]" : String.valueOf(c));
        }
        return b.toString();
    }

    static ObjectNode duration() {
        ObjectNode s = F.objectNode();
        s.put("type", "string");
        s.put("pattern", "^" + pattern(Durations.class, "FORM") + "$");
        s.put("description", "A duration: a number and a unit, e.g. 250ms, 2s, 1.5m, 1h (units: ns, us or µs, ms, s, m or min, h,"
                + " d); a bare number is refused.");
        return s;
    }

    /** A duration that must not be zero (a record's {@code FieldError.positive} on a duration). */
    static ObjectNode positiveDuration() {
        ObjectNode s = duration();
        // typed, so that a value that is no string at all is refused once, as not a duration, and not again here
        s.putObject("not").put("type", "string").put("pattern", "^\\s*(0+(\\.0*)?|\\.0+)\\s*[a-zµ]+\\s*$");
        return s;
    }

    static ObjectNode fraction() {
        ObjectNode s = F.objectNode();
        s.put("description", "A share of a whole: a fraction (0.6) or the same as a percentage (60%).");
        ArrayNode any = s.putArray("anyOf");
        any.addObject().put("type", "number");
        any.addObject().put("type", "string").put("pattern", "^" + pattern(Fraction.class, "PERCENT") + "$");
        return s;
    }

    private static ObjectNode quantity(String description) {
        ObjectNode s = F.objectNode();
        s.put("description", description);
        ArrayNode any = s.putArray("anyOf");
        any.addObject().put("type", "number");
        any.addObject().put("type", "string").put("pattern", quantityPattern());
        return s;
    }

    /** Kubernetes' quantity: a signed decimal and one of the binder's suffixes (decimal SI, binary SI or an exponent). */
    static String quantityPattern() {
        List<String> suffixes = new ArrayList<>();
        for (String table : List.of("DECIMAL_SI", "BINARY_SI")) {
            suffixes.addAll(new TreeSet<>(((Map<?, ?>) staticField(Quantities.class, table)).keySet()
                    .stream().map(Object::toString).filter(x -> !x.isEmpty()).toList()));
        }
        return "^\\s*[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(" + String.join("|", suffixes) + "|[eE][-+]?[0-9]+)?\\s*$";
    }

    private static String pattern(Class<?> owner, String field) {
        return ((Pattern) staticField(owner, field)).pattern();
    }

    private static Object staticField(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(owner.getName() + "." + name + " is where the schema reads the binder's form", e);
        }
    }

    /** True for a reader that stands for "no reader of its own" ({@code JsonDeserializer.None}). */
    static boolean isNone(Class<?> reader) {
        return reader == null || reader == JsonDeserializer.None.class;
    }
}
