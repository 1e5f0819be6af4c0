package io.headroom.design;

import io.headroom.design.pricing.Architecture;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A serverless function (AWS Lambda): each request runs in an execution environment that serves one
 * request at a time. A free warm environment takes a request at once; otherwise a new one starts,
 * paying a {@code cold-start} first, while fewer than {@code concurrency} requests are running (the
 * function's reserved concurrency, or the account's limit: 1000 by default); otherwise the request is
 * throttled (a {@code rejected} error, Lambda's 429). An environment left idle for {@code keep-warm}
 * is reclaimed.
 *
 * <p>{@code endpoints} are written as a service's: an invocation takes its {@code demand} plus its
 * {@code wait} (calls from a function are not modelled). The bill is per request and per GB-second:
 * {@code memory-mb} (128 to 10240) times the duration, cold start included, rounded up to the
 * millisecond, at the catalogue's price for the {@code architecture} ({@code x86_64} or {@code arm64}).
 *
 * @param description free text for people reading the design
 * @param memoryMb the memory of an execution environment, 128 to 10240 MB: the GB-seconds billed
 * @param architecture x86_64 or arm64, for the price
 * @param concurrency the most requests running at once (reserved concurrency, or the account's limit: 1000 by default);
 *                     more are throttled
 * @param coldStart the time a new execution environment takes before its first request
 * @param keepWarm how long an idle environment is kept before it is reclaimed
 * @param endpoints the requests it serves, by name, as a service's: demand and wait
 */
public record FunctionSpec(String description, @AtMost(value = Limits.MEMORY_MB, why = Limits.MEMORY_MB_WHY) Integer memoryMb, Architecture architecture, @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer concurrency,
                           DistributionSpec coldStart, Duration keepWarm, Map<String, EndpointSpec> endpoints)
        implements ComponentSpec {
    /** Lambda's default concurrency limit per account and region. */
    public static final int DEFAULT_CONCURRENCY = 1000;
    /**
     * How long an idle environment stays warm: not documented by AWS; measurements of Lambda reclaiming
     * idle environments typically find 5 to 15 minutes. An assumption, set it to what you observe.
     */
    public static final Duration DEFAULT_KEEP_WARM = Duration.ofMinutes(10);
    /**
     * A cold start when none is given: lognormal, median 250 ms and p99 1 s, an assumption in line with
     * AWS's "from under 100 ms to over 1 second" for managed runtimes.
     */
    public static final DistributionSpec DEFAULT_COLD_START =
            new DistributionSpec.Lognormal(Duration.ofMillis(250), Duration.ofSeconds(1), null, null, null);

    public FunctionSpec {
        memoryMb = memoryMb == null ? 128 : memoryMb;
        if (memoryMb < 128 || memoryMb > 10240) {
            throw new FieldError("memory-mb", "Lambda memory is 128 to 10240 MB, got " + memoryMb);
        }
        architecture = architecture == null ? Architecture.X86_64 : architecture;
        concurrency = concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
        FieldError.positive(concurrency, "concurrency");
        coldStart = coldStart == null ? DEFAULT_COLD_START : coldStart;
        keepWarm = keepWarm == null ? DEFAULT_KEEP_WARM : keepWarm;
        if (keepWarm.isNegative()) {
            throw new FieldError("keep-warm", "must be zero or positive");
        }
        endpoints = EndpointSpec.checked(endpoints, "a function", "50ms", false);
    }

    /**
     * The index of the endpoint a call reaches: the one it names, else the caller's endpoint name, else
     * the function's only endpoint; -1 when there is none of that name.
     */
    public int endpointFor(String named, String callerEndpoint) {
        List<String> names = new ArrayList<>(endpoints.keySet());
        if (named != null) {
            return names.indexOf(named);
        }
        int i = names.indexOf(callerEndpoint);
        return i >= 0 ? i : names.size() == 1 ? 0 : -1;
    }
}
