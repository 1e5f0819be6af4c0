package io.headroom.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The exact total of durations: exact to the nanosecond, past what a {@code long} holds. */
class NanosTotalTest {
    @Test
    void sumsExactlyAndCarriesPastLongMaxValue() {
        NanosTotal t = new NanosTotal();
        BigInteger exact = BigInteger.ZERO;
        long d = 86_400_000_000_000L * 30 + 7; // a request 30 days and 7 ns in the system
        for (int i = 0; i < 10_000; i++) { // 2.6e22 ns in all: 2,800 times Long.MAX_VALUE
            t.add(d);
            exact = exact.add(BigInteger.valueOf(d));
        }
        assertEquals(exact.doubleValue(), t.nanos(), Math.ulp(exact.doubleValue()), "to the double nearest, within one rounding");
        NanosTotal small = new NanosTotal();
        for (int i = 1; i <= 1000; i++) {
            small.add(i);
        }
        assertEquals(500_500.0, small.nanos());
        NanosTotal edge = new NanosTotal();
        edge.add(Long.MAX_VALUE);
        edge.add(1);
        assertEquals(0x1p63, edge.nanos());
    }
}
