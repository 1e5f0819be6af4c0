/**
 * Design: the YAML records of a system design, each validated on construction — the
 * {@link io.headroom.design.Design} with its components (told apart by {@code type:} in
 * {@link io.headroom.design.ComponentSpec}: service, load balancer, sharded store, cache, function), their
 * endpoints, calls, queues and replicas, a service's {@link io.headroom.design.DeploymentSpec deployments} (a
 * rollout's strategy and what its new version changes: they refine endpoints and SLOs, so they live here), the
 * network of zones, and the {@link io.headroom.design.Slo}s it is held to; {@link io.headroom.design.DesignReader} binds them and checks what one record cannot see (names
 * that refer to other components, a profile's mix against the entry). Its sub-packages hold the records of
 * one concern each (autoscaling, pricing, resilience, faults, cache). It builds on {@code yaml}, {@code dist}
 * and the load profile and imports nothing of the runtime: every runtime package reads the design, never
 * the reverse.
 */
package io.headroom.design;
