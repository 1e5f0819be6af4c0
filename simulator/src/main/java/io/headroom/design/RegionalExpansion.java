package io.headroom.design;

import io.headroom.design.region.Regions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A design with regions, as the run builds it: each component placed in several regions becomes one component per
 * region ({@code api@eu-west-1}), with its own instances, fleet, autoscaling and random streams; one placed in a
 * single region keeps its name. A copy in region r refers to the copy in r of whatever it calls, balances or misses
 * to; a call to a component that does not run in r goes to its nearest region by round trip (ties: the order the
 * callee lists its regions), and the model adds that round trip to the call. Routers and CDNs are global: they keep
 * their references, which the run resolves per region. The design reader has checked every reference first.
 */
public final class RegionalExpansion {
    private RegionalExpansion() {
    }

    /** {@code design} with its regional components copied per region; the design itself without regions. */
    public static Design expand(Design design) {
        Regions regions = design.regions();
        if (regions == null) {
            return design;
        }
        Map<String, ComponentSpec> out = new LinkedHashMap<>();
        for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
            List<String> in = regions.placementOf(c.getKey());
            if (in == null) {
                out.put(c.getKey(), c.getValue());
                continue;
            }
            for (String r : in) {
                out.put(regions.regionalName(c.getKey(), r), inRegion(c.getValue(), r, regions, design.components()));
            }
        }
        return design.with(out, design.cluster(), regions);
    }

    /** The copy of a component that runs in {@code region}, its references resolved there. */
    private static ComponentSpec inRegion(ComponentSpec spec, String region, Regions regions, Map<String, ComponentSpec> all) {
        if (spec instanceof LoadBalancerSpec lb) {
            return lb.withTarget(resolve(lb.target(), region, regions));
        }
        if (spec instanceof CacheSpec cache) {
            return cache.withMiss(resolve(cache.miss(), region, regions));
        }
        if (spec instanceof ServiceSpec s) {
            Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
            s.endpoints().forEach((name, e) -> endpoints.put(name, e.withCalls(calls(e.calls(), region, regions, all))));
            List<DeploymentSpec> deployments = new ArrayList<>();
            for (DeploymentSpec d : s.deployments()) {
                Map<String, EndpointChange> changes = new LinkedHashMap<>();
                d.newVersion().endpoints().forEach((name, ch) -> changes.put(name,
                        ch.calls() == null ? ch : ch.withCalls(calls(ch.calls(), region, regions, all))));
                deployments.add(d.withNewVersion(d.newVersion().withEndpoints(changes)));
            }
            return s.withEndpoints(endpoints).withDeployments(deployments);
        }
        return spec; // stores, databases and functions call nothing
    }

    /** The calls of a copy in {@code region}: to the callee's copy there (else the nearest); a database's writes to its primary region's. */
    private static List<CallSpec> calls(List<CallSpec> calls, String region, Regions regions, Map<String, ComponentSpec> all) {
        List<CallSpec> out = new ArrayList<>(calls.size());
        for (CallSpec c : calls) {
            List<String> in = regions.placementOf(c.to());
            if (c.write() && all.get(c.to()) instanceof DatabaseSpec && in != null) {
                out.add(c.retarget(regions.regionalName(c.to(), in.get(0))));
            } else {
                out.add(c.retarget(resolve(c.to(), region, regions)));
            }
        }
        return out;
    }

    /** The copy of {@code callee} a component in {@code region} reaches: the one in its region, else the nearest one. */
    static String resolve(String callee, String region, Regions regions) {
        List<String> in = regions.placementOf(callee);
        if (in == null) {
            return callee;
        }
        return regions.regionalName(callee, nearest(in, region, regions));
    }

    /** Of {@code candidates}, the region nearest {@code from} by round trip (itself if it is one; ties: the first listed). */
    public static String nearest(List<String> candidates, String from, Regions regions) {
        String best = null;
        Duration bestTrip = null;
        for (String r : candidates) {
            Duration d = regions.roundTrip(from, r);
            if (d == null) {
                continue;
            }
            if (bestTrip == null || d.compareTo(bestTrip) < 0) {
                best = r;
                bestTrip = d;
            }
        }
        return best == null ? candidates.get(0) : best;
    }
}
