package io.headroom.model;

import io.headroom.design.region.Regions;
import io.headroom.region.GlobalRouter;
import io.headroom.region.RegionOutages;
import io.headroom.region.UserPopulations;
import java.util.List;
import java.util.Map;

/**
 * A design's regions at run time: the regions as written (populations, placements, round trips), when each is down,
 * the users' populations at the entry, and each global router with the regions of its records.
 */
public record Regional(Regions regions, RegionOutages outages, UserPopulations users, Map<String, GlobalRouter> routers,
                       Map<String, List<String>> routerRecords) {
    public Regional {
        routers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(routers));
        routerRecords = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(routerRecords));
    }
}
