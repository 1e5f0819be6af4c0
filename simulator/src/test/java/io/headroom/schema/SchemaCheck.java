package io.headroom.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The committed schemas, loaded into networknt's validator (draft 7, as editors read them), and the kind of a YAML file
 * (a design, a profile or a study) told from its modeline or its keys.
 */
final class SchemaCheck {
    static final Path REPO = ConfigSchemas.repositoryRoot();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final Map<String, Schema> SCHEMAS = new LinkedHashMap<>();
    private static final Pattern MODELINE = Pattern.compile("^# yaml-language-server: \\$schema=(\\S+?)(\\w+)\\.schema\\.json\\s*$");

    private SchemaCheck() {
    }

    /** The committed schema of a kind ("design", "profile", "study"). */
    static synchronized Schema schema(String kind) {
        return SCHEMAS.computeIfAbsent(kind, k -> REGISTRY.getSchema(tree(k)));
    }

    /**
     * A kind's schema for excerpts, which leave keys out: without its {@code required} lists (those under a {@code not}, which
     * say that two keys exclude each other, stay).
     */
    static synchronized Schema relaxed(String kind) {
        return SCHEMAS.computeIfAbsent(kind + "/relaxed", k -> REGISTRY.getSchema(withoutRequired(tree(kind))));
    }

    private static ObjectNode withoutRequired(ObjectNode schema) {
        ObjectNode copy = schema.deepCopy();
        strip(copy, false);
        return copy;
    }

    private static void strip(JsonNode n, boolean underNot) {
        if (n instanceof ObjectNode o) {
            if (!underNot) {
                o.remove("required");
            }
            o.fields().forEachRemaining(e -> strip(e.getValue(), underNot || e.getKey().equals("not")));
        } else if (n != null && n.isArray()) {
            n.forEach(x -> strip(x, underNot));
        }
    }

    /** A schema that checks a value against one definition of a kind's schema, required keys left out (a component of an excerpt). */
    static Schema definition(String kind, String definition) {
        ObjectNode s = withoutRequired(tree(kind));
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("$schema", ConfigSchemas.DRAFT_07);
        root.put("$ref", "#/definitions/" + definition);
        root.set("definitions", s.get("definitions"));
        return REGISTRY.getSchema(root);
    }

    static ObjectNode tree(String kind) {
        try {
            return (ObjectNode) new ObjectMapper().readTree(REPO.resolve("schemas").resolve(kind + ".schema.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's complaints about a YAML text (parsed as the binder parses it), one line each; empty when it is valid. */
    static List<String> errors(String kind, String yaml) {
        return errors(schema(kind), yaml);
    }

    static List<String> errors(Schema schema, String yaml) {
        return errors(schema, yamlTree(yaml));
    }

    /** A YAML text as the binder parses it. */
    static JsonNode yamlTree(String yaml) {
        try {
            return YamlDocument.parse(Path.of("input.yaml"), "input.yaml", yaml).root();
        } catch (BadInputException e) {
            throw new IllegalArgumentException("not YAML the binder parses: " + e.getMessage(), e);
        }
    }

    static List<String> errors(Schema schema, JsonNode tree) {
        List<String> out = new ArrayList<>();
        for (Error e : schema.validate(tree)) {
            out.add(e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }

    /** The kind a file's first line names ({@code # yaml-language-server: $schema=../schemas/design.schema.json}), or null. */
    static String modelineKind(String text) {
        String first = text.lines().findFirst().orElse("");
        Matcher m = MODELINE.matcher(first);
        return m.matches() ? m.group(2) : null;
    }

    /** The path a modeline names, or null. */
    static String modelinePath(String text) {
        String first = text.lines().findFirst().orElse("");
        Matcher m = MODELINE.matcher(first);
        return m.matches() ? m.group(1) + m.group(2) + ".schema.json" : null;
    }

    /** The kind a whole document is by its keys: a study names a design and a profile; a design has components; a profile steps. */
    static String kindByKeys(JsonNode root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        if (root.has("design") && root.has("profile")) {
            return "study";
        }
        if (root.has("components") || root.has("entry")) {
            return "design";
        }
        if (root.has("injection") || root.has("closed") || root.has("scenarios") || root.has("stages")) {
            return "profile";
        }
        return null;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
