package io.headroom.yaml;

import java.util.List;
import java.util.Locale;

/**
 * Near-miss suggestions for a misspelt key or name: {@code concurency} is probably
 * {@code concurrency}. A few letters off (by edit distance, ignoring case) counts as a near miss.
 */
public final class Suggestions {
    private Suggestions() {
    }

    /** "unknown key 'concurency': did you mean 'concurrency'?", or the list of keys that are known. */
    static String unknownKey(String key, List<String> known) {
        return "unknown key '" + key + "'" + suggestion(key, known, known.isEmpty() ? null : "known keys: " + String.join(", ", known));
    }

    /** ": did you mean 'x'?" for a near miss, else " (otherwise)", else nothing. */
    public static String suggestion(String given, List<String> known, String otherwise) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        if (given != null) {
            for (String k : known) {
                int d = distance(given.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
                if (d < bestDistance) {
                    best = k;
                    bestDistance = d;
                }
            }
        }
        if (best != null && bestDistance <= Math.max(1, Math.min(3, given.length() / 4))) {
            return ": did you mean '" + best + "'?";
        }
        return otherwise == null ? "" : " (" + otherwise + ")";
    }

    /** Levenshtein distance (edits to turn one word into the other). */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
