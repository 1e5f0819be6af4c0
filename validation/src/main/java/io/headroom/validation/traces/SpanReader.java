package io.headroom.validation.traces;

import io.headroom.yaml.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one export file as a stream: each span is handed to the sink as soon as it is complete, so a file of any size
 * is read in bounded memory. Files ending in {@code .gz} are read through gzip. A file that does not follow the
 * format's schema (bad JSON, a truncated file, a missing id or time) is a {@link BadInputException} naming the file,
 * the line and column, and the JSON path; spans handed over before the error stay handed over.
 */
public interface SpanReader {
    void read(Path file, Consumer<Span> sink) throws BadInputException, IOException;

    /**
     * What this reader assumed or corrected in the files it has read so far, one sentence each (a default service name
     * given, Zipkin's shared spans split), for the import's report; empty when it took everything as written.
     */
    default List<String> notes() {
        return List.of();
    }
}
