package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text a user writes into a design, profile or study reaches terminals, reports and charts: an unpaired
 * surrogate, a control character or a name too long to lay out is refused where it is written, with
 * exit 2 and nothing written, and the error shows the offending text escaped.
 */
class TextSafetyTest {
    private static final Path EXAMPLES = RunCommandTest.EXAMPLES;

    /** examples/shop.yaml with {@code from} replaced by {@code to} (exactly once). */
    private static Path shop(Path dir, String from, String to) throws Exception {
        String text = Files.readString(EXAMPLES.resolve("shop.yaml"));
        assertEquals(text.indexOf(from), text.lastIndexOf(from), from);
        Path p = dir.resolve("bad-shop.yaml");
        Files.writeString(p, text.replace(from, to));
        return p;
    }

    private static RunCommandTest.Outcome run(Path design, Path out) {
        return RunCommandTest.headroom("run", design.toString(), "--load", EXAMPLES.resolve("profiles/shop-day.yaml").toString(),
                "--out", out.toString());
    }

    private static void refused(RunCommandTest.Outcome o, String expected, Path out) {
        assertEquals(Headroom.BAD_INPUT, o.status(), o.err());
        assertTrue(o.err().contains(expected), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(out), "nothing is written");
        for (char c : o.err().toCharArray()) {
            assertTrue(c == '\n' || (c >= 0x20 && !(c >= 0x7F && c <= 0x9F) && !Character.isSurrogate(c)), "raw character in " + o.err());
        }
    }

    @Test
    void loneSurrogateInADesignNameIsRefusedWhereItIsWritten(@TempDir Path tmp) throws Exception {
        Path design = shop(tmp, "name: shop", "name: \"shop\\uD800\"");
        Path out = tmp.resolve("out");
        refused(run(design, out), design + ":4:7: name: the text contains an unpaired surrogate (U+D800) at character 5;"
                + " text must be valid Unicode", out);
    }

    @Test
    void loneSurrogateInAStudyNameIsRefused(@TempDir Path tmp) throws Exception {
        String text = Files.readString(EXAMPLES.resolve("studies/shop-sizing.yaml"))
                .replace("name: shop-sizing", "name: \"\\uDC00sizing\"")
                .replace("../shop.yaml", EXAMPLES.resolve("shop.yaml").toAbsolutePath().toString())
                .replace("../profiles/", EXAMPLES.resolve("profiles").toAbsolutePath() + "/");
        Path study = tmp.resolve("study.yaml");
        Files.writeString(study, text);
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("sweep", study.toString(), "--out", out.toString());
        refused(o, study + ":6:7: name: the text contains an unpaired surrogate (U+DC00) at character 1", out);
    }

    @Test
    void aHundredThousandCharacterNameIsRefusedAtOnce(@TempDir Path tmp) throws Exception {
        Path design = shop(tmp, "name: shop", "name: " + "x".repeat(100_000));
        Path out = tmp.resolve("out");
        long start = System.nanoTime();
        var o = run(design, out);
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused within 2 s");
        refused(o, design + ":4:7: name: the text is 100000 characters long; at most 200 are allowed here", out);
    }

    @Test
    void aNameOf200CharactersIsAccepted(@TempDir Path tmp) throws Exception {
        Path design = shop(tmp, "name: shop", "name: " + "x".repeat(200));
        var o = RunCommandTest.headroom("check", design.toString());
        assertEquals(Headroom.OK, o.status(), o.err());
    }

    @Test
    void anAnsiSequenceInAComponentNameIsRefusedAndShownEscaped(@TempDir Path tmp) throws Exception {
        Path design = shop(tmp, "  api:\n", "  \"api\\e]0;pwned\\a\\e[2J\":\n");
        Path out = tmp.resolve("out");
        refused(run(design, out), design + ":7:3: components.api\\u001B]0;pwned\\u0007\\u001B[2J: the key contains the control character"
                + " U+001B at character 4; control characters are not allowed", out);
    }

    @Test
    void aControlCharacterInAProfileIsRefused(@TempDir Path tmp) throws Exception {
        Path profile = tmp.resolve("p.yaml");
        Files.writeString(profile, Files.readString(EXAMPLES.resolve("profiles/shop-day.yaml"))
                .replaceFirst("(?m)^name: .*$", java.util.regex.Matcher.quoteReplacement("name: \"day\\x9b2J\"")));
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", EXAMPLES.resolve("shop.yaml").toString(), "--load", profile.toString(), "--out", out.toString());
        refused(o, "name: the text contains the control character U+009B at character 4", out);
    }

    @Test
    void aStudyDescriptionMaySpanLinesButANameMayNot(@TempDir Path tmp) throws Exception {
        String text = Files.readString(EXAMPLES.resolve("studies/shop-sizing.yaml"))
                .replace("../shop.yaml", EXAMPLES.resolve("shop.yaml").toAbsolutePath().toString())
                .replace("../profiles/", EXAMPLES.resolve("profiles").toAbsolutePath() + "/");
        Path study = tmp.resolve("study.yaml");
        Files.writeString(study, text.replaceFirst("(?m)^description: .*$", java.util.regex.Matcher.quoteReplacement("description: \"two\\n\\tlines\"")));
        assertEquals("two\n\tlines", io.headroom.study.StudyReader.read(study).spec().description());
        Files.writeString(study, text.replace("name: shop-sizing", "name: \"two\\nlines\""));
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.headroom.yaml.BadInputException.class,
                () -> io.headroom.study.StudyReader.read(study));
        assertEquals(study + ":6:7: name: the text contains the control character U+000A at character 4;"
                + " control characters are not allowed", e.getMessage());
    }

    @Test
    void aBidirectionalControlInAComponentNameIsRefused(@TempDir Path tmp) throws Exception {
        // "Trojan Source": U+202E shows "api" followed by reversed text, so a name would read other than it is
        Path design = shop(tmp, "  api:\n", "  \"api\\u202Egnp.exe\":\n");
        Path out = tmp.resolve("out");
        var o = run(design, out);
        refused(o, design + ":7:3: components.api\\u202Egnp.exe: the key contains the bidirectional control U+202E at"
                + " character 4; it would make the text display in another order than it reads", out);
        assertFalse(o.err().contains("\u202E"), "echoed escaped");
    }

    @Test
    void argumentsEchoedInUsageErrorsAreEscaped(@TempDir Path tmp) {
        var o = RunCommandTest.headroom("run", EXAMPLES.resolve("shop.yaml").toString(), "--load",
                EXAMPLES.resolve("profiles/shop-day.yaml").toString(), "--out", tmp.resolve("out").toString(), "extra\u001B]0;pwned\u0007");
        assertEquals(Headroom.BAD_INPUT, o.status(), o.err());
        assertTrue(o.err().startsWith("Unmatched argument at index 6: 'extra\\u001B]0;pwned\\u0007'"), o.err());
        var w = RunCommandTest.headroom("run", EXAMPLES.resolve("shop.yaml").toString(), "--load",
                EXAMPLES.resolve("profiles/shop-day.yaml").toString(), "--window", "5\u009B2J");
        assertEquals(Headroom.BAD_INPUT, w.status(), w.err());
        assertTrue(w.err().startsWith("--window: '5\\u009B2J' is not a duration"), w.err());
        for (String err : new String[] {o.err(), w.err()}) {
            for (char c : err.toCharArray()) {
                assertTrue(c == '\n' || c >= 0x20 && !(c >= 0x7F && c <= 0x9F), "raw control character in " + err);
            }
        }
    }
}
