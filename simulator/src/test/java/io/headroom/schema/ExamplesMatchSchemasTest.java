package io.headroom.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
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

    @Test
    void everyWholeSnippetIsValid() throws IOException {
        List<String> problems = new ArrayList<>();
        int whole = 0;
        int components = 0;
        int excerpts = 0;
        for (Snippet s : snippets()) {
            JsonNode root;
            try {
                root = YamlDocument.parse(Path.of(s.file()), s.file(), s.text()).root();
            } catch (BadInputException e) {
                excerpts++;
                continue;
            }
            String kind = SchemaCheck.kindByKeys(root);
            if (kind != null && root.has("name")) {
                whole++;
                for (String e : SchemaCheck.errors(SchemaCheck.schema(kind), root)) {
                    problems.add(s + " (" + kind + " schema): " + e);
                }
            } else if (root.path("components").isObject()) {
                var fields = root.get("components").fields();
                while (fields.hasNext()) {
                    var c = fields.next();
                    if (!c.getValue().has("type")) {
                        continue;
                    }
                    components++;
                    // an excerpt leaves keys out ("..." stands for them): its component is checked for what it writes
                    com.fasterxml.jackson.databind.node.ObjectNode written = ((com.fasterxml.jackson.databind.node.ObjectNode) c.getValue())
                            .deepCopy();
                    written.remove("...");
                    io.headroom.design.ComponentType type = io.headroom.design.ComponentType.named(written.path("type").asText());
                    if (type == null) {
                        problems.add(s + " component " + c.getKey() + ": unknown type " + written.get("type"));
                        continue;
                    }
                    String definition = type.record().getSimpleName();
                    for (com.networknt.schema.Error e : SchemaCheck.definition("design", definition).validate(written)) {
                        if (!e.getKeyword().equals("required")) {
                            problems.add(s + " component " + c.getKey() + ": " + e.getInstanceLocation() + ": " + e.getMessage());
                        }
                    }
                }
            } else {
                excerpts++;
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " problems:\n" + String.join("\n", problems));
        }
        System.out.println("[schema] README and docs snippets: " + whole + " whole files valid, " + components
                + " components of excerpts valid, " + excerpts + " other excerpts");
        assertTrue(whole >= 1);
        assertEquals(0, problems.size());
    }
}
