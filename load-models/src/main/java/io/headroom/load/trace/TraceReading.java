package io.headroom.load.trace;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What an arrival stream does when the trace file it reads as its arrivals are pulled ({@link ClfArrivals},
 * {@link CsvArrivals}) fails or ends: the file is closed quietly (it was only read), and a failure to read
 * it becomes an unchecked exception — the file was fine when the profile was read, so this is an I/O error
 * or a file changed since ({@link TraceReplay#changed}).
 */
final class TraceReading {
    private TraceReading() {
    }

    /** Closes {@code source} if it is not null, ignoring a checked failure: the file was only read. */
    static void closeQuietly(AutoCloseable source) {
        if (source != null) {
            try {
                source.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception ignored) {
                // nothing was written; the file was only read
            }
        }
    }

    /** The unchecked exception to throw for {@code e}, an {@link IOException} or a {@link TraceException}. */
    static RuntimeException failure(TraceReplay replay, Exception e) {
        if (e instanceof TraceException changed) {
            return replay.changed(changed);
        }
        return new UncheckedIOException("trace file " + replay.file() + ": cannot read it", (IOException) e);
    }
}
