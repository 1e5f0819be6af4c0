package io.headroom.yaml;

/**
 * One problem in a user's input file, located precisely enough to jump to: the file, the line and
 * column, and the YAML path (e.g. {@code components.api.queue.capacity}) of the offending key or value.
 */
public record InputError(String file, Mark mark, String path, String message) {

    /** {@code FILE:LINE:COL: PATH: message}, the form editors and CI logs link to. */
    public String format() {
        String where = file + ":" + mark.line() + ":" + mark.column() + ": ";
        return path == null || path.isEmpty() ? where + message : where + path + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
