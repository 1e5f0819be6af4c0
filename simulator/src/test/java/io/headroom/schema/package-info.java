/**
 * The JSON Schemas of designs, profiles and studies ({@code schemas/}), for editors: generated from the configuration
 * records as the binder reads them ({@code ConfigSchemas}, with the records' sources read by {@code RecordSource} and the
 * binder's scalar forms in {@code YamlShapes}), and tested against the binder: the committed files are the generated ones,
 * every example and README snippet is valid, and the schema refuses what the binder refuses. Test sources only: nothing
 * here goes into the command line's jar. See docs/schemas.md.
 */
package io.headroom.schema;
