package io.headroom.yaml;

/**
 * Paths into a YAML document as error messages show them: keys joined by dots, list positions in
 * brackets ({@code injection[1].rate}); the empty path is the top-level mapping.
 */
final class YamlPaths {
    private YamlPaths() {
    }

    /** {@code parent.key}, or just one of them when the other is empty; a list position joins as {@code parent[2]}. */
    static String join(String parent, String key) {
        if (key == null || key.isEmpty()) {
            return parent;
        }
        return parent.isEmpty() || key.startsWith("[") ? parent + key : parent + "." + key;
    }

    /** The path one key or index up ({@code a.b[2]} → {@code a.b}); the top level is its own parent. */
    static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
