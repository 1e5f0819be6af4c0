package io.headroom.design;

import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.FieldError;
import java.util.List;

/**
 * Where instances run and what crossing between them costs: {@code zones} (instance i of every
 * component runs in zone i mod the number of zones), and the network time of a call between two
 * instances in the same zone ({@code intra-zone}) or in different zones ({@code cross-zone}), added
 * to the call's own {@code latency}. {@code outages} take a zone down for a while.
 */
public record NetworkSpec(List<String> zones, DistributionSpec intraZone, DistributionSpec crossZone,
                          List<io.headroom.design.faults.OutageSpec> outages) {
    public NetworkSpec(List<String> zones, DistributionSpec intraZone, DistributionSpec crossZone) {
        this(zones, intraZone, crossZone, null);
    }

    public NetworkSpec {
        outages = outages == null ? List.of() : List.copyOf(outages);
        for (int k = 0; k < outages.size(); k++) {
            if (zones != null && !zones.contains(outages.get(k).zone())) {
                throw new FieldError("outages[" + k + "].zone", "no zone '" + outages.get(k).zone() + "' in zones " + zones);
            }
        }
        if (zones == null || zones.isEmpty()) {
            throw new FieldError("zones", "name at least one zone, e.g. zones: [us-east-1a, us-east-1b]");
        }
        if (zones.stream().distinct().count() != zones.size()) {
            throw new FieldError("zones", "zone names must be distinct");
        }
        zones = List.copyOf(zones);
    }
}
