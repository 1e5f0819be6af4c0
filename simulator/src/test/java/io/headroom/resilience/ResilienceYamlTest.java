package io.headroom.resilience;

import io.headroom.design.resilience.BulkheadConfig;
import io.headroom.design.resilience.CircuitBreakerConfig;
import io.headroom.design.resilience.RetryPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.resilience.RetryPolicy.Jitter;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code retries}, {@code circuit-breaker} and {@code bulkhead} as a user writes them, and each refusal at its key. */
class ResilienceYamlTest {

    /** Stands for a call in a design: the keys the integrator adds to it. */
    public record Call(String to, RetryPolicy retries, CircuitBreakerConfig circuitBreaker, BulkheadConfig bulkhead) {
    }

    private static Call bind(String key, String value) throws BadInputException {
        String yaml = "to: orders\n" + key + ": " + value + "\n";
        return YamlDocument.parse(Path.of("call.yaml"), "call.yaml", yaml).bind(Call.class);
    }

    private static InputError refused(String key, String value) {
        BadInputException e = assertThrows(BadInputException.class, () -> bind(key, value), key + ": " + value);
        assertEquals(1, e.errors().size(), e.errors().toString());
        InputError error = e.errors().get(0);
        assertEquals(2, error.mark().line(), error.format());
        return error;
    }

    @Test
    void retriesAsACount() throws BadInputException {
        RetryPolicy r = bind("retries", "2").retries();
        assertEquals(2, r.count());
        assertNull(r.backoff());
        assertEquals(Jitter.NONE, r.jitter());
        assertEquals(0, bind("retries", "0").retries().count());
        assertEquals(RetryPolicy.immediate(3), bind("retries", "{count: 3}").retries());
    }

    @ParameterizedTest(name = "failure-rate-threshold: {0} = {1}")
    @CsvSource(delimiter = '|', value = {"0.6|0.6", "60%|0.6", "50 %|0.5", "12.5%|0.125", "100%|1.0", "1|1.0"})
    void aThresholdIsAFractionOrAPercentage(String written, double threshold) throws BadInputException {
        assertEquals(threshold, bind("circuit-breaker", "{failure-rate-threshold: " + written + "}").circuitBreaker().failureRateThreshold());
    }

    @Test
    void retriesInFull() throws BadInputException {
        RetryPolicy r = bind("retries", "{count: 2, backoff: {base: 50ms, multiplier: 2, cap: 1s}, jitter: full}").retries();
        assertEquals(2, r.count());
        assertEquals(Duration.ofMillis(50), r.backoff().base());
        assertEquals(2.0, r.backoff().multiplier());
        assertEquals(Duration.ofSeconds(1), r.backoff().cap());
        assertEquals(Jitter.FULL, r.jitter());
        assertEquals(Jitter.EQUAL, bind("retries", "{count: 1, backoff: {base: 10ms}, jitter: equal}").retries().jitter());
        RetryPolicy defaults = bind("retries", "{count: 4, backoff: {base: 100ms}}").retries();
        assertEquals(2.0, defaults.backoff().multiplier());
        assertNull(defaults.backoff().cap());
        assertEquals(Jitter.NONE, defaults.jitter());
        assertEquals(800_000_000L, defaults.delayNs(4, null));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "retries|-1|retries|must be zero (no retries) or more, got -1",
        "retries|1.5|retries|a count of retries is a whole number, got 1.5",
        "retries|99999999999|retries|'99999999999' is out of range (at most 2147483647)",
        "retries|[1, 2]|retries|expected",
        "retries|{count: -2}|retries.count|must be zero (no retries) or more, got -2",
        "retries|{backoff: {base: 50ms}}|retries.count|missing required key 'count'",
        "retries|{count: 2, backof: {base: 50ms}}|retries.backof|backoff",
        "retries|{count: 2, backoff: {multiplier: 2}}|retries.backoff.base|missing required key 'base'",
        "retries|{count: 2, backoff: {base: 50}}|retries.backoff.base|'50' has no unit: a duration needs one, e.g. 50s or 50ms",
        "retries|{count: 2, backoff: {base: 0ms}}|retries.backoff.base|must be a positive duration, got 0s",
        "retries|{count: 2, backoff: {base: 50ms, multiplier: 0.5}}|retries.backoff.multiplier|must be at least 1 (1 keeps the delay constant), got 0.5",
        "retries|{count: 2, backoff: {base: 1s, cap: 500ms}}|retries.backoff.cap|cap (500ms) is below base (1s): every delay would be the cap",
        "retries|{count: 2, jitter: full}|retries.jitter|jitter: full needs a backoff to randomise",
        "retries|{count: 2, backoff: {base: 50ms}, jitter: half}|retries.jitter|'half' is not one of: none, full, equal",
        "circuit-breaker|{failure-rate-threshold: 50}|circuit-breaker.failure-rate-threshold|must be a fraction above 0 and at most 1, got 50 (Resilience4j's 50 % is a fraction here; write 0.5 or 50%)",
        "circuit-breaker|{failure-rate-threshold: 150%}|circuit-breaker.failure-rate-threshold|must be a fraction above 0 and at most 1, got 1.5",
        "circuit-breaker|{failure-rate-threshold: half}|circuit-breaker.failure-rate-threshold|'half' is not a number or a percentage: write e.g. 0.6 or 60%",
        "circuit-breaker|{failure-rate-threshold: 0}|circuit-breaker.failure-rate-threshold|must be a fraction above 0 and at most 1, got 0",
        "circuit-breaker|{sliding-window: 0}|circuit-breaker.sliding-window|must be at least 1 call, got 0",
        "circuit-breaker|{sliding-window: 10, minimum-calls: 20}|circuit-breaker.minimum-calls|minimum-calls (20) is above sliding-window (10)",
        "circuit-breaker|{minimum-calls: 0}|circuit-breaker.minimum-calls|must be at least 1, got 0",
        "circuit-breaker|{open-duration: 0s}|circuit-breaker.open-duration|must be a positive duration",
        "circuit-breaker|{open-duration: 30}|circuit-breaker.open-duration|has no unit",
        "circuit-breaker|{half-open-calls: 0}|circuit-breaker.half-open-calls|must be at least 1, got 0",
        "circuit-breaker|{wait-duration-in-open-state: 30s}|circuit-breaker.wait-duration-in-open-state|unknown key",
        "bulkhead|0|bulkhead|must be at least 1 concurrent call, got 0",
        "bulkhead|2.5|bulkhead|a count of concurrent calls is a whole number, got 2.5",
        "bulkhead|{max-concurrent: -3}|bulkhead.max-concurrent|must be at least 1, got -3",
        "bulkhead|{max-concurent: 3}|bulkhead.max-concurent|max-concurrent",
    })
    void refusedAtItsKey(String key, String value, String path, String message) {
        InputError e = refused(key, value);
        assertEquals(path, e.path(), e.format());
        assertTrue(e.message().contains(message), e.format());
    }

    @Test
    void aQuotedCountIsRefused() {
        InputError e = refused("retries", "\"2\"");
        assertEquals("retries", e.path(), e.format());
        assertTrue(e.message().endsWith("found the string \"2\""), e.format());
    }

    @Test
    void circuitBreakerDefaultsAndFullForm() throws BadInputException {
        assertEquals(CircuitBreakerConfig.DEFAULTS, bind("circuit-breaker", "{}").circuitBreaker());
        CircuitBreakerConfig c = bind("circuit-breaker",
                "{failure-rate-threshold: 0.25, sliding-window: 20, minimum-calls: 10, open-duration: 30s, half-open-calls: 3}")
                .circuitBreaker();
        assertEquals(new CircuitBreakerConfig(0.25, 20, 10, Duration.ofSeconds(30), 3), c);
        assertEquals(20, bind("circuit-breaker", "{sliding-window: 20}").circuitBreaker().minimumCalls());
    }

    @Test
    void bulkheadForms() throws BadInputException {
        assertEquals(10, bind("bulkhead", "10").bulkhead().maxConcurrent());
        assertEquals(4, bind("bulkhead", "{max-concurrent: 4}").bulkhead().maxConcurrent());
        assertEquals(25, bind("bulkhead", "{}").bulkhead().maxConcurrent());
    }
}
