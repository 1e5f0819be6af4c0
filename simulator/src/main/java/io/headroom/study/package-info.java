/**
 * Studies: a study file ({@code vary:} and {@code variants:} over YAML paths of a design) read into its
 * points, each a copy of the design with some values set, bound and checked before anything runs — a value
 * is written into the parsed YAML tree by its path before binding, so a mistake is reported at the study
 * line that caused it. Builds on {@code design} and {@code yaml}; {@code io.headroom.experiment} sweeps the
 * points. See docs/studies.md.
 */
package io.headroom.study;
