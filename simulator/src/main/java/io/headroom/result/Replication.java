package io.headroom.result;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The replications behind a summary of means: how many, and the half-widths of the Student-t 95 %
 * confidence intervals ({@code ci95}), a sparse copy of the summary's shape (a key is there when
 * some replication had a number at that place; null where the half-width is unknown). The
 * half-widths are read as a {@link Summary} (NaN where absent or null); their JSON is kept as
 * written, since which keys are absent is a fact of the replications, not of the means.
 */
public final class Replication {
    private final int count;
    private final ObjectNode json;
    private final Summary halfWidths;

    public Replication(int count, ObjectNode json) {
        this.count = count;
        this.json = json.deepCopy();
        this.halfWidths = SummaryCodec.read(json);
    }

    public int count() {
        return count;
    }

    /** The half-widths, typed like the means they belong to. */
    public Summary halfWidths() {
        return halfWidths;
    }

    /** {@code ci95} as written. */
    ObjectNode json() {
        return json.deepCopy();
    }
}
