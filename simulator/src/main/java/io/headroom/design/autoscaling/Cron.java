package io.headroom.design.autoscaling;

import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.Locale;

/**
 * A 5-field Unix cron expression ({@code minute hour day-of-month month day-of-week}), as AWS
 * scheduled actions take it: {@code *}, numbers, ranges {@code a-b}, steps {@code * /s} and
 * {@code a-b/s}, lists {@code a,b}, month and weekday names ({@code JAN}, {@code MON}); day-of-week 0
 * and 7 are Sunday. When both day fields are restricted, a day matches if either does (Vixie cron).
 */
public final class Cron {
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domStar;
    private final boolean dowStar;

    private Cron(String[] f) {
        minutes = field(f[0], 0, 59, null, "minute");
        hours = field(f[1], 0, 23, null, "hour");
        daysOfMonth = field(f[2], 1, 31, null, "day of month");
        months = field(f[3], 1, 12, MONTHS, "month");
        daysOfWeek = field(f[4], 0, 7, DAYS, "day of week");
        if (daysOfWeek.get(7)) {
            daysOfWeek.set(0);
        }
        domStar = f[2].startsWith("*");
        dowStar = f[4].startsWith("*");
    }

    /** Parses an expression; a malformed one is an IllegalArgumentException saying which field is wrong. */
    public static Cron parse(String expr) {
        String[] f = expr.trim().split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day-of-month month day-of-week), got "
                    + f.length + " in \"" + expr + "\"");
        }
        return new Cron(f);
    }

    /** True if the expression fires at this minute. */
    public boolean matches(LocalDateTime t) {
        return minutes.get(t.getMinute()) && hours.get(t.getHour()) && months.get(t.getMonthValue()) && dayMatches(t);
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (domStar || dowStar) {
            return dom && dow;
        }
        return dom || dow;
    }

    /** The first minute strictly after {@code t} (truncated to the minute) at which it fires; null if none within 5 years. */
    public LocalDateTime next(LocalDateTime t) {
        LocalDateTime c = t.withSecond(0).withNano(0).plusMinutes(1);
        LocalDateTime limit = t.plusYears(5);
        while (c.isBefore(limit)) {
            if (!months.get(c.getMonthValue())) {
                c = c.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
            } else if (!dayMatches(c)) {
                c = c.withHour(0).withMinute(0).plusDays(1);
            } else if (!hours.get(c.getHour())) {
                c = c.withMinute(0).plusHours(1);
            } else if (!minutes.get(c.getMinute())) {
                c = c.plusMinutes(1);
            } else {
                return c;
            }
        }
        return null;
    }

    private static BitSet field(String text, int lo, int hi, String[] names, String what) {
        BitSet bits = new BitSet(hi + 1);
        for (String part : text.split(",")) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), 1, hi - lo + 1, null, what + " step");
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = lo;
                to = hi;
            } else {
                int dash = range.indexOf('-');
                if (dash > 0) {
                    from = number(range.substring(0, dash), lo, hi, names, what);
                    to = number(range.substring(dash + 1), lo, hi, names, what);
                    if (to < from) {
                        throw new IllegalArgumentException(what + " range '" + range + "' runs backwards");
                    }
                } else {
                    from = number(range, lo, hi, names, what);
                    to = slash >= 0 ? hi : from;
                }
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String s, int lo, int hi, String[] names, String what) {
        if (names != null) {
            String u = s.toUpperCase(Locale.ROOT);
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(u)) {
                    return names == MONTHS ? i + 1 : i;
                }
            }
        }
        int v;
        try {
            v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a valid " + what);
        }
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " " + v + " is out of range " + lo + "-" + hi);
        }
        return v;
    }
}
