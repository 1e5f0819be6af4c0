/**
 * {@code headroom import traces}: a design and a load profile inferred from distributed traces. Spans are grouped
 * into traces as they stream in ({@link io.headroom.validation.importer.TraceAssembler}), each closed trace is read
 * for what it shows — the requests each service served, their own time, the calls they made, in parallel or one
 * after another, how many ran at once on an instance, when the requests arrived
 * ({@link io.headroom.validation.importer.TraceStatistics}) — and the totals become a model
 * ({@link io.headroom.validation.importer.ImportedModel}) written as YAML with a report of what was inferred and how
 * well each fit holds ({@link io.headroom.validation.importer.ModelWriter}). Memory is bounded: open traces within a
 * grace period, a fixed reservoir of samples per endpoint, one counter per arrival window.
 */
package io.headroom.validation.importer;
