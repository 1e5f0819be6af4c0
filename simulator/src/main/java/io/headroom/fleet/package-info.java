/**
 * The instances of a service over time, as a Kubernetes ReplicaSet or an Auto Scaling group keeps them:
 * launch, startup, readiness, draining on scale-in, crashes and their repair, zone outages and spot
 * interruptions, with the controller that keeps the count at the desired one. Holds the metrics pipeline
 * an autoscaler reads (per-second samples of each instance's busy workers, busy cores, queue and requests)
 * and shows it to the policies of {@code io.headroom.autoscale} as their {@code ScalingView}. Plays out the
 * records of {@code design.faults} and {@code design.autoscaling} on a service of {@code io.headroom.service};
 * tells a billing listener ({@code io.headroom.pricing}) of every instance it starts and stops. See
 * docs/lifecycle.md.
 */
package io.headroom.fleet;
