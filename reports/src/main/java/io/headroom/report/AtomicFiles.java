package io.headroom.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes output files so that a reader never sees half of one: the content goes to a temporary
 * file beside the target ({@link #stage}), which is then renamed over it ({@link #commit}). An
 * interrupted run leaves the previous file (or none), never a truncated one. Staging every file
 * of a result before committing any keeps a failure from leaving a mix of old and new files.
 */
public final class AtomicFiles {
    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {
    }

    /** Something that writes a whole file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /**
     * Writes {@code content} to a new temporary file in {@code target}'s folder (created if need
     * be) and returns it. The file gets the folder's default permissions, as the target would.
     */
    public static Path stage(Path target, Content content) throws IOException {
        Path tmp = tempBeside(target);
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            content.writeTo(w);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    /** Something that writes a whole binary file's content (an image). */
    @FunctionalInterface
    public interface BinaryContent {
        void writeTo(OutputStream out) throws IOException;
    }

    /** As {@link #stage}, for binary content. */
    public static Path stageBytes(Path target, BinaryContent content) throws IOException {
        Path tmp = tempBeside(target);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            content.writeTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    /** A fresh temporary file name in {@code target}'s folder, which is created if need be. */
    private static Path tempBeside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + COUNTER.incrementAndGet() + ".tmp");
    }

    /** Renames a staged file over its target, atomically where the file system allows. */
    public static void commit(Path staged, Path target) throws IOException {
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    public static void write(Path target, Content content) throws IOException {
        commit(stage(target, content), target);
    }

    public static void write(Path target, String text) throws IOException {
        write(target, w -> w.write(text));
    }
}
