package io.headroom.design;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.yaml.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every CPU figure of a design is a Kubernetes quantity: {@code cpu-request: 500m}, {@code cores: 2}. */
class CpuQuantityInputTest {
    private static final String DESIGN = """
            name: t
            entry: api
            components:
              api:
                type: service
                concurrency: 4
                %s
                endpoints:
                  get: {demand: {dist: constant, value: 1ms}}
              store:
                type: sharded-store
                shards: 2
                concurrency: 4
                %s
                demand: {dist: constant, value: 1ms}
            """;

    private static Design read(String service, String store) throws BadInputException {
        return DesignText.read(DESIGN.formatted(service, store));
    }

    private static String error(String service, String store) {
        return DesignText.error(DESIGN.formatted(service, store));
    }

    @ParameterizedTest(name = "cpu-request: {0} = {1} cores")
    @CsvSource({"500m, 0.5", "1.5, 1.5", "2, 2.0", "'\"2\"', 2.0", "250000u, 0.25", "1e0, 1.0", "0.1, 0.1", "100m, 0.1"})
    void cpuRequestIsAQuantity(String written, double cores) throws BadInputException {
        ServiceSpec api = (ServiceSpec) read("cores: 2\n    cpu-request: " + written, "cores: 2").components().get("api");
        assertEquals(cores, api.cpuRequest());
    }

    @ParameterizedTest(name = "cores: {0} = {1}")
    @CsvSource({"2, 2", "2000m, 2", "4.0, 4", "'\"8\"', 8"})
    void coresAreAQuantityOfWholeCpus(String written, int cores) throws BadInputException {
        Design d = read("cores: " + written, "cores: " + written);
        assertEquals(cores, ((ServiceSpec) d.components().get("api")).cores());
        assertEquals(cores, ((ShardedStoreSpec) d.components().get("store")).cores());
    }

    @Test
    void malformedOrFractionalValuesAreRefusedWhereWritten() {
        assertEquals("design.yaml:7:18: components.api.cpu-request: '2gi' has an unknown suffix 'gi': a Kubernetes quantity"
                + " is a number with an optional suffix, e.g. 500m, 1.5, 2, 2Gi, 512Mi, 1G, 1e3 (suffixes: n u m k M G T P E,"
                + " Ki Mi Gi Ti Pi Ei, e<exponent>); did you mean Gi?", error("cpu-request: 2gi", "cores: 2"));
        assertEquals("design.yaml:7:18: components.api.cpu-request: cpu-request must be positive, got 0m",
                error("cpu-request: 0m", "cores: 2"));
        assertEquals("design.yaml:7:12: components.api.cores: '500m' is 0.5 CPUs: cores counts whole CPUs (e.g. 2, or 2000m)",
                error("cores: 500m", "cores: 2"));
        assertEquals("design.yaml:14:12: components.store.cores: '1.5' is 1.5 CPUs: cores counts whole CPUs (e.g. 2, or 2000m)",
                error("cores: 2", "cores: 1.5"));
    }
}
