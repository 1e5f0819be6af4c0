package io.headroom.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kubernetes quantities, against the table of {@code TestQuantityParse} in
 * {@code k8s.io/apimachinery/pkg/api/resource/quantity_test.go} (the expected values written out in full).
 */
class QuantitiesTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "0, 0", "0n, 0", "0u, 0", "0m, 0", "0Ki, 0", "0k, 0", "0Mi, 0", "0M, 0", "0Gi, 0", "0G, 0", "0Ti, 0", "0T, 0",
        "1, 1",
        // binary suffixes
        "1Ki, 1024", "8Ki, 8192", "7Mi, 7340032", "6Gi, 6442450944", "5Ti, 5497558138880", "4Pi, 4503599627370496",
        "3Ei, 3458764513820540928", "10Ti, 10995116277760", "100Ti, 109951162777600",
        // decimal suffixes
        "5n, 0.000000005", "4u, 0.000004", "3m, 0.003", "9, 9", "8k, 8000", "50k, 50000", "7M, 7000000",
        "6G, 6000000000", "5T, 5000000000000", "40T, 40000000000000", "300T, 300000000000000", "2P, 2000000000000000",
        "1E, 1000000000000000000",
        // decimal exponents
        "1E-3, 0.001", "1e3, 1000", "1E6, 1000000", "1e9, 1000000000", "1E12, 1000000000000", "1e15, 1000000000000000",
        "1E18, 1000000000000000000", "1e14, 100000000000000", "1e13, 10000000000000", "100.035k, 100035",
        // things that look like floating point
        "0.001, 0.001", "0.0005k, 0.5", "0.005, 0.005", "0.05, 0.05", "0.5, 0.5", "0.00050k, 0.5", "0.00500, 0.005",
        "0.05000, 0.05", "0.50000, 0.5", "0.5e0, 0.5", "0.5e-1, 0.05", "0.5e-2, 0.005", "10.035M, 10035000",
        "1.2e3, 1200", "1.3E+6, 1300000", "1.40e9, 1400000000", "1.53E12, 1530000000000", "1.6e15, 1600000000000000",
        "1.7E18, 1700000000000000000", "9.01, 9.01", "8.1k, 8100", "7.123456M, 7123456", "6.987654321G, 6987654321",
        "5.444T, 5444000000000", "40.1T, 40100000000000", "300.2T, 300200000000000", "2.5P, 2500000000000000",
        "1.01E, 1010000000000000000",
        // things that saturate or round (up, to a nano-unit)
        "3.001n, 0.000000004", "1.1E-9, 0.000000002", "0.0000000001, 0.000000001", "0.0000000005, 0.000000001",
        "0.00000000050, 0.000000001", "0.5e-9, 0.000000001", "0.9n, 0.000000001", "0.00000012345, 0.000000124",
        "0.00000012354, 0.000000124", "9Ei, 9223372036854775807", "9223372036854775807Ki, 9223372036854775807",
        "12E, 12000000000000000000",
        // fractional binary
        "100.035Ki, 102435.84", "0.5Mi, 524288", "0.05Gi, 53687091.2", "0.025Ti, 27487790694.4",
        // written by trolls
        "0.000000000001Ki, 0.000000002", ".001, 0.001", ".0001k, 0.1", "1., 1", "1.G, 1000000000",
        // signs, and the spaces the API server's JSON decoding trims
        "-1.5, -1.5", "+500m, 0.5", "-0.5e-9, -0.000000001", "' 2Gi ', 2147483648",
    })
    void parsesAsKubernetesDoes(String text, String expected) {
        BigDecimal got = Quantities.parse(text);
        assertEquals(0, new BigDecimal(expected).compareTo(got), text + " gave " + got.toPlainString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-",
        "1ki", "2GI", "1K", "500 m", "1e", "1e+", "ee5", "m", ".", "-", "60%", "1e1000", "1e0000000001234"})
    void refusesWhatKubernetesRefuses(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantities.parse(text));
        assertTrue(e.getMessage().startsWith("'" + text + "'"), e.getMessage());
    }

    @Test
    void messagesNameTheFormAndTheLikelySuffix() {
        assertEquals("'2gi' has an unknown suffix 'gi': " + Quantities.FORM_HINT + "; did you mean Gi?",
                assertThrows(IllegalArgumentException.class, () -> Quantities.parse("2gi")).getMessage());
        assertEquals("'1K' has an unknown suffix 'K': " + Quantities.FORM_HINT + "; did you mean k (1000) or Ki (1024)?",
                assertThrows(IllegalArgumentException.class, () -> Quantities.parse("1K")).getMessage());
        assertEquals("'abc' is not a quantity: " + Quantities.FORM_HINT,
                assertThrows(IllegalArgumentException.class, () -> Quantities.parse("abc")).getMessage());
    }

    @Test
    void milliValueRoundsUpAsQuantityMilliValueDoes() {
        // TestScaledValue / TestMilliNewSet: ceil(q * 1000)
        assertEquals(500, Quantities.milliValue(Quantities.parse("500m")));
        assertEquals(1500, Quantities.milliValue(Quantities.parse("1.5")));
        assertEquals(1, Quantities.milliValue(Quantities.parse("1n")));
        assertEquals(1, Quantities.milliValue(Quantities.parse("0.0001")));
        assertEquals(2000, Quantities.milliValue(Quantities.parse("2")));
        assertEquals(1024000, Quantities.milliValue(Quantities.parse("1Ki")));
        assertEquals(-1000, Quantities.milliValue(Quantities.parse("-1")));
    }

    @Test
    void cpuAmountsAndWholeCpus() {
        assertEquals(0.5, Quantities.cpu("500m", "cpu-request"));
        assertEquals(1.5, Quantities.cpu("1.5", "cpu-request"));
        assertEquals(2.0, Quantities.cpu("2", "cpu-request"));
        assertEquals(0.25, Quantities.cpu("250000u", "cpu-request"));
        assertEquals("cpu-request must be positive, got 0m",
                assertThrows(IllegalArgumentException.class, () -> Quantities.cpu("0m", "cpu-request")).getMessage());
        assertEquals("cpu-request must be positive, got -1",
                assertThrows(IllegalArgumentException.class, () -> Quantities.cpu("-1", "cpu-request")).getMessage());
        assertEquals(2, Quantities.wholeCpus("2", "cores", "why"));
        assertEquals(2, Quantities.wholeCpus("2000m", "cores", "why"));
        assertEquals(4, Quantities.wholeCpus("4.0", "cores", "why"));
        assertEquals("'500m' is 0.5 CPUs: cores counts whole CPUs",
                assertThrows(IllegalArgumentException.class, () -> Quantities.wholeCpus("500m", "cores", "cores counts whole CPUs"))
                        .getMessage());
        assertEquals("cores must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> Quantities.wholeCpus("0", "cores", "why")).getMessage());
    }

    /** {@code Quantity.Value()}: the quantity in whole units, a fraction rounded up (away from zero). */
    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({"1Gi, 1073741824", "1.5Gi, 1610612736", "512Mi, 536870912", "1G, 1000000000", "1e3, 1000", "1E3, 1000",
        "1k, 1000", "1Ki, 1024", "0.5, 1", "100m, 1", "1.5, 2", "1n, 1", "0, 0", "0.1Ki, 103", "2.5e-1, 1",
        "'  2Gi ', 2147483648", "7Ei, 8070450532247928832", "8Ei, 9223372036854775807"})
    void bytesAreQuantityValue(String text, long bytes) {
        assertEquals(bytes, Quantities.bytes(text, "memory-request"));
    }

    @Test
    void bytesRefusesNegativeAndOutOfRange() {
        assertEquals("memory-request must not be negative, got -1Mi",
                assertThrows(IllegalArgumentException.class, () -> Quantities.bytes("-1Mi", "memory-request")).getMessage());
        assertEquals("'1e19' is out of range for memory-request",
                assertThrows(IllegalArgumentException.class, () -> Quantities.bytes("1e19", "memory-request")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Quantities.bytes("500x", "memory-request")).getMessage()
                .startsWith("'500x' has an unknown suffix 'x': a Kubernetes quantity"));
    }
}
