/**
 * The run-time model of a design: one factory per component kind, found from the kind's
 * {@link io.headroom.design.ComponentType} in {@link io.headroom.model.ComponentKinds}, and the
 * builder that turns a validated {@link io.headroom.design.Design} into stations, fleets and their
 * wiring, ready for a replication to drive. Nothing here reads YAML or runs the clock.
 */
package io.headroom.model;
