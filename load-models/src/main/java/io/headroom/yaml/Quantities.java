package io.headroom.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities, as a pod spec or an HPA manifest writes CPU and memory: {@code 500m}
 * (half a CPU), {@code 1.5}, {@code 2}, {@code 2Gi}, {@code 512Mi}, {@code 1G}, {@code 100M}, {@code 1k},
 * {@code 1e3}. The rules are those of {@code k8s.io/apimachinery/pkg/api/resource} ({@code quantity.go},
 * {@code ParseQuantity}, and {@code suffix.go}):
 *
 * <pre>
 * quantity        ::= signedNumber suffix
 * number          ::= digits | digits "." digits | digits "." | "." digits
 * suffix          ::= binarySI | decimalExponent | decimalSI
 * binarySI        ::= Ki | Mi | Gi | Ti | Pi | Ei                       (2^10 ... 2^60)
 * decimalSI       ::= n | u | m | "" | k | M | G | T | P | E           (10^-9 ... 10^18)
 * decimalExponent ::= "e" signedNumber | "E" signedNumber              (an integer power of ten)
 * </pre>
 *
 * Suffixes are case-sensitive: {@code 1k} is 1000 and {@code 1Ki} 1024, {@code 1m} is a thousandth and
 * {@code 1M} a million; {@code 1E} is 10^18 while {@code 1E3} is 1000. As Kubernetes does, a non-zero value
 * finer than a nano-unit is rounded up (away from zero) to the next nano-unit ({@code 0.1n} is {@code 1n}), and a
 * binary quantity is capped at 2^63 − 1. Surrounding spaces are trimmed, as the API server's JSON decoding does.
 *
 * <p>Two deliberate departures, both about input Kubernetes accepts only by accident: a quantity with no digit at
 * all ({@code m}, {@code .}, {@code -}), which Kubernetes reads as zero, is refused as malformed; so is a decimal
 * exponent beyond ±999, which no CPU or memory figure needs.
 */
public final class Quantities {
    private static final Pattern EXPONENT = Pattern.compile("[eE][-+]?[0-9]+");
    private static final Map<String, Integer> DECIMAL_SI = Map.of("", 0, "n", -9, "u", -6, "m", -3, "k", 3, "M", 6,
            "G", 9, "T", 12, "P", 15, "E", 18);
    private static final Map<String, Integer> BINARY_SI = Map.of("Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);
    private static final BigDecimal MAX_BINARY = BigDecimal.valueOf(Long.MAX_VALUE);
    /** Kubernetes keeps nine decimal places (nano-units). */
    private static final int NANO_SCALE = 9;

    /** What every refusal says the form is. */
    public static final String FORM_HINT = "a Kubernetes quantity is a number with an optional suffix, e.g. 500m, 1.5, 2,"
            + " 2Gi, 512Mi, 1G, 1e3 (suffixes: n u m k M G T P E, Ki Mi Gi Ti Pi Ei, e<exponent>)";

    private Quantities() {
    }

    /**
     * The value Kubernetes stores for {@code text} ({@code ParseQuantity}), exactly; or an
     * {@link IllegalArgumentException} with a message fit for the user.
     */
    public static BigDecimal parse(String text) {
        String s = text.trim();
        int end = s.length();
        int pos = 0;
        boolean negative = false;
        if (pos < end && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
            negative = s.charAt(pos) == '-';
            pos++;
        }
        int numStart = pos;
        while (pos < end && digit(s.charAt(pos))) {
            pos++;
        }
        String num = s.substring(numStart, pos);
        String denom = "";
        if (pos < end && s.charAt(pos) == '.') {
            int denomStart = ++pos;
            while (pos < end && digit(s.charAt(pos))) {
                pos++;
            }
            denom = s.substring(denomStart, pos);
        }
        if (num.isEmpty() && denom.isEmpty()) {
            throw malformed(text);
        }
        String suffix = s.substring(pos);
        BigDecimal amount = new BigDecimal((num.isEmpty() ? "0" : num) + (denom.isEmpty() ? "" : "." + denom));
        boolean binary = false;
        if (DECIMAL_SI.containsKey(suffix)) {
            amount = amount.scaleByPowerOfTen(DECIMAL_SI.get(suffix));
        } else if (BINARY_SI.containsKey(suffix)) {
            amount = amount.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(BINARY_SI.get(suffix))));
            binary = true;
        } else if (EXPONENT.matcher(suffix).matches()) {
            String digits = suffix.substring(1).replace("+", "");
            int exponent = digits.replace("-", "").replaceFirst("^0+(?=.)", "").length() > 3 ? 1000 : Integer.parseInt(digits);
            if (Math.abs(exponent) > 999) {
                throw new IllegalArgumentException("'" + text + "' is out of range: a decimal exponent is at most 999");
            }
            amount = amount.scaleByPowerOfTen(exponent);
        } else {
            throw new IllegalArgumentException("'" + text + "' has an unknown suffix '" + suffix + "': " + FORM_HINT
                    + hint(suffix));
        }
        if (amount.signum() != 0 && amount.scale() > NANO_SCALE) {
            amount = amount.setScale(NANO_SCALE, RoundingMode.UP);
        }
        if (binary && amount.compareTo(MAX_BINARY) > 0) {
            amount = MAX_BINARY;
        }
        return negative ? amount.negate() : amount;
    }

    /**
     * {@code Quantity.MilliValue()}: the value in thousandths, rounded up ({@code ceil(q * 1000)}), as the HPA
     * controller compares metric values and targets.
     */
    public static long milliValue(BigDecimal quantity) {
        return quantity.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /**
     * An amount of CPU (in cores) written as a quantity: {@code 500m}, {@code 1.5}, {@code 2}; positive.
     *
     * @param what names the value in the messages, e.g. "cpu-request"
     */
    public static double cpu(String text, String what) {
        BigDecimal q = parse(text);
        if (q.signum() <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + text);
        }
        double cores = q.doubleValue();
        if (Double.isInfinite(cores)) {
            throw new IllegalArgumentException("'" + text + "' is out of range for " + what);
        }
        return cores;
    }

    /**
     * A whole number of CPUs written as a quantity: {@code 2}, {@code 2000m}; positive. A fraction of a CPU
     * ({@code 500m}) is refused with {@code why}.
     */
    public static int wholeCpus(String text, String what, String why) {
        BigDecimal q = parse(text);
        if (q.signum() <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + text);
        }
        BigDecimal whole;
        try {
            whole = q.setScale(0, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is " + q.stripTrailingZeros().toPlainString() + " CPUs: " + why);
        }
        if (whole.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is out of range for " + what);
        }
        return whole.intValueExact();
    }

    /**
     * An amount of memory in bytes written as a quantity: {@code 512Mi}, {@code 2Gi}, {@code 1G}, {@code 1e9}; zero
     * or more. A fraction of a byte is rounded up, as Kubernetes' {@code Quantity.Value()} does.
     *
     * @param what names the value in the messages, e.g. "memory-request"
     */
    public static long bytes(String text, String what) {
        BigDecimal q = parse(text);
        if (q.signum() < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + text);
        }
        BigDecimal whole = q.setScale(0, RoundingMode.CEILING);
        if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is out of range for " + what);
        }
        return whole.longValueExact();
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException malformed(String text) {
        return new IllegalArgumentException("'" + text + "' is not a quantity: " + FORM_HINT);
    }

    /** The case-slip users make most: ki, KI, gi, mi. */
    private static String hint(String suffix) {
        for (String s : BINARY_SI.keySet()) {
            if (s.equalsIgnoreCase(suffix)) {
                return "; did you mean " + s + "?";
            }
        }
        if (suffix.equals("K")) {
            return "; did you mean k (1000) or Ki (1024)?";
        }
        return "";
    }
}
