/**
 * k6's load vocabulary beside Gatling's: a profile's {@code scenarios:} (one k6 executor, with k6's camelCase keys and
 * Go duration strings), the top-level {@code stages:} shorthand for {@code ramping-vus}, and {@code thresholds:} read as
 * SLOs. The executors' arithmetic — when iterations start, how many VUs run at each instant, when a ramp-down's VUs are
 * stopped and interrupted — is ported from grafana/k6's {@code lib/executor} (commit
 * {@code 87883075ccd5e3d3fb961a860b3d6e422bbc353b}), so a profile written for k6 starts the iterations k6 would start.
 * Records and pure arithmetic only; the simulator's load driver plays the plan ({@link io.headroom.load.k6.K6Plan}).
 * Builds on {@code load}, {@code load.closed} and {@code yaml}.
 */
package io.headroom.load.k6;
