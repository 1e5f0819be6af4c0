package io.headroom.yaml;

/**
 * One problem in a user's input file, located precisely enough to jump to: the file, the line and
 * column, and the YAML path (e.g. {@code components.api.queue.capacity}) of the offending key or value.
 */
public record InputError(String file, Mark mark, String path, String message) {

    /**
     * {@code FILE:LINE:COL: PATH: message}, the form editors and CI logs link to; control characters and
     * unpaired surrogates echoed from the input are shown {@link SafeText#escape escaped}.
     */
    public String format() {
        String where = SafeText.escape(file) + ":" + mark.line() + ":" + mark.column() + ": ";
        String text = SafeText.escape(message);
        return path == null || path.isEmpty() ? where + text : where + SafeText.escape(path) + ": " + text;
    }

    @Override
    public String toString() {
        return format();
    }
}
