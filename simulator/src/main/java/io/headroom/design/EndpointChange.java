package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;
import java.util.List;

/**
 * What a new version changes in one endpoint: any of {@code demand}, {@code wait}, {@code error-rate} and
 * {@code calls} (the whole list); what it does not name stays as the running version has it.
 */
public record EndpointChange(DistributionSpec demand, @JsonProperty("wait") DistributionSpec offCpu, List<CallSpec> calls,
                             @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true)
                             @JsonDeserialize(using = Fraction.Deserializer.class) Double errorRate) {

    /** {@code base} with these changes (checked as an endpoint is). */
    public EndpointSpec applyTo(EndpointSpec base) {
        return new EndpointSpec(demand != null ? demand : base.demand(), offCpu != null ? offCpu : base.offCpu(),
                calls != null ? calls : base.calls(), base.parallel(), base.quorum(), base.async(),
                errorRate != null ? errorRate : base.errorRate(), base.requestSize(), base.responseSize());
    }

    /** This change making {@code c} as the endpoint's calls. */
    public EndpointChange withCalls(List<CallSpec> c) {
        return new EndpointChange(demand, offCpu, c, errorRate);
    }
}
