package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.DataSize;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What serving one kind of request costs an instance: {@code demand}, CPU time (shared with the
 * other computing workers when they outnumber the cores), then {@code wait}, off-CPU time that still
 * holds the worker (I/O, a lock, a sleep; YAML key {@code wait}), then its {@code calls} to other
 * components — in order, or all at once with {@code parallel: true} (waiting for all, or for
 * {@code quorum} of them). A caller holds its worker while it waits, as a thread-per-request server
 * does; with {@code async: true} it releases the worker when its own work is done, and a request
 * with calls left simply moves on to them — an open network of stations is written this way.
 * {@code error-rate} makes the endpoint itself fail that fraction of requests (after its work),
 * as a {@code failed} error. {@code request-size} and {@code response-size} (e.g. {@code 4KB}) are
 * what a call to the endpoint carries: between zones, that traffic is billed per GB.
 *
 * @param demand CPU time of one request, shared with the other computing workers when they outnumber the cores
 * @param offCpu off-CPU time after the demand that still holds the worker (I/O, a lock, a sleep)
 * @param calls calls to other components after the endpoint's own work, in order (or all at once with parallel)
 * @param parallel makes the calls all at once, waiting for all of them (or for quorum)
 * @param quorum with parallel: how many answers the request waits for
 * @param async releases the worker when the endpoint's own work is done; the calls left go on without it
 * @param errorRate the fraction of requests the endpoint itself fails (after its work), as failed errors
 * @param requestSize what a call to the endpoint carries (e.g. 4KB): between zones, that traffic is billed per GB
 * @param responseSize what its answer carries back
 */
public record EndpointSpec(DistributionSpec demand, @JsonProperty("wait") DistributionSpec offCpu, List<CallSpec> calls,
                           Boolean parallel, @AtMost(value = Limits.COUNT, why = Limits.COUNT_WHY) Integer quorum, Boolean async,
                           @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) @JsonDeserialize(using = Fraction.Deserializer.class) Double errorRate, @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) DataSize requestSize,
                           @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) DataSize responseSize) {
    public EndpointSpec {
        errorRate = errorRate == null ? 0.0 : errorRate;
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new FieldError("error-rate", "a probability is between 0 and 1, got " + FieldError.number(errorRate)
                    + Fraction.hint(errorRate));
        }
        calls = calls == null ? List.of() : List.copyOf(calls);
        if (demand == null && offCpu == null && calls.isEmpty()) {
            throw new FieldError("demand", "an endpoint needs a 'demand' (CPU time), a 'wait' (off-CPU time) or 'calls', e.g. "
                    + "demand: {dist: exponential, mean: 10ms}");
        }
        parallel = parallel != null && parallel;
        async = async != null && async;
        if (quorum != null) {
            if (!parallel) {
                throw new FieldError("quorum", "a quorum applies to parallel calls: add parallel: true");
            }
            if (quorum < 1 || quorum > calls.size()) {
                throw new FieldError("quorum", "must be between 1 and the number of calls (" + calls.size() + "), got " + quorum);
            }
        }
    }

    /**
     * A component's {@code endpoints} as written, checked and copied in their order: at least one, none empty,
     * and none with calls unless the component makes calls ({@code callsModelled}).
     *
     * @param component   "a service", "a function": how the refusal names the component
     * @param exampleMean the mean demand of the example in that refusal
     */
    public static Map<String, EndpointSpec> checked(Map<String, EndpointSpec> endpoints, String component, String exampleMean,
                                                   boolean callsModelled) {
        if (endpoints == null || endpoints.isEmpty()) {
            throw new FieldError("endpoints", component + " needs at least one endpoint, e.g. "
                    + "endpoints: {default: {demand: {dist: exponential, mean: " + exampleMean + "}}}");
        }
        for (Map.Entry<String, EndpointSpec> e : endpoints.entrySet()) {
            if (e.getValue() == null) {
                throw new FieldError("endpoints." + e.getKey(), "endpoint '" + e.getKey() + "' is empty: give it a demand or a wait");
            }
            if (!callsModelled && !e.getValue().calls().isEmpty()) {
                throw new FieldError("endpoints." + e.getKey() + ".calls", "calls from " + component + " are not modelled:"
                        + " give the function's whole duration as its demand and wait");
            }
        }
        return new LinkedHashMap<>(endpoints);
    }

    /** An endpoint with its own work only. */
    public EndpointSpec(DistributionSpec demand, DistributionSpec offCpu) {
        this(demand, offCpu, null, null, null, null, null, null, null);
    }

    /** An endpoint with calls and no failures of its own. */
    public EndpointSpec(DistributionSpec demand, DistributionSpec offCpu, List<CallSpec> calls, Boolean parallel, Integer quorum,
                        Boolean async) {
        this(demand, offCpu, calls, parallel, quorum, async, null, null, null);
    }

    /** An endpoint with calls and an error rate. */
    public EndpointSpec(DistributionSpec demand, DistributionSpec offCpu, List<CallSpec> calls, Boolean parallel, Integer quorum,
                        Boolean async, Double errorRate) {
        this(demand, offCpu, calls, parallel, quorum, async, errorRate, null, null);
    }

    /** Bytes a call to this endpoint carries, both ways. */
    public long callBytes() {
        return (requestSize == null ? 0 : requestSize.bytes()) + (responseSize == null ? 0 : responseSize.bytes());
    }

    /** How many parallel calls must succeed: all, unless a quorum is set. */
    public int needed() {
        return quorum != null ? quorum : calls.size();
    }

    /** This endpoint making {@code c} as its calls. */
    public EndpointSpec withCalls(List<CallSpec> c) {
        return new EndpointSpec(demand, offCpu, c, parallel, quorum, async, errorRate, requestSize, responseSize);
    }
}
