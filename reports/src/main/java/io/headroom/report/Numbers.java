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
        double r = round(x, places);
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            return Long.toString((long) r);
        }
        return java.math.BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
    }
}
