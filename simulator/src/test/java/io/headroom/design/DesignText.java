package io.headroom.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;

/** A design read from YAML text as the user's {@code design.yaml}, and the one located error a mistake in it gives. */
final class DesignText {
    private DesignText() {
    }

    /** The design {@code yaml} describes. */
    static Design read(String yaml) throws BadInputException {
        return DesignReader.read(YamlDocument.parse(Path.of("design.yaml"), "design.yaml", yaml)).design();
    }

    /** The error {@code yaml} is refused with, as the command line prints it ({@code design.yaml:line:col: path: message}); exactly one. */
    static String error(String yaml) {
        BadInputException e = assertThrows(BadInputException.class, () -> read(yaml));
        assertEquals(1, e.errors().size(), e.getMessage());
        return e.errors().get(0).format();
    }
}
