/**
 * Design of autoscaling: a component's {@code autoscaling:} as written — the policy records told apart by
 * {@code policy:} ({@code hpa}, {@code target-tracking}, {@code step}, {@code simple}, {@code scheduled},
 * {@code predictive}, {@code fixed}), a Kubernetes {@code HorizontalPodAutoscaler} manifest standing for an
 * {@code hpa} with its {@code behavior} and tolerances, AWS's alarm vocabulary, cron schedules, the
 * {@link io.headroom.design.autoscaling.Metric metrics} a policy watches and how they are collected. Each
 * record is checked and carries its platform's defaults; {@code io.headroom.autoscale} holds the stateful
 * policies that decide from them at run time. See docs/autoscaling.md.
 */
package io.headroom.design.autoscaling;
