package io.headroom.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.design.ComponentType;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.load.OpenStep;
import io.headroom.yaml.DataSize;
import io.headroom.yaml.Durations;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Quantities;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * How the generator reads the binder: type families are their registries' names in order, the scalar forms accept exactly
 * what the binder's parsers accept (on tables of written values), and the facts of a compact constructor land in the schema.
 */
class ConfigSchemasTest {
    private static JsonNode defs(String kind) {
        return SchemaCheck.tree(kind).get("definitions");
    }

    /** The names a family's {@code oneOf} tells its members by: each alternative's {@code key: {const}} or wrapper key. */
    private static List<String> names(JsonNode family, String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode alt : family.get("oneOf")) {
            JsonNode def = alt;
            if (alt.has("$ref")) {
                def = defs("design").path(alt.get("$ref").asText().replace("#/definitions/", ""));
                if (def.isMissingNode()) {
                    def = defs("profile").path(alt.get("$ref").asText().replace("#/definitions/", ""));
                }
            }
            out.add(key == null ? def.get("required").get(0).asText() : def.get("properties").get(key).get("const").asText());
        }
        return out;
    }

    private static List<String> subtypeNames(Class<?> base) {
        return Arrays.stream(base.getAnnotation(JsonSubTypes.class).value()).map(JsonSubTypes.Type::name).toList();
    }

    @Test
    void familiesAreTheirRegistries() {
        assertEquals(ComponentType.yamlNames(), names(defs("design").get("ComponentSpec"), "type"));
        assertEquals(subtypeNames(AutoscalingSpec.class), names(defs("design").get("AutoscalingSpec"), "policy"));
        assertEquals(subtypeNames(DistributionSpec.class), names(defs("design").get("DistributionSpec"), "dist"));
        assertEquals(subtypeNames(OpenStep.class), names(defs("profile").get("OpenStep"), null));
    }

    /** Each written value: the binder's parser and the schema's pattern say the same of it. */
    private static void agree(String what, String pattern, List<String> written, Consumer<String> parser) {
        Pattern p = Pattern.compile(pattern);
        List<String> disagree = new ArrayList<>();
        for (String w : written) {
            boolean parses;
            try {
                parser.accept(w);
                parses = true;
            } catch (RuntimeException e) {
                parses = false;
            }
            if (parses != p.matcher(w).find()) {
                disagree.add("'" + w + "' (binder " + (parses ? "takes" : "refuses") + " it)");
            }
        }
        assertTrue(disagree.isEmpty(), what + ": the schema's pattern and the binder disagree on " + disagree);
    }

    private static String pattern(JsonNode shape) {
        if (shape.has("pattern")) {
            return shape.get("pattern").asText();
        }
        for (JsonNode alt : shape.get("anyOf")) {
            if (alt.has("pattern")) {
                return alt.get("pattern").asText();
            }
        }
        throw new AssertionError("no pattern in " + shape);
    }

    @Test
    void scalarFormsAcceptWhatTheBinderAccepts() {
        agree("duration", YamlShapes.duration().get("pattern").asText(),
                List.of("250ms", "2s", "1.5m", "1h", "10us", "3µs", "7ns", "2d", "5min", ".5s", "1.s", " 2s ", "2 s", "5", "-1s", "5 minutes",
                        "1e3s", "2S", "1,5s", "s", "", "2sec", "0s", "3650d"),
                Durations::parse);
        agree("percentage", pattern(YamlShapes.fraction()),
                List.of("60%", "60.5%", " 7 %", "-5%", "+5%", ".5%", "60", "60 percent", "%", "6 0%", "60%%"),
                Fraction::percentage);
        agree("quantity", YamlShapes.quantityPattern(),
                List.of("500m", "1.5", "2", "2Gi", "512Mi", "1G", "1e3", "1E-2", "+3k", "-1", ".5", "5.", "2GB", "500x", "gi", "1.5.2", "2 Gi",
                        "m", "1Ki", "3Ei", "7u", "9n"),
                Quantities::parse);
        agree("data size", pattern(YamlShapes.forType(DataSize.class)),
                List.of("512B", "4KB", "1.5MB", "2GB", "4kb", "4 KB", "4K", "4KiB", "1.5", "-4KB", ".5KB", "4TB"),
                DataSize::parse);
    }

    @Test
    void aCompactConstructorsFactsLandInTheSchema() {
        ObjectNode profile = SchemaCheck.tree("profile");
        JsonNode scale = profile.get("properties").get("scale");
        assertEquals(1.0, scale.get("default").asDouble(), "scale = scale == null ? 1.0 : scale");
        assertEquals(0, scale.get("exclusiveMinimum").asInt(), "FieldError.positive(scale, ...)");
        assertEquals(List.of("name"), toList(profile.get("required")), "FieldError.require(name, ...); scale has its default first");
        String rules = profile.get("allOf").toString();
        assertTrue(rules.contains("\"not\":{\"required\":[\"injection\",\"closed\"]}"), rules);
        assertTrue(rules.contains("\"not\":{\"required\":[\"closed\",\"stages\"]}"), rules);
        assertTrue(rules.contains("\"anyOf\":[{\"required\":[\"injection\"]},{\"required\":[\"closed\"]},{\"required\":[\"scenarios\"]},"
                + "{\"required\":[\"stages\"]}]"), rules);
        JsonNode service = defs("design").get("ServiceSpec");
        assertTrue(toList(service.get("required")).contains("concurrency"), "FieldError.positive(concurrency, ...) requires it");
        assertEquals("round-robin", service.get("properties").get("dispatch").get("default").asText(), "an enum default by its YAML name");
        assertEquals("30s", service.get("properties").get("drain-timeout").get("default").asText(), "a Duration constant's default");
        assertTrue(service.get("properties").get("concurrency").get("description").asText().startsWith("Worker threads per instance"),
                "the @param line");
        JsonNode study = SchemaCheck.tree("study").get("properties").get("replications");
        assertEquals(1, study.get("minimum").asInt(), "if (replications < 1) throw");
        assertEquals(10000, study.get("maximum").asInt(), "@AtMost(REPLICATIONS)");
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
