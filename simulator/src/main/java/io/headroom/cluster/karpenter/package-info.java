/**
 * Karpenter v1 as pure decisions over the cluster model: the batching window for pending pods, the
 * provisioner that packs a batch into NodeClaims whose instance-type options narrow as pods are added and
 * launches the cheapest remaining one, a NodePool's {@code requirements} as a filter over the catalogue's
 * offerings, and disruption (emptiness, multi-node and single-node consolidation under disruption budgets
 * and PodDisruptionBudgets). Ported from kubernetes-sigs/karpenter ({@code pkg/controllers/provisioning},
 * {@code pkg/controllers/disruption}, {@code pkg/apis/v1/nodepool.go}, {@code pkg/scheduling/requirements.go})
 * and aws/karpenter-provider-aws's well-known labels. Holds no clock and no event queue: the run calls in.
 */
package io.headroom.cluster.karpenter;
