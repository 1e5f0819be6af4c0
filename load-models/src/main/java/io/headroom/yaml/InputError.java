package io.headroom.yaml;

/**
 * One problem in a user's input file, located precisely enough to jump to: the file, the line and
 * column, and the YAML path (e.g. {@code components.api.queue.capacity}) of the offending key or value.
 */
public record InputError(String file, Mark mark, String path, String message) {

    /**
     * {@code FILE:LINE:COL: PATH: message} on one line, the form editors and CI logs link to; control characters
     * and unpaired surrogates echoed from the input are shown {@link SafeText#escape escaped}, and so is a line
     * break (as <code>&#92;n</code>), which would otherwise start a line that names no place.
     */
    public String format() {
        String where = oneLine(file) + ":" + mark.line() + ":" + mark.column() + ": ";
        String text = oneLine(message);
        return path == null || path.isEmpty() ? where + text : where + oneLine(path) + ": " + text;
    }

    private static String oneLine(String text) {
        String escaped = SafeText.escape(text);
        return escaped == null ? null : escaped.replace("\n", "\\n");
    }

    @Override
    public String toString() {
        return format();
    }
}
