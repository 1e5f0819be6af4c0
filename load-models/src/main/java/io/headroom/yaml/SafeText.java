package io.headroom.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The text a user writes into a YAML file — names of designs, profiles, studies, components,
 * endpoints and variants, references to them, file names, descriptions — ends up in terminals,
 * reports, charts and JSON. It must therefore be valid Unicode (no unpaired surrogate, which no
 * UTF-8 writer can encode), free of control characters (C0, DEL and C1: an ESC sequence would
 * retitle or clear a terminal) and of bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E,
 * U+200F, U+061C: they make text display in another order than it reads, as in "Trojan Source"
 * attacks), and of a length a chart can lay out. A {@code description} may span
 * lines, so newline and tab are allowed there and nowhere else.
 *
 * <p>Limits: {@value #MAX_NAME} characters for a key and for the value of a {@code name},
 * {@value #MAX_DESCRIPTION} for a {@code description}, {@value #MAX_TEXT} for any other text (a file path).
 * {@link #escape} shows any text safely in a message.
 */
public final class SafeText {
    /** The longest name (a key, the value of {@code name}) accepted, in characters. */
    public static final int MAX_NAME = 200;
    /** The longest {@code description} accepted, in characters. */
    public static final int MAX_DESCRIPTION = 10_000;
    /** The longest other text value (a file path, a reference) accepted, in characters. */
    public static final int MAX_TEXT = 4096;
    private static final int MAX_ERRORS = 20;

    private SafeText() {
    }

    /**
     * {@code text} with every control character (C0 other than newline and tab, DEL, C1), bidirectional control and unpaired
     * surrogate written as <code>&#92;uXXXX</code>, so that echoing it cannot act on a terminal.
     */
    public static String escape(String text) {
        if (text == null || isClean(text, true)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pairedHigh) {
                b.append(c).append(text.charAt(++i));
            } else if ((c != '\n' && c != '\t' && isControl(c)) || Character.isSurrogate(c) || isBidi(c)) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code label} cut to {@code max} characters with an ellipsis (never splitting a surrogate pair). */
    public static String ellipsis(String label, int max) {
        if (label == null || label.length() <= max) {
            return label;
        }
        int cut = max - 1;
        if (cut > 0 && Character.isHighSurrogate(label.charAt(cut - 1))) {
            cut--;
        }
        return label.substring(0, cut) + "…";
    }

    /** Every key and text value of {@code doc} that is not safe text, as located errors (none when all is well). */
    static List<InputError> check(YamlDocument doc) {
        List<InputError> errors = new ArrayList<>();
        walk(doc, doc.root(), "", "", errors);
        return errors;
    }

    private static void walk(YamlDocument doc, JsonNode node, String path, String key, List<InputError> errors) {
        if (errors.size() >= MAX_ERRORS) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = YamlPaths.join(path, e.getKey());
                String problem = problem(e.getKey(), MAX_NAME, false);
                if (problem != null) {
                    errors.add(doc.keyError(child, "the key " + problem));
                    continue;
                }
                walk(doc, e.getValue(), child, e.getKey(), errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(doc, node.get(i), path + "[" + i + "]", key, errors);
            }
        } else if (node.isTextual()) {
            boolean description = "description".equals(key);
            int max = "name".equals(key) ? MAX_NAME : description ? MAX_DESCRIPTION : MAX_TEXT;
            String problem = problem(node.textValue(), max, description);
            if (problem != null) {
                errors.add(doc.error(path, "the text " + problem));
            }
        }
    }

    /** What is wrong with {@code text} ("contains ..."/"is ... long"), or null when it is safe. */
    private static String problem(String text, int max, boolean multiline) {
        int length = text.length() > max ? text.codePointCount(0, text.length()) : text.length();
        if (length > max) {
            return "is " + length + " characters long; at most " + max + " are allowed here";
        }
        if (isClean(text, multiline)) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("contains an unpaired surrogate (U+%04X) at character %d; text must be valid Unicode", (int) c, i + 1);
            } else if (isBidi(c)) {
                return String.format("contains the bidirectional control U+%04X at character %d; it would make the text"
                        + " display in another order than it reads", (int) c, i + 1);
            } else if (isControl(c) && !(multiline && (c == '\n' || c == '\t'))) {
                return String.format("contains the control character U+%04X at character %d; control characters are not allowed%s",
                        (int) c, i + 1, multiline ? " (newline and tab are)" : "");
            }
        }
        return null;
    }

    private static boolean isClean(String text, boolean allowNewlineTab) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 ? !(allowNewlineTab && (c == '\n' || c == '\t'))
                    : (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c) || isBidi(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
        }
        return true;
    }

    /** The explicit bidirectional formatting characters (Unicode's Bidi_Control property). */
    private static boolean isBidi(char c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }
}
