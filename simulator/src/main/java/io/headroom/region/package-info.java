/**
 * Regions at run time: where each user population is served. {@link io.headroom.region.UserPopulations} gives each
 * request its user's population; {@link io.headroom.region.GlobalRouter} answers as Amazon Route 53 does (latency,
 * geolocation, weighted and failover policies over health-checked records, answers kept by resolvers for the TTL),
 * built from the pure {@link io.headroom.region.HealthChecks} and {@link io.headroom.region.DnsAnswers}; it counts
 * where each population was served in {@link io.headroom.region.RouterFigures}.
 */
package io.headroom.region;
