/**
 * Autoscaling policies at run time, each a faithful model of its platform: the Kubernetes HPA controller
 * and replica calculator (ported from kubernetes/kubernetes, Go's integer truncations included), AWS EC2
 * Auto Scaling's target tracking, step and simple policies on CloudWatch-style datapoints, scheduled actions
 * on the run's calendar, and predictive scaling by a seasonal Holt-Winters forecast. The
 * {@link io.headroom.autoscale.Autoscaler} combines a component's policies as AWS combines a group's. A policy
 * sees its component only through a {@link io.headroom.autoscale.ScalingView}, so tests drive it on scripted
 * views, the simulator's fleet on simulated metrics and the validation testbed on measured ones. Configured
 * by {@code design.autoscaling}; see docs/autoscaling.md.
 */
package io.headroom.autoscale;
