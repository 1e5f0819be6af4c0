/**
 * Changes to running services (rolling updates, recreate; issue 20): the Kubernetes Deployment controller's arithmetic
 * as pure decisions over a Deployment and its ReplicaSets ({@link io.headroom.rollout.Revision}) — how many pods of
 * the new and old versions at each sync, proportional scaling when the replica count changes mid-rollout. Ported
 * from kubernetes/kubernetes {@code pkg/controller/deployment} ({@code rolling.go}, {@code recreate.go},
 * {@code sync.go}, {@code util/deployment_util.go}) with its unit tests. Holds no clock: the run calls in.
 */
package io.headroom.rollout;
