package io.headroom.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.result.RunSummary;
import io.headroom.result.Summary;
import io.headroom.result.SummaryCodec;
import io.headroom.run.RunResult;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code summary.json}'s text: the contract outside scripts read (keys as in DESIGN.md's "Results").
 * Latencies in milliseconds over successful requests, every error cause present, keys in a fixed
 * order ({@link SummaryCodec}) and numbers rounded ({@link RunSummary}), pretty-printed with the
 * project's spacing, so that the same run gives the same bytes.
 */
public final class SummaryJson {
    /** Bumped when a key changes meaning or disappears; adding keys does not bump it. */
    public static final int SCHEMA_VERSION = Summary.SCHEMA_VERSION;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    public static ObjectNode toJson(RunResult r) {
        return SummaryCodec.write(RunSummary.of(r));
    }

    /** The summary's {@code summary.json} text. */
    public static String render(Summary s) throws IOException {
        return render(SummaryCodec.write(s));
    }

    /** The summary in {@code summary.json}'s text. */
    public static Summary parse(String text) throws IOException {
        return SummaryCodec.read(JSON.readTree(text));
    }

    public static String render(RunResult r) throws IOException {
        return render(toJson(r));
    }

    /** Pretty JSON with the project's spacing, ending in a newline. */
    static String render(ObjectNode json) throws IOException {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator("")
                .withObjectEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return JSON.writer(pp).writeValueAsString(json) + "\n";
    }

    public static void write(Path file, RunResult r) throws IOException {
        AtomicFiles.write(file, render(r));
    }

    /** Stages summary.json beside {@code file} (see {@link AtomicFiles#commit}). */
    public static Path stage(Path file, RunResult r) throws IOException {
        String text = render(r);
        return AtomicFiles.stage(file, w -> w.write(text));
    }
}
