package io.headroom.report;

/** Rounding for output: fixed decimals, so files are short, stable and byte-identical across runs. */
final class Numbers {
    private Numbers() {
    }

    /** {@code x} rounded half-up to {@code places} decimals; NaN and infinities stay as they are. */
    static double round(double x, int places) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        return new java.math.BigDecimal(x).setScale(places, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    /** A CSV cell: blank for NaN, a plain integer when whole, else up to {@code places} decimals. */
    static String cell(double x, int places) {
        if (Double.isNaN(x)) {
            return "";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        if (places == 6 && Math.abs(x) < 1e9) {
            // fast path for the time series (millions of cells): fixed point in micro-units
            long scaled = Math.round(Math.abs(x) * 1e6);
            StringBuilder b = new StringBuilder(24);
            if (x < 0 && scaled != 0) {
                b.append('-');
            }
            b.append(scaled / 1_000_000);
            long frac = scaled % 1_000_000;
            if (frac != 0) {
                String f = Long.toString(frac + 1_000_000).substring(1);
                int end = f.length();
                while (f.charAt(end - 1) == '0') {
                    end--;
                }
                b.append('.').append(f, 0, end);
            }
            return b.toString();
        }
        double r = round(x, places);
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            return Long.toString((long) r);
        }
        return java.math.BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
    }

    /**
     * {@link #cell}{@code (x, 6)} appended to {@code b}, without the intermediate strings of the
     * common cases (a whole number; a fixed-point value under 10^9): the time series writes
     * millions of cells.
     */
    static void appendCell(StringBuilder b, double x) {
        if (Double.isNaN(x)) {
            return;
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            b.append((long) x);
            return;
        }
        if (Math.abs(x) < 1e9) {
            long scaled = Math.round(Math.abs(x) * 1e6);
            if (x < 0 && scaled != 0) {
                b.append('-');
            }
            b.append(scaled / 1_000_000);
            long frac = scaled % 1_000_000;
            if (frac != 0) {
                int digits = 6;
                while (frac % 10 == 0) {
                    frac /= 10;
                    digits--;
                }
                b.append('.');
                while (digits > 1 && frac < POWERS[digits - 1]) {
                    b.append('0');
                    digits--;
                }
                b.append(frac);
            }
            return;
        }
        b.append(cell(x, 6));
    }

    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    /**
     * The double a reader of the time series gets back for the cell {@link #appendCell} writes for
     * {@code x}, bit for bit, without writing and parsing it: a whole number as the long written; a
     * fixed-point value as its micro-units over 10^6 (both exact doubles, so the division rounds
     * the written decimal's exact value correctly, as the reader's does); anything else through the
     * reader's own parse of the text.
     */
    static double asWritten(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return (long) x;
        }
        if (Math.abs(x) < 1e9) {
            long scaled = Math.round(Math.abs(x) * 1e6);
            double v = scaled / 1e6;
            return x < 0 && scaled != 0 ? -v : v;
        }
        String text = cell(x, 6);
        return RunReport.Series.parse(text, 0, text.length());
    }
}
