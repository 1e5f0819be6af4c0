package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** How the command line refuses a design with a mistake: exit status 2, the first line located in the file, no stack trace. */
final class LocatedErrors {
    private LocatedErrors() {
    }

    /** The first error line of {@code headroom check DESIGN}, which must refuse it as a located error. */
    static String check(Path design) {
        var o = RunCommandTest.headroom("check", design.toString());
        return refused(o, design, "");
    }

    /**
     * The first error line of {@code headroom run DESIGN} under a small profile written beside it (in {@code dir}), which
     * must refuse it as a located error and write no output folder; {@code what} names the case in failure messages.
     */
    static String run(Path design, Path dir, String what) throws java.io.IOException {
        Path profile = Files.writeString(dir.resolve("p.yaml"), "name: p\ninjection:\n  - constantUsersPerSec: {rate: 1, during: 10s}\n");
        Path out = dir.resolve("out");
        var o = RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", out.toString());
        String first = refused(o, design, what);
        assertFalse(Files.exists(out), what + ": no output for a refused design");
        return first;
    }

    private static String refused(RunCommandTest.Outcome o, Path design, String what) {
        assertEquals(2, o.status(), what + ": " + o.out() + o.err());
        String first = o.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith(design + ":"), what + ": " + first);
        assertFalse(first.contains("Exception"), what + ": " + first);
        return first;
    }
}
