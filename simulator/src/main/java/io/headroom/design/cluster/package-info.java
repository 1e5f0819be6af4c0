/**
 * The {@code cluster:} section of a design and a service's {@code pod:} block, as records checked on
 * construction: node pools ({@link io.headroom.design.cluster.NodePoolSpec}), the scheduler's scoring, the
 * Cluster Autoscaler's settings, an overprovisioning buffer of placeholder pods, a pod's requests and
 * lifecycle, and PodDisruptionBudgets. No runtime import; {@code io.headroom.cluster} plays them out.
 */
package io.headroom.design.cluster;
