package io.headroom.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed schemas ({@code schemas/*.schema.json}) are what {@link ConfigSchemas} generates from the configuration
 * records today: a record changed without regenerating them fails here, naming the command that rewrites them.
 */
class SchemaFilesTest {
    static final String REGENERATE = "mvn -o -q -pl simulator -am test -Dtest=SchemaFilesTest -Dschemas.write=true"
            + " -Dsurefire.failIfNoSpecifiedTests=false";

    @Test
    void committedSchemasAreTheGeneratedOnes() throws Exception {
        Path repo = ConfigSchemas.repositoryRoot();
        Map<String, String> generated = ConfigSchemas.generate(repo);
        if (Boolean.getBoolean("schemas.write")) {
            Files.createDirectories(repo.resolve("schemas"));
            for (Map.Entry<String, String> e : generated.entrySet()) {
                Files.writeString(repo.resolve("schemas").resolve(e.getKey()), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : generated.entrySet()) {
            Path file = repo.resolve("schemas").resolve(e.getKey());
            String committed = Files.exists(file) ? Files.readString(file) : "";
            assertEquals(e.getValue(), committed, "schemas/" + e.getKey() + " is not what the configuration records give today;"
                    + " regenerate it with: " + REGENERATE);
        }
    }
}
