package io.headroom.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A fraction as users write one: {@code 0.6} or {@code 60%}, the same number. */
class FractionTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"60%, 0.6", "'60 %', 0.6", "0.1%, 0.001", "99.9%, 0.999", "100%, 1.0", "150%, 1.5", "0%, 0.0", ".5%, 0.005",
        "-5%, -0.05", "12.5%, 0.125"})
    void aPercentageIsItsValueOverAHundred(String written, double value) {
        assertEquals(new Fraction(value, true), Fraction.of(written));
        assertEquals(value, Fraction.percentage(written));
    }

    @Test
    void aNumberIsItself() {
        assertEquals(new Fraction(0.6, false), Fraction.of(0.6));
        assertEquals(new Fraction(60, false), Fraction.of(60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"60", "0.6", "sixty", "60%%", "%", "60 percent", "6 0%"})
    void anythingElseWrittenAsAStringIsRefused(String written) {
        FieldError e = assertThrows(FieldError.class, () -> Fraction.of(written));
        assertEquals("'" + written + "' is not a number or a percentage: write e.g. 0.6 or 60%", e.getMessage());
    }

    @Test
    void theHintReadsANumberAsTheUsersPercentage() {
        assertEquals("; write 0.6 or 60%", Fraction.hint(60));
        assertEquals("; write 0.125 or 12.5%", Fraction.hint(12.5));
        assertEquals("; write 1 or 100%", Fraction.hint(100));
        assertEquals("", Fraction.hint(0.6));
        assertEquals("", Fraction.hint(250));
    }
}
