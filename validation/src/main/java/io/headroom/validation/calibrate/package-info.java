/**
 * Calibration of a design's demand from measurements: demand distributions (lognormal and gamma, by maximum
 * likelihood) fitted to response times measured at low load, where a response time is nearly a service time;
 * and a design whose endpoints' work is replaced by the busy times the testbed's workers actually had,
 * resampled or replayed in start order. Used by {@code headroom calibrate} and by the validation's simulated
 * variants.
 */
package io.headroom.validation.calibrate;
