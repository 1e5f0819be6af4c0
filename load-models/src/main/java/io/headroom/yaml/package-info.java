/**
 * YAML binding with errors a person can act on: a {@link io.headroom.yaml.YamlDocument} remembers where
 * every key and value stands, so that a problem found by Jackson or by a record's own checks
 * ({@link io.headroom.yaml.FieldError}) is reported as {@code FILE:LINE:COL: PATH: message} in YAML terms,
 * with a likely spelling for a misspelt key; every located error of an input travels in one
 * {@link io.headroom.yaml.BadInputException} (the command line's exit status 2). Also the value types users
 * write with a unit, durations such as {@code 250ms}. Depends on nothing of Headroom; every configuration
 * record, the load profile's and the design's alike, is bound through it, and nothing else reads raw YAML.
 * The deserializer of a record another holds is built when a document first holds one ({@link io.headroom.yaml.LazyBeans}),
 * so that a short design does not pay for every part a design can have.
 */
package io.headroom.yaml;
