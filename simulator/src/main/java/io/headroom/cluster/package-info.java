/**
 * A Kubernetes cluster at run time: node pools whose nodes are launched, become Ready after their
 * provisioning time and are billed as instances; pods with CPU and memory requests that the
 * kube-scheduler's default profile places on nodes (filter, score, preemption); the Cluster Autoscaler
 * that adds nodes for pending pods and removes unneeded ones; PodDisruptionBudgets that every voluntary
 * disruption honours. A service with a {@code pod:} block runs its instances as pods here. Decisions are
 * ported from upstream sources (kube-scheduler plugins, cluster-autoscaler core); see docs/kubernetes.md.
 */
package io.headroom.cluster;
