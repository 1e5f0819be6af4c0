package io.headroom.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.design.ComponentType;
import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.study.StudyReader;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every example (a design, a profile or a study under {@code examples/}) names its schema on its first line, as editors read
 * it, and is valid against it; the binder reads it too. Every YAML snippet of the README and of {@code docs/} that is a whole
 * design, profile or study is valid against its schema; an excerpt of a design's components is checked component by component.
 */
class ExamplesMatchSchemasTest {
    /** The YAML files under examples/ that are none of the three kinds: manifests a design names (a Karpenter NodePool). */
    private static boolean isManifest(JsonNode root) {
        return root != null && root.has("apiVersion") && root.has("kind");
    }

    @Test
    void everyExampleCarriesItsModelineAndIsValid() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(SchemaCheck.REPO.resolve("examples"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path f : files) {
            String text = SchemaCheck.read(f);
            String rel = SchemaCheck.REPO.relativize(f).toString();
            JsonNode root;
            try {
                root = YamlDocument.parse(f, rel, text).root();
            } catch (BadInputException e) {
                problems.add(rel + ": " + e.getMessage());
                continue;
            }
            if (isManifest(root)) {
                continue;
            }
            String kind = SchemaCheck.kindByKeys(root);
            if (kind == null) {
                problems.add(rel + ": neither a design, a profile nor a study");
                continue;
            }
            String named = SchemaCheck.modelinePath(text);
            Path expected = SchemaCheck.REPO.resolve("schemas").resolve(kind + ".schema.json").normalize();
            if (named == null || !f.getParent().resolve(named).normalize().equals(expected)) {
                problems.add(rel + ": the first line is not # yaml-language-server: $schema="
                        + f.getParent().relativize(expected));
            }
            for (String e : SchemaCheck.errors(SchemaCheck.schema(kind), root)) {
                problems.add(rel + " (" + kind + " schema): " + e);
            }
            try {
                switch (kind) {
                    case "design" -> DesignReader.read(f);
                    case "profile" -> LoadProfile.read(f);
                    default -> StudyReader.read(f);
                }
            } catch (BadInputException e) {
                problems.add(rel + " (binder): " + e.getMessage());
            }
            checked++;
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " problems:\n" + String.join("\n", problems));
        }
        assertTrue(checked >= 60, "only " + checked + " examples found");
        System.out.println("[schema] examples valid against their schemas: " + checked);
    }

    /** A YAML block of a Markdown file, with where it starts. */
    record Snippet(String file, int line, String text) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    static List<Snippet> snippets() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(SchemaCheck.REPO.resolve("README.md"));
        try (Stream<Path> s = Files.list(SchemaCheck.REPO.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<Snippet> out = new ArrayList<>();
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).trim().equals("```yaml")) {
                    int start = i + 1;
                    StringBuilder b = new StringBuilder();
                    for (i = start; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
                        b.append(lines.get(i)).append('\n');
                    }
                    out.add(new Snippet(SchemaCheck.REPO.relativize(page).toString(), start + 1, b.toString()));
                }
            }
        }
        return out;
    }

    /** The kind an excerpt is part of: the one whose top-level keys include all of the excerpt's; null if none. */
    private static String excerptKind(JsonNode root) {
        if (root == null || !root.isObject() || root.isEmpty()) {
            return null;
        }
        for (String kind : List.of("design", "profile", "study")) {
            JsonNode keys = SchemaCheck.tree(kind).get("properties");
            if (allKnown(root, keys)) {
                return kind;
            }
        }
        return null;
    }

    /** The first kind of component whose keys include all of an excerpt's, or null. */
    private static ComponentType componentKind(JsonNode root) {
        if (root == null || !root.isObject() || root.isEmpty()) {
            return null;
        }
        JsonNode defs = SchemaCheck.tree("design").get("definitions");
        for (ComponentType t : ComponentType.values()) {
            JsonNode keys = defs.path(t.record().getSimpleName()).path("properties");
            if (allKnown(root, keys)) {
                return t;
            }
        }
        return null;
    }

    /** Every key of {@code root} (an excerpt's {@code ...} aside) is one of {@code keys}. */
    private static boolean allKnown(JsonNode root, JsonNode keys) {
        var names = root.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!keys.has(n) && !n.equals("...")) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode withoutEllipses(JsonNode n) {
        JsonNode copy = n.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("...");
            o.forEach(ExamplesMatchSchemasTest::strip);
        } else if (n != null && n.isArray()) {
            n.forEach(ExamplesMatchSchemasTest::strip);
        }
    }

    /** A component of an excerpt against its kind's definition, keys left out allowed; 1 if checked. */
    private static int checkComponent(Snippet s, String name, JsonNode written, List<String> problems) {
        if (!written.has("type")) {
            return 0;
        }
        ComponentType type = ComponentType.named(written.path("type").asText());
        if (type == null) {
            problems.add(s + " component " + name + ": unknown type " + written.get("type"));
            return 1;
        }
        for (String e : SchemaCheck.errors(SchemaCheck.definition("design", type.record().getSimpleName()), written)) {
            problems.add(s + " component " + name + ": " + e);
        }
        return 1;
    }

    @Test
    void everyWholeSnippetIsValid() throws IOException {
        List<String> problems = new ArrayList<>();
        int whole = 0;
        int components = 0;
        int excerpts = 0;
        List<String> unchecked = new ArrayList<>();
        for (Snippet s : snippets()) {
            JsonNode root;
            try {
                root = YamlDocument.parse(Path.of(s.file()), s.file(), s.text()).root();
            } catch (BadInputException e) {
                unchecked.add(s + " (not whole YAML)");
                continue;
            }
            String kind = SchemaCheck.kindByKeys(root);
            if (kind != null && root.has("name")) {
                whole++;
                for (String e : SchemaCheck.errors(SchemaCheck.schema(kind), root)) {
                    problems.add(s + " (" + kind + " schema): " + e);
                }
            } else {
                String excerptKind = excerptKind(root);
                if (excerptKind == null) {
                    // the keys of one component, written without their component around them (autoscaling: ...)
                    ComponentType owner = componentKind(root);
                    if (owner == null) {
                        unchecked.add(s.toString());
                    } else {
                        ObjectNode c = (ObjectNode) withoutEllipses(root);
                        c.put("type", owner.yamlName());
                        components += checkComponent(s, "(keys of a " + owner.yamlName() + ")", c, problems);
                    }
                    continue;
                }
                excerpts++;
                // an excerpt leaves keys out ("..." stands for them): it is checked for what it writes
                JsonNode written = withoutEllipses(root);
                for (String e : SchemaCheck.errors(SchemaCheck.relaxed(excerptKind), written)) {
                    problems.add(s + " (excerpt of a " + excerptKind + "): " + e);
                }
                if (root.path("components").isObject()) {
                    var fields = root.get("components").fields();
                    while (fields.hasNext()) {
                        var c = fields.next();
                        components += checkComponent(s, c.getKey(), withoutEllipses(c.getValue()), problems);
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " problems:\n" + String.join("\n", problems));
        }
        System.out.println("[schema] README and docs snippets: " + whole + " whole files valid, " + excerpts
                + " excerpts valid for the keys they write (" + components + " components of them checked as components), "
                + unchecked.size() + " fragments below the top level or not YAML alone: " + unchecked);
        assertTrue(whole >= 1);
        assertEquals(0, problems.size());
    }
}
