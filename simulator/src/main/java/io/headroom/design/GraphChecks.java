package io.headroom.design;

import io.headroom.yaml.Durations;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The references between a design's components, which no record sees alone: a balancer's target is a service, a
 * cache's misses and a cdn's origin reach something that can serve them (and the endpoint they name), every call
 * names a component and an endpoint it has (in every version a deployment brings), a service's pooled calls to one
 * callee agree on the pool, the entry is a kind the load can be sent to, and the call graph has no cycle.
 */
final class GraphChecks {
    private GraphChecks() {
    }

    /**
     * References between components: a balancer's target is a service (with one weight per instance
     * for {@code weighted}); every call names a component that exists and an endpoint it has; and the
     * call graph has no cycle (a request would call itself for ever).
     */
    static void check(Design design, YamlDocument doc, List<InputError> errors) {
        Map<String, ComponentSpec> all = design.components();
        Map<String, List<String[]>> edges = new java.util.LinkedHashMap<>(); // component -> [target, yaml path]
        for (Map.Entry<String, ComponentSpec> c : all.entrySet()) {
            String base = "components." + c.getKey();
            List<String[]> out = new ArrayList<>();
            edges.put(c.getKey(), out);
            if (c.getValue() instanceof LoadBalancerSpec lb) {
                if (!(all.get(lb.target()) instanceof ServiceSpec target)) {
                    errors.add(doc.error(base + ".target", all.containsKey(lb.target())
                            ? "a load balancer's target must be a service; '" + lb.target() + "' is not"
                            : unknown(lb.target(), all)));
                    continue;
                }
                if (lb.weights() != null && lb.weights().size() != target.replicas().initial()) {
                    errors.add(doc.error(base + ".weights", lb.weights().size() + " weights for " + target.replicas().initial()
                            + " instances of '" + lb.target() + "': give one weight per instance"));
                }
                out.add(new String[] {lb.target(), base + ".target"});
            } else if (c.getValue() instanceof CacheSpec cache) {
                if (!all.containsKey(cache.miss())) {
                    errors.add(doc.error(base + ".miss", unknown(cache.miss(), all)));
                    continue;
                }
                if (all.get(cache.miss()) instanceof GlobalRouterSpec) {
                    errors.add(doc.error(base + ".miss", "a cache's misses go to a service, balancer or store in its region, not to a"
                            + " global router (users reach those)"));
                    continue;
                }
                ServiceSpec behind = DesignReader.serviceBehind(all, cache.miss());
                if (behind != null) {
                    if (cache.missEndpoint() != null && !behind.endpoints().containsKey(cache.missEndpoint())) {
                        errors.add(doc.error(base + ".miss-endpoint", "'" + cache.miss() + "' has no endpoint '" + cache.missEndpoint()
                                + "' (endpoints: " + String.join(", ", behind.endpoints().keySet()) + ")"));
                    } else if (cache.missEndpoint() == null && behind.endpoints().size() > 1 && !c.getKey().equals(design.entry())) {
                        errors.add(doc.error(base + ".miss", "'" + cache.miss() + "' has several endpoints ("
                                + String.join(", ", behind.endpoints().keySet()) + "): say which serves misses with miss-endpoint:"));
                    }
                } else if (all.get(cache.miss()) instanceof CacheSpec) {
                    errors.add(doc.error(base + ".miss", "a cache's misses go to a service, balancer or store, not another cache"));
                } else if (all.get(cache.miss()) instanceof CdnSpec) {
                    errors.add(doc.error(base + ".miss", "a cache's misses go to a service, balancer or store, not a cdn (a cdn is"
                            + " in front, near the users: make the cdn's origin the cache's caller instead)"));
                }
                if (cache.writes() != null) {
                    String we = cache.writes().endpoint();
                    if (behind == null && we != null) {
                        errors.add(doc.error(base + ".writes.endpoint", "'" + cache.miss() + "' is not a service: a store takes"
                                + " writes at its write endpoint; remove endpoint"));
                    } else if (behind != null && we != null && !behind.endpoints().containsKey(we)) {
                        errors.add(doc.error(base + ".writes.endpoint", "'" + cache.miss() + "' has no endpoint '" + we
                                + "' (endpoints: " + String.join(", ", behind.endpoints().keySet()) + ")"));
                    } else if (behind != null && we == null && behind.endpoints().size() > 1) {
                        errors.add(doc.error(base + ".writes", "'" + cache.miss() + "' has several endpoints ("
                                + String.join(", ", behind.endpoints().keySet()) + "): say which takes the writes with endpoint:"));
                    }
                }
                out.add(new String[] {cache.miss(), base + ".miss"});
            } else if (c.getValue() instanceof GlobalRouterSpec router) {
                if (all.containsKey(router.target())) {
                    out.add(new String[] {router.target(), base + ".target"});
                }
            } else if (c.getValue() instanceof CdnSpec cdn) {
                if (!all.containsKey(cdn.origin())) {
                    errors.add(doc.error(base + ".origin", unknown(cdn.origin(), all)));
                    continue;
                }
                ServiceSpec behind = DesignReader.serviceBehind(all, cdn.origin());
                if (all.get(cdn.origin()) instanceof CacheSpec || all.get(cdn.origin()) instanceof CdnSpec) {
                    errors.add(doc.error(base + ".origin", "a cdn's misses go to a service, balancer, store or function, not a cache"
                            + " or another cdn"));
                } else if (behind != null && cdn.originEndpoint() != null && !behind.endpoints().containsKey(cdn.originEndpoint())) {
                    errors.add(doc.error(base + ".origin-endpoint", "'" + cdn.origin() + "' has no endpoint '" + cdn.originEndpoint()
                            + "' (endpoints: " + String.join(", ", behind.endpoints().keySet()) + ")"));
                } else if (behind == null && cdn.originEndpoint() != null) {
                    errors.add(doc.error(base + ".origin-endpoint", "'" + cdn.origin() + "' is not a service: remove origin-endpoint"));
                } else if (behind != null && cdn.originEndpoint() == null && behind.endpoints().size() > 1
                        && !c.getKey().equals(design.entry())) {
                    errors.add(doc.error(base + ".origin", "'" + cdn.origin() + "' has several endpoints ("
                            + String.join(", ", behind.endpoints().keySet()) + "): say which serves misses with origin-endpoint:"));
                }
                for (int k = 0; k < cdn.pass().size(); k++) {
                    if (!c.getKey().equals(design.entry())) {
                        errors.add(doc.error(base + ".pass", "pass applies to the entry cdn, whose requests are the load's"));
                        break;
                    }
                    if (behind != null && !behind.endpoints().containsKey(cdn.pass().get(k))) {
                        errors.add(doc.error(base + ".pass[" + k + "]", "'" + cdn.origin() + "' has no endpoint '" + cdn.pass().get(k)
                                + "' (endpoints: " + String.join(", ", behind.endpoints().keySet()) + ")"));
                    }
                }
                out.add(new String[] {cdn.origin(), base + ".origin"});
            } else if (c.getValue() instanceof ServiceSpec s) {
                checkCalls(all, s.endpoints(), s.endpoints().keySet(), base + ".endpoints.", doc, errors, out);
                Map<String, CallSpec> pools = new LinkedHashMap<>();
                checkPools(s.endpoints(), s.endpoints().keySet(), base + ".endpoints.", pools, doc, errors);
                for (int k = 0; k < s.deployments().size(); k++) {
                    io.headroom.design.NewVersion nv = s.deployments().get(k).newVersion();
                    java.util.Set<String> changed = new java.util.LinkedHashSet<>();
                    nv.endpoints().forEach((name, change) -> {
                        if (change.calls() != null) {
                            changed.add(name);
                        }
                    });
                    checkCalls(all, nv.applyTo(s.endpoints()), changed, base + ".deployments[" + k + "].new-version.endpoints.", doc,
                            errors, out);
                    checkPools(nv.applyTo(s.endpoints()), changed, base + ".deployments[" + k + "].new-version.endpoints.", pools, doc,
                            errors);
                }
            }
        }
        Map<String, Integer> state = new java.util.HashMap<>(); // 1: on the path, 2: done
        for (String start : edges.keySet()) {
            cycleFrom(start, edges, state, new ArrayList<>(), doc, errors);
        }
        ComponentSpec entry = all.get(design.entry());
        if (entry instanceof CdnSpec cdn) {
            if (all.containsKey(cdn.origin()) && DesignReader.serviceBehind(all, cdn.origin()) == null) {
                errors.add(doc.error("components." + design.entry() + ".origin", "the entry cdn's requests are for the endpoints"
                        + " of the service behind its origin: '" + cdn.origin() + "' must be a service or a load balancer"));
            }
        } else if (entry instanceof CacheSpec cache) {
            if (all.containsKey(cache.miss()) && DesignReader.serviceBehind(all, cache.miss()) == null) {
                errors.add(doc.error("components." + design.entry() + ".miss", "the entry cache's lookups are for the endpoints"
                        + " of the service behind its miss: '" + cache.miss() + "' must be a service or a load balancer"));
            }
        } else if (entry != null && !(entry instanceof ServiceSpec) && !(entry instanceof LoadBalancerSpec)
                && !(entry instanceof GlobalRouterSpec)) {
            errors.add(doc.error("entry", "the entry must be a service, a load balancer, a cache, a cdn or a global router"));
        }
    }

    /** The calls of the endpoints {@code named} of {@code endpoints} (YAML at {@code path}): each reaches a component and an endpoint it has. */
    private static void checkCalls(Map<String, ComponentSpec> all, Map<String, EndpointSpec> endpoints, java.util.Set<String> named,
                                   String path, YamlDocument doc, List<InputError> errors, List<String[]> out) {
        for (Map.Entry<String, EndpointSpec> e : endpoints.entrySet()) {
            if (!named.contains(e.getKey())) {
                continue;
            }
            for (int i = 0; i < e.getValue().calls().size(); i++) {
                CallSpec call = e.getValue().calls().get(i);
                String at = path + e.getKey() + ".calls[" + i + "]";
                if (!all.containsKey(call.to())) {
                    errors.add(doc.error(at + ".to", unknown(call.to(), all)));
                    continue;
                }
                if (all.get(call.to()) instanceof DatabaseSpec && call.write() && call.cancelOnTimeout()) {
                    errors.add(doc.error(at + ".cancel-on-timeout", "a database's write is committed by its primary and"
                            + " replicated once it runs: cancelling one still waiting is not modelled; remove cancel-on-timeout"));
                }
                if (all.get(call.to()) instanceof CacheSpec cache && call.write() && cache.writes() == null) {
                    errors.add(doc.error(at + ".write", "'" + call.to() + "' is a cache that takes no writes: say what a write"
                            + " does to it with writes: {policy: invalidate} (or write-through), or call its miss target"));
                }
                if (all.get(call.to()) instanceof CdnSpec && call.write()) {
                    errors.add(doc.error(at + ".write", "'" + call.to() + "' is a cdn, which takes no writes: call its origin"));
                }
                if (all.get(call.to()) instanceof CdnSpec) {
                    out.add(new String[] {call.to(), at + ".to"});
                    continue;
                }
                if (all.get(call.to()) instanceof FunctionSpec fn) {
                    if (fn.endpointFor(call.endpoint(), e.getKey()) < 0) {
                        errors.add(doc.error(at + (call.endpoint() != null ? ".endpoint" : ".to"), "'" + call.to()
                                + "' has no endpoint '" + (call.endpoint() != null ? call.endpoint() : e.getKey())
                                + "': name one with endpoint: (endpoints: " + String.join(", ", fn.endpoints().keySet()) + ")"));
                    }
                    out.add(new String[] {call.to(), at + ".to"});
                    continue;
                }
                ServiceSpec callee = DesignReader.serviceBehind(all, call.to());
                String endpoint = call.endpoint() != null ? call.endpoint() : e.getKey();
                if (callee != null && !callee.endpoints().containsKey(endpoint)) {
                    errors.add(call.endpoint() != null
                            ? doc.error(at + ".endpoint", "'" + call.to() + "' has no endpoint '" + endpoint + "' (endpoints: "
                                    + String.join(", ", callee.endpoints().keySet()) + ")")
                            : doc.error(at + ".to", "'" + call.to() + "' has no endpoint '" + endpoint
                                    + "' (the caller's endpoint name, by default): name one with endpoint: (endpoints: "
                                    + String.join(", ", callee.endpoints().keySet()) + ")"));
                }
                out.add(new String[] {call.to(), at + ".to"});
            }
        }
    }

    /**
     * A service's pooled calls to one callee share one pool (per caller instance), so they name one size and one
     * timeout: the first such call of the endpoints {@code named} (YAML at {@code path}) sets them, in {@code pools}.
     */
    private static void checkPools(Map<String, EndpointSpec> endpoints, Set<String> named, String path,
                                   Map<String, CallSpec> pools, YamlDocument doc, List<InputError> errors) {
        for (Map.Entry<String, EndpointSpec> e : endpoints.entrySet()) {
            if (!named.contains(e.getKey())) {
                continue;
            }
            for (int i = 0; i < e.getValue().calls().size(); i++) {
                CallSpec call = e.getValue().calls().get(i);
                if (call.pool() == null) {
                    continue;
                }
                String at = path + e.getKey() + ".calls[" + i + "]";
                CallSpec first = pools.putIfAbsent(call.to(), call);
                if (first == null) {
                    continue;
                }
                if (!first.pool().equals(call.pool())) {
                    errors.add(doc.error(at + ".pool", "pool " + call.pool() + " for '" + call.to() + "', which another call of this"
                            + " service gives pool " + first.pool() + ": the calls of a service to one component share one pool"
                            + " (per instance); give them one size"));
                } else if (!first.poolTimeout().equals(call.poolTimeout())) {
                    errors.add(doc.error(at + (call.poolTimeout().equals(CallSpec.DEFAULT_POOL_TIMEOUT) ? ".pool" : ".pool-timeout"),
                            "pool-timeout " + Durations.format(call.poolTimeout()) + " for '" + call.to()
                            + "', which another call of this service gives pool-timeout "
                            + Durations.format(first.poolTimeout()) + ": the calls of a service to one component"
                            + " share one pool (per instance); give them one timeout"));
                }
            }
        }
    }

    private static void cycleFrom(String node, Map<String, List<String[]>> edges, Map<String, Integer> state, List<String> path,
                                  YamlDocument doc, List<InputError> errors) {
        Integer st = state.get(node);
        if (st != null) {
            return;
        }
        state.put(node, 1);
        path.add(node);
        for (String[] edge : edges.getOrDefault(node, List.of())) {
            if (Integer.valueOf(1).equals(state.get(edge[0]))) {
                List<String> loop = new ArrayList<>(path.subList(path.indexOf(edge[0]), path.size()));
                loop.add(edge[0]);
                errors.add(doc.error(edge[1], "this call closes a cycle: " + String.join(" → ", loop)
                        + " (a request would call itself for ever)"));
            } else {
                cycleFrom(edge[0], edges, state, path, doc, errors);
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
    }

    private static String unknown(String name, Map<String, ComponentSpec> all) {
        return "'" + name + "' is not a component of this design (components: " + String.join(", ", all.keySet()) + ")";
    }
}
