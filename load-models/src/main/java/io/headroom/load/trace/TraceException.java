package io.headroom.load.trace;

/**
 * A problem in a trace file: the line it is on (0 when it concerns the whole file) and the YAML key
 * of the step to blame ({@code file} for the content, a column key for a header that lacks the column).
 */
final class TraceException extends Exception {
    private final String key;
    private final long line;

    TraceException(String key, long line, String message) {
        super(message);
        this.key = key;
        this.line = line;
    }

    TraceException(long line, String message) {
        this("file", line, message);
    }

    String key() {
        return key;
    }

    long line() {
        return line;
    }
}
