/**
 * A service's {@code deployments:} as written: changes to its running version in time order, each with its
 * strategy (rolling update, recreate, blue-green, canary, instance refresh), what the new version changes, and for a
 * canary its steps and analysis. The run's controllers are in {@code io.headroom.rollout}.
 */
package io.headroom.design.rollout;
