/**
 * Validation against reality: {@code headroom validate} stands a design up as real HTTP servers on loopback,
 * drives it with Gatling from the load profile, and sets what Gatling measured beside the simulator's
 * prediction for the same design in several variants (replayed or profile arrivals, calibrated or declared
 * demand, replayed busy times). The orchestration only; its parts are the sub-packages — the testbed, the
 * Gatling run, the calibration, the comparison and the report. See docs/validation.md.
 */
package io.headroom.validation;
