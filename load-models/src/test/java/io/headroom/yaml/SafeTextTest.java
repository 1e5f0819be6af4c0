package io.headroom.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Safe text: what is refused where it is written, and how text is shown escaped and cut. */
class SafeTextTest {
    @Test
    void escapesControlCharactersAndUnpairedSurrogatesButKeepsPairsNewlinesAndTabs() {
        String clean = "café 😀\nnext\tcol";
        assertSame(clean, SafeText.escape(clean));
        assertEquals("a\\u001B[2Jb\\u007F\\u009B\\uD800x\\uDC00", SafeText.escape("a\u001B[2Jb\u007F\u009B\uD800x\uDC00"));
    }

    @Test
    void ellipsisNeverSplitsASurrogatePair() {
        assertEquals("abc", SafeText.ellipsis("abc", 3));
        assertEquals("ab…", SafeText.ellipsis("abcd", 3));
        assertEquals("a…", SafeText.ellipsis("a😀cd", 3));
    }

    private static String firstError(String yaml) {
        var e = assertThrows(BadInputException.class, () -> YamlDocument.parse(Path.of("t.yaml"), "t.yaml", yaml));
        return e.errors().get(0).format();
    }

    @Test
    void everyKeyAndTextValueIsChecked() {
        assertEquals("t.yaml:2:11: a.b[1]: the text contains the control character U+0000 at character 2; control characters are not allowed",
                firstError("a:\n  b: [ok, \"x\\0\"]\n"));
        assertEquals("t.yaml:1:1: \\u0007: the key contains the control character U+0007 at character 1; control characters are not allowed",
                firstError("\"\\a\": 1\n"));
        assertEquals("t.yaml:1:7: path: the text is 4097 characters long; at most 4096 are allowed here",
                firstError("path: " + "p".repeat(4097) + "\n"));
        assertEquals("t.yaml:1:7: name: the text contains an unpaired surrogate (U+D800) at character 2; text must be valid Unicode",
                firstError("name: \"x\\uD800\"\n"));
    }

    @Test
    void aReportedErrorIsOneLineEvenWhenItEchoesALineBreak() {
        assertEquals("t.yaml:1:5: a: YAML syntax error: unexpected character found \\n(10)"
                + " (while scanning an alias at line 1)", firstError("a: *\n"));
        assertEquals("t.yaml:1:1: x\\ny: the key contains the control character U+000A at character 2; control characters"
                + " are not allowed", firstError("\"x\\ny\": 1\n"));
    }

    @Test
    void validTextIsAccepted() throws Exception {
        YamlDocument d = YamlDocument.parse(Path.of("t.yaml"), "t.yaml",
                "name: \"" + "n".repeat(199) + "😀\"\ndescription: \"two\\n\\tlines\"\n" + "k".repeat(200) + ": 1\n");
        assertEquals(3, d.root().size());
    }
}
