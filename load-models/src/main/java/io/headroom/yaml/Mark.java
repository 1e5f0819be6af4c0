package io.headroom.yaml;

/** A position in a YAML file: 1-based line and column, as editors count them. */
public record Mark(int line, int column) {
    public static final Mark UNKNOWN = new Mark(1, 1);
}
