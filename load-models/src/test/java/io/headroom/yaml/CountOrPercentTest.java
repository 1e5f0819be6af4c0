package io.headroom.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A count or a percentage against a total, as apimachinery's {@code intstr.GetScaledValueFromIntOrPercent}
 * resolves it ({@code k8s.io/apimachinery/pkg/util/intstr/intstr.go}; the expected values worked out by hand):
 * {@code ceil(percent × total / 100)} rounding up, {@code floor} rounding down; a count is itself whatever the total.
 */
class CountOrPercentTest {

    @ParameterizedTest(name = "{0} of {1}: {2} up, {3} down")
    @CsvSource({
        "25%, 10, 3, 2",
        "25%, 4, 1, 1",
        "25%, 3, 1, 0",
        "50%, 5, 3, 2",
        "90%, 100, 90, 90",
        "33%, 3, 1, 0",
        "1%, 1, 1, 0",
        "100%, 7, 7, 7",
        "0%, 10, 0, 0",
        "10%, 0, 0, 0",
        "150%, 10, 15, 15",
        "3, 10, 3, 3",
        "'\"3\"', 10, 3, 3",
        "0, 10, 0, 0",
        "5, 2, 5, 5",
    })
    void scaledAsGetScaledValueFromIntOrPercent(String written, int total, int up, int down) {
        CountOrPercent v = CountOrPercent.of(written.startsWith("\"") ? written.substring(1, written.length() - 1)
                : written.endsWith("%") ? written : (Object) Integer.valueOf(written));
        assertEquals(up, v.scaled(total, true));
        assertEquals(down, v.scaled(total, false));
    }

    @Test
    void aPercentageIsAWholeNumberAndNeverNegative() {
        assertEquals("'12.5%' is not a count or a percentage: write e.g. 1 or 25% (Kubernetes takes whole percentages)",
                assertThrows(FieldError.class, () -> CountOrPercent.of("12.5%")).getMessage());
        assertEquals("'25x' is not a count or a percentage: write e.g. 1 or 25%",
                assertThrows(FieldError.class, () -> CountOrPercent.of("25x")).getMessage());
        assertEquals("must not be negative, got -5%", assertThrows(FieldError.class, () -> CountOrPercent.of("-5%")).getMessage());
        assertEquals("must not be negative, got -1", assertThrows(FieldError.class, () -> CountOrPercent.of(-1)).getMessage());
        assertEquals("expected a count or a percentage (e.g. 1 or 25%)",
                assertThrows(FieldError.class, () -> CountOrPercent.of(1.5)).getMessage());
        assertEquals("25%", CountOrPercent.of("25%").toString());
        assertEquals("4", CountOrPercent.of(4).toString());
    }
}
