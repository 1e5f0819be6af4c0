package io.headroom.load.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The requests of an access log in Common or Combined Log Format, read one line at a time:
 * <pre>host ident authuser [dd/MMM/yyyy:HH:mm:ss +hhmm] "METHOD /path?query PROTOCOL" status bytes ["referer" "agent"]</pre>
 * Only the timestamp (to the second, with its zone offset) and the request are read. A line must
 * have a timestamp in brackets and a quoted request after it; the request's path (its second word,
 * without the query string; the whole request when it has one word) is the line's key. Blank lines
 * and lines starting with {@code #} are skipped. Bytes are read as ISO-8859-1, so any byte sequence
 * in a path gives a stable key.
 */
final class ClfLines implements AutoCloseable {
    private static final String SHAPE = "host ident user [01/Jul/1995:00:00:01 -0400] \"GET /path HTTP/1.0\" status bytes";
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private final TraceText text;
    private long second;
    private String path;
    private String stamp;

    ClfLines(Path file) throws IOException {
        this.text = new TraceText(file, false);
    }

    /** Moves to the next request; false at the end of the log. */
    boolean next() throws IOException, TraceException {
        String s;
        do {
            s = text.next();
            if (s == null) {
                return false;
            }
        } while (s.isBlank() || s.startsWith("#"));
        int open = s.indexOf('[');
        int close = open < 0 ? -1 : s.indexOf(']', open + 1);
        if (close < 0) {
            throw new TraceException(line(), "no [timestamp]: not a Common Log Format line (" + SHAPE + ")");
        }
        stamp = s.substring(open + 1, close);
        try {
            second = epochSecond(stamp);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new TraceException(line(), "'" + stamp + "' is not a log timestamp like 01/Jul/1995:00:00:01 -0400");
        }
        int q = s.indexOf('"', close + 1);
        if (q < 0) {
            throw new TraceException(line(), "no quoted request after the timestamp: not a Common Log Format line ("
                    + SHAPE + ")");
        }
        int end = s.indexOf('"', q + 1);
        path = pathOf(s.substring(q + 1, end < 0 ? s.length() : end));
        return true;
    }

    /** The path of a request line: {@code GET /a/b?x=1 HTTP/1.0} gives {@code /a/b}. */
    static String pathOf(String request) {
        String r = request.trim();
        int sp = r.indexOf(' ');
        String target = r;
        if (sp >= 0) {
            int sp2 = r.indexOf(' ', sp + 1);
            target = (sp2 < 0 ? r.substring(sp + 1) : r.substring(sp + 1, sp2)).trim();
        }
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** Seconds since 1970 of a CLF timestamp {@code dd/MMM/yyyy:HH:mm:ss +hhmm}. */
    static long epochSecond(String t) {
        if (t.length() != 26 || t.charAt(2) != '/' || t.charAt(6) != '/' || t.charAt(11) != ':' || t.charAt(14) != ':'
                || t.charAt(17) != ':' || t.charAt(20) != ' ' || (t.charAt(21) != '+' && t.charAt(21) != '-')) {
            throw new IllegalArgumentException(t);
        }
        int day = digits(t, 0, 2);
        int month = month(t.substring(3, 6));
        int year = digits(t, 7, 4);
        int hour = digits(t, 12, 2);
        int minute = digits(t, 15, 2);
        int sec = digits(t, 18, 2);
        int zoneHours = digits(t, 22, 2);
        int zoneMinutes = digits(t, 24, 2);
        if (hour > 23 || minute > 59 || sec > 59 || zoneHours > 18 || zoneMinutes > 59) {
            throw new IllegalArgumentException(t);
        }
        long offset = (t.charAt(21) == '-' ? -1 : 1) * (zoneHours * 3600L + zoneMinutes * 60L);
        return LocalDate.of(year, month, day).toEpochDay() * 86400L + hour * 3600L + minute * 60L + sec - offset;
    }

    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int month(String m) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equalsIgnoreCase(m)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(m);
    }

    /** The line of the current request. */
    long line() {
        return text.line();
    }

    /** The current request's time, in whole seconds since 1970 (the log's resolution). */
    long second() {
        return second;
    }

    /** The current request's timestamp as logged. */
    String stamp() {
        return stamp;
    }

    /** The current request's path. */
    String path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
