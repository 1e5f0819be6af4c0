/**
 * The Kubernetes Vertical Pod Autoscaler's decisions, ported from kubernetes/autoscaler
 * {@code vertical-pod-autoscaler}: the recommender, which keeps a decaying histogram of a workload's CPU usage
 * and recommends a request (a target between a lower and an upper bound) from its percentiles, a safety margin
 * and a confidence that grows with the length of the history; and the updater, which decides which pods to
 * recreate with the new request, in which order, and how many of a controller's pods it may evict at once (its
 * own tolerance, PodDisruptionBudgets, an eviction rate limit), and whether to resize a pod in place or evict it
 * when its node cannot hold the resize. Pure logic without an event queue: the run feeds usage samples (and a usage
 * history read from CSV before the run) and asks for decisions. Memory is not modelled by the simulator, so only CPU is recommended.
 */
package io.headroom.vpa;
