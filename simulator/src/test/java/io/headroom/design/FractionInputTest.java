package io.headroom.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every fraction of a design may be written as a percentage: an error rate, a call's probability, a hit ratio. */
class FractionInputTest {
    private static final String DESIGN = """
            name: t
            entry: api
            components:
              api:
                type: service
                concurrency: 4
                endpoints:
                  get:
                    demand: {dist: constant, value: 1ms}
                    error-rate: %s
                    calls: [{to: cache, p: %s}]
              cache:
                type: cache
                eviction: fixed-hit-ratio
                hit-ratio: %s
                hit-latency: {dist: constant, value: 1ms}
                miss: db
              db:
                type: service
                concurrency: 4
                endpoints:
                  get: {demand: {dist: constant, value: 1ms}}
            """;

    private static Design read(String errorRate, String p, String hitRatio) throws BadInputException {
        return DesignReader.read(YamlDocument.parse(Path.of("design.yaml"), "design.yaml",
                DESIGN.formatted(errorRate, p, hitRatio))).design();
    }

    @Test
    void percentagesAreTheirFractions() throws BadInputException {
        Design d = read("1%", "50%", "80%");
        EndpointSpec get = ((ServiceSpec) d.components().get("api")).endpoints().get("get");
        assertEquals(0.01, get.errorRate());
        assertEquals(0.5, get.calls().get(0).p());
        assertEquals(0.8, ((CacheSpec) d.components().get("cache")).hitRatio());
        Design same = read("0.01", "0.5", "0.8");
        assertEquals(d, same);
    }

    @Test
    void aPercentageWrittenAsANumberIsRefusedWithTheHint() {
        BadInputException e = assertThrows(BadInputException.class, () -> read("0", "1", "80"));
        assertEquals("design.yaml:15:16: components.cache.hit-ratio: must be a probability between 0 and 1, e.g. 0.8, got 80;"
                + " write 0.8 or 80%", e.errors().get(0).format());
        e = assertThrows(BadInputException.class, () -> read("2", "1", "0.8"));
        assertEquals("design.yaml:10:21: components.api.endpoints.get.error-rate: a probability is between 0 and 1, got 2;"
                + " write 0.02 or 2%", e.errors().get(0).format());
    }
}
